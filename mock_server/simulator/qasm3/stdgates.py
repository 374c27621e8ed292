"""The gates every program may call: OpenQASM 3's built-ins and stdgates.inc, as simulator gates.

No matrices here: each standard gate is written as gates the simulator
already has (mock_server/simulator/gates.py), so a qasm3 job and a JSON
circuit run the very same matrices. Where stdgates.inc and qiskit disagree
on a global phase (stdgates.inc gives `x` an extra e^{-i pi/2} and writes
`cu` with a phase of gamma - theta/2), the fake follows qiskit: qiskit-ionq
is what sends these programs, written by `qiskit.qasm3.dumps` from qiskit's
matrices, and a global phase shows only under `ctrl @`. So:

- U(theta, phi, lambda) is qiskit's UGate, e^{i(phi+lambda)/2} rz(phi) ry(theta) rz(lambda);
  u3 is the same gate, u2(phi, lambda) is U(pi/2, phi, lambda);
- p, phase and u1 are diag(1, e^{i lambda}) (the simulator's `z` with an angle);
- cu(theta, phi, lambda, gamma) is qiskit's CUGate: e^{i gamma} on the control, then
  the controlled U;
- id is no gate; gphase(a) is the global phase e^{ia}.
"""

from __future__ import annotations

import math

from mock_server.simulator.qasm3.unitary import Unitary, gate

__all__ = ["BUILTIN", "STANDARD", "Signature", "standard_gate"]

Signature = tuple[int, int]  # (parameters, qubits)

# Gate names of the simulator by stdgates.inc name: one qubit, no parameter.
_FIXED = {
    "x": "x",
    "y": "y",
    "z": "z",
    "h": "h",
    "s": "s",
    "sdg": "si",
    "t": "t",
    "tdg": "ti",
    "sx": "v",
}
_ROTATIONS = frozenset({"rx", "ry", "rz"})
_PHASES = frozenset({"p", "phase", "u1"})
# Controlled gates: (controls, the gate they control).
_CONTROLLED = {
    "cx": (1, "x"),
    "CX": (1, "x"),
    "cy": (1, "y"),
    "cz": (1, "z"),
    "ch": (1, "h"),
    "ccx": (2, "x"),
    "cswap": (1, "swap"),
    "crx": (1, "rx"),
    "cry": (1, "ry"),
    "crz": (1, "rz"),
    "cp": (1, "p"),
    "cphase": (1, "p"),
}

BUILTIN: dict[str, Signature] = {"U": (3, 1)}
STANDARD: dict[str, Signature] = {
    **dict.fromkeys(_FIXED, (0, 1)),
    **dict.fromkeys(_ROTATIONS | _PHASES, (1, 1)),
    "id": (0, 1),
    "swap": (0, 2),
    "u2": (2, 1),
    "u3": (3, 1),
    "cu": (4, 2),
}


def _u(theta: float, phi: float, lam: float, qubit: int) -> Unitary:
    return Unitary(
        (gate("rz", (qubit,), lam), gate("ry", (qubit,), theta), gate("rz", (qubit,), phi)),
        (phi + lam) / 2,
    )


def _one(name: str, params: tuple[float, ...], qubit: int) -> Unitary:
    """A standard gate on one qubit."""
    if name in _FIXED:
        return Unitary((gate(_FIXED[name], (qubit,)),))
    if name in _ROTATIONS:
        return Unitary((gate(name, (qubit,), params[0]),))
    if name in _PHASES:
        return Unitary((gate("z", (qubit,), params[0]),))
    if name == "id":
        return Unitary()
    if name == "u2":
        return _u(math.pi / 2, params[0], params[1], qubit)
    return _u(params[0], params[1], params[2], qubit)  # U, u3


def standard_gate(name: str, params: tuple[float, ...], qubits: tuple[int, ...]) -> Unitary:
    """A standard gate applied to `qubits` (its signature already checked)."""
    if name == "swap":
        return Unitary((gate("swap", qubits),))
    if name == "cu":
        control, target = qubits
        theta, phi, lam, gamma = params
        phase = Unitary((gate("z", (control,), gamma),))
        return phase.then(_u(theta, phi, lam, target).controlled((control,)))
    if name in _CONTROLLED:
        controls, base = _CONTROLLED[name]
        targets = qubits[controls:]
        body = (
            Unitary((gate("swap", targets),)) if base == "swap" else _one(base, params, targets[0])
        )
        return body.controlled(qubits[:controls])
    return _one(name, params, qubits[0])


def _controlled_signatures() -> dict[str, Signature]:
    signatures: dict[str, Signature] = {}
    for name, (controls, base) in _CONTROLLED.items():
        parameters = 1 if base in _ROTATIONS or base == "p" else 0
        signatures[name] = (parameters, controls + (2 if base == "swap" else 1))
    return signatures


STANDARD.update(_controlled_signatures())
