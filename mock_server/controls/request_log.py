"""The log of requests the fake received, for tests to read back.

A test of retry logic wants to know what its code actually sent: how many
attempts, how far apart, which answered 503. Each app keeps the most recent
requests to its API (not to the admin API) in a bounded deque, so a
long-running fake never grows. The `Authorization` value is logged with its
credential replaced, so keys never reach a log, a CI artefact or a screen.

Requests are logged by the front of the server (mock_server/front), for
the answers Flask computes and those the fast path serves again alike.
Clearing the log starts a new generation: a request that began before the
clear (a slow one whose client already gave up, say) is not logged when it
finishes, so it never shows up in the log of the test that reset the fake.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

from mock_server.wire.responses import instant

DEFAULT_SIZE = 1000
REDACTED = "<redacted>"
SKIPPED_PREFIX = "/__admin"


class LoggedRequest(NamedTuple):
    """One request and how it was answered.

    A named tuple, not a frozen dataclass: one is made for every request,
    and a frozen dataclass sets each field through object.__setattr__ (about
    1 µs a request, a tenth of a kept answer's time).
    """

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
        return [{**entry._asdict(), "time": _rfc3339(entry.time)} for entry in kept]

    def clear(self) -> None:
        """Forget every logged request."""
        with self._lock:
            self._entries.clear()
            self._generation += 1


def _rfc3339(timestamp: float) -> str:
    return instant(datetime.fromtimestamp(timestamp, UTC))


def request_path(environ: Mapping[str, Any]) -> str:
    """The path as logged: PATH_INFO decoded as werkzeug decodes `request.path`."""
    path = str(environ.get("PATH_INFO", "")).encode("latin-1").decode(errors="replace")
    return "/" + path.lstrip("/")


def is_logged(path_info: str) -> bool:
    """Whether a request to this path goes in the log (the admin API's own do not)."""
    return not path_info.startswith(SKIPPED_PREFIX)
