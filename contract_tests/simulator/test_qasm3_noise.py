"""Noisy OpenQASM 3 runs with mid-circuit measurement and reset, against an exact density matrix.

The reference reads the program with qiskit (qiskit.qasm3.loads) and evolves
qiskit's DensityMatrix through it, with IonQ's depolarizing channels
(noise_reference.py) after every gate. Measurements are deferred: each
`c[i] = measure q[j]` becomes a CNOT from q[j] onto an ancilla that holds
c[i] (the joint distribution of the records is the same, and q[j]
decoheres as measured), followed by the readout error as a bit-flip channel
on that ancilla; a reset moves the qubit's value onto a fresh ancilla and
back-flips it (cx q, a; cx a, q), which leaves q at 0. The records'
marginal is then the exact distribution of outcomes. Nothing comes from
mock_server. The fake's shots are held to it by chi-square at a false-alarm
rate of 1e-6, with rates far above IonQ's so that a misplaced channel or a
readout flip of the state, not the record, would show.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from qiskit import QuantumCircuit, qasm3  # type: ignore[import-untyped]
from qiskit.quantum_info import DensityMatrix, Kraus, SuperOp  # type: ignore[import-untyped]

from contract_tests.simulator.goodness_of_fit import chi_square, dense_counts
from contract_tests.simulator.noise_reference import depolarizing_channel
from mock_server.simulator import DepolarizingError, NoiseModel, ReadoutError
from mock_server.simulator.qasm3 import read_program, run_program

R1, R2, P = 0.06, 0.12, 0.04
SHOTS = 30_000
PROGRAM = """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[3] c;
h q[0];
cx q[0], q[1];
c[0] = measure q[1];
reset q[1];
ry(0.8) q[1];
cx q[1], q[0];
c[1] = measure q[0];
s q[0];
h q[0];
c[2] = measure q[1];
"""


def reference(text: str) -> NDArray[np.float64]:
    """The exact outcome distribution of `text` under (R1, R2, P), deferred measurement."""
    circuit = qasm3.loads(text)
    n, bits = circuit.num_qubits, circuit.num_clbits
    resets = sum(1 for item in circuit.data if item.operation.name == "reset")
    state = DensityMatrix.from_label("0" * (n + bits + resets))
    flip = SuperOp(Kraus([np.sqrt(1 - P) * np.eye(2), np.sqrt(P) * np.array([[0, 1], [1, 0]])]))
    fresh = n + bits
    for item in circuit.data:
        name = item.operation.name
        qubits = [circuit.find_bit(q).index for q in item.qubits]
        if name == "barrier":
            continue
        step = QuantumCircuit(n + bits + resets)
        if name == "measure":
            record = n + circuit.find_bit(item.clbits[0]).index
            step.cx(qubits[0], record)
            state = state.evolve(step).evolve(flip, qargs=[record])
        elif name == "reset":
            step.cx(qubits[0], fresh)
            step.cx(fresh, qubits[0])
            fresh += 1
            state = state.evolve(step)
        else:
            step.append(item.operation, qubits)
            channel = depolarizing_channel(len(qubits), R1 if len(qubits) == 1 else R2)
            state = state.evolve(step).evolve(channel, qargs=qubits)
    records = list(range(n, n + bits))
    exact = np.clip(np.real(np.asarray(state.probabilities(qargs=records))), 0.0, None)
    return np.asarray(exact / exact.sum(), dtype=np.float64)


def test_noisy_mid_circuit_measurement_and_reset_match_the_density_matrix() -> None:
    model = NoiseModel("test", DepolarizingError(1, R1), DepolarizingError(2, R2), ReadoutError(P))
    result = run_program(read_program(PROGRAM), shots=SHOTS, seed=2024, noise=model)
    expected = reference(PROGRAM)
    verdict = chi_square(dense_counts(result.states, result.counts, 3), expected, SHOTS)
    assert not verdict.rejects, verdict


# One gate of the program, one channel: a defined two-qubit gate (two gates in its body)
# and U (three rotations to run) each get the channel of one gate on their qubits, as
# qiskit's instructions for them do in the reference.
DEFINED = """OPENQASM 3.0;
include "stdgates.inc";
gate bell a, b { h a; cx a, b; }
qubit[2] q;
bit[2] c;
bell q[0], q[1];
c[0] = measure q[0];
reset q[0];
U(0.9, 0.3, 0.2) q[0];
c[1] = measure q[0];
"""


def test_a_defined_gate_and_u_each_get_the_channels_of_one_gate() -> None:
    model = NoiseModel("test", DepolarizingError(1, R1), DepolarizingError(2, R2), ReadoutError(P))
    result = run_program(read_program(DEFINED), shots=SHOTS, seed=77, noise=model)
    verdict = chi_square(dense_counts(result.states, result.counts, 2), reference(DEFINED), SHOTS)
    assert not verdict.rejects, verdict


def test_the_reference_sees_the_noise() -> None:
    # The check above could not pass by accident with an ideal run: the noisy
    # reference differs from the noiseless one by far more than the test's noise.
    noiseless = run_program(read_program(PROGRAM), shots=SHOTS, seed=1)
    ideal = np.zeros(8)
    ideal[noiseless.states] = noiseless.probabilities
    assert np.abs(reference(PROGRAM) - ideal).sum() > 0.1
