"""The application factory of the fake IonQ (the Flask tutorial's `create_app`).

Everything that depends on openapi.yaml or on the fixtures happens here,
once: the description is read, each operation's validators are compiled,
every fixture is checked against the contract, and the routes are derived
from the paths. A problem with any of them stops start-up with a message
(SpecError, FixtureError) instead of a server that lies. Each call builds an
independent app with its own state, so tests can create as many as they like.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from flask import Flask, Response, request

from ionq_contract.spec import base_path, load_spec
from mock_server import admin
from mock_server.contract import component_schema, read_operations
from mock_server.cors import allow_any_origin, preflight_response
from mock_server.errors import register_error_handlers
from mock_server.fixtures import PACKAGED_FIXTURES, load_backends
from mock_server.handlers import HANDLERS
from mock_server.routes import register_operations
from mock_server.store import EXTENSION, BackendStore, MockState
from mock_server.validation import field_problems, new_validator

DEFAULT_CONFIG: Mapping[str, Any] = {
    # A directory with backends/<name>.json; None serves the packaged fixtures.
    "FIXTURES_DIR": None,
    # Another openapi.yaml (tests use it to check that routes follow the spec).
    "SPEC_PATH": None,
    # Admin PATCH bodies are small; refuse anything that is not.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
}


class MockFlask(Flask):
    """Flask, with OPTIONS answered as a CORS preflight instead of an empty 200."""

    def make_default_options_response(self) -> Response:
        """204 with `Allow` and the CORS headers, for every URL Flask routes."""
        allowed = super().make_default_options_response().allow
        return preflight_response(allowed, request.headers.get("Access-Control-Request-Headers"))


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A new fake IonQ; `config` overrides DEFAULT_CONFIG and Flask's own settings."""
    app = MockFlask(__name__, static_folder=None)
    app.config.from_mapping(DEFAULT_CONFIG)
    if config:
        app.config.from_mapping(config)

    spec_path = app.config["SPEC_PATH"]
    spec = load_spec(Path(spec_path)) if spec_path else load_spec()
    backend_validator = new_validator(component_schema(spec, "Backend"))
    fixtures_dir = app.config["FIXTURES_DIR"]
    fixtures = load_backends(
        Path(fixtures_dir) if fixtures_dir else PACKAGED_FIXTURES, backend_validator
    )
    state = MockState(backends=BackendStore(fixtures, partial(field_problems, backend_validator)))
    app.extensions[EXTENSION] = state

    register_operations(app, base_path(spec), read_operations(spec), HANDLERS, state)
    app.register_blueprint(admin.blueprint)
    register_error_handlers(app)
    app.after_request(allow_any_origin)
    return app
