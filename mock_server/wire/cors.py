"""CORS, so that browser-based tools (notebooks, web consoles) can call the fake.

Every response allows any origin. A preflight (`OPTIONS` with `Origin` and
`Access-Control-Request-Method`) is answered 204 with the methods the URL
supports, which Flask already knows from its routes.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response

from mock_server.wire.responses import empty_response

ALLOW_ORIGIN = "Access-Control-Allow-Origin"
# What IonQ's SDKs send: the key, a JSON body, and the scenario header of the fake.
DEFAULT_ALLOWED_HEADERS = "Authorization, Content-Type, Prefer"
PREFLIGHT_MAX_AGE = "600"


def allow_any_origin(response: Response) -> Response:
    """after_request hook: let any origin read any response, errors included."""
    response.headers[ALLOW_ORIGIN] = "*"
    return response


def preflight_response(allowed_methods: Iterable[str], requested_headers: str | None) -> Response:
    """204 for OPTIONS: `Allow` and the CORS allow-methods/-headers for a preflight."""
    methods = ", ".join(sorted(allowed_methods))
    return empty_response(
        204,
        {
            "Allow": methods,
            "Access-Control-Allow-Methods": methods,
            "Access-Control-Allow-Headers": requested_headers or DEFAULT_ALLOWED_HEADERS,
            "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        },
    )
