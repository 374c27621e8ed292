"""The noisy sampler's machinery, checked by exact algebra, not by statistics.

The sampler's claim (mock_server/simulator/noise/trajectories.py) is that a
Pauli error after a gate equals a correction after that gate's fused block,
and that trajectories run as rows of one state give what each would alone.
Both are checked here against the plain gate-by-gate state with the Pauli
inserted where the error happened, computed with the gates' matrices and
numpy's kron (no engine code). Statistics of whole noisy runs are in
test_noise_accuracy.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from mock_server.simulator import Circuit, NoiseModel, parse_circuit
from mock_server.simulator import gates as g
from mock_server.simulator.fusion import fuse_blocks
from mock_server.simulator.noise import DepolarizingError, locations
from mock_server.simulator.noise.trajectories import (
    _Corrections,
    _terminal,
    draw_patterns,
    flip_mask,
    pauli_matrix,
)
from mock_server.simulator.statevector import StateVector

PAULI = {
    "I": np.eye(2),
    "X": np.array([[0, 1], [1, 0]]),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.diag([1, -1]),
}


def random_circuit(qubits: int, gates: int, seed: int) -> Circuit:
    rng = np.random.default_rng(seed)
    listed: list[dict[str, object]] = []
    for _ in range(gates):
        kind = rng.integers(4)
        if kind == 0:
            a, b = rng.choice(qubits, 2, replace=False).tolist()
            listed.append({"gate": "cnot", "control": a, "target": b})
        elif kind == 1 and qubits >= 3:
            a, b, c = rng.choice(qubits, 3, replace=False).tolist()
            listed.append({"gate": "x", "controls": [a, b], "target": c})
        else:
            name = ["rx", "ry", "rz", "h"][int(rng.integers(4))]
            gate: dict[str, object] = {"gate": name, "target": int(rng.integers(qubits))}
            if name != "h":
                gate["rotation"] = float(rng.uniform(0, 6))
            listed.append(gate)
    return parse_circuit(gateset="qis", qubits=qubits, gates=listed)


def full_operator(matrix: np.ndarray, qubits: tuple[int, ...], width: int) -> np.ndarray:
    """A big-endian matrix over `qubits` as an operator on all `width` qubits (qubit 0 lowest)."""
    k = len(qubits)
    size = 2**width
    result = np.zeros((size, size), dtype=complex)
    for column in range(size):
        sub = sum(((column >> q) & 1) << (k - 1 - i) for i, q in enumerate(qubits))
        for row_sub in range(2**k):
            row = column
            for i, q in enumerate(qubits):
                bit = (row_sub >> (k - 1 - i)) & 1
                row = (row & ~(1 << q)) | (bit << q)
            result[row, column] += matrix[row_sub, sub]
    return result


def state_with_errors(
    circuit: Circuit, errors: dict[int, list[tuple[tuple[int, ...], str]]]
) -> np.ndarray:
    """Gate by gate from |0...0>, with Paulis (given as letters) after the listed gates."""
    state = np.zeros(2**circuit.qubits, dtype=complex)
    state[0] = 1
    for index, gate in enumerate(circuit.gates):
        state = full_operator(g.matrix(gate), gate.qubits, circuit.qubits) @ state
        for qubits, letters in errors.get(index, []):
            pauli = np.array([[1]])
            for letter in letters:
                pauli = np.kron(pauli, PAULI[letter])
            state = full_operator(pauli, qubits, circuit.qubits) @ state
    return state


def same_up_to_phase(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(abs(abs(np.vdot(a, b)) - 1) < 1e-9)


def test_pauli_products_are_numbered_by_base_4_digits_first_qubit_first() -> None:
    assert np.allclose(pauli_matrix(1, 1), PAULI["X"])
    assert np.allclose(pauli_matrix(0b0111, 2), np.kron(PAULI["X"], PAULI["Z"]))
    assert np.allclose(pauli_matrix(0b1000, 2), np.kron(PAULI["Y"], PAULI["I"]))


def test_fused_blocks_hold_every_gate_once_in_circuit_order_within_a_block() -> None:
    circuit = random_circuit(5, 60, seed=2)
    blocks = fuse_blocks(circuit.gates, 4)
    indices = [i for block in blocks for i in block.indices]
    assert sorted(indices) == list(range(60))
    for block in blocks:
        assert list(block.indices) == sorted(block.indices)
        assert [circuit.gates[i] for i in block.indices] == list(block.gates)


@pytest.mark.parametrize("seed", range(6))
def test_an_error_becomes_a_correction_after_its_block(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    circuit = random_circuit(5, 40, seed=seed)
    model = NoiseModel("test", DepolarizingError(1, 0.1), DepolarizingError(2, 0.1))
    sites = locations(circuit, model)
    blocks = fuse_blocks(circuit.gates, 4)
    corrections = _Corrections(blocks, sites)
    chosen = sorted(rng.choice(len(sites), size=3, replace=False).tolist())
    errors: dict[int, list[tuple[tuple[int, ...], str]]] = {}
    fixes = []
    for location in chosen:
        site = sites[location]
        pauli = int(rng.integers(1, 4 ** len(site.qubits)))
        letters = "".join(
            "IXYZ"[(pauli >> (2 * (len(site.qubits) - 1 - q))) & 3] for q in range(len(site.qubits))
        )
        errors.setdefault(site.after, []).append((site.qubits, letters))
        fixes.append(corrections.of(location, pauli))
    fixes.sort(key=lambda fix: (fix.block, fix.rank))
    state = StateVector(circuit.qubits)
    for number, block in enumerate(blocks):
        state.apply(block.op)
        for fix in fixes:
            if fix.block == number:
                state.apply_to_row(fix.matrix, fix.qubits, 0)
    assert same_up_to_phase(state.amplitudes(), state_with_errors(circuit, errors))


def test_repeated_rows_are_copies() -> None:
    circuit = random_circuit(4, 20, seed=3)
    state = StateVector(4)
    for block in fuse_blocks(circuit.gates, 4):
        state.apply(block.op)
    copies = state.repeated(3).probabilities().reshape(3, 16)
    assert np.allclose(copies, state.probabilities()[None, :], atol=1e-12)


def test_rows_evolve_as_separate_states() -> None:
    circuit = random_circuit(6, 50, seed=9)
    rng = np.random.default_rng(4)
    starts = [rng.normal(size=64) + 1j * rng.normal(size=64) for _ in range(3)]
    starts = [s / np.linalg.norm(s) for s in starts]
    rows = StateVector.from_amplitudes(np.array(starts))
    alone = [StateVector.from_amplitudes(s) for s in starts]
    for block in fuse_blocks(circuit.gates, 4):
        rows.apply(block.op)
        for state in alone:
            state.apply(block.op)
    together = rows.probabilities().reshape(3, 64)
    for row, state in enumerate(alone):
        assert np.allclose(together[row], state.probabilities(), atol=1e-12)


def test_each_shot_errs_at_a_location_with_the_channels_probability() -> None:
    """Counts per location are Binomial(shots, p); bound: 5.3 sigma (two-sided 1e-7 each)."""
    circuit = random_circuit(4, 30, seed=1)
    model = NoiseModel("test", DepolarizingError(1, 0.2), DepolarizingError(2, 0.3))
    sites = locations(circuit, model)
    shots = 20_000
    patterns = draw_patterns(sites, shots, np.random.default_rng(5))
    hits = np.zeros(len(sites))
    for pattern in patterns:
        seen = [location for location, _ in pattern]
        assert len(seen) == len(set(seen))  # one draw per location and shot
        for location in seen:
            hits[location] += 1
    for location, site in enumerate(sites):
        p = site.channel.error_probability
        assert abs(hits[location] - shots * p) <= 5.3 * np.sqrt(shots * p * (1 - p))


def test_a_terminal_error_flips_the_bits_where_it_has_x_or_y() -> None:
    assert flip_mask(1, (3,)) == 1 << 3  # X
    assert flip_mask(2, (3,)) == 1 << 3  # Y
    assert flip_mask(3, (3,)) == 0  # Z: a phase on a basis state
    assert flip_mask(0b1001, (2, 5)) == (1 << 2) | (1 << 5)  # Y on 2, X on 5
    assert flip_mask(0b0111, (2, 5)) == 1 << 2  # X on 2; Z on 5 changes nothing


def test_only_errors_after_the_last_gate_on_all_their_qubits_are_terminal() -> None:
    circuit = parse_circuit(
        gateset="qis",
        qubits=3,
        gates=[
            {"gate": "h", "target": 0},
            {"gate": "cnot", "control": 0, "target": 1},
            {"gate": "x", "target": 2},
            {"gate": "h", "target": 1},
        ],
    )
    model = NoiseModel("test", DepolarizingError(1, 0.1), DepolarizingError(2, 0.1))
    sites = locations(circuit, model)
    # After h on 0: the cnot follows. After the cnot: h on 1 follows. x on 2, h on 1: last.
    assert [site.after for site in sites] == [0, 1, 2, 3]
    assert _terminal(circuit, sites) == {2, 3}
