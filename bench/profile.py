"""Where the fake's time goes: pyinstrument over its request path, or its start-up.

    .venv/bin/python -m bench.profile                      # GET /v0.4/backends/qpu.aria-1
    .venv/bin/python -m bench.profile --path /v0.4/backends/qpu.nonexistent-9
    .venv/bin/python -m bench.profile --header 'Prefer: example=degraded'
    .venv/bin/python -m bench.profile --startup            # create_app(), as cold start pays it

Requests go straight to the WSGI app, in this process, without a server or a
socket, so the profile holds only what the fake's stack costs per request:
Flask, werkzeug and the fake's own code. Profile before optimising: `make
bench` says how fast, this says where the time goes.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pyinstrument import Profiler
from werkzeug.test import EnvironBuilder

from bench.client_bench import load_wsgi_app

StartResponse = Callable[..., object]


def _start_response(_status: str, _headers: list[tuple[str, str]], _exc: Any = None) -> None:
    return None


def request_loop(
    app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]],
    environ: dict[str, Any],
    requests: int,
) -> float:
    """Send `requests` copies of `environ` to `app`; return seconds per request."""
    started = time.perf_counter()
    for _ in range(requests):
        body = app({**environ, "wsgi.input": io.BytesIO()}, _start_response)
        b"".join(body)
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return (time.perf_counter() - started) / requests


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line of `python -m bench.profile`."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--app", default="mock_server.wsgi:app", help="WSGI target, module:attr")
    parser.add_argument("--path", default="/v0.4/backends/qpu.aria-1")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--startup", action="store_true", help="profile create_app() instead")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Profile, then print pyinstrument's call tree."""
    args = parse_args(argv)
    profiler = Profiler(interval=0.0005)
    if args.startup:
        from mock_server.app import create_app  # noqa: PLC0415 - profiled import cost

        with profiler:
            create_app()
    else:
        app = load_wsgi_app(args.app)
        headers = dict(h.split(":", 1) for h in args.header)
        environ = EnvironBuilder(
            path=args.path, headers={k.strip(): v.strip() for k, v in headers.items()}
        ).get_environ()
        request_loop(app, environ, min(1000, args.requests))  # warm caches first
        with profiler:
            per_request = request_loop(app, environ, args.requests)
        print(f"{args.requests} requests, {per_request * 1e6:.1f} us each under the profiler")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
