"""Noisy jobs through the API: IonQ's named models on `simulator`, a QPU's own characterization.

Every expected rate is worked out here by hand from the channels' algebra
(docs/noise.md), with IonQ's published rates written out as IonQ publishes
them and a QPU's fidelities read from what the fake serves at
/backends/{name}/characterizations/{id}; nothing is read from the code under
test. Two facts do the work:

- In a Bell circuit (h, then cnot), the one-qubit channel after h never
  changes the parity of the outcome (X|+> = |+>; Y and Z turn it into |->,
  which the cnot maps to an even pair too). Of the 15 Paulis of the two-qubit
  channel after the cnot, the 8 with X or Y on exactly one qubit make it odd:
  P(odd) = 8 r2/16 = r2/2.
- On a basis state, a one-qubit channel flips the bit with probability r1/2
  (X or Y). N of them in a row leave it flipped with probability
  (1 - (1 - r1)^N) / 2.

A readout error p flips the parity with probability s = 2p(1-p), so a
parity probability q becomes q(1-s) + (1-q)s.

Counts are Binomial(shots, p): a check allows Z standard deviations, a
two-sided normal tail of 1.2e-7 per check (Z = 5.3), at fixed seeds.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    BELL_CIRCUIT,
    ROOT,
    circuit_job,
    fixture_record,
    get_job,
    key_header,
    result,
    submit,
    wait_for_job,
)
from contract_tests.noise_rates import PUBLISHED_RATES
from ionq_contract.spec import load_spec

KEY = "noise-test-key-2718"
Z = 5.3
PUBLISHED = PUBLISHED_RATES  # IonQ's guide: (r1q, r2q) per model
# The fake's choices where IonQ publishes nothing (docs/noise.md, x-guessed in openapi.yaml):
# forte-enterprise-1 runs forte-1's rates; harmony runs r = d/(d-1) (1 - F) of F1q = 99.5%,
# F2q = 97.5% (Wright et al. 2019).
GUESSED = {
    "forte-enterprise-1": PUBLISHED["forte-1"],
    "harmony": (2 * 0.005, 4 / 3 * 0.025),
    "harmony-1": (2 * 0.005, 4 / 3 * 0.025),
    "harmony-2": (2 * 0.005, 4 / 3 * 0.025),
}
LIMITS = {
    "aria-1": 25,
    "aria-2": 25,
    "forte-1": 29,
    "forte-enterprise-1": 29,
    "harmony": 11,
    "harmony-1": 11,
    "harmony-2": 11,
}


def assert_binomial(count: int, shots: int, p: float) -> None:
    spread = Z * math.sqrt(shots * p * (1 - p))
    assert abs(count - shots * p) <= spread, (
        f"{count} of {shots}, expected {shots * p:.1f} ± {spread:.1f}"
    )


def completed(client: ContractClient, body: dict[str, Any]) -> str:
    job_id = submit(client, body, KEY)
    job = wait_for_job(client, job_id, KEY, timeout_s=60)
    assert job["status"] == "completed", job.get("failure")
    return job_id


def odd_count(histogram: dict[str, int]) -> int:
    return histogram.get("1", 0) + histogram.get("2", 0)


def flipped_after(rate: float, gates: int) -> float:
    return (1 - (1 - rate) ** gates) / 2


def through_readout(q: float, p: float) -> float:
    s = 2 * p * (1 - p)
    return q * (1 - s) + (1 - q) * s


@pytest.mark.parametrize("model", sorted({**PUBLISHED, **GUESSED}))
def test_a_named_model_errs_at_its_two_qubit_rate(client: ContractClient, model: str) -> None:
    shots = 40_000
    _, r2 = {**PUBLISHED, **GUESSED}[model]
    body = circuit_job(BELL_CIRCUIT, qubits=2, shots=shots, noise={"model": model, "seed": 11})
    job_id = completed(client, body)
    histogram = result(client, job_id, KEY, "histogram")
    assert sum(histogram.values()) == shots
    assert_binomial(odd_count(histogram), shots, r2 / 2)


@pytest.mark.parametrize("model", ["aria-1", "harmony"])
def test_a_named_model_errs_at_its_one_qubit_rate(client: ContractClient, model: str) -> None:
    shots, gates = 20_000, 100  # an even number of x: ideally |0>
    r1, _ = {**PUBLISHED, **GUESSED}[model]
    circuit = [{"gate": "x", "target": 0}] * gates
    body = circuit_job(circuit, qubits=1, shots=shots, noise={"model": model, "seed": 3})
    histogram = result(client, completed(client, body), KEY, "histogram")
    assert_binomial(histogram.get("1", 0), shots, flipped_after(r1, gates))


def test_noisy_probabilities_are_the_counts_over_the_shots(client: ContractClient) -> None:
    shots = 3000
    body = circuit_job(BELL_CIRCUIT, qubits=2, shots=shots, noise={"model": "aria-2", "seed": 5})
    job_id = completed(client, body)
    probabilities = result(client, job_id, KEY, "probabilities")
    histogram = result(client, job_id, KEY, "histogram")
    shot_list = result(client, job_id, KEY, "shots")
    assert histogram == {state: round(p * shots) for state, p in probabilities.items()}
    assert len(shot_list) == shots
    assert {state: shot_list.count(state) for state in histogram} == histogram


def test_the_same_seed_gives_the_same_shots_and_another_seed_others(
    client: ContractClient,
) -> None:
    def shots_of(seed: int) -> list[str]:
        body = circuit_job(
            BELL_CIRCUIT, qubits=2, shots=5000, noise={"model": "harmony", "seed": seed}
        )
        shots: list[str] = result(client, completed(client, body), KEY, "shots")
        return shots

    assert shots_of(21) == shots_of(21)
    assert shots_of(21) != shots_of(22)


def test_ideal_stays_exact(client: ContractClient) -> None:
    body = circuit_job(BELL_CIRCUIT, qubits=2, shots=1000, noise={"model": "ideal", "seed": 1})
    probabilities = result(client, completed(client, body), KEY, "probabilities")
    assert probabilities == pytest.approx({"0": 0.5, "3": 0.5}, abs=1e-12)


@pytest.mark.parametrize(("model", "limit"), sorted(LIMITS.items()))
def test_a_model_refuses_circuits_wider_than_it_runs(
    client: ContractClient, model: str, limit: int
) -> None:
    qubits = limit + 1
    body = circuit_job([{"gate": "x", "target": qubits - 1}], qubits=qubits, noise={"model": model})
    job_id = submit(client, body, KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "NotEnoughQubits"
    assert str(min(limit, 29)) in job["failure"]["message"]


def test_a_model_runs_circuits_as_wide_as_it_allows(client: ContractClient) -> None:
    circuit = [{"gate": "x", "target": q} for q in range(11)]
    body = circuit_job(circuit, qubits=11, shots=200, noise={"model": "harmony", "seed": 2})
    histogram = result(client, completed(client, body), KEY, "histogram")
    assert histogram.get(str(2**11 - 1), 0) > 150  # 11 gates at r1 = 1%: P(all right) > 0.94


@pytest.mark.parametrize(
    ("noise", "problem"),
    [
        ({"model": "aria-3"}, "model"),
        ({"model": "aria-1", "seed": 2**31}, "seed"),
        ({"model": "aria-1", "seed": -(2**31) - 1}, "seed"),
        ({"seed": 4}, "model"),
    ],
)
def test_bad_noise_is_refused_with_ionqs_error(
    client: ContractClient, noise: dict[str, Any], problem: str
) -> None:
    body = circuit_job(BELL_CIRCUIT, qubits=2, noise=noise)
    response = client.post("/v0.4/jobs", json=body, headers=key_header(KEY))
    assert response.status_code == 400
    error = response.get_json()
    assert error["statusCode"] == 400
    assert problem in error["message"]


def test_the_simulator_lists_every_noise_model_the_spec_names_by_name(
    client: ContractClient,
) -> None:
    # Names only, as qBraid reads them (openapi.yaml's x-guessed of `noise_models`).
    spec_names = load_spec()["components"]["schemas"]["NoiseModel"]["enum"]
    response = client.get("/v0.4/backends/simulator", headers=key_header(KEY))
    offered = response.get_json()["noise_models"]
    assert all(isinstance(name, str) for name in offered)
    assert sorted(offered) == sorted(spec_names)


def test_the_data_file_has_rates_for_every_model_the_spec_names() -> None:
    document = json.loads((ROOT / "mock_server/api/fixtures/noise-models.json").read_text())
    spec_names = load_spec()["components"]["schemas"]["NoiseModel"]["enum"]
    assert sorted(document["models"]) == sorted(spec_names)
    for name, entry in document["models"].items():
        rates = document["models"][entry.get("same_as", name)]
        expected = {**PUBLISHED, **GUESSED}.get(name)
        if expected is not None:
            assert (rates["one_qubit"], rates["two_qubit"]) == pytest.approx(expected, rel=1e-12)
        assert entry["source"]


def served_characterization(client: ContractClient, backend: str) -> dict[str, Any]:
    record = fixture_record(backend)
    response = client.get(
        f"/v0.4/backends/{backend}/characterizations/{record['characterization_id']}",
        headers=key_header(KEY),
    )
    assert response.status_code == 200
    served: dict[str, Any] = response.get_json()
    return served


@pytest.mark.parametrize("backend", ["qpu.aria-1", "qpu.forte-1"])
def test_a_qpu_job_errs_as_its_characterization_says(client: ContractClient, backend: str) -> None:
    fidelity = served_characterization(client, backend)["fidelity"]
    r2 = 4 / 3 * (1 - fidelity["2q"]["median"])
    readout = 1 - fidelity["spam"]["median"]
    shots = 40_000
    body = circuit_job(BELL_CIRCUIT, qubits=2, shots=shots, backend=backend)
    job_id = completed(client, body)
    assert "noise" not in get_job(client, job_id, KEY)
    histogram = result(client, job_id, KEY, "histogram")
    assert_binomial(odd_count(histogram), shots, through_readout(r2 / 2, readout))


def test_a_qpu_job_flips_single_qubits_at_its_one_qubit_and_readout_rates(
    client: ContractClient,
) -> None:
    fidelity = served_characterization(client, "qpu.aria-2")["fidelity"]
    r1 = 2 * (1 - fidelity["1q"]["median"])
    readout = 1 - fidelity["spam"]["median"]
    shots, gates = 20_000, 60
    body = circuit_job(
        [{"gate": "x", "target": 0}] * gates, qubits=1, shots=shots, backend="qpu.aria-2"
    )
    histogram = result(client, completed(client, body), KEY, "histogram")
    flipped = flipped_after(r1, gates)
    assert_binomial(histogram.get("1", 0), shots, flipped * (1 - readout) + (1 - flipped) * readout)


def test_a_qpu_job_errs_as_the_admin_api_changed_its_characterization(
    client: ContractClient,
) -> None:
    """The runner reads the current characterization when the job runs, changes included."""
    changed = client.patch(
        "/__admin/backends/qpu.aria-1/characterization",
        json={"fidelity": {"2q": {"median": 0.85}, "spam": {"median": 0.98}}},
    )
    assert changed.status_code == 200
    fidelity = served_characterization(client, "qpu.aria-1")["fidelity"]
    assert (fidelity["2q"]["median"], fidelity["spam"]["median"]) == (0.85, 0.98)
    r2, readout = 4 / 3 * (1 - 0.85), 1 - 0.98
    shots = 20_000
    body = circuit_job(BELL_CIRCUIT, qubits=2, shots=shots, backend="qpu.aria-1")
    histogram = result(client, completed(client, body), KEY, "histogram")
    assert_binomial(odd_count(histogram), shots, through_readout(r2 / 2, readout))
    # Far from what the generated characterization gives (about 1% + 1.2% odd).
    assert odd_count(histogram) > 0.08 * shots
