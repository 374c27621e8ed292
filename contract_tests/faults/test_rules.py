"""Fault rules through the admin API: sequences, seeded error rates, latency, validation.

Every API response goes through ContractClient, so each injected status is
also checked against openapi.yaml. Delays are recorded, not slept (the
`sleeps` fixture): the tests check what the fake decides, not the clock.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import pytest
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import fixture_record, response_example
from contract_tests.faults.conftest import API
from mock_server.app import create_app

FAULTS = "/__admin/faults"
EXAMPLES = {
    429: response_example("TooManyRequests", "rateLimited"),
    500: response_example("InternalServerError", "internalError"),
    502: response_example("BadGateway", "badGateway"),
    503: response_example("ServiceUnavailable", "serviceUnavailable"),
}


def add(admin: FlaskClient, **rule: Any) -> dict[str, Any]:
    response = admin.post(FAULTS, json=rule)
    assert response.status_code == 201, response.get_json()
    created: dict[str, Any] = response.get_json()
    return created


def statuses(api: ContractClient, count: int, path: str = API) -> list[int]:
    return [api.get(path).status_code for _ in range(count)]


def test_fail_twice_then_succeed(api: ContractClient, admin: FlaskClient) -> None:
    add(admin, operation="getBackend", sequence=[503, 503])
    first, second, third = (api.get(API) for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.get_json() == EXAMPLES[503]
    assert third.get_json() == fixture_record("qpu.aria-1")
    assert statuses(api, 3) == [200, 200, 200]


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_each_fault_status_answers_its_documented_example(
    api: ContractClient, admin: FlaskClient, status: int
) -> None:
    add(admin, sequence=[status])
    response = api.get(API)
    assert response.status_code == status
    assert response.get_json() == EXAMPLES[status]
    assert response.headers.get("Retry-After") == ("1" if status == 429 else None)


def test_a_429_rule_sends_its_retry_after(api: ContractClient, admin: FlaskClient) -> None:
    add(admin, sequence=[429], retry_after=7)
    assert api.get(API).headers["Retry-After"] == "7"


def test_pass_lets_one_request_through_in_a_sequence(
    api: ContractClient, admin: FlaskClient
) -> None:
    add(admin, sequence=[500, "pass", 502])
    assert statuses(api, 4) == [500, 200, 502, 200]


def test_a_rule_for_one_operation_leaves_the_others_alone(
    api: ContractClient, admin: FlaskClient
) -> None:
    add(admin, operation="getBackend", sequence=[503] * 5)
    assert api.get("/v0.4/backends").status_code == 200
    assert api.get(API).status_code == 503


def test_a_global_rule_applies_to_every_operation(api: ContractClient, admin: FlaskClient) -> None:
    add(admin, sequence=[502, 502])
    assert api.get("/v0.4/backends").status_code == 502
    assert api.get(API).status_code == 502
    assert api.get(API).status_code == 200


def error_pattern(seed: int, rate: float, count: int) -> list[int]:
    """The documented draw: the n-th matched request fails when the n-th
    `random.Random(seed).random()` is below the rate."""
    draws = random.Random(seed)  # noqa: S311 - reproducing the fake's documented generator
    return [503 if draws.random() < rate else 200 for _ in range(count)]


@pytest.mark.parametrize("seed", [0, 7, 2026])
def test_an_error_rate_follows_its_seed(api: ContractClient, admin: FlaskClient, seed: int) -> None:
    add(admin, error={"status": 503, "rate": 0.4}, seed=seed)
    assert statuses(api, 40) == error_pattern(seed, 0.4, 40)


def test_the_same_seed_gives_the_same_failures_in_two_apps() -> None:
    runs = []
    for _ in range(2):
        app = create_app()
        app.test_client().post(FAULTS, json={"error": {"status": 500, "rate": 0.5}, "seed": 3})
        runs.append([app.test_client().get(API).status_code for _ in range(30)])
    assert runs[0] == runs[1]
    assert set(runs[0]) == {200, 500}


@pytest.mark.parametrize(("rate", "expected"), [(0.0, 200), (1.0, 502)])
def test_rates_zero_and_one_never_and_always_fail(
    api: ContractClient, admin: FlaskClient, rate: float, expected: int
) -> None:
    add(admin, error={"status": 502, "rate": rate})
    assert statuses(api, 20) == [expected] * 20


def test_a_sequence_comes_before_the_error_rate(api: ContractClient, admin: FlaskClient) -> None:
    add(admin, sequence=["pass", 429], error={"status": 500, "rate": 1.0})
    assert statuses(api, 4) == [200, 429, 500, 500]


def test_times_expires_a_rule(api: ContractClient, admin: FlaskClient) -> None:
    add(admin, error={"status": 503, "rate": 1.0}, times=2)
    assert statuses(api, 4) == [503, 503, 200, 200]


def test_the_first_rule_that_picks_an_outcome_answers(
    api: ContractClient, admin: FlaskClient
) -> None:
    add(admin, sequence=["pass", 500])
    add(admin, sequence=[502, 502])
    # Request 1: rule 1 passes, rule 2 answers 502. Request 2: rule 1 answers
    # 500 and rule 2 is not consulted. Request 3: rule 2's second step.
    assert statuses(api, 4) == [502, 500, 502, 200]


def test_a_fixed_delay_is_added_to_each_request(
    api: ContractClient, admin: FlaskClient, sleeps: list[float]
) -> None:
    add(admin, operation="getBackend", delay_ms=250)
    assert statuses(api, 3) == [200, 200, 200]
    assert sleeps == [0.25, 0.25, 0.25]


def test_a_delay_range_is_drawn_from_the_seed(
    api: ContractClient, admin: FlaskClient, sleeps: list[float]
) -> None:
    add(admin, delay_ms=[100, 300], seed=11)
    statuses(api, 5)
    draws = random.Random(11)  # noqa: S311 - the fake's documented generator
    assert sleeps == pytest.approx([draws.uniform(100, 300) / 1000 for _ in range(5)])
    assert all(0.1 <= slept <= 0.3 for slept in sleeps)


def test_delays_of_several_rules_add_up_and_then_a_fault_answers(
    api: ContractClient, admin: FlaskClient, sleeps: list[float]
) -> None:
    add(admin, delay_ms=100)
    add(admin, delay_ms=50, sequence=[503])
    assert api.get(API).status_code == 503
    assert sleeps == pytest.approx([0.15])


def test_a_drop_cuts_the_connection(app: Any, admin: FlaskClient) -> None:
    from mock_server.controls.interruptions import ConnectionDropped  # noqa: PLC0415

    add(admin, sequence=["drop"])
    client = FlaskClient(app, app.response_class)
    with pytest.raises(ConnectionDropped, match="fault rule 1"):
        client.get(API)  # raised while the body is sent, after the headers
    assert client.get(API).status_code == 200


def test_rules_are_listed_with_their_progress(api: ContractClient, admin: FlaskClient) -> None:
    first = add(admin, operation="getBackend", sequence=[503, 503], seed=5)
    second = add(admin, delay_ms=[10, 20], error={"status": "drop", "rate": 0.0}, times=3)
    assert (first["id"], second["id"]) == (1, 2)
    statuses(api, 1)
    assert admin.get(FAULTS).get_json() == [
        {
            "id": 1,
            "operation": "getBackend",
            "sequence": [503, 503],
            "seed": 5,
            "retry_after": 1,
            "times": None,
            "matched": 1,
        },
        {
            "id": 2,
            "operation": None,
            "delay_ms": [10, 20],
            "error": {"status": "drop", "rate": 0.0},
            "seed": 0,
            "retry_after": 1,
            "times": 3,
            "matched": 0,  # rule 1 answered first
        },
    ]


def test_rules_can_be_removed_one_by_one_or_all(api: ContractClient, admin: FlaskClient) -> None:
    first = add(admin, sequence=[503] * 10)
    add(admin, sequence=[502] * 10)
    assert admin.delete(f"{FAULTS}/{first['id']}").status_code == 204
    assert api.get(API).status_code == 502
    missing = admin.delete(f"{FAULTS}/{first['id']}")
    assert missing.status_code == 404
    assert missing.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": "There is no fault rule 1.",
    }
    assert admin.delete(FAULTS).status_code == 204
    assert admin.get(FAULTS).get_json() == []
    assert api.get(API).status_code == 200
    assert add(admin, sequence=[503])["id"] == 3  # ids are never reused


def test_reset_removes_the_rules(api: ContractClient, admin: FlaskClient) -> None:
    add(admin, sequence=[503] * 10)
    assert admin.post("/__admin/reset").status_code == 204
    assert admin.get(FAULTS).get_json() == []
    assert api.get(API).status_code == 200


def test_faults_belong_to_one_app() -> None:
    first, second = create_app(), create_app()
    first.test_client().post(FAULTS, json={"sequence": [503] * 5})
    assert second.test_client().get(API).status_code == 200
    assert first.test_client().get(API).status_code == 503


def test_an_invalid_request_gets_the_fault_before_validation(
    api: ContractClient, admin: FlaskClient
) -> None:
    add(admin, sequence=[503])
    assert api.get("/v0.4/backends/qpu.nope").status_code == 503
    assert api.get("/v0.4/backends/qpu.nope").status_code == 400


@pytest.mark.parametrize(
    ("rule", "keys", "message"),
    [
        ({"operation": "getJobz", "sequence": [503]}, ["operation"], "$.operation: is not one of"),
        (
            {"sequence": [504]},
            ["sequence"],
            "$.sequence[0]: 504 is not a fault status openapi.yaml documents for every "
            "operation; choose one of [429, 500, 502, 503], 'drop' or 'pass'",
        ),
        (
            {"operation": "getBackend", "error": {"status": 404, "rate": 1}},
            ["error"],
            "$.error.status: 404 is not a fault status openapi.yaml documents for getBackend",
        ),
        ({"error": {"status": "pass", "rate": 1}}, ["error"], "'pass' is not a status or 'drop'"),
        ({"sequence": ["boom"]}, ["sequence"], "'boom' is not a status or 'drop' or 'pass'"),
        ({"sequence": []}, ["sequence"], "$.sequence: [] should be non-empty"),
        ({"error": {"status": 503, "rate": 1.5}}, ["error"], "1.5 is greater than the maximum"),
        ({"error": {"status": 503}}, ["error"], "$.error.rate: is required"),
        ({"delay_ms": [300, 100]}, ["delay_ms"], "$.delay_ms: [min, max] needs min <= max"),
        ({"delay_ms": -1}, ["delay_ms"], "$.delay_ms: -1 is not valid under any"),
        ({"delay_ms": 10, "retries": 3}, ["retries"], "$.retries: is not a documented field"),
        ({"times": 0, "delay_ms": 1}, ["times"], "$.times: 0 is less than the minimum of 1"),
        ({"seed": 1}, [], "$: a rule needs delay_ms, error or sequence"),
    ],
)
def test_an_invalid_rule_is_refused_with_ionq_s_body(
    admin: FlaskClient, rule: dict[str, Any], keys: list[str], message: str
) -> None:
    response = admin.post(FAULTS, json=rule)
    assert response.status_code == 400
    assert response.content_type == "application/json"
    body = response.get_json()
    assert set(body) == {"statusCode", "error", "message", "validation"}
    assert (body["statusCode"], body["error"]) == (400, "Bad Request")
    assert body["validation"] == {"keys": keys, "source": "payload"}
    assert message in body["message"]
    assert admin.get(FAULTS).get_json() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[503]", "The body must be a JSON object of fault rule fields"),
        (b"{sequence: [503]}", "The body is not valid JSON"),
    ],
)
def test_a_body_that_is_not_a_rule_object_is_refused(
    admin: FlaskClient, data: bytes, message: str
) -> None:
    response = admin.post(FAULTS, data=data, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["message"] == message


def test_concurrent_requests_consume_a_sequence_exactly_once() -> None:
    from ionq_contract.operations import read_operations  # noqa: PLC0415
    from ionq_contract.spec import load_spec  # noqa: PLC0415
    from mock_server.controls.faults import FaultTable  # noqa: PLC0415

    table = FaultTable({op.operation_id: op for op in read_operations(load_spec())})
    table.add({"sequence": [503] * 100})
    outcomes: list[object] = []
    start = threading.Barrier(8)

    def worker() -> None:
        start.wait()
        for _ in range(50):
            outcomes.append(table.decide("getBackend").outcome)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(503) == 100
    assert outcomes.count("pass") == 300
    assert table.rules()[0]["matched"] == 400
