"""The ceiling of the server itself: a bare WSGI callable, no framework.

It answers the same bytes as bench/bare_app.py (the seed example of GET
/backends/{backend}) with nothing between granian and the body: no routing,
no request object, no log. Served through `ionq-mock serve`'s own settings
(bench/bare_serve.py), what it reaches is what granian and Python can do on
this machine, and the fake is measured as a share of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bench.bare_app import BODY

HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def app(_environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Answer the constant body to every request."""
    start_response("200 OK", HEADERS)
    return [BODY]
