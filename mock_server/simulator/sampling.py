"""Probabilities -> IonQ's result shapes: the sparse map, per-shot states, counts.

Sampling walks the distribution in chunks, so 29-qubit results need no second
4 GiB array for a cumulative sum, and counts are tallied from the very shots
``sample_shots`` returns for the same seed.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["NOISE_FLOOR", "draw", "sample_counts", "sample_shots", "sparse"]

# Probabilities at or below this are round-off, not outcomes: float64 round-off
# on a unit-norm state after thousands of gates leaves amplitudes of ~1e-13, i.e.
# probabilities ~1e-26, while the smallest genuine probability of a uniform
# 29-qubit state is 2**-29 ~ 1.9e-9. 1e-12 sits safely between the two and far
# below anything a million shots could resolve.
NOISE_FLOOR = 1e-12
_CHUNK = 2**20


def sparse(probabilities: NDArray[np.float64], floor: float = NOISE_FLOOR) -> dict[int, float]:
    """IonQ's probabilities result: only states above ``floor``, int keys, no renormalising."""
    states = np.flatnonzero(probabilities > floor)
    return dict(zip(states.tolist(), probabilities[states].tolist(), strict=True))


def draw(probabilities: NDArray[np.float64], shots: int, seed: int | None) -> NDArray[np.int64]:
    """One index of ``probabilities`` per shot, in shot order: the simulator's one sampler.

    ``probabilities`` need not sum to one (they are weights: a dense state's
    distribution, or the support of a sparse one). Seeded from numpy's PCG64,
    so the same seed always gives the same shots.
    """
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 0:
        raise ValueError(f"shots must be a non-negative integer, got {shots!r}")
    rng = np.random.default_rng(seed)
    # The cumulative sum chunk by chunk; the total uses the very same additions
    # as the second pass, so the last boundary equals it exactly.
    total = 0.0
    for start in range(0, probabilities.size, _CHUNK):
        total = float(total + np.cumsum(probabilities[start : start + _CHUNK])[-1])
    uniforms = rng.random(shots) * total
    order = np.argsort(uniforms, kind="stable")
    ordered = uniforms[order]
    states = np.empty(shots, dtype=np.int64)
    done, offset = 0, 0.0
    for start in range(0, probabilities.size, _CHUNK):
        if done == shots:
            break
        bounds = offset + np.cumsum(probabilities[start : start + _CHUNK])
        stop = done + int(np.searchsorted(ordered[done:], bounds[-1], side="left"))
        states[done:stop] = start + np.searchsorted(bounds, ordered[done:stop], side="right")
        done, offset = stop, float(bounds[-1])
    if done < shots:
        # A draw rounded up onto the total itself belongs to the last possible outcome.
        states[done:] = int(np.flatnonzero(probabilities > 0)[-1])
    result = np.empty(shots, dtype=np.int64)
    result[order] = states
    return result


def sample_shots(
    probabilities: NDArray[np.float64], shots: int, seed: int | None = None
) -> list[int]:
    """One measured state per shot, in shot order, from numpy's PCG64 seeded with ``seed``."""
    shot_states: list[int] = draw(probabilities, shots, seed).tolist()
    return shot_states


def sample_counts(
    probabilities: NDArray[np.float64], shots: int, seed: int | None = None
) -> dict[int, int]:
    """The histogram of ``sample_shots`` with the same seed; sums to ``shots``."""
    states, counts = np.unique(draw(probabilities, shots, seed), return_counts=True)
    return dict(zip(states.tolist(), counts.tolist(), strict=True))
