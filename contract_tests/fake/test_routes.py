"""Routes and request validation come from openapi.yaml, not from hand-copied rules.

Each test edits a copy of the description and checks that the fake follows
it: a new backend name, another base path, a new parameter, a new operation.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from contract_tests.fake.support import AppFactory, fixture_record
from ionq_contract.operations import read_operations
from ionq_contract.spec import SpecError, inline_refs, load_spec
from mock_server.routes import flask_rule

SpecEditor = Callable[[Callable[[dict[str, Any]], None]], Path]


@pytest.fixture
def edited_spec(tmp_path: Path) -> SpecEditor:
    """Write a copy of openapi.yaml changed by `edit`; its path."""

    def write(edit: Callable[[dict[str, Any]], None]) -> Path:
        spec = copy.deepcopy(load_spec())
        edit(spec)
        path = tmp_path / "openapi.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(
    ("base", "path", "rule"),
    [
        ("/v0.4", "/backends/{backend}", "/v0.4/backends/<backend>"),
        ("/v0.4/", "/backends", "/v0.4/backends"),
        ("/v1", "/jobs/{id}/results/{sharding}", "/v1/jobs/<id>/results/<sharding>"),
    ],
)
def test_spec_paths_become_flask_rules(base: str, path: str, rule: str) -> None:
    assert flask_rule(base, path) == rule


def test_a_parameter_name_flask_cannot_route_is_refused() -> None:
    with pytest.raises(SpecError, match="backend-name"):
        flask_rule("/v0.4", "/backends/{backend-name}")


def test_every_operation_of_the_spec_is_routed(app: Flask) -> None:
    spec = load_spec()
    routed = {
        rule.endpoint: (rule.rule, rule.methods or set()) for rule in app.url_map.iter_rules()
    }
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            rule, methods = routed[operation["operationId"]]
            # A converter may narrow a parameter (see the test below); the variable is the same.
            variables = re.sub(r"<[^<>]*:(\w+)>", r"<\1>", rule)
            assert variables == "/v0.4" + path.replace("{", "<").replace("}", ">")
            assert method.upper() in methods


def test_a_parameter_never_takes_the_name_of_a_fixed_sibling() -> None:
    paths = ["/jobs", "/jobs/estimate", "/jobs/status/cancel", "/jobs/{UUID}", "/jobs/{UUID}/cost"]
    assert flask_rule("/v0.4", "/jobs/{UUID}", paths) == (
        '/v0.4/jobs/<other_than("estimate", "status"):UUID>'
    )
    assert flask_rule("/v0.4", "/backends/{backend}", ["/backends"]) == "/v0.4/backends/<backend>"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("DELETE", "/v0.4/jobs/estimate", 405),  # estimate is GET only: not deleteJob("estimate")
        ("POST", "/v0.4/jobs/estimate", 405),
        ("GET", "/v0.4/jobs/status", 404),  # nothing is served there
        ("GET", "/v0.4/jobs/not-a-uuid", 400),  # getJob, with IonQ's 400 for the UUID
    ],
)
def test_fixed_job_paths_are_not_job_ids(app: Flask, method: str, path: str, status: int) -> None:
    # A plain client: openapi-core itself reads DELETE /jobs/estimate as deleteJob("estimate").
    response = FlaskClient(app).open(
        path, method=method, headers={"Authorization": "apiKey routes"}
    )
    assert response.status_code == status
    assert response.get_json()["statusCode"] == status


def test_routes_follow_the_base_path_of_servers(
    make_app: AppFactory, edited_spec: SpecEditor
) -> None:
    def move(spec: dict[str, Any]) -> None:
        spec["servers"][0]["url"] = "https://api.ionq.co/v9"

    client = make_app(SPEC_PATH=edited_spec(move)).test_client()
    assert client.get("/v9/backends/qpu.aria-1").get_json() == fixture_record("qpu.aria-1")
    assert client.get("/v0.4/backends/qpu.aria-1").status_code == 404


def test_a_new_backend_name_in_the_spec_is_accepted(
    make_app: AppFactory, edited_spec: SpecEditor
) -> None:
    def add_name(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["BackendName"]["enum"].append("qpu.tempo-1")

    client = make_app(SPEC_PATH=edited_spec(add_name)).test_client()
    response = client.get("/v0.4/backends/qpu.tempo-1")
    assert response.status_code == 404  # a valid name without a fixture, no longer a 400
    assert response.get_json()["error"] == "Not Found Error"
    refused = client.get("/v0.4/backends/qpu.tempo-2").get_json()
    assert refused["message"].endswith(", simulator, qpu.tempo-1]")


def add_parameters(*parameters: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def edit(spec: dict[str, Any]) -> None:
        spec["paths"]["/backends/{backend}"]["get"]["parameters"].extend(parameters)

    return edit


LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10}}
VERBOSE = {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}
TRACE = {
    "name": "X-Trace",
    "in": "header",
    "required": True,
    "schema": {"type": "string", "minLength": 3},
}


TRACED = {"X-Trace": "abc"}
QUERY = "query"


@pytest.mark.parametrize(
    ("query", "headers", "refusal"),
    [
        ("limit=5&verbose=true", TRACED, None),
        ("", TRACED, None),
        ("limit=11", TRACED, ("limit", QUERY, '"limit" 11 is greater than the maximum of 10')),
        ("limit=ten", TRACED, ("limit", QUERY, '"limit" must be an integer')),
        ("verbose=yes", TRACED, ("verbose", QUERY, '"verbose" must be true or false')),
        ("", {}, ("X-Trace", "headers", '"X-Trace" is required')),
        ("", {"X-Trace": "ab"}, ("X-Trace", "headers", "\"X-Trace\" 'ab' is too short")),
    ],
)
def test_new_parameters_in_the_spec_are_validated(
    make_app: AppFactory,
    edited_spec: SpecEditor,
    query: str,
    headers: dict[str, str],
    refusal: tuple[str, str, str] | None,
) -> None:
    client = make_app(SPEC_PATH=edited_spec(add_parameters(LIMIT, VERBOSE, TRACE))).test_client()
    response = client.get(f"/v0.4/backends/qpu.aria-1?{query}", headers=headers)
    if refusal is None:
        assert response.get_json() == fixture_record("qpu.aria-1")
        return
    key, source, message = refusal
    assert response.get_json() == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"keys": [key], "source": source},
    }


def test_the_path_is_validated_before_the_query(
    make_app: AppFactory, edited_spec: SpecEditor
) -> None:
    client = make_app(SPEC_PATH=edited_spec(add_parameters(LIMIT))).test_client()
    body = client.get("/v0.4/backends/nope?limit=0").get_json()
    assert body["validation"] == {"keys": ["backend"], "source": "params"}


def test_an_operation_without_a_handler_stops_start_up(
    make_app: AppFactory, edited_spec: SpecEditor
) -> None:
    def add_operation(spec: dict[str, Any]) -> None:
        spec["paths"]["/backends"] = {
            "get": {"operationId": "listBackends", "responses": {"200": {"description": "All."}}}
        }

    with pytest.raises(SpecError, match=r"listBackends \(GET /backends\)"):
        make_app(SPEC_PATH=edited_spec(add_operation))


def test_an_operation_without_an_operation_id_stops_start_up(
    make_app: AppFactory, edited_spec: SpecEditor
) -> None:
    def drop_id(spec: dict[str, Any]) -> None:
        del spec["paths"]["/backends/{backend}"]["get"]["operationId"]

    with pytest.raises(SpecError, match=r"GET /backends/\{backend\} has no operationId"):
        make_app(SPEC_PATH=edited_spec(drop_id))


def test_operations_carry_the_spec_parameters_and_examples() -> None:
    spec = load_spec()
    operations = read_operations(spec)
    # Which operations, in which order: contract_tests/client/test_operations.py
    # (ionq_contract.operations is the one reader of both sides).
    operation = operations[1]
    assert operation.operation_id == "getBackend"
    assert operation.method == "GET"
    assert [p.name for p in operation.parameters] == ["backend"]
    enum = spec["components"]["schemas"]["BackendName"]["enum"]
    assert operation.parameters[0].schema["enum"] == enum
    assert operation.statuses == (200, 400, 404, 429, 500, 502, 503)
    assert list(operation.examples(200)) == [
        "seed",
        "available",
        "degraded",
        "unavailable",
        "simulator",
    ]
    assert operation.success_status == 200


def test_inlining_refuses_a_cycle() -> None:
    root = {"a": {"$ref": "#/b"}, "b": {"items": {"$ref": "#/a"}}}
    with pytest.raises(SpecError, match="cycle"):
        inline_refs({"$ref": "#/a"}, root)
