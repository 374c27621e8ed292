"""The API the fake serves: one module of handlers per tag of openapi.yaml, the state they
serve and the loading of its fixtures. May import ionq_contract and mock_server.wire; never
the test controls, the harness or the server shell that routes to it.

A new endpoint is a handler in the module of its tag, listed in HANDLERS by its
operationId; the fake refuses to start while an operation of the spec has none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from flask import Response

from mock_server.api import backends, characterizations, whoami

Handler = Callable[..., Response]

HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {
        "getBackends": backends.get_backends,
        "getBackend": backends.get_backend,
        "getCharacterizationsForBackend": characterizations.get_characterizations_for_backend,
        "getCharacterization": characterizations.get_characterization,
        "getWhoami": whoami.get_whoami,
    }
)
