"""Handlers of the `characterizations` tag: a backend's history, one page or one record."""

from __future__ import annotations

from flask import Response, request

from mock_server.api.backends import backend_not_found
from mock_server.api.characterization_history import parse_instant
from mock_server.api.state import ApiState
from mock_server.wire.errors import not_found
from mock_server.wire.responses import json_response

# The defaults openapi.yaml gives `limit` and `page` of getCharacterizationsForBackend.
DEFAULT_LIMIT = 10
FIRST_PAGE = 1


def get_characterizations_for_backend(state: ApiState, backend: str) -> Response:
    """GET /backends/{backend}/characterizations: one page of the history, newest first."""
    if state.backends.body(backend) is None:
        return backend_not_found(backend)
    args = request.args
    start, end = args.get("start"), args.get("end")
    page = state.characterizations.page(
        backend,
        start=parse_instant(start) if start is not None else None,
        end=parse_instant(end) if end is not None else None,
        limit=int(args.get("limit", DEFAULT_LIMIT)),
        page=int(args.get("page", FIRST_PAGE)),
    )
    return json_response(page.encode())


def get_characterization(state: ApiState, backend: str, UUID: str) -> Response:  # noqa: N803 - IonQ's name
    """GET /backends/{backend}/characterizations/{UUID}: one characterization of this backend.

    An id of another backend's characterization is not found here, as at IonQ.
    """
    if state.backends.body(backend) is None:
        return backend_not_found(backend)
    body = state.characterizations.body(backend, UUID)
    if body is None:
        return not_found(f"Characterization {UUID} of backend {backend} was not found.")
    return json_response(body)
