"""Whole noisy distributions through the API, against the exact reference.

contract_tests/simulator/test_noise_accuracy.py holds the sampler to a
density-matrix reference; this file holds the *jobs API* to it: that a job
names the right noise (IonQ's rates for a named model; for a QPU, the rates
the documented mapping gives from the characterization the fake serves,
as it is when the job runs, changes included). Expected distributions come
from contract_tests/simulator/noise_reference.py (qiskit's DensityMatrix with
IonQ's Kraus operators); rates are computed here from the served fidelities:
r1q = 2 (1 - F1q), r2q = 4/3 (1 - F2q), readout p = 1 - Fspam (docs/noise.md).

Counts are held to it by Pearson's chi-square test at a false-alarm rate of
1e-6 per test (goodness_of_fit.py), at fixed seeds. Each test also shows it
could fail: the distribution the job should *not* have (ideal, or the
characterization before a change) is rejected by the same counts, and
would pass with probability below MISS.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    admin,
    circuit_job,
    fixture_record,
    key_header,
    result,
    submit,
    wait_for_job,
)
from contract_tests.noise_rates import PUBLISHED_RATES
from contract_tests.simulator.goodness_of_fit import chi_square, miss_probability
from contract_tests.simulator.noise_reference import Rates, noisy_probabilities

KEY = "noise-distribution-key-1414"
SHOTS = 50_000
MISS = 1e-6
QUBITS = 4


def circuit(seed: int) -> list[dict[str, Any]]:
    """Four qubits: rotations and cnots on a random pairing, 8 layers, fixed seed."""
    rng = np.random.default_rng(seed)
    gates: list[dict[str, Any]] = []
    for _ in range(8):
        for q in range(QUBITS):
            name = ["rx", "ry", "rz"][int(rng.integers(3))]
            gates.append({"gate": name, "target": q, "rotation": float(rng.uniform(0, 6.3))})
        order = rng.permutation(QUBITS).tolist()
        for a, b in zip(order[::2], order[1::2], strict=True):
            gates.append({"gate": "cnot", "control": a, "target": b})
    return gates


GATES = circuit(31)


def served_rates(client: ContractClient, backend: str) -> Rates:
    record = fixture_record(backend)
    answer = client.get(
        f"/v0.4/backends/{backend}/characterizations/{record['characterization_id']}",
        headers=key_header(KEY),
    )
    assert answer.status_code == 200
    fidelity = answer.get_json()["fidelity"]
    return Rates(
        one_qubit=2 * (1 - fidelity["1q"]["median"]),
        two_qubit=4 / 3 * (1 - fidelity["2q"]["median"]),
        readout=1 - fidelity["spam"]["median"],
    )


def counts_of(client: ContractClient, body: dict[str, Any]) -> NDArray[np.int64]:
    job = wait_for_job(client, submit(client, body, KEY), KEY, timeout_s=120)
    assert job["status"] == "completed", job.get("failure")
    histogram = result(client, job["id"], KEY, "histogram")
    counts = np.zeros(2**QUBITS, dtype=np.int64)
    for state, count in histogram.items():
        counts[int(state)] = count
    return counts


def assert_fits_and_tells_apart(
    counts: NDArray[np.int64], expected: NDArray[np.float64], other: NDArray[np.float64]
) -> None:
    verdict = chi_square(counts, expected, SHOTS)
    assert not verdict.rejects, str(verdict)
    assert miss_probability(expected, other, SHOTS) < MISS
    assert chi_square(counts, other, SHOTS).rejects


def test_a_named_model_runs_ionqs_published_rates(client: ContractClient) -> None:
    r1, r2 = PUBLISHED_RATES["aria-1"]
    aria_1 = Rates(one_qubit=r1, two_qubit=r2)
    expected = noisy_probabilities("qis", QUBITS, GATES, aria_1)
    ideal = noisy_probabilities("qis", QUBITS, GATES, Rates())
    body = circuit_job(GATES, qubits=QUBITS, shots=SHOTS, noise={"model": "aria-1", "seed": 8})
    assert_fits_and_tells_apart(counts_of(client, body), expected, ideal)


@pytest.mark.parametrize("backend", ["qpu.aria-1", "qpu.forte-enterprise-2"])
def test_a_qpu_runs_the_noise_of_its_served_characterization(
    client: ContractClient, backend: str
) -> None:
    expected = noisy_probabilities("qis", QUBITS, GATES, served_rates(client, backend))
    ideal = noisy_probabilities("qis", QUBITS, GATES, Rates())
    body = circuit_job(
        GATES, qubits=QUBITS, shots=SHOTS, backend=backend, noise={"model": "ideal", "seed": 4}
    )
    assert_fits_and_tells_apart(counts_of(client, body), expected, ideal)


def test_a_changed_characterization_changes_the_next_jobs_distribution(
    client: ContractClient,
) -> None:
    backend = "qpu.aria-2"
    before = noisy_probabilities("qis", QUBITS, GATES, served_rates(client, backend))
    changes = {
        "fidelity": {"1q": {"median": 0.995}, "2q": {"median": 0.95}, "spam": {"median": 0.98}}
    }
    answer = admin(client).patch(f"/__admin/backends/{backend}/characterization", json=changes)
    assert answer.status_code == 200
    after_rates = served_rates(client, backend)
    assert after_rates.two_qubit == pytest.approx(4 / 3 * 0.05)
    after = noisy_probabilities("qis", QUBITS, GATES, after_rates)
    body = circuit_job(
        GATES, qubits=QUBITS, shots=SHOTS, backend=backend, noise={"model": "ideal", "seed": 5}
    )
    assert_fits_and_tells_apart(counts_of(client, body), after, before)
