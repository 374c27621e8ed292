"""Bodies that break the spec are detected, one test per kind of break.

Without validation the client only notices a missing required field (as a
KeyError); wrong types and out-of-range values pass through unchecked, which
is what the opt-in validation layer (ionq_contract.validation) is for.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from ionq_client import Client, public_client
from ionq_client.api.backends import get_backend
from ionq_client.models import BackendName

from contract_tests.client.contract import GET_BACKEND, required, response_examples
from contract_tests.client.stub import Stub
from ionq_contract.validation import ContractViolation, validate_response, validate_response_async

SEED: dict[str, Any] = response_examples(GET_BACKEND, 200)["seed"]
NOT_FOUND: dict[str, Any] = response_examples(GET_BACKEND, 404)["notFound"]


def without(body: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key != name}


def violation(
    status: int, body: dict[str, Any], *, asynchronous: bool = False
) -> ContractViolation:
    """The ContractViolation the validation hook raises for this answer."""
    hook = validate_response_async if asynchronous else validate_response
    client = public_client(httpx_args=Stub(status=status, json=body).httpx_args(hook))
    with pytest.raises(ContractViolation) as raised:
        fetch(client, asynchronous=asynchronous)
    return raised.value


def fetch(client: Client, *, asynchronous: bool = False) -> Any:
    if asynchronous:
        return asyncio.run(get_backend.asyncio(BackendName.QPU_ARIA_1, client=client))
    return get_backend.sync(BackendName.QPU_ARIA_1, client=client)


@pytest.mark.parametrize("name", required("Backend"))
def test_a_missing_required_field_fails_parsing_with_key_error(name: str) -> None:
    client = public_client(httpx_args=Stub(json=without(SEED, name)).httpx_args())
    with pytest.raises(KeyError) as raised:
        get_backend.sync(BackendName.QPU_ARIA_1, client=client)
    assert raised.value.args == (name,)


@pytest.mark.parametrize("name", required("Backend"))
def test_a_missing_required_field_is_named_by_validation(name: str) -> None:
    found = violation(200, without(SEED, name))
    assert found.field == name
    assert [problem.field for problem in found.problems] == [name]
    assert "required" in found.problems[0].reason


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("qubits", "25", "'25' is not of type 'integer'"),
        ("qubits", 25.5, "25.5 is not of type 'integer'"),
        ("degraded", "yes", "'yes' is not of type 'boolean'"),
        ("average_queue_time", "20 minutes", "'20 minutes' is not of type 'number'"),
        ("last_updated", 1750032000, "1750032000 is not of type 'string'"),
        ("status", None, "None for not nullable"),
        ("kw", "4902.81", "'4902.81' is not of type 'number'"),
    ],
)
def test_a_wrong_type_is_named_by_validation(name: str, value: Any, reason: str) -> None:
    found = violation(200, {**SEED, name: value})
    assert found.field == name
    assert found.problems[0].reason == reason
    assert (found.operation, found.status) == (GET_BACKEND, 200)
    assert name in str(found)


@pytest.mark.parametrize("asynchronous", [False, True])
def test_negative_qubits_are_named_by_validation(asynchronous: bool) -> None:
    found = violation(200, {**SEED, "qubits": -1}, asynchronous=asynchronous)
    assert found.field == "qubits"
    assert "minimum of 0" in found.problems[0].reason


def test_a_timestamp_that_is_no_timestamp_is_named_by_validation() -> None:
    found = violation(200, {**SEED, "last_updated": "16/06/2025"})
    assert found.field == "last_updated"
    assert "date-time" in found.problems[0].reason


def test_a_broken_error_body_is_named_by_validation() -> None:
    found = violation(404, {**NOT_FOUND, "statusCode": "404"})
    assert (found.field, found.status) == ("statusCode", 404)


def test_a_status_code_outside_its_range_is_named_by_validation() -> None:
    found = violation(500, {**NOT_FOUND, "statusCode": 200})
    assert found.field == "statusCode"
    assert "minimum of 400" in found.problems[0].reason


def test_every_problem_is_reported_not_just_the_first() -> None:
    found = violation(200, {**without(SEED, "status"), "qubits": "25", "degraded": "yes"})
    assert [problem.field for problem in found.problems] == ["degraded", "qubits", "status"]
