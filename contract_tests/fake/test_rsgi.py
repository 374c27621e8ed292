"""The RSGI front (mock_server/front/rsgi.py) without a server: dispatch, environ, settings.

The live behaviour (slow bodies, 408, 413, 400) is in test_slow_clients.py.
Here: that kept answers are taken at granian's dispatch, checked against the
dispatch function of the granian installed, and that the app sees the
environ granian's WSGI interface would have given it.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest
from granian._futures import _cbsched_aioschedule  # what granian's workers dispatch with

from mock_server.app import create_app
from mock_server.front.middleware import Front
from mock_server.front.rsgi import RsgiFront, environ_of, wsgi_path
from mock_server.settings import (
    DEFAULT_BODY_TIMEOUT_S,
    ServerSettings,
    SettingError,
    server_settings_from_env,
)

PATH = "/v0.4/backends/qpu.aria-1"


class Headers:
    """RSGI's request headers: lower-case names, several values a name."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in pairs:
            self._values.setdefault(name, []).append(value)

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def keys(self) -> list[str]:
        return list(self._values)

    def get(self, name: str, default: Any = None) -> Any:
        values = self._values.get(name)
        return values[0] if values else default

    def get_all(self, name: str) -> list[str]:
        return list(self._values.get(name, []))


class Scope:
    """An RSGI HTTP scope, as granian gives it."""

    proto = "http"
    scheme = "http"
    server = "127.0.0.1:8000"
    client = "127.0.0.1:50000"

    def __init__(
        self,
        *,
        method: str = "GET",
        path: str = PATH,
        query_string: str = "",
        headers: list[tuple[str, str]] | None = None,
        http_version: str = "1.1",
        authority: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.query_string = query_string
        self.headers = Headers(headers or [("host", "fake")])
        self.http_version = http_version
        self.authority = authority


class Proto:
    """RSGI's protocol object: records the answer."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, list[tuple[str, str]], bytes]] = []

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.answers.append((status, headers, body))


class Watcher:
    """granian's handle of one HTTP request, as its dispatch passes it."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.proto = Proto()


@pytest.fixture(params=[2], ids=["2 threads"])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[RsgiFront, asyncio.AbstractEventLoop]]:
    """The front on a loop of its own, with GET PATH already answered once (so kept).

    With two app threads (the plugin's four alike) only kept answers are given at
    dispatch; with one, every request without a body is (as granian's WSGI thread did).
    """
    app = create_app()
    assert app.test_client().get(PATH).status_code == 200
    front = app.wsgi_app
    assert isinstance(front, Front)
    rsgi = RsgiFront(front, max_body_bytes=10, body_timeout_s=1.0, threads=request.param)
    loop = asyncio.new_event_loop()
    rsgi.__rsgi_init__(loop)
    yield rsgi, loop
    rsgi.__rsgi_del__(loop)
    loop.close()


def _dispatcher(
    loop: asyncio.AbstractEventLoop, started: list[Watcher]
) -> Callable[[Watcher], None]:
    """granian's own dispatch of a request to the loop, with a coroutine that notes it ran."""

    def coroutine_of(watcher: Watcher) -> Coroutine[Any, Any, None]:
        async def run() -> None:
            started.append(watcher)

        return run()

    dispatch_of: Callable[..., Callable[[Watcher], None]] = _cbsched_aioschedule
    return dispatch_of(loop, contextvars.copy_context(), coroutine_of)


def test_a_kept_answer_is_sent_at_dispatch_without_the_loop(
    served: tuple[RsgiFront, asyncio.AbstractEventLoop],
) -> None:
    rsgi, loop = served
    started: list[Watcher] = []
    watcher = Watcher(Scope())
    _dispatcher(loop, started)(watcher)
    loop.run_until_complete(asyncio.sleep(0.01))
    ((status, headers, body),) = watcher.proto.answers
    assert status == 200
    assert ("Content-Type", "application/json") in headers
    assert b'"backend":"qpu.aria-1"' in body
    assert started == []  # the request never reached the loop
    logged = rsgi.front.controls.requests.entries()
    assert [(entry["method"], entry["path"], entry["status"]) for entry in logged][-1] == (
        "GET",
        PATH,
        200,
    )


@pytest.mark.parametrize(
    "scope",
    [
        Scope(path="/v0.4/backends/qpu.forte-1"),  # not answered yet: nothing kept
        Scope(method="POST"),
        Scope(headers=[("content-length", "2")]),  # a GET with a body
        Scope(headers=[("prefer", "example=degraded")]),  # kept under another key
    ],
    ids=["not kept", "POST", "GET with a body", "another Prefer"],
)
def test_anything_else_goes_on_to_the_loop(
    served: tuple[RsgiFront, asyncio.AbstractEventLoop], scope: Scope
) -> None:
    _rsgi, loop = served
    started: list[Watcher] = []
    watcher = Watcher(scope)
    _dispatcher(loop, started)(watcher)
    loop.run_until_complete(asyncio.sleep(0.01))
    assert started == [watcher]
    assert watcher.proto.answers == []


