"""Sampled counts against an exact distribution: Pearson's chi-square test, and its power.

Counts of `shots` independent shots over the outcomes are Multinomial(shots,
p). The test:

- an outcome of probability at most ZERO (round-off of an exact zero) must
  not occur at all: with at most 2^6 such outcomes and 10^5 shots, a correct
  sampler puts a shot on one with probability below 64 * 10^5 * ZERO = 6.4e-8
  (a noisy distribution has no such outcome unless a qubit is never touched);
- the others are binned: every outcome expected at least MIN_EXPECTED times
  is a bin of its own, the rest (smallest expectation first) are pooled into
  one bin, topped up with the next smallest outcomes until it too is
  expected MIN_EXPECTED times;
- Pearson's X^2 = sum over bins (observed - expected)^2 / expected is
  compared with the chi-square(bins - 1) quantile of FALSE_ALARM: a correct
  sampler fails with probability about FALSE_ALARM (the chi-square limit of
  X^2). Measured on 4e6 multinomial draws from three of the noisy
  distributions tested (4, 20 and 51 bins, 50,000 shots): 1.1-1.2x the
  nominal rate at 1e-3, 1.1-1.4x at 1e-4, 1.5-2x at 1e-5, 1.3-2.8x (5-11 events)
  at 1e-6: a few times 1e-6 at worst, still far from a real failure.

Power: counts drawn from another distribution q have X^2 approximately
noncentral chi-square(bins - 1, lambda), lambda = shots * sum_b (q_b - p_b)^2
/ p_b over the same bins (plus a sure rejection if q puts mass where p has
none). `miss_probability` is the chance that such counts pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats  # type: ignore[import-untyped]

FALSE_ALARM = 1e-6
MIN_EXPECTED = 10.0
ZERO = 1e-14

Probabilities = NDArray[np.float64]


@dataclass(frozen=True)
class Verdict:
    """One test's outcome, with what a failure message needs."""

    statistic: float
    threshold: float
    bins: int
    # Shots on outcomes the distribution says never occur.
    impossible: int

    @property
    def rejects(self) -> bool:
        return self.impossible > 0 or self.statistic > self.threshold

    def __str__(self) -> str:
        return (
            f"X^2 = {self.statistic:.1f} over {self.bins} bins, threshold {self.threshold:.1f} "
            f"(false-alarm rate {FALSE_ALARM:g}); {self.impossible} shots on impossible outcomes"
        )


def bins_of(p: Probabilities, shots: int) -> list[NDArray[np.int64]]:
    """The outcomes of each bin (the module's rule); outcomes of probability <= ZERO in none."""
    possible = np.flatnonzero(p > ZERO)
    order = possible[np.argsort(p[possible], kind="stable")]
    expected = shots * p[order]
    small = int(np.searchsorted(expected, MIN_EXPECTED))
    if 0 < small < order.size:
        # Top the pool up until it is expected MIN_EXPECTED times.
        while small < order.size and expected[:small].sum() < MIN_EXPECTED:
            small += 1
    if small == 0:
        return [order[i : i + 1] for i in range(order.size)]
    return [order[:small], *(order[i : i + 1] for i in range(small, order.size))]


def chi_square(counts: NDArray[np.int64], p: Probabilities, shots: int) -> Verdict:
    """Pearson's test of `counts` (dense, one per outcome) against the distribution `p`."""
    assert int(counts.sum()) == shots
    bins = bins_of(p, shots)
    observed = np.array([counts[b].sum() for b in bins], dtype=np.float64)
    expected = np.array([shots * p[b].sum() for b in bins])
    statistic = float(((observed - expected) ** 2 / expected).sum())
    threshold = float(stats.chi2.isf(FALSE_ALARM, max(len(bins) - 1, 1)))
    impossible = int(counts[p <= ZERO].sum())
    return Verdict(statistic, threshold, len(bins), impossible)


def miss_probability(q: Probabilities, p: Probabilities, shots: int) -> float:
    """How likely counts of `shots` shots drawn from q pass the test against p."""
    # A shot on an outcome p says never occurs rejects outright.
    passes_zeros = (1.0 - float(q[p <= ZERO].sum())) ** shots
    bins = bins_of(p, shots)
    q_bins = np.array([q[b].sum() for b in bins])
    p_bins = np.array([p[b].sum() for b in bins])
    noncentrality = shots * float(((q_bins - p_bins) ** 2 / p_bins).sum())
    df = max(len(bins) - 1, 1)
    threshold = stats.chi2.isf(FALSE_ALARM, df)
    return passes_zeros * float(stats.ncx2.cdf(threshold, df, noncentrality))


def dense_counts(
    states: NDArray[np.int64], counts: NDArray[np.int64], qubits: int
) -> NDArray[np.int64]:
    """A Result's sparse (states, counts) as one count per outcome 0 .. 2^qubits - 1."""
    dense = np.zeros(2**qubits, dtype=np.int64)
    dense[states] = counts
    return dense
