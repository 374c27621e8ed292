"""Independent references for the simulator tests: IonQ gate JSON -> qiskit, and matrices
written out from IonQ's documented formulas (not imported from the code under test)."""

from __future__ import annotations

import cmath
import math
from typing import Any

import numpy as np
from numpy.typing import NDArray
from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit.circuit import Gate as QiskitGate  # type: ignore[import-untyped]
from qiskit.circuit import library as lib
from qiskit.quantum_info import SparsePauliOp, Statevector  # type: ignore[import-untyped]

Matrix = NDArray[np.complex128]

QIS_NAMES = ("x", "y", "z", "h", "s", "si", "t", "ti", "v", "vi", "rx", "ry", "rz", "not", "cnot",
             "swap", "xx", "yy", "zz", "pauliexp")  # fmt: skip
NATIVE_NAMES = ("gpi", "gpi2", "ms", "zz", "nop")
TWO_TARGETS = frozenset({"swap", "xx", "yy", "zz", "ms"})


def gpi(phi: float) -> Matrix:
    return np.array(
        [[0, cmath.exp(-2j * math.pi * phi)], [cmath.exp(2j * math.pi * phi), 0]],
        dtype=np.complex128,
    )


def gpi2(phi: float) -> Matrix:
    return np.array(
        [
            [1, -1j * cmath.exp(-2j * math.pi * phi)],
            [-1j * cmath.exp(2j * math.pi * phi), 1],
        ],
        dtype=np.complex128,
    ) / math.sqrt(2)


def ms(phi0: float, phi1: float, theta: float = 0.25) -> Matrix:
    """Big-endian: targets[0] is the most significant qubit of the index."""
    c, s = math.cos(math.pi * theta), math.sin(math.pi * theta)

    def e(x: float) -> complex:
        return cmath.exp(2j * math.pi * x)

    return np.array(
        [
            [c, 0, 0, -1j * e(-(phi0 + phi1)) * s],
            [0, c, -1j * e(-(phi0 - phi1)) * s, 0],
            [0, -1j * e(phi0 - phi1) * s, c, 0],
            [-1j * e(phi0 + phi1) * s, 0, 0, c],
        ]
    )


def native_zz(theta: float) -> Matrix:
    a, b = cmath.exp(-1j * math.pi * theta), cmath.exp(1j * math.pi * theta)
    return np.diag([a, b, b, a])


def native_matrix(gate: dict[str, Any]) -> Matrix:
    name = gate["gate"]
    if name == "gpi":
        return gpi(gate["phase"])
    if name == "gpi2":
        return gpi2(gate["phase"])
    if name == "ms":
        phi0, phi1 = gate["phases"]
        return ms(phi0, phi1, gate.get("angle", 0.25))
    if name == "zz":
        return native_zz(gate["angle"] if "angle" in gate else gate["phase"])
    return np.eye(2, dtype=np.complex128)


def with_controls(target: Matrix, controls: int) -> Matrix:
    """Controls most significant: identity except the all-ones block."""
    full = np.eye(target.shape[0] << controls, dtype=np.complex128)
    full[-target.shape[0] :, -target.shape[0] :] = target
    return full


def listed(gate: dict[str, Any], single: str, plural: str) -> list[int]:
    if plural in gate:
        return list(gate[plural])
    return [gate[single]] if single in gate else []


def _qis_gate(gate: dict[str, Any]) -> QiskitGate:
    name, rotation = gate["gate"], gate.get("rotation")
    if name == "pauliexp":
        operator = SparsePauliOp(gate["terms"], gate["coefficients"])
        return lib.PauliEvolutionGate(operator, time=gate["time"])
    if name == "z" and rotation is not None:
        return lib.PhaseGate(rotation)
    fixed: dict[str, QiskitGate] = {
        "x": lib.XGate(), "not": lib.XGate(), "cnot": lib.XGate(), "y": lib.YGate(),
        "z": lib.ZGate(), "h": lib.HGate(), "s": lib.SGate(), "si": lib.SdgGate(),
        "t": lib.TGate(), "ti": lib.TdgGate(), "v": lib.SXGate(), "vi": lib.SXdgGate(),
        "swap": lib.SwapGate(),
    }  # fmt: skip
    if name in fixed:
        return fixed[name]
    rotations = {"rx": lib.RXGate, "ry": lib.RYGate, "rz": lib.RZGate, "xx": lib.RXXGate,
                 "yy": lib.RYYGate, "zz": lib.RZZGate}  # fmt: skip
    return rotations[name](rotation)


