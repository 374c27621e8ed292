"""The aggregations of a debiased run that IonQ names and the fake can define.

IonQ's output names four: `average`, `voting`, `dnl` and `majority`. Its
guides define two in words: averaging, and "sharpening via plurality
voting", which "takes the highest-probability result from each variant"
(docs.ionq.com, "Using debiasing with Qiskit"; Maksymov et al., "Enhancing
quantum computer performance via symmetrization", arXiv:2301.07233). The
fake serves those two, defined below; `dnl` and `majority` are named by
IonQ without a public definition, so the fake does not serve them rather
than invent one.

Both are tallies over the job's shots (IonQ serves its aggregations as
`ionq.result.histogram.json.v2`, counts), so each adds up to the shots it
aggregates and its probabilities are its counts over that total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Tally", "average", "tally", "voting"]


@dataclass(frozen=True)
class Tally:
    """Outcomes (ascending, each once) and how many shots ended in each."""

    states: NDArray[np.int64]
    counts: NDArray[np.int64]

    @property
    def total(self) -> int:
        """The shots tallied."""
        return int(self.counts.sum())

    def as_dict(self) -> dict[int, int]:
        """`{outcome: count}`, for tests and small documents."""
        return dict(zip(self.states.tolist(), self.counts.tolist(), strict=True))


def tally(outcomes: NDArray[np.int64]) -> Tally:
    """The tally of one outcome per shot."""
    states, counts = np.unique(outcomes, return_counts=True)
    return Tally(states.astype(np.int64), counts.astype(np.int64))


def _merge(states: NDArray[np.int64], counts: NDArray[np.int64]) -> Tally:
    """Add up the counts of repeated states."""
    merged, inverse = np.unique(states, return_inverse=True)
    summed = np.bincount(inverse, weights=counts, minlength=merged.size)
    return Tally(merged.astype(np.int64), np.rint(summed).astype(np.int64))


def average(variants: Sequence[Tally]) -> Tally:
    """`average`: the shot-weighted average of the variants' distributions.

    Variant v, with n_v shots of which c_v(x) ended in x, has distribution
    c_v(x) / n_v; weighted by its share n_v / N of all N shots, the average
    is sum_v c_v(x) / N. So the average is the pooled tally of every
    variant's shots: counts c(x) = sum_v c_v(x), adding up to N.
    """
    if not variants:
        return Tally(np.empty(0, np.int64), np.empty(0, np.int64))
    return _merge(
        np.concatenate([v.states for v in variants]),
        np.concatenate([v.counts for v in variants]),
    )


def voting(variants: Sequence[Tally]) -> Tally:
    """`voting` (IonQ's "sharpening"): plurality voting over the variants.

    Each variant votes for its plurality outcome, the outcome most of its
    shots ended in, and the vote weighs as many shots as the variant ran:
    the tally credits all n_v shots of variant v to its plurality outcome.
    When t outcomes tie for a variant's plurality, its shots are split
    between them as evenly as integers allow (n_v // t each, the remaining
    n_v mod t one each to the lowest outcomes), so no outcome is favoured
    by an arbitrary pick. A variant without shots casts no vote.

    With equal shares this is the fraction of variants whose plurality is
    x, what IonQ describes ("we counted only the highest-probability state
    from each circuit variant"). An outcome that is never any variant's
    plurality, such as a rare error, gets nothing: that is its effect on a
    noisy run. It also redistributes the correct outcomes: a Bell pair's
    00 and 11, equally likely, get each variant's votes by chance, so their
    split over a few variants is coarse (k variants give multiples of 1/k).
    """
    states: list[NDArray[np.int64]] = []
    counts: list[NDArray[np.int64]] = []
    for variant in variants:
        shots = variant.total
        if shots == 0:
            continue
        winners = variant.states[variant.counts == variant.counts.max()]
        share, extra = divmod(shots, winners.size)
        split = np.full(winners.size, share, dtype=np.int64)
        split[:extra] += 1
        states.append(winners)
        counts.append(split)
    if not states:
        return Tally(np.empty(0, np.int64), np.empty(0, np.int64))
    merged = _merge(np.concatenate(states), np.concatenate(counts))
    keep = merged.counts > 0
    return Tally(merged.states[keep], merged.counts[keep])
