"""OpenQASM 3 runs: the ideal simulator's exact aggregate, and noisy shots, against exact algebra.

The reference distributions are written out by hand from the programs:
`ry(a)` leaves |1> with probability sin^2(a/2), a reset returns 0, a
one-qubit depolarizing channel of rate r flips a basis state with
probability r/2 (X or Y of its Paulis), a readout error p flips each
recorded bit independently. Shot counts are held to them with the
chi-square test of goodness_of_fit.py (false-alarm rate 1e-6), at fixed
seeds.
"""

from __future__ import annotations

import math

import numpy as np

from contract_tests.simulator.goodness_of_fit import chi_square, dense_counts
from mock_server.simulator import DepolarizingError, NoiseModel, ReadoutError
from mock_server.simulator.qasm3 import read_program, run_program

HEADER = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
A, B = 0.9, 2.1
# c[0] sees ry(A); the reset returns q to 0, so c[1] sees ry(B) alone; c[2] measures again.
MID_CIRCUIT = HEADER + (
    f"qubit q;\nbit[3] c;\nry({A}) q;\nc[0] = measure q;\nreset q;\nry({B}) q;\n"
    "c[1] = measure q;\nc[2] = measure q;\n"
)


def expected_mid_circuit() -> dict[int, float]:
    pa, pb = math.sin(A / 2) ** 2, math.sin(B / 2) ** 2
    # c[2] repeats c[1]: the second measurement of a collapsed qubit.
    return {
        0b000: (1 - pa) * (1 - pb),
        0b001: pa * (1 - pb),
        0b110: (1 - pa) * pb,
        0b111: pa * pb,
    }


def test_the_ideal_run_is_the_exact_aggregate_over_the_measurement_tree() -> None:
    result = run_program(read_program(MID_CIRCUIT), shots=100, seed=1)
    assert result.exact
    got = dict(zip(result.states.tolist(), result.probabilities.tolist(), strict=True))
    expected = expected_mid_circuit()
    assert set(got) == set(expected)
    for state, probability in expected.items():
        assert abs(got[state] - probability) < 1e-12


def test_a_superposed_qubit_measured_mid_circuit_then_entangled() -> None:
    # h; measure into c[0]; cx onto q[1]: q[1] copies the collapsed q[0], c[1] = c[0].
    text = (
        HEADER
        + "qubit[2] q;\nbit[2] c;\nh q[0];\nc[0] = measure q[0];\n"
        + "cx q[0], q[1];\nc[1] = measure q[1];\n"
    )
    result = run_program(read_program(text), shots=100, seed=1)
    got = dict(zip(result.states.tolist(), result.probabilities.tolist(), strict=True))
    assert got.keys() == {0, 3}
    assert all(abs(p - 0.5) < 1e-12 for p in got.values())


def test_past_the_branch_bound_the_ideal_run_is_measured_and_says_so() -> None:
    # Twelve superposed mid-circuit measurements: 4096 leaves, over a bound of 64.
    text = (
        HEADER
        + "qubit q;\nbit[12] c;\n"
        + "".join(f"h q;\nc[{i}] = measure q;\nreset q;\n" for i in range(12))
    )
    result = run_program(read_program(text), shots=4096, seed=3, max_branches=64)
    assert not result.exact
    assert result.note is not None
    assert "64" in result.note
    # Every outcome is equally likely: 4096 shots over 4096 outcomes.
    verdict = chi_square(
        dense_counts(result.states, result.counts, 12), np.full(4096, 1 / 4096), 4096
    )
    assert not verdict.rejects, verdict


def test_noisy_shots_follow_gate_and_readout_errors() -> None:
    # x, then two readings of the same qubit. The depolarizing channel after x
    # leaves the qubit at 0 with probability r/2; each reading is flipped
    # independently with probability p (the collapsed state is not).
    r, p, shots = 0.3, 0.1, 20_000
    model = NoiseModel("test", DepolarizingError(1, r), DepolarizingError(2, 0.0), ReadoutError(p))
    text = HEADER + "qubit q;\nbit[2] c;\nx q;\nc[0] = measure q;\nc[1] = measure q;\n"
    result = run_program(read_program(text), shots=shots, seed=11, noise=model)
    one = 1 - r / 2
    expected = np.zeros(4)
    for truth, weight in ((1, one), (0, 1 - one)):
        for outcome in range(4):
            bits = (outcome & 1, outcome >> 1)
            expected[outcome] += weight * math.prod(p if b != truth else 1 - p for b in bits)
    verdict = chi_square(dense_counts(result.states, result.counts, 2), expected, shots)
    assert not verdict.rejects, verdict


def test_noisy_mid_circuit_run_keeps_the_tree_s_frequencies() -> None:
    model = NoiseModel("zero")  # a device without errors: shots, not the exact aggregate
    shots = 20_000
    result = run_program(read_program(MID_CIRCUIT), shots=shots, seed=5, noise=model)
    assert not result.exact
    expected = np.zeros(8)
    for state, probability in expected_mid_circuit().items():
        expected[state] = probability
    verdict = chi_square(dense_counts(result.states, result.counts, 3), expected, shots)
    assert not verdict.rejects, verdict


def test_the_same_seed_gives_the_same_shots() -> None:
    model = NoiseModel(
        "test", DepolarizingError(1, 0.2), DepolarizingError(2, 0.2), ReadoutError(0.05)
    )
    program = read_program(MID_CIRCUIT)
    first = run_program(program, shots=500, seed=9, noise=model)
    second = run_program(program, shots=500, seed=9, noise=model)
    assert np.array_equal(first.shot_states(), second.shot_states())