def qiskit_circuit(gateset: str, qubits: int, gates: list[dict[str, Any]]) -> QuantumCircuit:
    """The same circuit in qiskit: its own gates for QIS, written-out matrices for native."""
    circuit = QuantumCircuit(qubits)
    for gate in gates:
        targets, controls = listed(gate, "target", "targets"), listed(gate, "control", "controls")
        if gateset == "native":
            full = with_controls(native_matrix(gate), len(controls))
            # qiskit's matrices are little-endian over qargs: reverse our big-endian order.
            circuit.append(lib.UnitaryGate(full), (controls + targets)[::-1])
            continue
        qiskit_gate = _qis_gate(gate)
        if controls:
            qiskit_gate = qiskit_gate.control(len(controls), annotated=False)
        circuit.append(qiskit_gate, controls + targets)
    return circuit


def reference_probabilities(
    gateset: str, qubits: int, gates: list[dict[str, Any]]
) -> NDArray[np.float64]:
    """qiskit's Statevector probabilities: index = sum(bit_q * 2**q), as IonQ's."""
    state = Statevector(qiskit_circuit(gateset, qubits, gates))
    return np.asarray(state.probabilities(), dtype=np.float64)


def random_gate(rng: np.random.Generator, gateset: str, qubits: int) -> dict[str, Any]:
    """Any gate of the gateset, with 0-2 controls and either spelling of targets/controls."""
    names = [
        n
        for n in (QIS_NAMES if gateset == "qis" else NATIVE_NAMES)
        if qubits >= (2 if n in TWO_TARGETS or n == "cnot" else 1)
    ]
    name = str(rng.choice(names))
    width = 2 if name in TWO_TARGETS else 1
    if name == "pauliexp":
        width = int(rng.integers(1, min(3, qubits) + 1))
    free = qubits - width
    low = 1 if name == "cnot" else 0
    n_controls = int(rng.integers(low, min(2, free) + 1)) if free >= low else 0
    chosen = [int(q) for q in rng.permutation(qubits)[: width + n_controls]]
    targets, controls = chosen[:width], chosen[width:]
    gate: dict[str, Any] = {"gate": name}
    if width == 1 and rng.random() < 0.5:
        gate["target"] = targets[0]
    else:
        gate["targets"] = targets
    if len(controls) == 1 and rng.random() < 0.5:
        gate["control"] = controls[0]
    elif controls:
        gate["controls"] = controls
    angle = float(rng.uniform(-2 * math.pi, 2 * math.pi))
    rotates = name in {"rx", "ry", "rz", "xx", "yy", "zz"} and gateset == "qis"
    if rotates or (name == "z" and rng.random() < 0.5):
        gate["rotation"] = angle
    elif name in {"gpi", "gpi2"}:
        gate["phase"] = float(rng.uniform(-1, 1))
    elif name == "ms":
        gate["phases"] = [float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1))]
        if rng.random() < 0.7:
            gate["angle"] = float(rng.uniform(0, 0.5))
    elif name == "zz":
        gate["angle" if rng.random() < 0.5 else "phase"] = float(rng.uniform(-1, 1))
    elif name == "pauliexp":
        n_terms = int(rng.integers(1, 4))
        gate["terms"] = ["".join(rng.choice(list("IXYZ"), size=width)) for _ in range(n_terms)]
        gate["coefficients"] = [float(c) for c in rng.uniform(-1, 1, size=n_terms)]
        gate["time"] = float(rng.uniform(0, 2))
    return gate


def random_circuit(seed: int, gateset: str) -> tuple[int, list[dict[str, Any]]]:
    rng = np.random.default_rng(seed)
    qubits = int(rng.integers(1, 11))
    depth = int(rng.integers(1, 25))
    return qubits, [random_gate(rng, gateset, qubits) for _ in range(depth)]
