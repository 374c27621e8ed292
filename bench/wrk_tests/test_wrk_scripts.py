"""The Lua scripts, run by the real wrk against a tiny local server.

Checks what the scripts report (requests, statuses per scenario), never how
fast anything was. They need wrk, so they sit outside `make test`'s
testpaths: `make bench` installs wrk and runs them before it trusts the
scripts with a measurement.
"""
# ruff: noqa: S101

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.load import LoadSettings, Scenario, run_wrk


class Handler(BaseHTTPRequestHandler):
    """200 for /ok, 418 when asked with a header, 404 otherwise; keep-alive."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status = 404
        if self.path == "/ok":
            status = 418 if self.headers.get("X-Teapot") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


SHORT = LoadSettings(duration_s=1, connections=2, threads=1)


def test_single_counts_requests_and_no_errors(base_url: str) -> None:
    result = run_wrk(f"{base_url}/ok", SHORT)
    assert result.requests > 0
    assert result.errors == 0


def test_mix_counts_every_status(base_url: str) -> None:
    mix = [
        Scenario("ok", "/ok", 200),
        Scenario("missing", "/missing", 404),
        Scenario("teapot", "/ok", 418, ("X-Teapot", "1")),
    ]
    result = run_wrk(f"{base_url}/ok", SHORT, mix=mix)
    assert set(result.statuses) == {200, 404, 418}
    assert sum(result.statuses.values()) == result.requests
    assert result.unexpected_statuses == 0


def test_mix_flags_a_status_nobody_expected(base_url: str) -> None:
    mix = [Scenario("ok", "/ok", 200), Scenario("wrong", "/missing", 200)]
    result = run_wrk(f"{base_url}/ok", SHORT, mix=mix)
    assert result.unexpected_statuses == result.statuses[404] > 0
