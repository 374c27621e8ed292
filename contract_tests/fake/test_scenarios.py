"""`Prefer` scenarios, as Stoplight Prism reads them, answered from openapi.yaml's examples."""

from __future__ import annotations

from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    AppFactory,
    fixture_record,
    response_example,
    success_examples,
)
from mock_server.controls.scenarios import Preference, ScenarioError, parse_prefer, with_path_values

DOCUMENTED_STATUSES = "[200, 400, 404, 429, 500, 502, 503]"  # of getBackend in openapi.yaml
UNDOCUMENTED = "is not documented for getBackend; choose one of " + DOCUMENTED_STATUSES


@pytest.mark.parametrize(
    ("header", "preference"),
    [
        ("code=404", Preference(code=404)),
        ("example=degraded", Preference(example="degraded")),
        ("code=400, example=invalidBackend", Preference(code=400, example="invalidBackend")),
        ("example=seed,code=200", Preference(code=200, example="seed")),
        ("code=404; example=notFound", Preference(code=404, example="notFound")),
        ('  Code = 500 , example="internalError" ', Preference(code=500, example="internalError")),
        ("", Preference()),
    ],
)
def test_prefer_is_read_like_prism(header: str, preference: Preference) -> None:
    assert parse_prefer(header) == preference


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        ("dynamic=true", "'dynamic=true' is not supported"),
        ("return=minimal", "'return=minimal' is not supported"),
        ("code", "'code' is not supported"),
        ("code=abc", "must be an HTTP status, not 'abc'"),
        ("code=404, code=400", "names code more than once"),
    ],
)
def test_a_prefer_header_that_cannot_be_read_is_refused(header: str, complaint: str) -> None:
    with pytest.raises(ScenarioError, match=complaint):
        parse_prefer(header)


@pytest.mark.parametrize("example", list(success_examples()))
@pytest.mark.parametrize("backend", ["qpu.aria-1", "simulator"])
def test_a_named_example_is_answered_for_the_requested_backend(
    client: ContractClient, example: str, backend: str
) -> None:
    response = client.get(f"/v0.4/backends/{backend}", headers={"Prefer": f"example={example}"})
    assert response.status_code == 200
    expected = dict(success_examples()[example], backend=backend)
    assert response.get_json() == expected


@pytest.mark.parametrize(
    ("header", "status", "expected"),
    [
        ("code=400", 400, response_example("BadRequest", "invalidBackend")),
        ("code=404", 404, response_example("NotFound", "notFound")),
        ("code=500", 500, response_example("InternalServerError", "internalError")),
        ("code=400, example=invalidBackend", 400, response_example("BadRequest", "invalidBackend")),
        ("code=404,example=notFound", 404, response_example("NotFound", "notFound")),
    ],
)
def test_a_documented_status_is_answered_with_its_example(
    client: ContractClient, header: str, status: int, expected: Any
) -> None:
    response = client.get("/v0.4/backends/qpu.forte-1", headers={"Prefer": header})
    assert response.status_code == status
    assert response.get_json() == expected


@pytest.mark.parametrize("header", ["", " ", " , "])
def test_a_prefer_header_that_asks_for_nothing_serves_the_fixture(
    client: ContractClient, header: str
) -> None:
    response = client.get("/v0.4/backends/qpu.forte-1", headers={"Prefer": header})
    assert response.get_json() == fixture_record("qpu.forte-1")


def test_code_200_answers_the_first_success_example(client: ContractClient) -> None:
    response = client.get("/v0.4/backends/qpu.forte-1", headers={"Prefer": "code=200"})
    assert response.get_json() == dict(success_examples()["seed"], backend="qpu.forte-1")


def test_a_scenario_does_not_need_a_fixture(make_app: AppFactory, fixtures_dir: Any) -> None:
    (fixtures_dir / "backends" / "simulator.json").unlink()
    client = make_app(FIXTURES_DIR=fixtures_dir).test_client()
    response = client.get("/v0.4/backends/simulator", headers={"Prefer": "example=simulator"})
    assert response.get_json() == success_examples()["simulator"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("code=418", f"Prefer code=418 {UNDOCUMENTED}"),
        ("code=201", f"Prefer code=201 {UNDOCUMENTED}"),
        (
            "example=broken",
            "Prefer example=broken is not documented for status 200 of getBackend; "
            "choose one of [seed, available, degraded, unavailable, simulator]",
        ),
        (
            "code=404, example=seed",
            "Prefer example=seed is not documented for status 404 of getBackend; "
            "choose one of [notFound]",
        ),
        (
            "wait=10",
            "Prefer 'wait=10' is not supported; "
            "use code=<status>, example=<name>, delay=<ms> and/or drop",
        ),
    ],
)
def test_an_undocumented_choice_is_a_bad_request_listing_the_choices(
    client: ContractClient, header: str, message: str
) -> None:
    response = client.get("/v0.4/backends/qpu.aria-1", headers={"Prefer": header})
    assert response.status_code == 400
    assert response.get_json() == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"keys": ["Prefer"], "source": "headers"},
    }


def test_an_invalid_backend_is_refused_before_the_scenario(client: ContractClient) -> None:
    response = client.get("/v0.4/backends/qpu.nope", headers={"Prefer": "example=seed"})
    assert response.status_code == 400
    assert response.get_json() == response_example("BadRequest", "invalidBackend")


def test_head_honours_prefer(client: ContractClient) -> None:
    get = client.get("/v0.4/backends/qpu.aria-1", headers={"Prefer": "code=404"})
    head = client.head("/v0.4/backends/qpu.aria-1", headers={"Prefer": "code=404"})
    assert head.status_code == get.status_code == 404
    assert head.headers["Content-Length"] == str(len(get.get_data()))


def test_only_top_level_fields_named_like_path_parameters_change() -> None:
    example = {"backend": "a", "nested": {"backend": "a"}, "other": 1}
    assert with_path_values(example, {"backend": "b"}) == {
        "backend": "b",
        "nested": {"backend": "a"},
        "other": 1,
    }
    assert example["backend"] == "a"  # the spec's example itself is left alone
    assert with_path_values(["backend"], {"backend": "b"}) == ["backend"]
