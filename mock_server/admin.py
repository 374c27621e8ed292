"""The admin API: change what the fake serves while it runs, outside /v0.4.

Tests use it to put a backend in a state the fixtures do not have (degraded,
a long queue, a missing backend) and to go back afterwards:

    GET    /__admin/backends          every stored record
    GET    /__admin/backends/<name>   one record
    PATCH  /__admin/backends/<name>   JSON Merge Patch (RFC 7396) of its fields
    DELETE /__admin/backends/<name>   forget it (GET /v0.4/... answers 404)
    POST   /__admin/reset             back to the fixtures

A change is checked against the spec's Backend schema before it is stored,
so the fake cannot be talked into breaking its own contract; the record's
`backend` is its name and cannot change.
"""

from __future__ import annotations

import json
from typing import Any, cast

from flask import Blueprint, Response, current_app, request

from mock_server.errors import not_found, rejection_response
from mock_server.responses import empty_response, encode, json_response
from mock_server.store import EXTENSION, MockState, PatchError
from mock_server.validation import SOURCES, Rejection

ADMIN_PREFIX = "/__admin"

blueprint = Blueprint("admin", __name__, url_prefix=ADMIN_PREFIX)


def _state() -> MockState:
    return cast(MockState, current_app.extensions[EXTENSION])


@blueprint.get("/backends")
def list_backends() -> Response:
    """Every stored backend record, sorted by name."""
    return json_response(encode(_state().backends.all()))


@blueprint.get("/backends/<name>")
def get_backend(name: str) -> Response:
    """One stored record, as GET /v0.4/backends/<name> serves it."""
    record = _state().backends.get(name)
    if record is None:
        return not_found(f"Backend {name} is not loaded.")
    return json_response(encode(record))


@blueprint.patch("/backends/<name>")
def patch_backend(name: str) -> Response:
    """Merge the body into the record; a result that breaks the spec is refused (400)."""
    changes = _json_object()
    if isinstance(changes, Rejection):
        return rejection_response(changes)
    try:
        record = _state().backends.patch(name, changes)
    except PatchError as exc:
        keys = tuple(dict.fromkeys(p.key for p in exc.problems if p.key))
        return rejection_response(Rejection(keys=keys, source=SOURCES["body"], message=str(exc)))
    return json_response(encode(record))


@blueprint.delete("/backends/<name>")
def delete_backend(name: str) -> Response:
    """Forget a backend until the next reset, to test a client's 404 handling."""
    if not _state().backends.remove(name):
        return not_found(f"Backend {name} is not loaded.")
    return empty_response(204)


@blueprint.post("/reset")
def reset() -> Response:
    """Undo every change: serve the fixtures again."""
    _state().backends.reset()
    return empty_response(204)


def _json_object() -> dict[str, Any] | Rejection:
    # Any content type is accepted: curl users often forget it, and the body must be JSON anyway.
    try:
        document = json.loads(request.get_data(cache=True) or b"null")
    except ValueError:
        return Rejection(keys=(), source=SOURCES["body"], message="The body is not valid JSON")
    if not isinstance(document, dict):
        return Rejection(
            keys=(),
            source=SOURCES["body"],
            message="The body must be a JSON object of Backend fields",
        )
    return document
