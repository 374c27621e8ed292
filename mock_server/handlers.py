"""The fake's answer to each operation of openapi.yaml, registered by operationId.

Routing, request validation and `Prefer` scenarios happen before a handler
is called (mock_server/routes.py), so a handler only does what is specific to
its operation, with valid path values. An operation added to openapi.yaml
needs an entry in HANDLERS, or the fake refuses to start and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from flask import Response

from mock_server.errors import not_found
from mock_server.responses import json_response
from mock_server.store import MockState

Handler = Callable[..., Response]


def get_backend(state: MockState, backend: str) -> Response:
    """GET /backends/{backend}: the stored record, or 404 when none is loaded.

    The name is already known to be one openapi.yaml lists; a 404 here means
    the fixtures (or the admin API) left this backend out.
    """
    body = state.backends.body(backend)
    if body is None:
        return not_found(f"Backend {backend} was not found.")
    return json_response(body)


HANDLERS: Mapping[str, Handler] = MappingProxyType({"getBackend": get_backend})
