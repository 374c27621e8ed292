"""The fake IonQ's state-vector simulator: JSON circuit in, probabilities and samples out.

Pure functions over a circuit; imports only the standard library and numpy
(never flask, never other mock_server modules), so the jobs API can run it in a
worker thread and the bench and tests can use it alone.

Engine decision: our own numpy engine (statevector.py), no new runtime
dependency. Same random circuits (20 layers of random rx/ry/rz on every qubit +
CNOTs on a random pairing), same process, median of 3, on this 2-core machine
(AerSimulator(method="statevector"), save_probabilities, 2 OpenMP threads,
transpile not timed; qulacs 0.6.14 with its OpenMP on 2 cores):

    qubits  gates   numpy (ours)  qiskit-aer  qulacs    ours/aer
    16      480        0.079 s      0.095 s    0.062 s    0.83
    20      600        0.68 s       1.52 s     0.98 s     0.45
    24      720       42.5 s       71.0 s     43.6 s      0.60

The machine was shared with other test runs then (load ~4); an unloaded
first pass gave 24 qubits: ours 14.8-25.9 s, aer 24.4 s, qulacs 19.9 s.
Either way ours is within the 2x-of-aer target, and qulacs is no faster
while it holds the GIL for a whole ``update_quantum_state`` (measured: a
sleeping main thread got 1 turn in 2.8 s), which would freeze the web server
that runs simulations in a background thread. numpy's large ops and BLAS
release the GIL. Widest (bench.simulator.widest, 4 layers, 172 gates, in a
subprocess): 29 qubits in 396 s, peak RSS 16.05 GiB (16.01 GiB above the
interpreter) against required_bytes(29) = 16.06 GiB; 28 qubits: 132 s, 8.0 GiB.

Public names: run_circuit, the one entry point (a circuit, shots, a seed and a
NoiseModel or none in; a Result out); NoiseModel, DepolarizingError,
ReadoutError (the noise a run is given, mock_server/simulator/noise/);
parse_circuit, Circuit, Gate, CircuitError
(circuit records and IonQ failure codes); simulate, StateVector (the engine and
its per-gate seam); draw, the one sampler, and sparse, sample_counts,
sample_shots over it; required_bytes (memory); read_program, Program and
run_program: OpenQASM 3 programs (qasm3/, openqasm3 loaded on first read).
"""

from mock_server.simulator.circuit import Circuit, CircuitError, Gate
from mock_server.simulator.memory import noisy_required_bytes, required_bytes, row_bytes
from mock_server.simulator.noise import DepolarizingError, NoiseModel, ReadoutError
from mock_server.simulator.noise.trajectories import BATCH_BYTES
from mock_server.simulator.parse import parse_circuit
from mock_server.simulator.qasm3 import Program, read_program, run_program
from mock_server.simulator.result import OUTPUT_ALL, Register, Result
from mock_server.simulator.run import DEFAULT_MAX_EXACT_STATES, run_circuit
from mock_server.simulator.sampling import draw, sample_counts, sample_shots, sparse
from mock_server.simulator.statevector import StateVector, simulate

__all__ = [
    "BATCH_BYTES",
    "DEFAULT_MAX_EXACT_STATES",
    "OUTPUT_ALL",
    "Circuit",
    "CircuitError",
    "DepolarizingError",
    "Gate",
    "NoiseModel",
    "Program",
    "ReadoutError",
    "Register",
    "Result",
    "StateVector",
    "draw",
    "noisy_required_bytes",
    "parse_circuit",
    "read_program",
    "required_bytes",
    "row_bytes",
    "run_circuit",
    "run_program",
    "sample_counts",
    "sample_shots",
    "simulate",
    "sparse",
]
