"""Serve the bare route through `ionq-mock serve` itself.

The bare route is only a fair ceiling if it runs on exactly the server
settings the fake gets (workers, threads, HTTP versions, access log). Rather
than copying those settings here, where they would drift, this runs the
fake's own command line with its WSGI target swapped for bench.bare_app, so
whatever `ionq-mock serve` configures applies to both.

    .venv/bin/python -m bench.bare_serve --host 127.0.0.1 --port 8001
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from mock_server import cli

BARE_TARGET = "bench.bare_app:app"


def main(argv: Sequence[str] | None = None) -> int:
    """`ionq-mock serve ARGS`, serving bench.bare_app:app instead of the fake."""
    if not hasattr(cli, "WSGI_TARGET"):
        print("bench.bare_serve: mock_server.cli has no WSGI_TARGET to swap", file=sys.stderr)
        return 2
    cli.WSGI_TARGET = BARE_TARGET
    return cli.main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
