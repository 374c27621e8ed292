"""`output.compilation.compiled_circuits`: a job's circuit in its backend's native gates.

The compilation itself is checked against qiskit in
contract_tests/simulator/test_compilation.py; here, through HTTP: which
jobs report one, that the artifact is IonQ's `ionq.native.v1` in the
backend's family, and that submitted back as a native job it gives the
source's probabilities.
"""

from __future__ import annotations

import math
import time
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    BELL_CIRCUIT,
    JOBS,
    circuit_job,
    get_job,
    key_header,
    result,
    submit,
    wait_for_job,
)

KEY = "compiled-circuits-key"
NATIVE = "ionq.native.v1"
TILTED: list[dict[str, Any]] = [
    {"gate": "ry", "target": 0, "rotation": 0.7},
    {"gate": "cnot", "control": 0, "target": 1},
    {"gate": "rz", "target": 1, "rotation": 0.3},
    {"gate": "h", "target": 2},
    {"gate": "swap", "targets": [1, 2]},
    {"gate": "x", "target": 0, "controls": [1, 2]},
    {"gate": "rx", "target": 2, "rotation": 1.1},
]


def compiled_of(client: ContractClient, job: dict[str, Any]) -> dict[str, Any]:
    descriptor = job["output"]["compilation"]["compiled_circuits"][NATIVE]
    assert descriptor["format"] == NATIVE
    response = client.get(
        f"{JOBS}/{job['id']}/artifacts/{descriptor['id']}", headers=key_header(KEY)
    )
    assert response.status_code == 200
    document: dict[str, Any] = response.get_json()
    return document


def completed(client: ContractClient, body: dict[str, Any]) -> dict[str, Any]:
    job = wait_for_job(client, submit(client, body, KEY), KEY)
    assert job["status"] == "completed", job
    return job


@pytest.mark.parametrize(
    ("backend", "entangler"),
    [("simulator", "ms"), ("qpu.aria-1", "ms"), ("qpu.forte-1", "zz")],
)
def test_the_compiled_circuit_is_in_the_backend_s_native_gates(
    client: ContractClient, backend: str, entangler: str
) -> None:
    job = completed(client, circuit_job(TILTED, qubits=3, backend=backend, shots=100))
    document = compiled_of(client, job)
    assert document["qubits"] == 3
    names = {gate["gate"] for gate in document["circuit"]}
    assert names <= {"gpi", "gpi2", entangler}
    assert entangler in names


def test_submitted_back_as_a_native_job_it_gives_the_source_s_probabilities(
    client: ContractClient,
) -> None:
    source = completed(client, circuit_job(TILTED, qubits=3))
    document = compiled_of(client, source)
    native = completed(
        client,
        {
            "type": "ionq.circuit.v1",
            "backend": "simulator",
            "input": {"gateset": "native", "qubits": 3, "circuit": document["circuit"]},
        },
    )
    expected = result(client, source["id"], KEY, "probabilities")
    served = result(client, native["id"], KEY, "probabilities")
    for state in set(expected) | set(served):
        assert math.isclose(served.get(state, 0.0), expected.get(state, 0.0), abs_tol=1e-9), state


def test_a_dry_run_reports_its_compiled_circuit_and_no_results(client: ContractClient) -> None:
    job = completed(
        client, {**circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1"), "dry_run": True}
    )
    assert job["results"] is None
    document = compiled_of(client, job)
    assert sum(gate["gate"] == "ms" for gate in document["circuit"]) == 1  # one CNOT, one MS


def test_a_batch_s_children_each_report_theirs_and_the_parent_none(client: ContractClient) -> None:
    body = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "input": {
            "gateset": "qis",
            "qubits": 3,
            "circuits": [{"circuit": BELL_CIRCUIT}, {"circuit": TILTED}],
        },
    }
    parent = completed(client, body)
    assert "compilation" not in parent["output"]
    widths = []
    for child_id in parent["child_job_ids"]:
        child = get_job(client, child_id, KEY)
        widths.append(len(compiled_of(client, child)["circuit"]))
    assert widths[0] < widths[1]  # each its own circuit


def test_no_compiled_circuit_before_a_job_runs_or_when_it_fails(client: ContractClient) -> None:
    failed = wait_for_job(
        client,
        submit(client, circuit_job([{"gate": "h", "target": 40}], qubits=2), KEY),
        KEY,
    )
    assert failed["status"] == "failed"
    assert failed["output"] == {}


def test_a_circuit_too_large_to_compile_completes_without_one_and_stalls_nobody(
    client: ContractClient,
) -> None:
    # 140 seven-controlled X gates compile to about 107,000 native gates (763 each),
    # past the 100,000 a compiled circuit may have; compiling them takes seconds, so
    # the dry run goes to the wide lane and another key's job is answered at once.
    heavy = [{"gate": "x", "target": 7, "controls": list(range(7))} for _ in range(140)]
    body = {**circuit_job(heavy, qubits=8, backend="qpu.aria-1"), "dry_run": True}
    started = time.monotonic()
    job_id = submit(client, body, KEY)
    assert time.monotonic() - started < 1.0  # not waited for: the wide lane
    other = submit(client, circuit_job(BELL_CIRCUIT, qubits=2), "another-compile-key")
    assert get_job(client, other, "another-compile-key")["status"] == "completed"
    job = wait_for_job(client, job_id, KEY, timeout_s=60)
    assert job["status"] == "completed"
    assert "compilation" not in job["output"]


def test_angles_that_are_not_finite_numbers_give_no_compiled_circuit(
    client: ContractClient,
) -> None:
    huge = [
        {
            "gate": "pauliexp",
            "targets": [0, 1],
            "terms": ["XX"],
            "coefficients": [1e308],
            "time": 1e308,
        }
    ]
    job = completed(client, {**circuit_job(huge, qubits=2, backend="qpu.aria-1"), "dry_run": True})
    assert "compilation" not in job["output"]
