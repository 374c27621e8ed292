"""Sampling: seeded, consistent between shots and counts, and statistically right.

Bounds are derived from the sample size: each bin's count must lie within
Z_BOUND binomial standard deviations of shots * p. Z_BOUND = 5.3 is a two-sided
1e-7 tail per bin, so over the few hundred bins tested here a correct sampler
fails with probability below 1e-4; the seeds are fixed, so the outcome is
reproducible anyway.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mock_server.simulator import parse_circuit, sample_counts, sample_shots, simulate, sparse
from mock_server.simulator.sampling import NOISE_FLOOR

Z_BOUND = 5.3


def assert_binomial(counts: dict[int, int], probabilities: np.ndarray, shots: int) -> None:
    assert all(probabilities[state] > 0 for state in counts)
    for state in np.flatnonzero(probabilities).tolist():
        p = float(probabilities[state])
        sigma = math.sqrt(shots * p * (1 - p))
        count = counts.get(state, 0)
        assert abs(count - shots * p) <= Z_BOUND * sigma + 1e-9, (state, count, shots * p)


def distribution(seed: int, size: int = 16) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = rng.random(size) ** 3
    p[rng.integers(size)] = 0.0
    return np.asarray(p / p.sum(), dtype=np.float64)


@pytest.mark.parametrize("seed", range(5))
def test_counts_follow_the_distribution(seed: int) -> None:
    p = distribution(seed)
    shots = 200_000
    counts = sample_counts(p, shots, seed=seed)
    assert sum(counts.values()) == shots
    assert all(p[state] > 0 for state in counts)
    assert_binomial(counts, p, shots)


@pytest.mark.parametrize("seed", range(5))
def test_shots_are_the_counts_in_shot_order(seed: int) -> None:
    p = distribution(seed + 10)
    shots = sample_shots(p, 5000, seed=seed)
    assert len(shots) == 5000
    assert all(isinstance(s, int) for s in shots)
    tally: dict[int, int] = {}
    for s in shots:
        tally[s] = tally.get(s, 0) + 1
    assert tally == sample_counts(p, 5000, seed=seed)
    # Shot order is random, not sorted: the sequence is i.i.d. draws.
    assert shots != sorted(shots)


def test_same_seed_same_result_other_seed_other_result() -> None:
    p = distribution(1)
    assert sample_shots(p, 1000, seed=7) == sample_shots(p, 1000, seed=7)
    assert sample_counts(p, 1000, seed=7) == sample_counts(p, 1000, seed=7)
    assert sample_shots(p, 1000, seed=7) != sample_shots(p, 1000, seed=8)


def test_bell_counts() -> None:
    bell = parse_circuit(
        gateset="qis",
        qubits=2,
        gates=[{"gate": "h", "targets": [0]}, {"gate": "x", "targets": [1], "controls": [0]}],
    )
    counts = sample_counts(simulate(bell), shots=1000, seed=7)
    assert set(counts) == {0, 3}
    assert sum(counts.values()) == 1000
    assert abs(counts[0] - 500) <= Z_BOUND * math.sqrt(250)


def test_chunk_boundaries() -> None:
    """Mass on both sides of the 2**20-element chunk edge and at the very end."""
    p = np.zeros(2**21)
    edges = [0, 2**20 - 1, 2**20, 2**21 - 1]
    p[edges] = 0.25
    shots = 40_000
    counts = sample_counts(p, shots, seed=3)
    assert set(counts) == set(edges)
    assert_binomial(counts, p, shots)


def test_zero_shots_and_bad_shots() -> None:
    p = distribution(2)
    assert sample_shots(p, 0, seed=1) == []
    assert sample_counts(p, 0, seed=1) == {}
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError, match="shots"):
            sample_counts(p, bad, seed=1)  # type: ignore[arg-type]


def test_sparse_drops_the_noise_floor() -> None:
    p = np.array([0.5, NOISE_FLOOR, 2 * NOISE_FLOOR, 0.0, 0.5 - 3 * NOISE_FLOOR])
    result = sparse(p)
    assert result == {0: 0.5, 2: 2 * NOISE_FLOOR, 4: 0.5 - 3 * NOISE_FLOOR}
    assert all(type(k) is int and type(v) is float for k, v in result.items())
    # The floor sits below the smallest probability of a uniform 29-qubit state.
    assert 1000 * NOISE_FLOOR < 2.0**-29
