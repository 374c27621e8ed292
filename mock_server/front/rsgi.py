"""The fake behind granian's RSGI interface: request bodies read off the app's threads.

Under granian's WSGI interface a request takes one of the worker's Python
threads as soon as its headers are in, and keeps it while the app reads the
body: a client that announces 1,000 bytes and sends 10 holds that thread
for as long as it keeps the connection open, and with one thread nobody
else is answered meanwhile (a read cannot be given a time limit there, and
a thread blocked in it keeps the connection open after any answer). So
`ionq-mock serve` runs granian's RSGI interface with this adapter in front
of the WSGI app (mock_server/front/middleware.py's Front, then Flask):

- **Bodies are read on the event loop, with a deadline.** A request with a
  body (Content-Length or chunked) waits there, holding no thread, until
  the whole body is in; then the app runs in a pool of `threads` threads.
  A body not finished within `body_timeout_s` of the headers is answered
  408, one that ends early (the client closed before its last chunk, or
  before its Content-Length) 400, a chunked one that grows past the body
  limit 413, all with IonQ's JSON error body and `Connection: close`; the
  unread rest is dropped and granian closes the connection. A
  Content-Length over the limit is not read at all: the app answers 413
  when it asks for the body, as it always has.
- **Kept answers are served where granian dispatches the request.**
  granian hands each request from its I/O thread to the event loop, and
  that hop costs about as much as a kept answer itself (bench: 20 µs of
  CPU per request for a bare RSGI answer against 14 µs for a bare WSGI
  one). The hop is made by the worker's one dispatch thread calling
  `loop.call_soon_threadsafe(start, coroutine, watcher)`; `__rsgi_init__`
  puts `_dispatch` in that method's place on the worker's loop, and it
  answers a GET or HEAD whose answer is kept right there (the Front logs
  it), closing the coroutine unstarted. With one app thread (the default)
  it also runs the app there for a request without a body, as granian's
  one WSGI thread did: nothing to wait for, and no hop to the loop, a
  thread and back (a sixth of a full request's cost). Anything else, and any call that
  is not such a dispatch, goes on to the loop as before. That call is
  granian's own business, not part of RSGI: if a granian release makes it
  differently, nothing is intercepted and every request takes the loop's
  route, where kept answers are served too, the same, only slower
  (contract_tests/fake/test_rsgi.py checks the shape against the
  installed granian; with a loop that cannot take the shortcut, uvloop's,
  kept answers are served from the loop).

What the app sees is the environ granian's WSGI interface would have built
(PATH_INFO as latin-1 of the percent-decoded bytes, `HTTP/1` for HTTP/1.0,
headers joined by commas, Content-Type and Content-Length without `HTTP_`),
and its answer goes out as it came, a cut one (a `drop` fault) included:
the status line and headers, then the connection closes.
"""

from __future__ import annotations

import asyncio
import io
import logging
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from mock_server.controls.interruptions import Interrupted
from mock_server.front.middleware import Front
from mock_server.wire.cors import ALLOW_ORIGIN
from mock_server.wire.errors import PAYLOAD_TOO_LARGE_MESSAGE, error_body
from mock_server.wire.responses import JSON_MEDIA_TYPE, encode

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment as Environ

logger = logging.getLogger(__name__)

_READS = frozenset({"GET", "HEAD"})
# How long a cut answer's headers are given to leave before the connection is
# closed: granian sends them once it finds the body waiting; a body that has
# already ended would have it send `Content-Length: 0` and keep the connection.
CUT_GRACE_S = 0.02
_EMPTY = b""


class BodyError(Exception):
    """Why a request's body was not read whole; answered before the app sees it."""

    status = 400


class BodyCutError(BodyError):
    """The body ended before its last chunk or its Content-Length."""


class BodyTooLargeError(BodyError):
    """A chunked body went over the limit."""

    status = 413


def wsgi_path(path: str) -> str:
    """RSGI's path (percent-decoded, as UTF-8) as WSGI's PATH_INFO (the bytes as latin-1)."""
    return path if path.isascii() else path.encode("utf-8", "surrogateescape").decode("latin-1")


def _host(address: str) -> tuple[str, str]:
    """`127.0.0.1:8000` or `[::1]:8000` as (host, port)."""
    host, _, port = address.rpartition(":")
    return host.strip("[]"), port


def _header(headers: Any, name: str) -> str | None:
    """One request header as granian's WSGI environ has it: values joined by commas,
    "" for a value that is not visible ASCII; None when absent."""
    value = headers.get(name)
    if value is not None:
        return str(value)
    return ",".join(headers.get_all(name)) if name in headers else None


