"""Checking a job body: the compiled check accepts nothing jsonschema refuses; answers are bounded.

A body is accepted on jsonschema-rs's word (mock_server/wire/compiled.py)
and refused with jsonschema's reasons, at most 20 of them in the body's
order and a count of the rest. The property below is the soundness of that
split: on bodies drawn from the spec's own schema, valid and broken, the
compiled check says "valid" only where jsonschema finds nothing wrong.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from contract_tests.client.bodies import one_of_as_any_of
from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import circuit_job, key_header
from ionq_contract.operations import read_operations
from ionq_contract.spec import load_spec
from mock_server.wire.compiled import compile_check, plain_json_schema
from mock_server.wire.rejections import new_validator

JOBS = "/v0.4/jobs"
KEY = "body-checks"
BODY_SCHEMA = next(
    op.body_schema for op in read_operations(load_spec()) if op.operation_id == "createJob"
)
assert BODY_SCHEMA is not None
COMPILED = compile_check(BODY_SCHEMA)
JSONSCHEMA = new_validator(BODY_SCHEMA)
# hypothesis-jsonschema draws from the translated schema (formats are patterns
# and ranges there), with oneOf spelled anyOf as the client's tests do: its
# oneOf fails inside hypothesis. The branches name distinct `type`s, so the
# bodies are the same.
BODIES = from_schema(one_of_as_any_of(plain_json_schema(BODY_SCHEMA)))


def _agrees(body: Any) -> None:
    assert COMPILED is not None
    if COMPILED(body):
        assert list(JSONSCHEMA.iter_errors(body)) == [], json.dumps(body)[:500]


def _mutations() -> st.SearchStrategy[Any]:
    odd = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**40), max_value=2**40),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=40),
        st.just("12345678123412341234123456789abc"),
        st.just("{12345678-1234-1234-1234-123456789abc}"),
        st.just("12345678-1234-1234-1234-123456789ABC"),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    )
    return st.tuples(st.integers(min_value=0, max_value=10**6), odd)


def _mutate(body: Any, where: int, value: Any) -> Any:
    """`body` with the where-th value (depth first) replaced by `value`."""
    body = copy.deepcopy(body)
    slots: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in list(items):
            slots.append((node, key))
            if isinstance(child, dict | list):
                walk(child)

    if isinstance(body, dict | list):
        walk(body)
    if slots:
        node, key = slots[where % len(slots)]
        node[key] = value
    return body


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES)
def test_a_body_of_the_schema_is_valid_to_both(body: Any) -> None:
    assert COMPILED is not None
    assert COMPILED(body)
    assert list(JSONSCHEMA.iter_errors(body)) == []


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES, _mutations())
def test_the_compiled_check_accepts_nothing_jsonschema_refuses(
    body: Any, mutation: tuple[int, Any]
) -> None:
    _agrees(_mutate(body, *mutation))


def test_odd_spellings_the_translation_is_strict_about() -> None:
    seed = circuit_job([], qubits=1)
    for session_id in (
        "12345678123412341234123456789abc",
        "{12345678-1234-1234-1234-123456789abc}",
        "12345678-1234-1234-1234-123456789ABC",
    ):
        _agrees({**seed, "session_id": session_id})
    for value in (2**31 - 1, 2**31, -(2**31), -(2**31) - 1, None, 1.0):
        _agrees({**seed, "backend": "simulator", "noise": {"model": "aria-1", "seed": value}})


def _post(client: ContractClient, body: Any) -> dict[str, Any]:
    answer = client.post(JOBS, json=body, headers=key_header(KEY))
    assert answer.status_code == 400
    document: dict[str, Any] = answer.get_json()
    return document


def test_a_refusal_shows_twenty_problems_in_the_body_s_order_and_counts_the_rest(
    client: ContractClient,
) -> None:
    gates: list[Any] = [{"gate": "h", "target": 0}] * 30
    for index in (25, 2, 10, *range(11, 24)):
        gates[index] = 0
    document = _post(client, circuit_job(gates, qubits=1))
    problems = document["message"].split("; ")
    indices = [int(p.split("[")[1].split("]")[0]) for p in problems]
    assert indices == [2, 10, *range(11, 24), 25]  # numeric order, not "10" before "2"
    assert problems[-1] == "$.input.circuit[25]: 0 is not of type 'object'"
    assert document["validation"] == {"keys": ["input"], "source": "payload"}


def test_more_than_twenty_problems_are_counted(client: ContractClient) -> None:
    zeros: list[Any] = [0] * 25
    document = _post(client, circuit_job(zeros, qubits=1))
    problems = document["message"].split("; ")
    assert len(problems) == 21
    assert problems[0] == "$.input.circuit[0]: 0 is not of type 'object'"
    assert problems[19] == "$.input.circuit[19]: 0 is not of type 'object'"
    assert problems[20] == "and 5 more problems"


def test_140_000_wrong_gates_get_a_short_answer(client: ContractClient) -> None:
    zeros: list[Any] = [0] * 140_000  # within the 150,000 gates a circuit may have
    body = circuit_job(zeros, qubits=1)
    answer = client.post(JOBS, data=json.dumps(body), headers=key_header(KEY))
    assert answer.status_code == 400
    assert len(answer.data) < 4096
    assert answer.get_json()["message"].endswith("; and more than 980 more problems")


def test_a_circuit_over_its_limit_is_refused_for_its_length_alone(client: ContractClient) -> None:
    gates: list[Any] = [{"gate": "h", "target": 0}] * 150_001
    gates[7] = 0  # an item's own error is not looked for once the length is wrong
    document = _post(client, circuit_job(gates, qubits=1))
    assert document["message"].startswith("$.input.circuit: [")
    assert document["message"].endswith("is too long")
    assert "; " not in document["message"]
