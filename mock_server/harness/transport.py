"""An in-process httpx transport to a fake IonQ app that fails like a socket would.

httpx.WSGITransport calls the app directly, which is fast but hides what
the network does: an app that cuts the connection raises its own exception,
and a client's timeout is never applied. FakeTransport turns the fake's
injected faults into what httpx raises over a real connection:

- a dropped connection (`Prefer: drop`, a `drop` fault) becomes
  httpx.RemoteProtocolError, as when granian closes the socket mid-answer;
- a delay longer than the request's read timeout becomes httpx.ReadTimeout
  after the timeout has passed: the app is told the timeout (in the WSGI
  environ) and gives up waiting at that point.

Synchronous only, like httpx.WSGITransport.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import httpx

from mock_server.controls.interruptions import ConnectionDropped, Interrupted, TimedOut
from mock_server.wire import notes

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_read_timeout: ContextVar[float | None] = ContextVar("ionq_mock_read_timeout", default=None)


def _translate(error: Interrupted, request: httpx.Request) -> httpx.TransportError:
    if isinstance(error, TimedOut):
        return httpx.ReadTimeout(f"timed out: {error}", request=request)
    if isinstance(error, ConnectionDropped):
        return httpx.RemoteProtocolError(f"server disconnected: {error}", request=request)
    return httpx.ReadError(str(error), request=request)


class _Stream(httpx.SyncByteStream):
    """The app's body, with an interruption raised as the transport error it stands for."""

    def __init__(self, inner: httpx.SyncByteStream, request: httpx.Request) -> None:
        self._inner = inner
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._inner
        except Interrupted as exc:
            raise _translate(exc, self._request) from exc

    def close(self) -> None:
        self._inner.close()


class FakeTransport(httpx.WSGITransport):
    """httpx.WSGITransport to a fake IonQ app, with dropped connections and timeouts."""

    def __init__(self, app: WSGIApp, **options: Any) -> None:
        def with_read_timeout(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            timeout = _read_timeout.get()
            if timeout is not None:
                notes.note_read_timeout(environ, timeout)
            return app(environ, start_response)

        super().__init__(app=with_read_timeout, **options)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Call the app; raise the transport error a socket would have given."""
        timeouts = request.extensions.get("timeout") or {}
        token = _read_timeout.set(timeouts.get("read"))
        try:
            response = super().handle_request(request)
        except Interrupted as exc:
            raise _translate(exc, request) from exc
        finally:
            _read_timeout.reset(token)
        assert isinstance(response.stream, httpx.SyncByteStream)  # noqa: S101 - WSGI is sync
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Stream(response.stream, request),
            extensions=response.extensions,
        )
