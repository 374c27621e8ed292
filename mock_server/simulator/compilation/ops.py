"""The compiler's intermediate circuit: exact one-qubit unitaries, ZZ rotations, global phases.

Lowering turns every gate into these; the emitter turns them into IonQ's native
gates. Every op is exact, global phase included, because a gate's lowering may
still get controls (``controlled``), and under a control a global phase becomes
a relative one. ``Conjugated`` keeps the structure A^-1 B A explicit so that
adding controls controls only B: the A's cancel when a control is 0, which is
what keeps a Fredkin gate (a controlled swap) at one Toffoli plus two CNOTs
instead of three Toffolis.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from mock_server.simulator.gates import Matrix

__all__ = [
    "SH_DAGGER",
    "ZZ",
    "Conjugated",
    "H",
    "Op",
    "Phase",
    "Single",
    "X",
    "Z",
    "controlled",
    "cx",
    "inverse",
    "phase_gate",
    "rz",
]

H = np.array([[1, 1], [1, -1]], dtype=np.complex128) / math.sqrt(2)
X = np.array([[0, 1], [1, 0]], dtype=np.complex128)
Z = np.diag([1, -1]).astype(np.complex128)
# (S H)^dagger: it takes Y to Z (S H Z H^dagger S^dagger = Y), the basis change for a Y term.
SH_DAGGER = (np.diag([1, 1j]).astype(np.complex128) @ H).conj().T


def rz(theta: float) -> Matrix:
    """exp(-i theta/2 Z), exactly (its global phase matters under a control)."""
    half = cmath.exp(-0.5j * theta)
    return np.diag([half, half.conjugate()]).astype(np.complex128)


def phase_gate(angle: float) -> Matrix:
    """diag(1, e^{i angle})."""
    return np.diag([1, cmath.exp(1j * angle)]).astype(np.complex128)


@dataclass(frozen=True, slots=True, eq=False)
class Single:
    """``matrix`` (2x2, basis |0>, |1>) on ``target`` when every control is 1."""

    target: int
    matrix: Matrix
    controls: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ZZ:
    """exp(-i theta/2 Z_a Z_b): the one entangling op; MS and native ZZ are both this, up to
    one-qubit gates."""

    a: int
    b: int
    theta: float


@dataclass(frozen=True, slots=True)
class Phase:
    """e^{i angle} on the whole register: nothing, unless it gets a control."""

    angle: float


@dataclass(frozen=True, slots=True)
class Conjugated:
    """``outer``, then ``inner``, then ``outer`` undone: the operator A^-1 B A."""

    outer: tuple[Op, ...]
    inner: tuple[Op, ...]


Op = Single | ZZ | Phase | Conjugated


def cx(control: int, target: int) -> Single:
    return Single(target, X, (control,))


def _inverse_one(op: Op) -> Op:
    if isinstance(op, Single):
        return Single(op.target, op.matrix.conj().T, op.controls)
    if isinstance(op, ZZ):
        return ZZ(op.a, op.b, -op.theta)
    if isinstance(op, Phase):
        return Phase(-op.angle)
    return Conjugated(op.outer, tuple(inverse(op.inner)))


def inverse(ops: Sequence[Op]) -> list[Op]:
    """The ops that undo ``ops``: each inverted, in reverse order."""
    return [_inverse_one(op) for op in reversed(ops)]


def _controlled_one(op: Op, controls: tuple[int, ...]) -> Op:
    if isinstance(op, Single):
        return Single(op.target, op.matrix, op.controls + controls)
    if isinstance(op, ZZ):
        # CX(a, b) turns Z_b into Z_a Z_b: exp(-i t/2 ZaZb) = CX . Rz_b(t) . CX, and only
        # the Rz needs the controls.
        return Conjugated((cx(op.a, op.b),), (Single(op.b, rz(op.theta), controls),))
    if isinstance(op, Phase):
        # A global phase under controls is a phase gate on the controls themselves.
        return Single(controls[-1], phase_gate(op.angle), controls[:-1])
    return Conjugated(op.outer, tuple(controlled(op.inner, controls)))


def controlled(ops: Iterable[Op], controls: tuple[int, ...]) -> list[Op]:
    """The same ops applied only when every qubit of ``controls`` is 1."""
    if not controls:
        return list(ops)
    return [_controlled_one(op, controls) for op in ops]
