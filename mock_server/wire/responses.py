"""JSON responses with the headers IonQ's clients rely on.

Bodies are encoded to bytes before the response is built, so werkzeug sets
an exact Content-Length, and HEAD answers carry the same one as GET.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from flask import Response

JSON_MEDIA_TYPE = "application/json"


def instant(moment: datetime) -> str:
    """An aware datetime as answers carry it: RFC 3339 in UTC, milliseconds, `Z`."""
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def encode(document: Any) -> bytes:
    """A document as compact UTF-8 JSON, the way IonQ sends it."""
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def json_response(
    body: bytes, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """An already-encoded JSON body as a response with the right Content-Type.

    The exact Content-Type is given rather than a mimetype, which werkzeug
    would otherwise inspect for a charset on every response, and the body,
    bytes already, passes straight to the server instead of through an
    encoding generator: together a tenth of a response's cost.
    """
    return Response(
        body,
        status=status,
        headers=headers,
        content_type=JSON_MEDIA_TYPE,
        direct_passthrough=True,
    )


def empty_response(status: int = 204, headers: Mapping[str, str] | None = None) -> Response:
    """A response without a body, and so without Content-Type (204 No Content)."""
    response = Response(status=status, headers=headers)
    del response.headers["Content-Type"]
    return response
