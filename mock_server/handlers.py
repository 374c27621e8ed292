"""The fake's answer to each operation of openapi.yaml, registered by operationId.

Routing, request validation and `Prefer` scenarios happen before a handler
is called (mock_server/routes.py), and API keys are checked before that
(mock_server/auth.py), so a handler only does what is specific to its
operation, with valid path and query values. An operation added to
openapi.yaml needs an entry in HANDLERS, or the fake refuses to start and
says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from flask import Response, request

from mock_server.auth import AUTHORIZATION, whoami
from mock_server.characterizations import parse_instant
from mock_server.errors import not_found
from mock_server.responses import encode, json_response
from mock_server.store import MockState

Handler = Callable[..., Response]

# The defaults openapi.yaml gives `limit` and `page` of getCharacterizationsForBackend.
DEFAULT_LIMIT = 10
FIRST_PAGE = 1


def _backend_not_found(backend: str) -> Response:
    return not_found(f"Backend {backend} was not found.")


def get_backends(state: MockState) -> Response:
    """GET /backends: every loaded backend, sorted by name, as the single view serves it."""
    return json_response(state.backends.list_body())


def get_backend(state: MockState, backend: str) -> Response:
    """GET /backends/{backend}: the stored record, or 404 when none is loaded.

    The name is already known to be one openapi.yaml lists; a 404 here means
    the fixtures (or the admin API) left this backend out.
    """
    body = state.backends.body(backend)
    if body is None:
        return _backend_not_found(backend)
    return json_response(body)


def get_characterizations_for_backend(state: MockState, backend: str) -> Response:
    """GET /backends/{backend}/characterizations: one page of the history, newest first."""
    if state.backends.body(backend) is None:
        return _backend_not_found(backend)
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


def get_characterization(state: MockState, backend: str, UUID: str) -> Response:  # noqa: N803 - IonQ's name
    """GET /backends/{backend}/characterizations/{UUID}: one characterization of this backend.

    An id of another backend's characterization is not found here, as at IonQ.
    """
    if state.backends.body(backend) is None:
        return _backend_not_found(backend)
    body = state.characterizations.body(backend, UUID)
    if body is None:
        return not_found(f"Characterization {UUID} of backend {backend} was not found.")
    return json_response(body)


def get_whoami(_state: MockState) -> Response:
    """GET /whoami: the key was accepted before this runs; describe it without showing it."""
    return json_response(encode(whoami(request.headers[AUTHORIZATION])))


HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {
        "getBackends": get_backends,
        "getBackend": get_backend,
        "getCharacterizationsForBackend": get_characterizations_for_backend,
        "getCharacterization": get_characterization,
        "getWhoami": get_whoami,
    }
)
