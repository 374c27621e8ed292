"""POST /jobs refuses bad bodies with IonQ's 400 (or 413), never a 5xx, and changes nothing.

What is refused, and with which key, follows openapi.yaml's JobCreationPayload:
`validation.keys` names the top-level field that holds the problem and
`source` is `payload`. A hypothesis property throws random documents and
random mutations of a valid body at it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    ADMIN_JOBS,
    BELL,
    JOBS,
    admin,
    key_header,
    submit,
)
from mock_server.app import create_app

KEY = "job-input-test-key"
VALID = BELL
MAX_BODY = 10 * 1000 * 1000  # IonQ's 10 MB (openapi.yaml: PayloadTooLarge)


def changed(change: Callable[[dict[str, Any]], Any]) -> bytes:
    body = copy.deepcopy(VALID)
    change(body)
    return json.dumps(body).encode()


def job_count(client: ContractClient) -> int:
    return len(admin(client).get(ADMIN_JOBS).get_json())


def assert_bad_request(response: Any, keys: list[str], says: str) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"statusCode", "error", "message", "validation"}
    assert body["statusCode"] == 400
    assert body["error"] == "Bad Request"
    assert body["validation"] == {"keys": keys, "source": "payload"}
    assert says in body["message"]


@pytest.mark.parametrize(
    ("data", "keys", "says"),
    [
        pytest.param(b'{"type": "ionq.circuit.v1",', [], "not valid JSON", id="malformed"),
        pytest.param(b"", [], "required", id="no-body"),
        pytest.param(b"[]", [], "$", id="array"),
        pytest.param(b'[{"type": "ionq.circuit.v1"}]', [], "$", id="array-of-a-job"),
        pytest.param(b'"ionq.circuit.v1"', [], "$", id="string"),
        pytest.param(b"null", [], "$", id="null"),
        pytest.param(
            changed(lambda b: b.update(shots="abc")), ["shots"], "$.shots", id="shots-abc"
        ),
        pytest.param(changed(lambda b: b.update(shots=0)), ["shots"], "$.shots", id="shots-0"),
        pytest.param(
            changed(lambda b: b.update(shots=1_000_001)), ["shots"], "$.shots", id="shots-1000001"
        ),
        pytest.param(
            changed(lambda b: b.update(shots=10**30)), ["shots"], "$.shots", id="shots-10e30"
        ),
        pytest.param(changed(lambda b: b.update(shots=2.5)), ["shots"], "$.shots", id="shots-2.5"),
        pytest.param(
            changed(lambda b: b.update(shots="0100")), ["shots"], "$.shots", id="shots-leading-0"
        ),
        pytest.param(
            changed(lambda b: b["input"].update(qubits=-1)),
            ["input"],
            "$.input.qubits",
            id="qubits-minus-1",
        ),
        pytest.param(
            changed(lambda b: b["input"].update(qubits=65)),
            ["input"],
            "$.input.qubits",
            id="qubits-65",
        ),
        pytest.param(
            changed(lambda b: b["input"]["circuit"][0].update(gate=7)),
            ["input"],
            "$.input.circuit[0].gate",
            id="gate-7",
        ),
        pytest.param(
            changed(lambda b: b["input"]["circuit"][0].update(gate="hadamard")),
            ["input"],
            "$.input.circuit[0].gate",
            id="unknown-gate",
        ),
        pytest.param(
            changed(lambda b: b["input"]["circuit"][0].update(target="0")),
            ["input"],
            "$.input.circuit[0].target",
            id="target-string",
        ),
        pytest.param(
            changed(lambda b: b["input"]["circuit"][0].update(target=64)),
            ["input"],
            "$.input.circuit[0].target",
            id="target-64",
        ),
        pytest.param(changed(lambda b: b.update(shot=5)), ["shot"], "$.shot", id="unknown-field"),
        pytest.param(
            changed(lambda b: b.update(extra_query_params={"a": "b"})),
            ["extra_query_params"],
            "$.extra_query_params",
            id="qiskit-extra-query-params",
        ),
        pytest.param(
            changed(lambda b: b["input"].update(data="OPENQASM 3;")),
            ["input"],
            "$.input.data",
            id="unknown-input-field",
        ),
        pytest.param(
            changed(lambda b: b.update(type=["ionq.circuit.v1"])),
            ["type"],
            "$.type",
            id="type-list",
        ),
        pytest.param(
            changed(lambda b: b.update(type="ionq.circuit.v0")), ["type"], "$.type", id="type-v0"
        ),
        pytest.param(changed(lambda b: b.pop("type")), ["type"], "$.type", id="no-type"),
        pytest.param(changed(lambda b: b.pop("input")), ["input"], "input", id="no-input"),
        pytest.param(
            changed(lambda b: b.update(backend="qpu.nope")), ["backend"], "$.backend", id="backend"
        ),
        pytest.param(
            changed(lambda b: b.update(metadata={"shots": 1000})),
            ["metadata"],
            "$.metadata.shots",
            id="metadata-number",
        ),
        pytest.param(
            changed(lambda b: b.update(noise={"model": "ideal", "seed": 2**31})),
            ["noise"],
            "$.noise.seed",
            id="seed-over-int32",
        ),
        pytest.param(
            changed(lambda b: b.update(noise={"model": "perfect"})),
            ["noise"],
            "$.noise.model",
            id="noise-model",
        ),
        pytest.param(
            changed(lambda b: b.update(session_id="not-a-uuid")),
            ["session_id"],
            "$.session_id",
            id="session-id",
        ),
    ],
)
def test_a_bad_body_is_refused_with_ionqs_400(
    client: ContractClient, data: bytes, keys: list[str], says: str
) -> None:
    submit(client, VALID, KEY)
    before = job_count(client)
    response = client.post(
        JOBS, data=data, content_type="application/json", headers=key_header(KEY)
    )
    assert_bad_request(response, keys, says)
    assert job_count(client) == before


def test_a_bad_clone_body_is_refused(client: ContractClient) -> None:
    job_id = submit(client, VALID, KEY)
    before = job_count(client)
    response = client.post(
        f"{JOBS}/{job_id}/clone", json={"shots": 0, "input": {}}, headers=key_header(KEY)
    )
    assert response.status_code == 400
    assert response.get_json()["validation"]["source"] == "payload"
    assert set(response.get_json()["validation"]["keys"]) <= {"shots", "input"}
    assert job_count(client) == before


@pytest.mark.parametrize("content_type", ["application/json", None])
def test_a_body_over_10_mb_is_refused_with_413(
    client: ContractClient, content_type: str | None
) -> None:
    submit(client, VALID, KEY)
    before = job_count(client)
    padding = "x" * (MAX_BODY + 1)
    data = json.dumps({**VALID, "metadata": {"padding": padding}}).encode()
    response = client.post(JOBS, data=data, content_type=content_type, headers=key_header(KEY))
    assert response.status_code == 413
    body = response.get_json()
    assert set(body) == {"statusCode", "error", "message"}
    assert body["statusCode"] == 413
    assert body["error"]
    assert body["message"]
    assert job_count(client) == before


def test_a_body_just_under_10_mb_is_a_job(client: ContractClient) -> None:
    data = json.dumps({**VALID, "metadata": {"padding": ""}}).encode()
    padding = "x" * (MAX_BODY - len(data))
    body = {**VALID, "metadata": {"padding": padding}}
    assert len(json.dumps(body).encode()) == MAX_BODY
    submit(client, body, KEY)
    assert job_count(client) == 1


# -- any document -----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["ionq.circuit.v1", "ionq.multi-circuit.v1", "simulator", "qis", "h"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "backend", "input", "shots", "gate", "circuit", "qubits", "x"])
            | st.text(max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON document, the document itself first."""
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def mutated_bodies(draw: st.DrawFn) -> Any:
    """The valid body with one to three places replaced, removed, added to or, for a
    number, changed to another small one (qubits, targets, shots: mostly still valid)."""
    body: Any = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        numbers = [p for p in _paths(body) if p and type(_at(body, p)) is int]
        action = draw(st.sampled_from(["replace", "remove", "add", "nudge", "nudge"]))
        if action == "nudge" and numbers:
            path = draw(st.sampled_from(numbers))
            _at(body, path[:-1])[path[-1]] = draw(st.integers(-1, 66))
            continue
        path = draw(st.sampled_from(_paths(body)))
        value = draw(JSON_VALUES)
        if not path:
            body = value
            continue
        parent, last = _at(body, path[:-1]), path[-1]
        if action == "remove":
            del parent[last]
        elif action == "add" and isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=8))] = value
        elif action == "add" and isinstance(parent[last], list):
            parent[last].append(value)
        else:
            parent[last] = value
    return body


