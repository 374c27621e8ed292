"""OpenQASM 3 jobs (`ionq.qasm3.v1`) through the fake's API, as qiskit-ionq and ionq-core send them.

Every expected distribution is worked out here by hand from the program's
text; failure codes and 400s from openapi.yaml (the control-flow code is the
fake's guess, x-guessed there).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    JOBS,
    ROOT,
    AppFactory,
    key_header,
    result,
    submit,
    wait_for_job,
)
from ionq_contract.spec import load_spec

KEY = "qasm3-test-key-31415"
HEADER = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
# qiskit's dumps of: h(0); measure(0, 0); reset(0); cx(0, 1); measure(1, 1).
MID_CIRCUIT = HEADER + (
    "bit[2] c;\nqubit[2] q;\nh q[0];\nc[0] = measure q[0];\nreset q[0];\n"
    "cx q[0], q[1];\nc[1] = measure q[1];\n"
)


def qasm3_job(data: str, **fields: Any) -> dict[str, Any]:
    """A qasm3 job body as qiskit-ionq 1.1.1 sends one (qubits, noise.seed null)."""
    return {
        "type": "ionq.qasm3.v1",
        "backend": "simulator",
        "shots": 100,
        "input": {"qubits": 2, "data": data},
        "noise": {"model": "ideal", "seed": None},
        **fields,
    }


def run(client: ContractClient, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    job_id = submit(client, body, KEY)
    return job_id, wait_for_job(client, job_id, KEY)


def test_a_mid_circuit_measurement_and_reset_job_completes_with_the_exact_aggregate(
    client: ContractClient,
) -> None:
    # c[0] is q[0]'s coin flip; the reset returns q[0] to 0, so the cx leaves
    # q[1] at 0 and c[1] is always 0: outcomes 0b00 and 0b01, half each.
    job_id, job = run(client, qasm3_job(MID_CIRCUIT))
    assert job["status"] == "completed", job
    assert job["type"] == "ionq.qasm3.v1"
    probabilities = result(client, job_id, KEY, "probabilities")
    assert set(probabilities) == {"0", "1"}
    assert abs(probabilities["0"] - 0.5) < 1e-12
    assert abs(probabilities["1"] - 0.5) < 1e-12


def test_registers_pack_in_declaration_order(client: ContractClient) -> None:
    # bit[1] a is bit 0 of the outcome, bit[2] b bits 1 and 2: b[1] = 1 is 0b100.
    program = HEADER + "qubit[1] q;\nbit[1] a;\nbit[2] b;\nx q[0];\nb[1] = measure q[0];\n"
    job_id, job = run(client, qasm3_job(program))
    assert job["status"] == "completed", job
    assert result(client, job_id, KEY, "probabilities") == {"4": 1.0}


def test_ionq_core_s_closed_input_runs_too(client: ContractClient) -> None:
    body = {"type": "ionq.qasm3.v1", "backend": "simulator", "input": {"data": MID_CIRCUIT}}
    job_id, job = run(client, body)
    assert job["status"] == "completed", job
    assert set(result(client, job_id, KEY, "probabilities")) == {"0", "1"}


def test_a_qpu_job_measures_its_shots(client: ContractClient) -> None:
    shots = 200
    job_id, job = run(client, qasm3_job(MID_CIRCUIT, backend="qpu.aria-1", shots=shots))
    assert job["status"] == "completed", job
    probabilities = result(client, job_id, KEY, "probabilities")
    counts = [p * shots for p in probabilities.values()]
    assert all(abs(c - round(c)) < 1e-9 for c in counts)
    assert round(sum(counts)) == shots
    # Known once the program is read: h (one qubit) and cx (two); the reset is no gate.
    assert job["stats"]["gate_counts"] == {"1q": 1, "2q": 1}


def test_control_flow_fails_the_job_naming_the_construct(client: ContractClient) -> None:
    program = HEADER + (
        "bit[2] c;\nqubit[2] q;\nh q[0];\nc[0] = measure q[0];\n"
        "if (c[0]) {\n  x q[1];\n}\nc[1] = measure q[1];\n"
    )
    _, job = run(client, qasm3_job(program))
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "CompilationError"
    assert "`if`" in job["failure"]["message"]
    assert "line 7" in job["failure"]["message"]


def test_a_syntax_error_fails_the_job_with_its_line(client: ContractClient) -> None:
    _, job = run(client, qasm3_job("OPENQASM 3.0;\nqubit[2] q\nh q[0];\n"))
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "InvalidInput"
    assert "line 3" in job["failure"]["message"]


def test_an_unknown_gate_fails_with_unsupported_gate(client: ContractClient) -> None:
    _, job = run(client, qasm3_job(HEADER + "qubit[2] q;\nfoo q[0];\n"))
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "UnsupportedGate"
    assert "'foo'" in job["failure"]["message"]


def test_a_program_wider_than_its_backend_fails_with_not_enough_qubits(
    client: ContractClient,
) -> None:
    _, job = run(client, qasm3_job(HEADER + "qubit[30] q;\nh q[0];\n"))
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "NotEnoughQubits"


def test_the_schema_refuses_what_is_not_a_qasm3_job(client: ContractClient) -> None:
    for body in (
        {"type": "ionq.qasm3.v1", "backend": "simulator", "input": {"qubits": 2}},
        {"type": "ionq.qasm3.v1", "backend": "simulator", "input": {"data": ""}},
        {"type": "ionq.qasm3.v1", "backend": "simulator", "input": {"data": "x", "gateset": "qis"}},
        {"type": "ionq.qasm3.v1", "backend": "simulator", "input": {"data": 3}},
    ):
        response = client.post(JOBS, json=body, headers=key_header(KEY))
        assert response.status_code == 400, body
        assert response.get_json()["statusCode"] == 400


def test_the_fake_starts_without_loading_the_qasm3_parser() -> None:
    # openqasm3 and its ANTLR runtime load with the first qasm3 job, never at start-up.
    code = (
        "import sys; from mock_server.app import create_app; create_app({}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'openqasm3', 'antlr4'}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert loaded.stdout.strip() == "[]"


def test_a_program_too_long_to_parse_fails_at_once(client: ContractClient) -> None:
    # About 2.4 MB, well within the 10 MB body limit: refused before the parse.
    program = HEADER + "qubit q;\n" + "x q;\n" * 480_000
    _, job = run(client, qasm3_job(program))
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "InvalidInput"
    assert "characters" in job["failure"]["message"]


def test_the_work_bound_counts_the_gates_a_short_program_expands_to(make_app: AppFactory) -> None:
    # 16 qubits, 100,000 h gates from one line: 100,000 x (2^16 + 1,024) amplitude-gates,
    # over a bound of 2^30, though the text is a few statements.
    client = make_app(SIMULATOR_WORK=2**30).test_client()
    assert isinstance(client, ContractClient)
    _, job = run(client, qasm3_job(HEADER + "qubit[16] q;\npow(100000) @ h q[0];\n"))
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "SimulationError"


def test_error_mitigation_is_not_applied_to_a_program_and_a_warning_says_so(
    client: ContractClient,
) -> None:
    settings = {"error_mitigation": {"debiasing": True}}
    body = qasm3_job(MID_CIRCUIT, backend="qpu.aria-1", shots=500, settings=settings)
    _, job = run(client, body)
    assert job["status"] == "completed", job
    assert any("OpenQASM 3" in message for message in job["warning"]["messages"])


def test_the_v2_artifacts_cut_an_outcome_into_the_program_s_registers(
    client: ContractClient,
) -> None:
    # c[0] (register c) is 1; d[0] and d[1] (register d) are 0 and 1.
    program = HEADER + (
        "qubit[2] q;\nbit[1] c;\nbit[2] d;\nx q[0];\nc[0] = measure q[0];\nreset q[0];\n"
        "x q[1];\nd[1] = measure q[1];\nd[0] = measure q[0];\n"
    )
    job_id, job = run(client, qasm3_job(program))
    assert job["status"] == "completed", job
    descriptor = job["results"]["ionq.result.probabilities.json.v2"]
    response = client.get(f"{JOBS}/{job_id}/artifacts/{descriptor['id']}", headers=key_header(KEY))
    assert response.status_code == 200
    # Bit strings with the register's bit 0 on the right, as qiskit writes them.
    assert response.get_json() == {
        "probabilities": {"registers": {"c": {"1": 1.0}, "d": {"10": 1.0}}}
    }


def test_the_spec_s_qasm3_example_completes(client: ContractClient) -> None:
    spec = load_spec()
    media = spec["paths"]["/jobs"]["post"]["requestBody"]["content"]["application/json"]
    body = media["examples"]["qasm3"]["value"]
    _, job = run(client, body)
    assert job["status"] == "completed", job
    assert job["type"] == "ionq.qasm3.v1"


def test_a_qpu_program_costs_the_gates_it_expanded_to(client: ContractClient) -> None:
    # rate-cards.json, qpu.aria-1: 0.00022 per 1q gate-shot, 0.000975 per 2q gate-shot,
    # at least 1.0. The program is h (1q) and cx (2q): 5,000 x 0.001195 = 5.975. The
    # estimate is the minimum: at submission the program is not read yet (x-guessed).
    cards = json.loads((ROOT / "mock_server/api/fixtures/rate-cards.json").read_text("utf-8"))
    card = cards["rate_cards"]["qpu.aria-1"]
    shots = 5_000
    expected = shots * (card["1q_gate_shot"] + card["2q_gate_shot"])
    job_id, job = run(client, qasm3_job(MID_CIRCUIT, backend="qpu.aria-1", shots=shots))
    assert job["status"] == "completed", job
    cost = client.get(f"{JOBS}/{job_id}/cost", headers=key_header(KEY)).get_json()
    assert cost["cost"]["value"] == pytest.approx(expected, abs=0.01)
    assert cost["estimated_cost"]["value"] == card["minimum"]


def test_a_program_s_compiled_circuit_is_the_program_run_or_dry_run(
    client: ContractClient,
) -> None:
    # Mid-circuit measurement and reset have no form in ionq.native.v1: a program
    # reports itself as ionq.qasm3.v1 (IonQ's binary "mir" form is not served).
    for fields in ({}, {"dry_run": True}):
        job_id, job = run(client, qasm3_job(MID_CIRCUIT, backend="qpu.aria-1", **fields))
        assert job["status"] == "completed", job
        compiled = job["output"]["compilation"]["compiled_circuits"]
        assert set(compiled) == {"ionq.qasm3.v1"}
        descriptor = compiled["ionq.qasm3.v1"]
        assert descriptor["format"] == "ionq.qasm3.v1"
        response = client.get(
            f"{JOBS}/{job_id}/artifacts/{descriptor['id']}", headers=key_header(KEY)
        )
        assert response.status_code == 200
        assert response.get_json() == MID_CIRCUIT
    assert job["stats"]["gate_counts"] == {"1q": 0, "2q": 0}  # not read: a dry run prices only


def test_the_work_bound_counts_every_branch_a_mid_circuit_measurement_leaves(
    make_app: AppFactory,
) -> None:
    # 12 qubits, 12 mid-circuit measurements, then 40 layers of h: up to 2^12 = 4,096
    # groups of shots each simulate the rest. Under a bound the same program measured
    # only at the end fits (one run), the mid-circuit one does not.
    client = make_app(SIMULATOR_WORK=2**31).test_client()
    assert isinstance(client, ContractClient)
    layers = "".join("h q;\n" for _ in range(40))
    mid = "".join(f"c[{i}] = measure q[{i}];\n" for i in range(12))
    program = HEADER + "qubit[12] q;\nbit[12] c;\nh q;\n" + mid + layers + "c = measure q;\n"
    at_end = HEADER + "qubit[12] q;\nbit[12] c;\nh q;\n" + layers + "c = measure q;\n"
    body = {"shots": 1_024, "noise": {"model": "aria-1", "seed": 5}}
    _, fits = run(client, qasm3_job(at_end, **body))
    assert fits["status"] == "completed", fits
    _, refused = run(client, qasm3_job(program, **body))
    assert refused["status"] == "failed"
    assert refused["failure"]["code"] == "SimulationError"


def test_a_name_longer_than_64_characters_fails_the_job(client: ContractClient) -> None:
    name = "r" * 65
    _, job = run(
        client, qasm3_job(HEADER + f"qubit[1] q;\nbit[1] {name};\n{name}[0] = measure q[0];\n")
    )
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "InvalidInput"
    assert "64 characters" in job["failure"]["message"]


def test_shots_whose_document_would_be_too_large_fail_with_too_many_shots(
    client: ContractClient,
) -> None:
    # 63 one-bit registers of 64-character names, each measuring the one qubit: about
    # 4.5 KB a shot in shots.json.v2, 4.5 GB for a million shots. 1,000 shots are served.
    names = [f"r{i:02d}" + "r" * 61 for i in range(63)]
    declarations = "".join(f"bit[1] {n};\n" for n in names)
    measures = "".join(f"{n}[0] = measure q[0];\n" for n in names)
    program = HEADER + "qubit[1] q;\n" + declarations + measures
    for shots, status in ((1_000, "completed"), (1_000_000, "failed")):
        body = qasm3_job(program, backend="qpu.forte-1", shots=shots)
        del body["noise"]  # a QPU's noise is its characterization's
        _, job = run(client, body)
        assert job["status"] == status, job
    assert job["failure"]["code"] == "TooManyShots"
