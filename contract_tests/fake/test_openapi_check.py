"""The contract-checking client fails a test on a response the contract forbids.

Without these, a checker that passed everything would make every other test
of the fake look better than it is.
"""

from __future__ import annotations

import json

import httpx
import pytest
from flask import Flask, Response

from contract_tests.fake.openapi_check import ContractClient, ContractError, httpx_hook
from contract_tests.fake.support import ORIGIN, fixture_record
from ionq_contract.spec import load_spec


def lying_app(body: bytes, status: int = 200, mimetype: str = "application/json") -> Flask:
    """An app that serves the spec's path with whatever it is told to."""
    app = Flask(__name__)
    app.test_client_class = ContractClient

    @app.get("/v0.4/backends/<backend>")
    def get_backend(backend: str) -> Response:  # noqa: ARG001 - answers every name alike
        response = Response(body, status=status, mimetype=mimetype)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return app


def test_a_conforming_response_passes() -> None:
    body = json.dumps(fixture_record("qpu.aria-1")).encode()
    assert lying_app(body).test_client().get("/v0.4/backends/qpu.aria-1").status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "mimetype"),
    [
        pytest.param(b'{"backend": "qpu.aria-1"}', 200, "application/json", id="missing-fields"),
        pytest.param(b'{"statusCode": 404}', 404, "application/json", id="error-without-message"),
        pytest.param(
            b'{"statusCode":418,"error":"x","message":"y"}',
            418,
            "application/json",
            id="undocumented-status",
        ),
        pytest.param(b"<h1>Not Found</h1>", 404, "text/html", id="html-error"),
    ],
)
def test_a_response_outside_the_contract_fails(body: bytes, status: int, mimetype: str) -> None:
    client = lying_app(body, status, mimetype).test_client()
    with pytest.raises(ContractError):
        client.get("/v0.4/backends/qpu.aria-1")


def test_the_httpx_hook_fails_a_response_outside_the_contract() -> None:
    app = lying_app(b'{"backend": "qpu.aria-1"}')
    transport = httpx.WSGITransport(app=app)
    hooks = {"response": [httpx_hook]}
    with (
        httpx.Client(transport=transport, event_hooks=hooks) as client,
        pytest.raises(ContractError, match="openapi-core"),
    ):
        client.get(f"{ORIGIN}/v0.4/backends/qpu.aria-1")


def test_a_missing_cors_header_fails() -> None:
    app = Flask(__name__)
    app.test_client_class = ContractClient
    app.add_url_rule("/x", view_func=lambda: Response(b"{}", mimetype="application/json"))
    with pytest.raises(ContractError, match="Access-Control-Allow-Origin"):
        app.test_client().get("/x")


def test_an_error_outside_the_spec_paths_must_still_be_ionq_shaped() -> None:
    app = Flask(__name__)
    app.test_client_class = ContractClient

    @app.get("/elsewhere")
    def elsewhere() -> Response:
        response = Response(b'{"error": "nope"}', status=404, mimetype="application/json")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    with pytest.raises(ContractError, match="statusCode"):
        app.test_client().get("/elsewhere")


def admin_app(path: str, body: bytes) -> Flask:
    """An app that answers `path` of the admin API with `body`."""
    app = Flask(__name__)
    app.test_client_class = ContractClient

    @app.get(path)
    def answer() -> Response:
        response = Response(body, mimetype="application/json")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return app


def test_an_admin_characterization_is_held_to_the_characterization_schema() -> None:
    path = "/__admin/backends/qpu.aria-1/characterization"
    backend = json.dumps(fixture_record("qpu.aria-1")).encode()
    with pytest.raises(ContractError, match="'id' is a required property"):
        admin_app(path, backend).test_client().get(path)
    operation = load_spec()["paths"]["/backends/{backend}/characterizations/{UUID}"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]["aria1"]
    characterization = json.dumps(example["value"]).encode()
    assert admin_app(path, characterization).test_client().get(path).status_code == 200
    # ... and every other admin record still to the Backend schema.
    other = "/__admin/backends/qpu.aria-1"
    assert admin_app(other, backend).test_client().get(other).status_code == 200
    with pytest.raises(ContractError, match="'status' is a required property"):
        admin_app(other, characterization).test_client().get(other)
