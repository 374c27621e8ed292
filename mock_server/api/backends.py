"""Handlers of the `backends` tag: GET /backends and GET /backends/{backend}.

Routing, request validation and `Prefer` scenarios happen before a handler
is called (mock_server/routes.py), and API keys are checked before that
(mock_server/auth.py), so a handler only does what is specific to its
operation, with valid path and query values.
"""

from __future__ import annotations

from flask import Response

from mock_server.api.state import ApiState
from mock_server.wire.errors import not_found
from mock_server.wire.responses import json_response


def backend_not_found(backend: str) -> Response:
    """The 404 for a listed name without a record (left out, or deleted by the admin API)."""
    return not_found(f"Backend {backend} was not found.")


def get_backends(state: ApiState) -> Response:
    """GET /backends: every loaded backend, sorted by name, as the single view serves it."""
    return json_response(state.backends.list_body())


def get_backend(state: ApiState, backend: str) -> Response:
    """GET /backends/{backend}: the stored record, or 404 when none is loaded.

    The name is already known to be one openapi.yaml lists; a 404 here means
    the fixtures (or the admin API) left this backend out.
    """
    body = state.backends.body(backend)
    if body is None:
        return backend_not_found(backend)
    return json_response(body)
