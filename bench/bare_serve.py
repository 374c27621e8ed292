"""Serve a reference app through `ionq-mock serve` itself.

A reference is only a fair ceiling if it runs on exactly the server
settings the fake gets (workers, threads, HTTP versions). Rather than
copying those settings here, where they would drift, this runs the fake's
own command line with its WSGI target swapped, so whatever `ionq-mock
serve` configures applies to all of them alike:

    .venv/bin/python -m bench.bare_serve --host 127.0.0.1 --port 8001        # a Flask route
    .venv/bin/python -m bench.bare_serve --raw --host 127.0.0.1 --port 8002  # a WSGI callable

Neither writes an access log: the fake writes its own in its WSGI front
(mock_server/front/access_log.py), not through the server.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from mock_server import cli

BARE_TARGET = "bench.bare_app:app"
RAW_TARGET = "bench.raw_app:app"
RAW_FLAG = "--raw"


def main(argv: Sequence[str] | None = None) -> int:
    """`ionq-mock serve ARGS`, serving a reference app instead of the fake."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not hasattr(cli, "TARGET") or not hasattr(cli, "TARGET_INTERFACE"):
        print("bench.bare_serve: mock_server.cli has no TARGET to swap", file=sys.stderr)
        return 2
    cli.TARGET = RAW_TARGET if RAW_FLAG in args else BARE_TARGET
    cli.TARGET_INTERFACE = "wsgi"
    return cli.main(["serve", *(arg for arg in args if arg != RAW_FLAG)])


if __name__ == "__main__":
    sys.exit(main())
