"""Diagonal unitaries over several qubits as ZZ rotations, CNOTs and phase gates.

A diagonal unitary diag(e^{i f(x)}) is a phase polynomial: the Walsh-Hadamard
transform of f writes it as sum_S h_S (-1)^{parity of x on S}, and each term is
one rotation of the parity of S. Parities of two qubits are a ZZ rotation (one
entangler); wider ones are first computed onto one qubit with CNOTs. For four
or more qubits the parities are visited in Gray-code order instead (Barenco et
al. 1995; Amy, Maslov, Mosca 2014), one CNOT per term: 2^n - 2 CNOTs for all
terms of n qubits, against about n 2^(n-1) term by term.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.compilation.ops import ZZ, Conjugated, Op, Phase, Single, cx, phase_gate

__all__ = ["diagonal_ops"]

# Terms smaller than this are rounding noise of the transform: dropping them moves
# an amplitude by less than 1e-13.
_NEGLIGIBLE = 1e-13
_GRAY_FROM = 4


def _walsh(phases: NDArray[np.float64]) -> NDArray[np.float64]:
    """h with f(x) = sum_S h[S] (-1)^{popcount(S & x)}: the normalised Walsh-Hadamard transform."""
    h = phases.astype(np.float64).copy()
    step = 1
    while step < len(h):
        h = h.reshape(-1, 2, step)
        h = np.stack((h[:, 0] + h[:, 1], h[:, 0] - h[:, 1]), axis=1).reshape(-1)
        step *= 2
    return h / len(h)


def _parity_rotation(qubits: Sequence[int], angle: float) -> list[Op]:
    """e^{i angle * parity(x on qubits)} for two or more qubits, exactly."""
    if len(qubits) == 2:
        # parity = (1 - Z_a Z_b) / 2
        return [Phase(angle / 2), ZZ(qubits[0], qubits[1], angle)]
    ladder = tuple(cx(qubits[i], qubits[i + 1]) for i in range(len(qubits) - 2))
    return [Conjugated(ladder, tuple(_parity_rotation(qubits[-2:], angle)))]


def _term_by_term(qubits: Sequence[int], h: NDArray[np.float64]) -> list[Op]:
    ops: list[Op] = []
    # Widest terms first: the one-qubit phases then come last (all terms commute).
    for subset in sorted(range(1, len(h)), key=lambda s: -s.bit_count()):
        angle = -2 * h[subset]
        if abs(angle) < _NEGLIGIBLE:
            continue
        members = [q for i, q in enumerate(qubits) if subset >> i & 1]
        if len(members) == 1:
            ops.append(Single(members[0], phase_gate(angle)))
        else:
            ops.extend(_parity_rotation(members, angle))
    return ops


def _gray_walk(qubits: Sequence[int], h: NDArray[np.float64]) -> list[Op]:
    """For each qubit from the last: every parity whose highest member it is, in Gray-code
    order over the lower qubits, accumulated on it one CNOT at a time."""
    ops: list[Op] = []
    for level in range(len(qubits) - 1, -1, -1):
        parity_qubit = qubits[level]
        previous = 0
        for k in range(1 << level):
            gray = k ^ (k >> 1)
            if k:
                flipped = (gray ^ previous).bit_length() - 1
                ops.append(cx(qubits[flipped], parity_qubit))
            angle = -2 * h[(1 << level) | gray]
            if abs(angle) >= _NEGLIGIBLE:
                ops.append(Single(parity_qubit, phase_gate(angle)))
            previous = gray
        if level:
            # The walk ends on the top lower qubit alone; one CNOT restores the parity qubit.
            ops.append(cx(qubits[level - 1], parity_qubit))
    return ops


def diagonal_ops(qubits: Sequence[int], phases: NDArray[np.float64]) -> list[Op]:
    """diag(e^{i phases[x]}) where bit i of x is qubit ``qubits[i]``, exactly (global phase too)."""
    h = _walsh(phases)
    # f(x) = sum_S h_S - 2 sum_{S nonempty} h_S parity_S(x)
    ops: list[Op] = [Phase(float(h.sum()))]
    if len(qubits) >= _GRAY_FROM:
        ops.extend(_gray_walk(qubits, h))
    else:
        ops.extend(_term_by_term(qubits, h))
    return ops
