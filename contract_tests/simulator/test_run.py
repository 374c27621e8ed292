"""run_circuit, the simulator's one entry point: exact on the ideal simulator, measured on a device.

Expected values come from exact algebra (a Bell pair is 1/2 |00> + 1/2 |11>;
H on every qubit of n is uniform over 2^n states), never from the code under
test. Statistical bounds as in test_sampling.py: Z_BOUND binomial standard
deviations, a two-sided 1e-7 tail per bin, fixed seeds.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mock_server.simulator import Circuit, NoiseModel, parse_circuit, run_circuit

Z_BOUND = 5.3
BELL = [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]
DEVICE = NoiseModel("qpu.aria-1")


def circuit(gates: list[dict[str, object]], qubits: int) -> Circuit:
    return parse_circuit(gateset="qis", qubits=qubits, gates=gates)


def uniform(qubits: int) -> Circuit:
    return circuit([{"gate": "h", "target": q} for q in range(qubits)], qubits)


def within_binomial(count: int, shots: int, p: float) -> bool:
    return abs(count - shots * p) <= Z_BOUND * math.sqrt(shots * p * (1 - p))


def test_the_ideal_simulator_gives_the_exact_distribution() -> None:
    result = run_circuit(circuit(BELL, 2), shots=1000, seed=1)
    assert result.exact
    assert result.states.tolist() == [0, 3]
    assert result.probabilities == pytest.approx([0.5, 0.5], abs=1e-12)
    assert result.note is None


def test_exact_shots_are_drawn_from_it_the_same_on_every_read() -> None:
    result = run_circuit(circuit(BELL, 2), shots=2000, seed=5)
    shots = result.shot_states()
    assert shots.tolist() == result.shot_states().tolist()
    assert set(shots.tolist()) <= {0, 3}
    assert result.counts.tolist() == [int((shots == 0).sum()), int((shots == 3).sum())]
    assert int(result.counts.sum()) == 2000
    assert within_binomial(int(result.counts[0]), 2000, 0.5)


@pytest.mark.parametrize("seed", range(3))
def test_a_device_run_is_measured_shot_by_shot(seed: int) -> None:
    shots = 3000
    result = run_circuit(uniform(3), shots=shots, seed=seed, noise=DEVICE)
    assert not result.exact
    outcomes = result.shot_states()
    assert outcomes.size == shots
    tally = np.bincount(outcomes, minlength=8)
    assert result.states.tolist() == np.flatnonzero(tally).tolist()
    assert result.counts.tolist() == tally[result.states].tolist()
    assert result.probabilities.tolist() == (tally[result.states] / shots).tolist()
    assert all(within_binomial(int(count), shots, 1 / 8) for count in tally)


def test_the_same_seed_gives_the_same_device_run_and_another_seed_another() -> None:
    first = run_circuit(uniform(4), shots=500, seed=11, noise=DEVICE)
    again = run_circuit(uniform(4), shots=500, seed=11, noise=DEVICE)
    other = run_circuit(uniform(4), shots=500, seed=12, noise=DEVICE)
    assert first.shot_states().tolist() == again.shot_states().tolist()
    assert first.shot_states().tolist() != other.shot_states().tolist()


def test_too_many_states_to_serve_exactly_are_measured_with_a_note() -> None:
    result = run_circuit(uniform(3), shots=100, seed=2, max_exact_states=4)
    assert not result.exact
    assert int(result.counts.sum()) == 100
    assert result.note is not None
    assert "8 states, more than the 4" in result.note


def test_a_step_callback_that_raises_stops_the_run() -> None:
    class StopError(Exception):
        pass

    def stop(done: int, total: int) -> None:
        assert 1 <= done <= total
        raise StopError

    with pytest.raises(StopError):
        run_circuit(uniform(3), shots=10, seed=0, on_step=stop)
