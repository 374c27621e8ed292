"""The log of requests the fake received, for tests to read back.

A test of retry logic wants to know what its code actually sent: how many
attempts, how far apart, which answered 503. Each app keeps the most recent
requests to its API (not to the admin API) in a bounded deque, so a
long-running fake never grows. The `Authorization` value is logged with its
credential replaced, so keys never reach a log, a CI artefact or a screen.

Clearing the log starts a new generation: a request that began before the
clear (a slow one whose client already gave up, say) is not logged when it
finishes, so it never shows up in the log of the test that reset the fake.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, request

from mock_server.api.jobs import JOB_ID_KEY
from mock_server.controls.interruptions import SCENARIO_KEY
from mock_server.wire.responses import instant

DEFAULT_SIZE = 1000
REDACTED = "<redacted>"
_START_KEY = "ionq_mock.started"
_SKIPPED_PREFIX = "/__admin"


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request and how it was answered."""

    time: float  # when it arrived (seconds since the epoch); shown as RFC 3339 UTC
    method: str
    path: str
    query: str
    status: int
    duration_ms: float
    scenario: str | None  # what answered instead of the stored state (Prefer, a fault, the limit)
    authorization: str | None  # scheme kept, credential redacted
    job_id: str | None = None  # the job the request concerned (created, read, canceled ...)


def redact(authorization: str | None) -> str | None:
    """`apiKey abc123` becomes `apiKey <redacted>`; the credential never survives."""
    if authorization is None:
        return None
    scheme, space, _credential = authorization.strip().partition(" ")
    return f"{scheme} {REDACTED}" if space else REDACTED


class RequestLog:
    """The last `size` requests of one app, oldest first. Thread-safe."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._entries: deque[LoggedRequest] = deque(maxlen=size)
        self._lock = threading.Lock()
        self._generation = 0

    @property
    def generation(self) -> int:
        """Advanced by every clear; a request remembers the one it started in."""
        return self._generation

    @property
    def size(self) -> int:
        """How many requests are kept at most."""
        return self._entries.maxlen or 0

    def resize(self, size: int) -> None:
        """Keep at most `size` requests from now on (the newest of those kept so far)."""
        if size < 1:
            raise ValueError(f"a request log keeps at least 1 request, not {size}")
        with self._lock:
            self._entries = deque(self._entries, maxlen=size)

    def add(self, entry: LoggedRequest, generation: int | None = None) -> None:
        """Keep `entry`, forgetting the oldest one when full.

        With the `generation` its request started in, an entry from before
        the last clear is dropped.
        """
        with self._lock:
            if generation is None or generation == self._generation:
                self._entries.append(entry)

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The logged requests as JSON objects, oldest first; the last `limit` if given."""
        with self._lock:
            kept = list(self._entries)
        if limit is not None:
            kept = kept[-limit:] if limit else []
        # Formatted here, not per request: reading the log is rare, requests are not.
        return [{**asdict(entry), "time": _rfc3339(entry.time)} for entry in kept]

    def clear(self) -> None:
        """Forget every logged request."""
        with self._lock:
            self._entries.clear()
            self._generation += 1


def _rfc3339(timestamp: float) -> str:
    return instant(datetime.fromtimestamp(timestamp, UTC))


def install(app: Flask, log: RequestLog) -> None:
    """Log every request `app` answers outside the admin API into `log`."""

    # Both hooks run on every request: they read the WSGI environ directly,
    # once, instead of going through Flask's request proxy for each field.
    def start() -> None:
        environ = request.environ
        if not environ.get("PATH_INFO", "").startswith(_SKIPPED_PREFIX):
            environ[_START_KEY] = (time.time(), time.perf_counter(), log.generation)

    def finish(response: Response) -> Response:
        environ = request.environ
        started = environ.get(_START_KEY)
        if started is not None:
            wall, clock, generation = started
            log.add(
                LoggedRequest(
                    time=wall,
                    method=environ["REQUEST_METHOD"],
                    path=request.path,
                    query=environ.get("QUERY_STRING", ""),
                    status=response.status_code,
                    duration_ms=round((time.perf_counter() - clock) * 1000, 3),
                    scenario=environ.get(SCENARIO_KEY),
                    authorization=redact(environ.get("HTTP_AUTHORIZATION")),
                    job_id=environ.get(JOB_ID_KEY),
                ),
                generation,
            )
        return response

    app.before_request(start)
    app.after_request(finish)
