"""Faults for one request through `Prefer`: delay=<ms>, code=429/500/502/503, drop."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import fixture_record, response_example
from contract_tests.faults.conftest import API
from mock_server.controls.interruptions import ConnectionDropped
from mock_server.controls.scenarios import Preference, ScenarioError, parse_prefer


@pytest.mark.parametrize(
    ("header", "preference"),
    [
        ("delay=250", Preference(delay_ms=250)),
        ("drop", Preference(drop=True)),
        ("code=503, delay=1500", Preference(code=503, delay_ms=1500)),
        ("delay=0; drop; example=degraded", Preference(example="degraded", delay_ms=0, drop=True)),
        (' Delay="40" ', Preference(delay_ms=40)),
    ],
)
def test_delay_and_drop_are_read_with_the_others(header: str, preference: Preference) -> None:
    assert parse_prefer(header) == preference


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        ("delay=-5", "delay must be a whole number of milliseconds up to 60000, not '-5'"),
        ("delay=1.5", "not '1.5'"),
        ("delay=60001", "not '60001'"),
        ("delay=10, delay=20", "names delay more than once"),
        ("drop=yes", "'drop=yes' is not supported"),
        ("drop, drop", "names drop more than once"),
    ],
)
def test_a_bad_delay_or_drop_is_refused(header: str, complaint: str) -> None:
    with pytest.raises(ScenarioError, match=complaint):
        parse_prefer(header)


def test_a_bad_delay_answers_400_naming_the_header(api: ContractClient) -> None:
    response = api.get(API, headers={"Prefer": "delay=soon"})
    assert response.status_code == 400
    assert response.get_json()["validation"] == {"keys": ["Prefer"], "source": "headers"}


@pytest.mark.parametrize(
    ("status", "component", "example"),
    [
        (429, "TooManyRequests", "rateLimited"),
        (500, "InternalServerError", "internalError"),
        (502, "BadGateway", "badGateway"),
        (503, "ServiceUnavailable", "serviceUnavailable"),
    ],
)
def test_code_answers_each_fault_status_with_its_example(
    api: ContractClient, status: int, component: str, example: str
) -> None:
    response = api.get(API, headers={"Prefer": f"code={status}"})
    assert response.status_code == status
    assert response.get_json() == response_example(component, example)


def test_a_prefer_429_carries_retry_after(api: ContractClient) -> None:
    response = api.get(API, headers={"Prefer": "code=429"})
    assert response.headers["Retry-After"] == "1"


def test_delay_alone_serves_the_stored_state_later(
    api: ContractClient, sleeps: list[float]
) -> None:
    response = api.get(API, headers={"Prefer": "delay=1200"})
    assert response.get_json() == fixture_record("qpu.aria-1")
    assert sleeps == [1.2]


def test_delay_with_code_answers_the_status_later(api: ContractClient, sleeps: list[float]) -> None:
    response = api.get(API, headers={"Prefer": "code=502, delay=300"})
    assert response.status_code == 502
    assert sleeps == [0.3]


def test_zero_delay_does_not_sleep(api: ContractClient, sleeps: list[float]) -> None:
    assert api.get(API, headers={"Prefer": "delay=0"}).status_code == 200
    assert sleeps == []


@pytest.mark.parametrize("header", ["drop", "drop, code=503", "delay=5, drop"])
def test_drop_cuts_the_connection(app: Flask, header: str) -> None:
    client = FlaskClient(app, app.response_class)
    with pytest.raises(ConnectionDropped, match="Prefer: drop"):
        client.get(API, headers={"Prefer": header})


def test_drop_leaves_head_alone_as_granian_does(app: Flask) -> None:
    head = FlaskClient(app, app.response_class).head(API, headers={"Prefer": "drop"})
    assert head.status_code == 200
    assert head.get_data() == b""


def test_a_request_that_fails_validation_is_not_delayed(
    api: ContractClient, sleeps: list[float]
) -> None:
    assert api.get("/v0.4/backends/nope", headers={"Prefer": "delay=500"}).status_code == 400
    assert sleeps == []
