"""Interrupted answers: a connection dropped after the headers, a delay that outlasts the client.

A fault (a rule, or `Prefer: drop` / `delay=`) notes the request
(mock_server/wire/notes.py); the answer is then cut off as a real network
would cut it. Under granian the status line and headers go out and the
connection closes; in process (mock_server/harness/transport.py) the same
notes become the httpx exceptions a socket would have raised. Kept apart
from the fault rules (mock_server/controls/faults.py) because Prefer
scenarios use it too.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from time import sleep  # a module attribute: tests record delays instead of waiting
from typing import Any

from flask import Flask, Response, request

from mock_server.wire import notes


class Interrupted(Exception):  # noqa: N818 - named for what happens to the connection
    """Raised while a response body is sent, so that the server cuts the connection."""


class ConnectionDropped(Interrupted):
    """A fault dropped the connection (granian closes it after the headers)."""


class TimedOut(Interrupted):
    """An injected delay outlasted the in-process client's read timeout."""


def pause(seconds: float, environ: MutableMapping[str, Any]) -> Response | None:
    """Sleep for an injected delay; a timed-out answer if the in-process client
    would have given up first (over a socket, the client's own timeout does that)."""
    limit = notes.read_timeout_of(environ)
    if limit is not None and seconds > limit:
        sleep(limit)
        return interrupted_response(TimedOut(f"the fake IonQ delayed the answer by {seconds} s"))
    sleep(seconds)
    return None


class _InterruptedResponse(Response):
    """A response whose body raises instead of being sent: the server cuts the connection.

    Under granian the status line and headers (with the full Content-Length)
    go out, then the connection closes, and the client reports an incomplete
    answer (httpx: RemoteProtocolError). A HEAD answer has no body to cut, so
    granian sends it whole; cut_dropped leaves HEAD alone for that reason.
    """

    interruption: Interrupted = ConnectionDropped("connection dropped")

    def get_app_iter(self, environ: Any) -> Any:  # noqa: ARG002 - every method is cut
        return _Raising(self.interruption)


class _Raising:
    """A body iterator that raises on the first chunk, while the server sends it."""

    def __init__(self, error: Interrupted) -> None:
        self.error = error

    def __iter__(self) -> _Raising:
        return self

    def __next__(self) -> bytes:
        raise self.error


def interrupted_response(error: Interrupted, like: Response | None = None) -> Response:
    """A response that cuts the connection after the headers of `like` (or a bare 200)."""
    cut = _InterruptedResponse(status=like.status_code if like is not None else 200)
    if like is not None:
        cut.headers = like.headers.copy()
        cut.headers["Content-Length"] = str(len(like.get_data()))
    cut.interruption = error
    return cut


def cut_dropped(response: Response) -> Response:
    """after_request hook: cut the connection of a request a fault marked to drop."""
    reason = notes.drop_of(request.environ)
    if reason is None or request.method == "HEAD":  # no body to cut: granian sends none
        return response
    return interrupted_response(ConnectionDropped(f"connection dropped by {reason}"), response)


def install(app: Flask) -> None:
    """Register the hook that carries out `drop` faults on `app`."""
    app.after_request(cut_dropped)
