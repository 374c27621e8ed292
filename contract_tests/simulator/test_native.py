"""Native gates one at a time, amplitude by amplitude, against IonQ's documented matrices.

Probabilities alone would miss phases (GPI2's, MS's); here each gate is applied
to a random 3-qubit state and compared with the written-out matrix applied by
plain index arithmetic. cirq-ionq's gates are a second opinion on which target
the first MS phase belongs to.
"""

from __future__ import annotations

import itertools
from typing import Any

import cirq
import numpy as np
import pytest
from cirq_ionq import ionq_native_gates as cirq_native  # type: ignore[import-untyped]

from contract_tests.simulator import reference as ref
from mock_server.simulator import StateVector, parse_circuit
from mock_server.simulator.fusion import fuse

QUBITS = 3
PAIRS = list(itertools.permutations(range(QUBITS), 2))


def apply_reference(amplitudes: np.ndarray, matrix: np.ndarray, qubits: list[int]) -> np.ndarray:
    """``matrix`` (big-endian over ``qubits``) on a little-endian state, one index at a time."""
    out = np.zeros_like(amplitudes)
    k = len(qubits)
    for index, amplitude in enumerate(amplitudes):
        column = sum(((index >> q) & 1) << (k - 1 - j) for j, q in enumerate(qubits))
        rest = index & ~sum(1 << q for q in qubits)
        for row in range(2**k):
            target = rest | sum(((row >> (k - 1 - j)) & 1) << q for j, q in enumerate(qubits))
            out[target] += matrix[row, column] * amplitude
    return out


def random_state(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    state = rng.normal(size=2**QUBITS) + 1j * rng.normal(size=2**QUBITS)
    return np.asarray(state / np.linalg.norm(state), dtype=np.complex128)


def run_gate(gate: dict[str, Any], amplitudes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The gate applied unfused (apply_gate) and through simulate's fused path."""
    circuit = parse_circuit(gateset="native", qubits=QUBITS, gates=[gate])
    single = StateVector.from_amplitudes(amplitudes)
    single.apply_gate(circuit.gates[0])
    fused = StateVector.from_amplitudes(amplitudes)
    for op in fuse(circuit.gates):
        fused.apply(op)
    return single.amplitudes(), fused.amplitudes()


@pytest.mark.parametrize("seed", range(6))
def test_gpi_and_gpi2(seed: int) -> None:
    rng = np.random.default_rng(seed)
    phase = float(rng.uniform(-1, 1))
    amplitudes = random_state(seed)
    for name, matrix in (("gpi", ref.gpi(phase)), ("gpi2", ref.gpi2(phase))):
        for target in range(QUBITS):
            expected = apply_reference(amplitudes, matrix, [target])
            for got in run_gate({"gate": name, "target": target, "phase": phase}, amplitudes):
                np.testing.assert_allclose(got, expected, atol=1e-12)


@pytest.mark.parametrize("pair", PAIRS)
def test_ms_phase0_belongs_to_first_target(pair: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(pair))
    phi0, phi1, angle = (float(x) for x in rng.uniform(-1, 1, size=3))
    amplitudes = random_state(7)
    gates: list[tuple[dict[str, Any], np.ndarray]] = [
        ({"gate": "ms", "targets": list(pair), "phases": [phi0, phi1], "angle": angle},
         ref.ms(phi0, phi1, angle)),
        ({"gate": "ms", "targets": list(pair), "phases": [phi0, phi1]}, ref.ms(phi0, phi1)),
    ]  # fmt: skip
    for gate, matrix in gates:
        expected = apply_reference(amplitudes, matrix, list(pair))
        for got in run_gate(gate, amplitudes):
            np.testing.assert_allclose(got, expected, atol=1e-12)
    # Swapping the targets without swapping the phases is a different gate.
    assert not np.allclose(
        apply_reference(amplitudes, ref.ms(phi0, phi1, angle), list(pair[::-1])),
        apply_reference(amplitudes, ref.ms(phi0, phi1, angle), list(pair)),
    )


@pytest.mark.parametrize("pair", PAIRS)
def test_native_zz_with_angle_or_phase(pair: tuple[int, int]) -> None:
    theta = 0.37 - 0.1 * pair[0]
    amplitudes = random_state(11)
    expected = apply_reference(amplitudes, ref.native_zz(theta), list(pair))
    for key in ("angle", "phase"):
        for got in run_gate({"gate": "zz", "targets": list(pair), key: theta}, amplitudes):
            np.testing.assert_allclose(got, expected, atol=1e-12)


def test_nop_is_identity() -> None:
    amplitudes = random_state(3)
    for got in run_gate({"gate": "nop", "target": 1}, amplitudes):
        np.testing.assert_allclose(got, amplitudes, atol=1e-15)


def test_controlled_native_gate() -> None:
    amplitudes = random_state(5)
    matrix = ref.with_controls(ref.gpi2(0.3), 2)
    expected = apply_reference(amplitudes, matrix, [2, 0, 1])
    for got in run_gate(
        {"gate": "gpi2", "target": 1, "controls": [2, 0], "phase": 0.3}, amplitudes
    ):
        np.testing.assert_allclose(got, expected, atol=1e-12)


def our_unitary(gate: dict[str, Any], qubits: int) -> np.ndarray:
    circuit = parse_circuit(gateset="native", qubits=qubits, gates=[gate])
    columns = []
    for basis in np.eye(2**qubits, dtype=np.complex128):
        state = StateVector.from_amplitudes(basis)
        state.apply_gate(circuit.gates[0])
        columns.append(state.amplitudes())
    return np.array(columns).T


def to_big_endian(unitary: np.ndarray, qubits: int) -> np.ndarray:
    """Reindex a little-endian (IonQ) unitary the way cirq indexes LineQubit(0..n-1)."""
    perm = [int(format(i, f"0{qubits}b")[::-1], 2) for i in range(2**qubits)]
    return unitary[np.ix_(perm, perm)]


@pytest.mark.parametrize("pair", [(0, 1), (1, 0)])
def test_agrees_with_cirq_ionq(pair: tuple[int, int]) -> None:
    """cirq-ionq serializes MSGate(phi0, phi1).on(a, b) as targets [a, b], phases [phi0, phi1]."""
    q = cirq.LineQubit.range(2)
    cases = [
        ({"gate": "ms", "targets": list(pair), "phases": [0.1, 0.35], "angle": 0.2},
         cirq_native.MSGate(phi0=0.1, phi1=0.35, theta=0.2).on(q[pair[0]], q[pair[1]])),
        ({"gate": "zz", "targets": list(pair), "phase": 0.15},
         cirq_native.ZZGate(theta=0.15).on(q[pair[0]], q[pair[1]])),
        ({"gate": "gpi2", "target": pair[0], "phase": 0.2},
         cirq_native.GPI2Gate(phi=0.2).on(q[pair[0]])),
        ({"gate": "gpi", "target": pair[0], "phase": 0.7},
         cirq_native.GPIGate(phi=0.7).on(q[pair[0]])),
    ]  # fmt: skip
    for gate, operation in cases:
        expected = cirq.Circuit(operation).unitary(qubit_order=q)
        np.testing.assert_allclose(to_big_endian(our_unitary(gate, 2), 2), expected, atol=1e-12)
