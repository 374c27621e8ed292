"""Multi-controlled one-qubit gates, and flattening the intermediate circuit to uncontrolled ops.

A controlled U is diagonalised on its target: U = Q diag(d0, d1) Q^dagger, so
C^m(U) = Q . C^m(diag(d0, d1)) . Q^dagger, where only the diagonal part is
controlled and is itself a diagonal unitary over controls and target
(diagonal.py). With continuously tunable entanglers this costs one entangler for
one control (any controlled-U), six for a Toffoli, 2^(m+1) - 2 for m >= 3.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Iterable

import numpy as np

from mock_server.simulator.compilation.diagonal import diagonal_ops
from mock_server.simulator.compilation.ops import Conjugated, Op, Single, inverse
from mock_server.simulator.gates import Matrix

__all__ = ["eigenbasis", "flatten"]

# Below this an off-diagonal entry is rounding noise: the gate is treated as diagonal.
_DIAGONAL = 1e-14


def eigenbasis(u: Matrix) -> tuple[Matrix | None, tuple[complex, complex]]:
    """Q (unitary) and d with u = Q diag(d) Q^dagger; Q is None (the identity) when u is diagonal.

    Computed from u's rotation axis rather than a general eigensolver, so Q stays
    exactly unitary even when the eigenvalues nearly coincide.
    """
    if abs(u[0, 1]) < _DIAGONAL and abs(u[1, 0]) < _DIAGONAL:
        return None, (complex(u[0, 0]), complex(u[1, 1]))
    # In SU(2): w = cos a - i sin a (n . sigma).
    w = u / cmath.sqrt(complex(u[0, 0] * u[1, 1] - u[0, 1] * u[1, 0]))
    axis = np.array([-w[1, 0].imag, w[1, 0].real, -w[0, 0].imag])
    axis /= np.linalg.norm(axis)
    polar, azimuth = math.acos(max(-1.0, min(1.0, float(axis[2])))), math.atan2(axis[1], axis[0])
    c, s, e = math.cos(polar / 2), math.sin(polar / 2), cmath.exp(1j * azimuth)
    q = np.array([[c, s / e], [e * s, -c]], dtype=np.complex128)
    d = np.diagonal(q.conj().T @ u @ q)
    return q, (complex(d[0]), complex(d[1]))


def _multi_controlled(op: Single) -> list[Op]:
    q, (d0, d1) = eigenbasis(op.matrix)
    qubits = [*op.controls, op.target]
    phases = np.zeros(1 << len(qubits))
    every_control = (1 << len(op.controls)) - 1
    phases[every_control] = cmath.phase(d0)
    phases[every_control | 1 << len(op.controls)] = cmath.phase(d1)
    body = diagonal_ops(qubits, phases)
    if q is None:
        return body
    return [Conjugated((Single(op.target, q.conj().T),), tuple(body))]


def flatten(ops: Iterable[Op]) -> Iterable[Op]:
    """The same circuit as uncontrolled Single, ZZ and Phase ops only, lazily."""
    for op in ops:
        if isinstance(op, Conjugated):
            yield from flatten(op.outer)
            yield from flatten(op.inner)
            yield from flatten(inverse(op.outer))
        elif isinstance(op, Single) and op.controls:
            yield from flatten(_multi_controlled(op))
        else:
            yield op
