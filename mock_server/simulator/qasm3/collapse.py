"""What a measurement does to a state: the two outcomes' probabilities and collapsed states.

Shared by the exact runner (exact.py), which follows both outcomes, and the
shot sampler (shots.py), which splits its shots between them. A reset is a
measurement whose outcome 1 is flipped back to 0 and not recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.qasm3.program import Measure
from mock_server.simulator.statevector import StateVector

__all__ = ["Branch", "branches", "tail_outcomes"]

Branch = tuple[int, float, StateVector]  # (outcome, its probability, the state after it)


def branches(state: StateVector, qubit: int, *, reset: bool = False) -> list[Branch]:
    """Each outcome of measuring `qubit` that can occur, with the state it leaves.

    After a reset the qubit is 0 in both. Outcomes of probability 0 (to
    round-off) are left out, so a qubit in a basis state does not branch.
    """
    amplitudes = state.amplitudes()
    view = amplitudes.reshape(-1, 2, 1 << qubit)  # [higher qubits, this qubit, lower qubits]
    found: list[Branch] = []
    for outcome in (0, 1):
        part = view[:, outcome, :]
        probability = float(np.vdot(part, part).real)
        if probability <= 1e-14:
            continue
        collapsed = np.zeros_like(view)
        collapsed[:, 0 if reset else outcome, :] = part / np.sqrt(probability)
        found.append((outcome, probability, StateVector.from_amplitudes(collapsed.reshape(-1))))
    total = sum(probability for _, probability, _ in found)
    return [(outcome, probability / total, after) for outcome, probability, after in found]


def tail_outcomes(
    basis_states: NDArray[np.int64], measures: Sequence[Measure], bits: int
) -> NDArray[np.int64]:
    """The recorded outcome of each basis state once the final `measures` have read it.

    `bits` is what was recorded before them; a later measurement into the
    same bit overwrites an earlier one, as in the program.
    """
    outcomes = np.full(basis_states.shape, bits, dtype=np.int64)
    for measure in measures:
        if measure.bit is None:
            continue
        value = (basis_states >> measure.qubit) & 1
        outcomes = (outcomes & ~np.int64(1 << measure.bit)) | (value << measure.bit)
    return outcomes
