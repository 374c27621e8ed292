"""Handler of the `schemas` tag: GET /schemas/formats/{format}, the JSON Schema of a format.

The documents are packaged data (mock_server/api/format_schemas.py), so the
answer is a function of the path alone: the document's bytes, or a 404.
"""

from __future__ import annotations

from flask import Response

from mock_server.api.state import ApiState
from mock_server.wire.errors import not_found
from mock_server.wire.responses import json_response

# A name longer than this is cut in the 404's message: the path is the caller's text.
SHOWN_NAME = 100


def format_not_found(name: str) -> Response:
    """The 404 for a format without a document."""
    shown = name if len(name) <= SHOWN_NAME else name[:SHOWN_NAME] + "…"
    return not_found(f"Format {shown} was not found.")


def get_format_schema(state: ApiState, format: str) -> Response:
    """GET /schemas/formats/{format}: the format's document, or 404."""
    body = state.format_schemas.body(format)
    if body is None:
        return format_not_found(format)
    return json_response(body)