def environ_of(scope: Any) -> Environ:
    """The WSGI environ of an RSGI request, as granian's WSGI interface builds it."""
    server_name, server_port = _host(scope.server)
    headers = scope.headers
    environ: Environ = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": wsgi_path(scope.path),
        "QUERY_STRING": scope.query_string,
        "SERVER_PROTOCOL": "HTTP/" + scope.http_version,
        "SERVER_NAME": server_name,
        "SERVER_PORT": server_port,
        "REMOTE_ADDR": _host(scope.client)[0],
        "GATEWAY_INTERFACE": "CGI/1.1",
        "SERVER_SOFTWARE": "Granian",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.input_terminated": True,
    }
    for name in headers.keys():  # noqa: SIM118 - RSGI headers iterate their keys by keys()
        values = headers.get_all(name)
        if name == "content-type":
            environ["CONTENT_TYPE"] = ",".join(values)
        elif name == "content-length":
            environ["CONTENT_LENGTH"] = ",".join(values)
        else:
            joiner = ";" if name == "cookie" else ","
            environ["HTTP_" + name.upper().replace("-", "_")] = joiner.join(values)
    if "HTTP_HOST" not in environ:
        environ["HTTP_HOST"] = scope.authority or ""
    return environ


class RsgiFront:
    """An RSGI application (`__rsgi__`) serving the fake's WSGI app: see the module's docstring."""

    def __init__(
        self,
        front: Front,
        *,
        max_body_bytes: int,
        body_timeout_s: float,
        threads: int = 1,
    ) -> None:
        self.front = front
        self.max_body_bytes = max_body_bytes
        self.body_timeout_s = body_timeout_s
        self.threads = threads
        self._key_headers = front.key_header_names
        self._pool: ThreadPoolExecutor | None = None
        self._watcher_type: type | None = None
        self._forward: Callable[..., Any] | None = None

    # -- the worker's life (granian calls these in each worker process) -----------------

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start the app's threads (a forked worker has none) and serve kept answers at dispatch."""
        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="ionq-mock request")
        self._forward = loop.call_soon_threadsafe
        try:
            loop.call_soon_threadsafe = self._dispatch  # type: ignore[method-assign,assignment]
        except AttributeError:  # a loop of C types (uvloop): every request takes the loop's route
            self._forward = None

    def __rsgi_del__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Put the loop back as it was and let the app's threads go."""
        if self._forward is not None:
            del loop.call_soon_threadsafe
            self._forward = None
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    # -- kept answers, at dispatch ------------------------------------------------------

    def _dispatch(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`loop.call_soon_threadsafe`, answering a request whose answer is kept on the spot."""
        forward = self._forward
        assert forward is not None  # noqa: S101 - installed only together
        if len(args) == 2 and self._is_watcher(args[1]) and self._answer_here(args[1]):
            args[0].close()  # the request's coroutine, never started
            return None
        return forward(callback, *args, **kwargs)

    def _answer_here(self, watcher: Any) -> bool:
        """Answer in the dispatch thread what needs no waiting: a kept answer and, with
        one app thread, any request without a body (as granian's WSGI thread did)."""
        if self._answer_kept(watcher):
            return True
        if self.threads != 1:
            return False
        scope = watcher.scope
        headers = scope.headers
        if "transfer-encoding" in headers or _header(headers, "content-length") not in (None, "0"):
            return False
        status, answer_headers, data, cut = self._call(environ_of(scope))
        if not cut:
            watcher.proto.response_bytes(status, answer_headers, data)
            return True
        # A cut answer (a `drop` fault, a test's): its headers, what it sent, then the
        # transport goes, which cuts the connection; held CUT_GRACE_S for the headers.
        transport = watcher.proto.response_stream(status, answer_headers)
        if data:
            transport.send_bytes(data)  # sent on the call; what it returns needs no await
        time.sleep(CUT_GRACE_S)
        del transport
        return True

    def _is_watcher(self, candidate: Any) -> bool:
        """Whether a dispatched argument is granian's handle of an HTTP request."""
        kind = type(candidate)
        if kind is self._watcher_type:
            return True
        if self._watcher_type is None and _is_http_watcher(candidate):
            self._watcher_type = kind
            return True
        return False

    def _answer_kept(self, watcher: Any) -> bool:
        """Send the kept answer to the watcher's request; False when it has none."""
        try:
            scope = watcher.scope
            method = scope.method
            if method not in _READS:
                return False
            answer = self.front.kept(self._key_environ(scope, method))
        except Exception:  # never lose a request to the shortcut: the loop's route answers it
            logger.exception("the fast path failed; the request goes the long way")
            return False
        if answer is None:
            return False
        watcher.proto.response_bytes(int(answer.status[:3]), answer.headers, answer.body)
        return True

    def _key_environ(self, scope: Any, method: str) -> Environ:
        """What Front.kept reads of a request: what a kept answer is looked up and logged by."""
        headers = scope.headers
        environ: Environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": wsgi_path(scope.path),
            "QUERY_STRING": scope.query_string,
            "SERVER_PROTOCOL": "HTTP/" + scope.http_version,
            "REMOTE_ADDR": _host(scope.client)[0],
        }
        if "content-length" in headers:
            environ["CONTENT_LENGTH"] = _header(headers, "content-length")
        if "transfer-encoding" in headers:
            environ["HTTP_TRANSFER_ENCODING"] = _header(headers, "transfer-encoding")
        for name in self._key_headers:
            value = _header(headers, name)
            if value is not None:
                environ["HTTP_" + name.upper().replace("-", "_")] = value
        return environ

    # -- every other request, on the loop -----------------------------------------------

    async def __rsgi__(self, scope: Any, proto: Any) -> None:
        """Read the body with a deadline, then run the app in a thread and send its answer."""
        if self._forward is None and scope.method in _READS:
            # No shortcut at dispatch (a loop that takes none): kept answers from here.
            answer = self.front.kept(self._key_environ(scope, scope.method))
            if answer is not None:
                proto.response_bytes(int(answer.status[:3]), answer.headers, answer.body)
                return
        arrived = time.time(), time.perf_counter()
        environ = environ_of(scope)
        if _has_body(environ):
            try:
                body = await asyncio.wait_for(self._body(environ, proto), self.body_timeout_s)
            except TimeoutError:
                seconds = f"{self.body_timeout_s:g}"
                message = f"The request body did not arrive within {seconds} s."
                self._refuse(proto, environ, arrived, 408, message)
                return
            except BodyError as error:
                self._refuse(proto, environ, arrived, error.status, str(error))
                return
            environ["wsgi.input"] = io.BytesIO(body)
        loop = asyncio.get_running_loop()
        status, headers, data, cut = await loop.run_in_executor(self._pool, self._call, environ)
        if not cut:
            proto.response_bytes(status, headers, data)
            return
        # The app's answer was cut off (a `drop` fault): its headers, what it sent, no more.
        transport = proto.response_stream(status, headers)
        if data:
            await transport.send_bytes(data)
        else:
            await asyncio.sleep(CUT_GRACE_S)

    async def _body(self, environ: Environ, proto: Any) -> bytes:
        """The whole body; BodyError when it cannot be had. A Content-Length over
        the limit reads nothing: the app refuses it if it asks for the body."""
        if "HTTP_TRANSFER_ENCODING" in environ:  # granian accepts only chunked bodies
            return await self._chunked(proto)
        declared = environ["CONTENT_LENGTH"].partition(",")[0].strip()  # granian checked it
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return _EMPTY
        try:
            return bytes(await proto())
        except RuntimeError:  # granian's RSGIProtocolError: the stream broke off
            raise BodyCutError(
                f"The request body ended before its Content-Length "
                f"({environ['CONTENT_LENGTH']} bytes)."
            ) from None

    async def _chunked(self, proto: Any) -> bytes:
        """A chunked body, up to the limit.

        granian hands out each chunk, then an empty one where the body ends,
        after which the stream is done (StopAsyncIteration). A stream that
        broke off (the client closed, a bad chunk) gives an empty chunk and
        then another: so does a body with trailers, which no IonQ client sends.
        """
        parts: list[bytes] = []
        size = 0
        chunks = proto.__aiter__()
        while True:
            try:
                chunk = await chunks.__anext__()
            except StopAsyncIteration:
                break
            if chunk:
                size += len(chunk)
                if size > self.max_body_bytes:
                    raise BodyTooLargeError(PAYLOAD_TOO_LARGE_MESSAGE)
                parts.append(bytes(chunk))
                continue
            try:
                await chunks.__anext__()
            except StopAsyncIteration:
                return b"".join(parts)
            break
        raise BodyCutError("The request body ended before its last chunk.")

    def _refuse(
        self,
        proto: Any,
        environ: Environ,
        arrived: tuple[float, float],
        status: int,
        message: str,
    ) -> None:
        """Answer in IonQ's error body and close the connection; log it like any answer."""
        body = encode(error_body(status, message))
        proto.response_bytes(
            status,
            [
                ("Content-Type", JSON_MEDIA_TYPE),
                ("Content-Length", str(len(body))),
                (ALLOW_ORIGIN, "*"),
                ("Connection", "close"),
            ],
            body,
        )
        self.front.record(environ, status, arrived)

    def _call(self, environ: Environ) -> tuple[int, list[tuple[str, str]], bytes, bool]:
        """Run the app (in one of the threads): status, headers, body, and whether it was cut."""
        started: list[Any] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Any:
            if exc_info is not None and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [status, headers]
            return _write_refused

        result: Iterable[bytes] = self.front(environ, start_response)
        parts: list[bytes] = []
        cut = False
        try:
            parts.extend(result)
        except Interrupted:
            cut = True
        except Exception:
            logger.exception("the app failed while sending its answer; the connection is cut")
            cut = True
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = started
        return int(status[:3]), headers, b"".join(parts), cut


def _write_refused(_data: bytes) -> None:
    raise NotImplementedError("the fake's app never uses WSGI's write()")


def _has_body(environ: Environ) -> bool:
    return "HTTP_TRANSFER_ENCODING" in environ or environ.get("CONTENT_LENGTH", "0") not in (
        "",
        "0",
    )


def _is_http_watcher(candidate: Any) -> bool:
    scope = getattr(candidate, "scope", None)
    return getattr(scope, "proto", None) == "http" and hasattr(candidate, "proto")
