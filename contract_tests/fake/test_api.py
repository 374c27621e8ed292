"""GET /v0.4/backends/{backend} and everything around it: errors, HEAD, CORS.

Every request goes through the contract-checking client, so each test also
checks status, media type, Content-Length and body against openapi.yaml.
"""

from __future__ import annotations

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import backend_names, fixture_record, response_example

API_METHODS = {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("name", backend_names())
def test_each_backend_answers_its_fixture(client: ContractClient, name: str) -> None:
    response = client.get(f"/v0.4/backends/{name}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json() == fixture_record(name)


@pytest.mark.parametrize(
    "name",
    ["qpu.aria-3", "QPU.ARIA-1", "aria-1", "ionq.simulator", "simulator ", "qpu.aria-1.json"],
)
def test_a_name_outside_the_spec_is_a_bad_request(client: ContractClient, name: str) -> None:
    response = client.get(f"/v0.4/backends/{name}")
    assert response.status_code == 400
    # What IonQ answers, as openapi.yaml documents it.
    assert response.get_json() == response_example("BadRequest", "invalidBackend")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v0.4",
        "/v0.4/backends/",
        "/v0.4/backends/qpu.aria-1/",
        "/v0.4/backends/qpu.aria-1/characterizations/",
        "/v0.4/backends/qpu.aria-1/characterization",
        "/v0.3/backends/qpu.aria-1",
        "/backends/qpu.aria-1",
        "/v0.4/whoami/",
        "/v0.4/calibrations",
    ],
)
def test_an_unknown_path_is_not_found(client: ContractClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": f"Nothing is served at {path}.",
    }


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("name", ["qpu.aria-1", "not-a-backend"])
def test_a_wrong_method_is_not_allowed(client: ContractClient, method: str, name: str) -> None:
    response = client.open(f"/v0.4/backends/{name}", method=method)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["Allow"].split(",")} == API_METHODS
    assert response.get_json() == {
        "statusCode": 405,
        "error": "Method Not Allowed",
        "message": f"{method} is not allowed on /v0.4/backends/{name}.",
    }


@pytest.mark.parametrize("path", ["/v0.4/backends/qpu.forte-1", "/v0.4/backends/nope", "/nothing"])
def test_head_answers_like_get_without_a_body(client: ContractClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code
    assert head.get_data() == b""
    assert head.headers["Content-Length"] == str(len(get.get_data()))
    assert head.headers["Content-Type"] == get.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/v0.4/backends/simulator", 200), ("/v0.4/backends/x", 400), ("/x", 404)],
)
def test_every_answer_allows_any_origin(client: ContractClient, path: str, status: int) -> None:
    response = client.get(path, headers={"Origin": "https://notebook.example"})
    assert response.status_code == status
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_is_answered_with_methods_and_headers(client: ContractClient) -> None:
    response = client.options(
        "/v0.4/backends/qpu.aria-1",
        headers={
            "Origin": "https://notebook.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, prefer",
        },
    )
    assert response.status_code == 204
    assert response.get_data() == b""
    assert "Content-Type" not in response.headers
    assert "Content-Length" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    methods = response.headers["Access-Control-Allow-Methods"]
    assert {m.strip() for m in methods.split(",")} == API_METHODS
    assert response.headers["Access-Control-Allow-Headers"] == "authorization, prefer"
    assert {m.strip() for m in response.headers["Allow"].split(",")} == API_METHODS


def test_a_plain_options_lists_the_methods(client: ContractClient) -> None:
    response = client.options("/v0.4/backends/simulator")
    assert response.status_code == 204
    assert {m.strip() for m in response.headers["Allow"].split(",")} == API_METHODS
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]
    assert "Prefer" in response.headers["Access-Control-Allow-Headers"]


def test_options_of_an_unknown_path_is_not_found(client: ContractClient) -> None:
    assert client.options("/v0.4/nothing").status_code == 404


def test_an_api_key_is_accepted_but_not_needed(client: ContractClient) -> None:
    response = client.get("/v0.4/backends/qpu.aria-1", headers={"Authorization": "apiKey abc"})
    assert response.get_json() == fixture_record("qpu.aria-1")
