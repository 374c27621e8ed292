"""Random circuits over every gate of both gatesets against qiskit's Statevector.

1 to 10 qubits, 0-2 controls on any gate, both spellings of target(s) and
control(s); 100 fixed seeds per gateset, so a failure names its seed. QIS gates
are qiskit's own (PhaseGate for z+rotation, PauliEvolutionGate for pauliexp);
native gates are UnitaryGates of matrices written out in reference.py from
IonQ's formulas.
"""

from __future__ import annotations

import numpy as np
import pytest

from contract_tests.simulator.reference import random_circuit, reference_probabilities
from mock_server.simulator import parse_circuit, simulate

TOLERANCE = 1e-9
SEEDS_PER_CASE = 10

pytestmark = pytest.mark.filterwarnings("ignore::scipy.sparse.SparseEfficiencyWarning")


def total_variation(p: np.ndarray, q: np.ndarray) -> float:
    return float(0.5 * np.abs(p - q).sum())


@pytest.mark.parametrize("gateset", ["qis", "native"])
@pytest.mark.parametrize("first_seed", range(0, 100, SEEDS_PER_CASE))
def test_random_circuits_match_qiskit(gateset: str, first_seed: int) -> None:
    for seed in range(first_seed, first_seed + SEEDS_PER_CASE):
        qubits, gates = random_circuit(seed, gateset)
        expected = reference_probabilities(gateset, qubits, gates)
        got = simulate(parse_circuit(gateset=gateset, qubits=qubits, gates=gates))
        assert got.shape == (2**qubits,)
        distance = total_variation(got, expected)
        assert distance < TOLERANCE, f"seed {seed}: TVD {distance} for {gates}"


def test_bell_state_keys_are_little_endian() -> None:
    """X on qubit 0 of 2 is state 1 (notes §5.1), and qiskit's Bell circuit gives 0 and 3."""
    flipped = simulate(parse_circuit(gateset="qis", qubits=2, gates=[{"gate": "x", "target": 0}]))
    assert flipped.tolist() == [0.0, 1.0, 0.0, 0.0]
    bell = parse_circuit(
        gateset="qis",
        qubits=2,
        gates=[{"gate": "h", "targets": [0]}, {"gate": "x", "targets": [1], "controls": [0]}],
    )
    np.testing.assert_allclose(simulate(bell), [0.5, 0, 0, 0.5], atol=1e-15)


def test_wide_controlled_gates_take_the_unfused_path() -> None:
    """A 7-controlled X and a 7-target pauliexp exceed the fusion width; check them too."""
    qubits = 10
    gates = [{"gate": "h", "target": q} for q in range(qubits)]
    gates += [{"gate": "x", "targets": [9], "controls": list(range(7))}]
    gates += [{"gate": "rz", "targets": [8], "controls": list(range(7)), "rotation": 0.7}]
    gates += [{"gate": "ry", "targets": [q], "rotation": 0.3 * q} for q in range(qubits)]
    gates += [{
        "gate": "pauliexp", "targets": [1, 3, 4, 5, 6, 7, 9],
        "terms": ["XXYZIZX", "ZZZIIZZ"], "coefficients": [0.4, -0.9], "time": 0.8,
    }]  # fmt: skip
    gates += [{"gate": "swap", "targets": [0, 9], "controls": [2, 3, 4, 5]}]
    expected = reference_probabilities("qis", qubits, gates)
    got = simulate(parse_circuit(gateset="qis", qubits=qubits, gates=gates))
    assert total_variation(got, expected) < TOLERANCE
