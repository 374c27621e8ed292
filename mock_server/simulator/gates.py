"""Gate matrices, written from IonQ's and qiskit's documented definitions.

Every matrix is over the gate's qubits in big-endian order: the first qubit
listed is the most significant bit of the matrix index. For a controlled gate
the order is controls then targets (Gate.qubits), so the controlled matrix is
the identity with the target matrix in its bottom-right corner. The engine, not
this module, maps that order onto IonQ's little-endian state index.
"""

from __future__ import annotations

import cmath
import math

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Gate

__all__ = [
    "PAULI",
    "Matrix",
    "controlled",
    "diagonal",
    "is_diagonal",
    "kron_all",
    "matrix",
    "target_matrix",
]

Matrix = NDArray[np.complex128]

_I = np.eye(2, dtype=np.complex128)
_X = np.array([[0, 1], [1, 0]], dtype=np.complex128)
_Y = np.array([[0, -1j], [1j, 0]], dtype=np.complex128)
_Z = np.array([[1, 0], [0, -1]], dtype=np.complex128)
PAULI = {"I": _I, "X": _X, "Y": _Y, "Z": _Z}
_SQRT_HALF = 1 / math.sqrt(2)

_FIXED: dict[str, Matrix] = {
    "x": _X,
    "y": _Y,
    "z": _Z,
    "h": np.array([[1, 1], [1, -1]], dtype=np.complex128) * _SQRT_HALF,
    "s": np.diag([1, 1j]).astype(np.complex128),
    "si": np.diag([1, -1j]).astype(np.complex128),
    "t": np.diag([1, cmath.exp(1j * math.pi / 4)]).astype(np.complex128),
    "ti": np.diag([1, cmath.exp(-1j * math.pi / 4)]).astype(np.complex128),
    # v is sqrt(X) with qiskit's SX phase (qiskit sends sx as v).
    "v": np.array([[1 + 1j, 1 - 1j], [1 - 1j, 1 + 1j]], dtype=np.complex128) / 2,
    "vi": np.array([[1 - 1j, 1 + 1j], [1 + 1j, 1 - 1j]], dtype=np.complex128) / 2,
    "swap": np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=np.complex128),
    "nop": _I,
}
_DIAGONAL = frozenset({"z", "s", "si", "t", "ti", "rz", "nop"})


def _pauli_rotation(pauli: Matrix, theta: float) -> Matrix:
    """exp(-i theta/2 P) for a Pauli product P (P squared is the identity)."""
    eye = np.eye(pauli.shape[0], dtype=np.complex128)
    return np.asarray(math.cos(theta / 2) * eye - 1j * math.sin(theta / 2) * pauli)


def _turns(phi: float) -> complex:
    return cmath.exp(2j * math.pi * phi)


def _gpi(phi: float) -> Matrix:
    return np.array([[0, _turns(-phi)], [_turns(phi), 0]], dtype=np.complex128)


def _gpi2(phi: float) -> Matrix:
    return (
        np.array([[1, -1j * _turns(-phi)], [-1j * _turns(phi), 1]], dtype=np.complex128)
        * _SQRT_HALF
    )


def _ms(phi0: float, phi1: float, angle: float) -> Matrix:
    """IonQ's MS; phi0 belongs to targets[0], the most significant qubit here."""
    c, s = math.cos(math.pi * angle), math.sin(math.pi * angle)
    outer, inner = -1j * s * _turns(-(phi0 + phi1)), -1j * s * _turns(-(phi0 - phi1))
    return np.array(
        [
            [c, 0, 0, outer],
            [0, c, inner, 0],
            [0, -1j * s * _turns(phi0 - phi1), c, 0],
            [-1j * s * _turns(phi0 + phi1), 0, 0, c],
        ],
        dtype=np.complex128,
    )


def kron_all(factors: list[Matrix]) -> Matrix:
    """The Kronecker product of `factors`, the first the most significant (big-endian)."""
    result = np.ones((1, 1), dtype=np.complex128)
    for factor in factors:
        result = np.asarray(np.kron(result, factor), dtype=np.complex128)
    return result


def _pauliexp(gate: Gate) -> Matrix:
    """exp(-i time sum_k c_k P_k), exactly (also when the terms don't commute).

    Guessed convention, checked against qiskit's PauliEvolutionGate: the term
    strings are little-endian like qiskit's Pauli labels, so the *last* character
    acts on targets[0]. Both SDKs agree: qiskit sends its labels unchanged with
    targets in qubit order, and cirq reverses its big-endian string before sending.
    """
    (time,) = gate.params
    size = 2 ** len(gate.targets)
    hamiltonian = np.zeros((size, size), dtype=np.complex128)
    for term, coefficient in zip(gate.terms, gate.coefficients, strict=True):
        # Big-endian kron over targets[0], targets[1], ... = the string read backwards.
        hamiltonian += coefficient * kron_all([PAULI[ch] for ch in reversed(term)])
    values, vectors = np.linalg.eigh(hamiltonian)
    return np.asarray((vectors * np.exp(-1j * time * values)) @ vectors.conj().T)


def _native(name: str, params: tuple[float, ...]) -> Matrix:
    if name == "gpi":
        return _gpi(params[0])
    if name == "gpi2":
        return _gpi2(params[0])
    if name == "ms":
        return _ms(*params)
    if name == "zz":
        p = cmath.exp(1j * math.pi * params[0])
        return np.diag([1 / p, p, p, 1 / p]).astype(np.complex128)
    return _FIXED[name]


def target_matrix(gate: Gate) -> Matrix:
    """The matrix over ``gate.targets`` alone (what applies when every control is 1)."""
    name, params = gate.name, gate.params
    if gate.gateset == "native":
        return _native(name, params)
    if name in {"rx", "ry", "rz", "xx", "yy", "zz"}:
        pauli = PAULI[name[1].upper()]
        return _pauli_rotation(pauli if name[0] == "r" else kron_all([pauli, pauli]), params[0])
    if name == "z" and params:
        # Guess: qiskit sends p(theta)/cp as z + rotation, and only the phase gate
        # P(theta) = diag(1, e^{i theta}) makes cp come out right (not rz, whose
        # global phase becomes a relative one under a control).
        return np.diag([1, cmath.exp(1j * params[0])]).astype(np.complex128)
    if name == "pauliexp":
        return _pauliexp(gate)
    return _FIXED[name]


def controlled(target: Matrix, controls: int) -> Matrix:
    """Identity, with ``target`` where every one of the (most significant) controls is 1."""
    if controls == 0:
        return target
    size = target.shape[0] << controls
    full = np.eye(size, dtype=np.complex128)
    full[size - target.shape[0] :, size - target.shape[0] :] = target
    return full


def matrix(gate: Gate) -> Matrix:
    """The full matrix over ``gate.qubits`` (controls, then targets)."""
    return controlled(target_matrix(gate), len(gate.controls))


def is_diagonal(gate: Gate) -> bool:
    """Diagonal gates commute with each other and cost one in-place multiply."""
    if gate.name == "zz" or (gate.gateset == "qis" and gate.name in _DIAGONAL):
        return True
    if gate.name == "nop":
        return True
    return gate.name == "pauliexp" and all(set(t) <= {"I", "Z"} for t in gate.terms)


def diagonal(gate: Gate) -> NDArray[np.complex128]:
    """The diagonal of ``matrix(gate)``; only for gates where is_diagonal is true."""
    return np.ascontiguousarray(np.diagonal(matrix(gate)))
