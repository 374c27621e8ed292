"""Symmetry verification, the fake's rule: shots the noiseless circuit cannot give are discarded.

IonQ offers `symmetry_verification` and reports `num_allowed_states` and
`applied`, without saying which symmetries it checks. The fake's rule
(x-guessed in openapi.yaml): the allowed states are the support of the
circuit's ideal distribution, every outcome the noiseless circuit gives
with a probability above round-off (sampling.NOISE_FLOOR). A shot whose
outcome is outside it can only come from an error, so it is discarded;
`num_allowed_states` is the support's size. When every outcome is allowed
(2^width states: a circuit whose ideal distribution is full, such as a
layer of Hadamards) the check can discard nothing, and it is not applied.

It has a real effect under any noise that moves shots outside the support:
a Bell pair's 01 and 10 are gone, 00 and 11 stay (and so do errors that
land on them, which no outcome-based check can tell).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Circuit
from mock_server.simulator.sampling import NOISE_FLOOR
from mock_server.simulator.statevector import simulate

__all__ = ["allowed_states", "keep_allowed"]


def allowed_states(
    circuit: Circuit, *, on_step: Callable[[int, int], None] | None = None
) -> NDArray[np.int64]:
    """The outcomes the noiseless `circuit` can give, ascending (its ideal support)."""
    return np.flatnonzero(simulate(circuit, on_step=on_step) > NOISE_FLOOR).astype(np.int64)


def keep_allowed(outcomes: NDArray[np.int64], allowed: NDArray[np.int64]) -> NDArray[np.int64]:
    """The shots whose outcome is allowed, in their order."""
    return outcomes[np.isin(outcomes, allowed, assume_unique=False)]
