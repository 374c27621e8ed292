"""Uncontrolled ops -> IonQ native gates: one-qubit fusion and virtual-Z phase frames.

Each qubit carries a frame f (turns): the circuit so far equals
Z(f) . (the native gates emitted so far), with Z(f) = diag(1, e^{2 pi i f}) on
every qubit. A z rotation therefore costs nothing (it moves the frame), and a
gate G emitted after the frame is G conjugated by it, which for GPI, GPI2 and
MS only subtracts f from their phases (ZZ commutes with it). One-qubit ops
accumulate into one 2x2 matrix per qubit until an entangler needs the qubit;
that matrix, written Rz(phi) Ry(theta) Rz(lambda), is two frame moves around
at most one GPI (theta = pi), one GPI2 (theta = pi/2) or two GPI2s.

The frames left at the end are dropped: they are diagonal, they act right
before every qubit is measured in the computational basis, so they change no
probability (only the phases of the final state, which no result reports).
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Iterable
from typing import Any

from mock_server.simulator.compilation.ops import ZZ, H, Op, Phase, Single, Z
from mock_server.simulator.gates import Matrix

__all__ = ["ENTANGLERS", "NativeEmitter"]

ENTANGLERS = frozenset({"ms", "zz"})
# Closer than this to 0, pi/2 or pi a rotation is taken as exactly that: an amplitude
# error below 1e-12, far under what any result shows.
_SNAP = 1e-12
_TIDY = 1e-13


def _clean(value: float) -> float:
    """``value`` on the nearest multiple of 1/8 if only rounding error keeps it off.

    So 0.5000000000000001 reads 0.5. Within 1e-13 turns only: an amplitude moves
    by less than 1e-12 per gate.
    """
    eighths = round(value * 8) / 8
    return eighths if abs(value - eighths) < _TIDY else value


def _turns(value: float) -> float:
    """An angle in turns, reduced to [0, 1)."""
    reduced = _clean(value % 1.0)
    return 0.0 if reduced == 1.0 else reduced


def _zyz(u: Matrix) -> tuple[float, float, float]:
    """(phi, theta, lambda) with u = e^{i g} Rz(phi) Ry(theta) Rz(lambda), theta in [0, pi].

    In SU(2) (u over a square root of its determinant) the entries fix the half
    sums: v00 = cos(theta/2) e^{-i(phi+lambda)/2}, v10 = sin(theta/2) e^{i(phi-lambda)/2}.
    Taking phi +- lambda from ratios of u instead loses a sign of theta.
    """
    v = u / cmath.sqrt(u[0, 0] * u[1, 1] - u[0, 1] * u[1, 0])
    theta = 2 * math.atan2(abs(v[1, 0]), abs(v[0, 0]))
    # A vanishing entry leaves its half angle free: take the other one (v is unitary, so
    # they cannot both vanish).
    half_sum = -cmath.phase(v[0, 0]) if abs(v[0, 0]) > _SNAP else cmath.phase(v[1, 0])
    half_difference = cmath.phase(v[1, 0]) if abs(v[1, 0]) > _SNAP else half_sum
    return half_sum + half_difference, theta, half_sum - half_difference


class NativeEmitter:
    """Receives uncontrolled ops in circuit order and writes native gate JSON."""

    def __init__(self, qubits: int, entangler: str) -> None:
        if entangler not in ENTANGLERS:
            raise ValueError(f"entangler must be 'ms' or 'zz', got {entangler!r}")
        self.entangler = entangler
        self.gates: list[dict[str, Any]] = []
        self._frames = [0.0] * qubits
        self._pending: list[Matrix | None] = [None] * qubits

    def extend(self, ops: Iterable[Op]) -> None:
        for op in ops:
            if isinstance(op, Single):
                self._apply(op.target, op.matrix)
            elif isinstance(op, ZZ):
                self._entangle(op)
            elif not isinstance(op, Phase):
                raise TypeError(f"emit takes flattened ops, got {op!r}")

    def finish(self) -> list[dict[str, Any]]:
        """Flush every qubit's pending gates; the final frames are dropped (module docstring)."""
        for qubit in range(len(self._pending)):
            self._flush(qubit)
        return self.gates

    def _apply(self, qubit: int, matrix: Matrix) -> None:
        pending = self._pending[qubit]
        self._pending[qubit] = matrix if pending is None else matrix @ pending

    def _one_qubit(self, name: str, qubit: int, phase: float) -> None:
        """Emit ``name`` with ``phase`` meant in the circuit's frame, written in the qubit's."""
        self.gates.append(
            {"gate": name, "target": qubit, "phase": _turns(phase - self._frames[qubit])}
        )

    def _rotate_frame(self, qubit: int, radians: float) -> None:
        """A z rotation: the frame moves, kept in [0, 1) so that a long circuit loses no digits."""
        self._frames[qubit] = (self._frames[qubit] + radians / (2 * math.pi)) % 1.0

    def _flush(self, qubit: int) -> None:
        pending = self._pending[qubit]
        if pending is None:
            return
        self._pending[qubit] = None
        phi, theta, lam = _zyz(pending)
        self._rotate_frame(qubit, lam)
        if abs(theta - math.pi) < _SNAP:
            self._one_qubit("gpi", qubit, 0.25)  # GPI(1/4) is Y, Ry(pi) up to phase
        elif abs(theta - math.pi / 2) < _SNAP:
            self._one_qubit("gpi2", qubit, 0.25)  # GPI2(1/4) is Ry(pi/2)
        elif theta >= _SNAP:
            # Ry(theta) = Rx(-pi/2) Rz(theta) Rx(pi/2), and Rx(+-pi/2) = GPI2(0), GPI2(1/2).
            self._one_qubit("gpi2", qubit, 0.0)
            self._rotate_frame(qubit, theta)
            self._one_qubit("gpi2", qubit, 0.5)
        self._rotate_frame(qubit, phi)

    def _entangle(self, op: ZZ) -> None:
        a, b = op.a, op.b
        theta = math.remainder(op.theta, 2 * math.pi)  # exp(-i pi ZZ) = -1: period 2 pi
        if abs(theta) > math.pi / 2:
            # exp(-i pi/2 ZZ) = -i Z(x)Z: keep |theta| <= pi/2 (angle <= 1/4) and move Z
            # onto both qubits, where it becomes a frame.
            theta -= math.copysign(math.pi, theta)
            self._apply(a, Z)
            self._apply(b, Z)
        if abs(theta) < _SNAP:
            return
        angle = theta / (2 * math.pi)
        if self.entangler == "zz":
            self._flush(a)
            self._flush(b)
            self.gates.append({"gate": "zz", "targets": [a, b], "angle": _clean(angle)})
            return
        # exp(-i t/2 ZZ) = (H x H) exp(-i t/2 XX) (H x H), and MS(0, 0, angle) is
        # exp(-i pi angle XX); a negative angle is MS with its first phase turned by 1/2.
        self._apply(a, H)
        self._apply(b, H)
        self._flush(a)
        self._flush(b)
        flip = 0.5 if angle < 0 else 0.0
        phases = [_turns(flip - self._frames[a]), _turns(-self._frames[b])]
        self.gates.append(
            {"gate": "ms", "targets": [a, b], "phases": phases, "angle": _clean(abs(angle))}
        )
        self._apply(a, H)
        self._apply(b, H)
