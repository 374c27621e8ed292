"""Any unitary over a few qubits, as multi-controlled one-qubit gates (two-level unitaries).

Only a pauliexp whose terms do not commute needs this: its exponential has no
product form. Givens rotations bring the matrix to the identity column by
column (Nielsen & Chuang §4.5.1); rows are paired in Gray-code order, so each
rotation mixes two basis states that differ in one bit: a one-qubit gate on
that bit, controlled on every other bit having its value in those states
(a control on 0 is an X before and after). Exact, global phase included: the
last rotation takes the remaining 2x2 block whole.

The cost is exponential, as it must be for a generic unitary: 2^(k-1)(2^k - 1)
two-level gates for k qubits, each with k - 1 controls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mock_server.simulator.compilation.ops import Conjugated, Op, Single, X
from mock_server.simulator.gates import Matrix

__all__ = ["unitary_ops"]

_ZERO = 1e-15


def _two_level_op(qubits: Sequence[int], upper: int, lower: int, g: Matrix) -> Op:
    """``g`` on the pair of basis states (upper, lower), which differ in one bit."""
    bit = (upper ^ lower).bit_length() - 1
    matrix = g if not upper >> bit & 1 else X @ g @ X
    others = [i for i in range(len(qubits)) if i != bit]
    gate = Single(qubits[bit], matrix, tuple(qubits[i] for i in others))
    zeros = tuple(Single(qubits[i], X) for i in others if not upper >> i & 1)
    return Conjugated(zeros, (gate,)) if zeros else gate


def unitary_ops(qubits: Sequence[int], unitary: Matrix) -> list[Op]:
    """``unitary`` (bit i of its index is qubit ``qubits[i]``) as exact ops."""
    size = 1 << len(qubits)
    gray = [k ^ (k >> 1) for k in range(size)]
    work = np.array(unitary, dtype=np.complex128)
    steps: list[tuple[int, int, Matrix]] = []
    for column in range(size - 1):
        col = gray[column]
        for row in range(size - 1, column, -1):
            upper, lower = gray[row - 1], gray[row]
            if row == column + 1 == size - 1:
                block = work[np.ix_([upper, lower], [col, lower])]
                g = np.asarray(np.linalg.inv(block), dtype=np.complex128)
            else:
                a, b = complex(work[upper, col]), complex(work[lower, col])
                if abs(b) < _ZERO and row > column + 1:
                    continue
                # On the pivot the column is a unit vector: norm 1 also makes the pivot exactly 1.
                norm = 1.0 if row == column + 1 else float(np.hypot(abs(a), abs(b)))
                g = np.array([[a.conjugate(), b.conjugate()], [-b, a]], dtype=np.complex128) / norm
            work[[upper, lower], :] = g @ work[[upper, lower], :]
            steps.append((upper, lower, g))
    # g_L ... g_1 U = I, so U = g_1^dagger ... g_L^dagger: g_L^dagger acts first.
    return [_two_level_op(qubits, u, lo, g.conj().T) for u, lo, g in reversed(steps)]