@pytest.mark.parametrize("served", [1], ids=["1 thread"], indirect=True)
def test_with_one_thread_a_request_without_a_body_is_answered_at_dispatch(
    served: tuple[RsgiFront, asyncio.AbstractEventLoop],
) -> None:
    _rsgi, loop = served
    started: list[Watcher] = []
    unknown = Watcher(Scope(path="/v0.4/backends/qpu.nowhere"))
    with_body = Watcher(Scope(method="POST", headers=[("content-length", "2")]))
    dispatch = _dispatcher(loop, started)
    dispatch(unknown)
    dispatch(with_body)
    loop.run_until_complete(asyncio.sleep(0.01))
    ((status, _headers, body),) = unknown.proto.answers
    assert status == 400  # not a backend name of the spec: the whole pipeline answered
    assert b'"statusCode":400' in body
    assert started == [with_body]  # a body is waited for on the loop


def test_other_calls_pass_through_the_dispatch(
    served: tuple[RsgiFront, asyncio.AbstractEventLoop],
) -> None:
    _rsgi, loop = served
    calls: list[tuple[int, int]] = []
    loop.call_soon_threadsafe(lambda a, b: calls.append((a, b)), 1, 2)
    loop.run_until_complete(asyncio.sleep(0.01))
    assert calls == [(1, 2)]


def test_the_loop_is_given_back_as_it_was() -> None:
    app = create_app()
    front = app.wsgi_app
    assert isinstance(front, Front)
    rsgi = RsgiFront(front, max_body_bytes=10, body_timeout_s=1.0)
    loop = asyncio.new_event_loop()
    try:
        rsgi.__rsgi_init__(loop)
        assert "call_soon_threadsafe" in vars(loop)
        rsgi.__rsgi_del__(loop)
        assert "call_soon_threadsafe" not in vars(loop)
    finally:
        loop.close()


def test_the_environ_is_granian_wsgi_s() -> None:
    scope = Scope(
        method="POST",
        path="/v0.4/caf\u00e9",
        query_string="a=1&b=%20",
        headers=[
            ("content-type", "application/json"),
            ("content-length", "12"),
            ("accept", "a"),
            ("accept", "b"),
            ("cookie", "x=1"),
            ("cookie", "y=2"),
            ("x-request-id", "7"),
        ],
        http_version="1",
        authority="fake:8000",
    )
    environ = environ_of(scope)
    assert {
        name: environ[name]
        for name in (
            "REQUEST_METHOD",
            "SCRIPT_NAME",
            "PATH_INFO",
            "QUERY_STRING",
            "SERVER_PROTOCOL",
            "SERVER_NAME",
            "SERVER_PORT",
            "REMOTE_ADDR",
            "CONTENT_TYPE",
            "CONTENT_LENGTH",
            "HTTP_ACCEPT",
            "HTTP_COOKIE",
            "HTTP_X_REQUEST_ID",
            "HTTP_HOST",
            "wsgi.url_scheme",
        )
    } == {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/v0.4/caf\u00c3\u00a9",  # the UTF-8 bytes, one character each
        "QUERY_STRING": "a=1&b=%20",
        "SERVER_PROTOCOL": "HTTP/1",  # granian's name for HTTP/1.0
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": "12",
        "HTTP_ACCEPT": "a,b",
        "HTTP_COOKIE": "x=1;y=2",
        "HTTP_X_REQUEST_ID": "7",
        "HTTP_HOST": "fake:8000",
        "wsgi.url_scheme": "http",
    }
    assert "HTTP_CONTENT_TYPE" not in environ
    assert environ["wsgi.input"].read() == b""


def test_an_ipv6_client_is_its_address() -> None:
    scope = Scope()
    scope.client = "[::1]:50000"
    assert environ_of(scope)["REMOTE_ADDR"] == "::1"


def test_an_ascii_path_is_kept_as_it_is() -> None:
    path = "/v0.4/backends/qpu.aria-1"
    assert wsgi_path(path) is path


def test_server_settings_come_from_the_environment() -> None:
    assert server_settings_from_env({}) == ServerSettings(1, DEFAULT_BODY_TIMEOUT_S)
    assert server_settings_from_env(
        {"IONQ_MOCK_THREADS": "4", "IONQ_MOCK_BODY_TIMEOUT": "2.5"}
    ) == ServerSettings(4, 2.5)


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf"])
def test_a_body_timeout_must_be_seconds_above_zero(value: str) -> None:
    with pytest.raises(SettingError, match="body timeout"):
        server_settings_from_env({"IONQ_MOCK_BODY_TIMEOUT": value})