BODIES = (
    st.builds(json.dumps, JSON_VALUES).map(str.encode)
    | st.builds(json.dumps, mutated_bodies()).map(str.encode)
    | st.binary(max_size=64)
)


@pytest.fixture(scope="module")
def fuzzed() -> ContractClient:
    """One fake for every example. Jobs a mutation leaves valid run, but none wider
    than 18 qubits: SIMULATOR_MEMORY is 32 B x 2^18 plus the simulator's 64 MiB overhead."""
    app = create_app({"SIMULATOR_MEMORY": 72 * 2**20})
    app.test_client_class = ContractClient
    test_client = app.test_client()
    assert isinstance(test_client, ContractClient)
    return test_client


@settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=BODIES)
def test_no_body_gets_a_5xx_or_an_answer_that_is_not_json(
    fuzzed: ContractClient, data: bytes
) -> None:
    response = fuzzed.post(
        JOBS, data=data, content_type="application/json", headers=key_header(KEY)
    )
    event(f"answered {response.status_code}")
    assert response.status_code in (201, 400, 413), response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    document = json.loads(response.get_data())  # the contract client checked its schema too
    if response.status_code == 201:
        job = fuzzed.get(f"{JOBS}/{document['id']}", headers=key_header(KEY)).get_json()
        failure = job["failure"] or {}
        assert failure.get("code") != "InternalError", job
    else:
        assert document["statusCode"] == response.status_code
