"""Every error is IonQ's JSON body, including Flask's own and an unexpected crash."""

from __future__ import annotations

import pytest
from flask import Flask, abort

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import AppFactory
from mock_server.wire.errors import error_body, error_name
from mock_server.wire.rejections import Rejection


def failing_app(make_app: AppFactory) -> Flask:
    """The fake plus routes that fail, which no real route of the fake can be made to do."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def crash() -> str:
        raise RuntimeError("secret detail from deep inside")

    def refuse(status: int) -> str:
        abort(status)

    app.add_url_rule("/boom", view_func=crash)
    app.add_url_rule("/refuse/<int:status>", view_func=refuse)
    return app


def test_an_unexpected_exception_is_ionq_internal_server_error(make_app: AppFactory) -> None:
    client = failing_app(make_app).test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/json"
    body = response.get_json()
    assert body["statusCode"] == 500
    assert body["error"] == "Internal Server Error"
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "Bad Request"),
        (401, "Unauthorized Error"),
        (403, "Forbidden"),
        (409, "Conflict"),
        (413, "Payload Too Large"),  # IonQ's wording (openapi.yaml PayloadTooLarge)
        (429, "Too Many Requests"),
        (503, "Service Unavailable"),
    ],
)
def test_flask_http_exceptions_become_ionq_bodies(
    make_app: AppFactory, status: int, name: str
) -> None:
    client = failing_app(make_app).test_client()
    response = client.get(f"/refuse/{status}")
    assert response.status_code == status
    body = response.get_json()
    assert body["statusCode"] == status
    assert body["error"] == name
    assert body["message"]
    assert "<" not in body["message"]  # no HTML from werkzeug's error pages


def test_a_too_large_body_is_refused_in_ionq_body(client: ContractClient) -> None:
    response = client.patch("/__admin/backends/qpu.aria-1", data=b"{" + b" " * 10_000_001 + b"}")
    assert response.status_code == 413
    # IonQ's wording, as openapi.yaml's PayloadTooLarge example has it.
    assert response.get_json()["error"] == "Payload Too Large"


def test_ionq_error_names() -> None:
    assert error_name(400) == "Bad Request"
    assert error_name(401) == "Unauthorized Error"
    assert error_name(404) == "Not Found Error"
    assert error_name(500) == "Internal Server Error"
    assert error_name(405) == "Method Not Allowed"


def test_a_rejection_adds_the_validation_part() -> None:
    rejection = Rejection(keys=("backend",), source="params", message='"backend" is wrong')
    assert error_body(400, '"backend" is wrong', rejection) == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": '"backend" is wrong',
        "validation": {"keys": ["backend"], "source": "params"},
    }
    assert error_body(404, "gone") == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": "gone",
    }
