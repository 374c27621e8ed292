"""What a finished circuit serves: probabilities, a histogram and one state per shot.

The simulator gives the exact distribution; what a job serves depends on its
backend, as at IonQ:

- the ideal `simulator` serves the exact probabilities (only the states that
  can occur), and samples histogram and shots from them;
- a QPU backend (and a simulator job with a noise model, until noise
  arrives) serves what `shots` measurements saw: the histogram, and
  probabilities that are those counts divided by `shots`, which is what the
  SDKs assume of a QPU (they turn probabilities back into counts with
  `round(p * shots)`).

All three come from one seeded draw, so they agree with each other and the
same job gives the same answer on every read (for exact results the draw is
made when the histogram or the shots are first asked for: most clients only
read probabilities, and the draw is most of a small job's cost). Results are kept as numpy
arrays, never as the dense state: a 24-qubit circuit's distribution is
128 MiB dense but at most `shots` states once sampled.

A distribution with more states than `max_exact_states` is served sampled
even on the ideal simulator (with a warning on the job): 2^24 probabilities
are a 400 MB JSON body that no client wants. That cut is the fake's own
choice; IonQ does not document one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator import sample_counts
from mock_server.simulator.sampling import NOISE_FLOOR


@dataclass(frozen=True)
class CircuitResult:
    """One circuit's served results: states in ascending order, and what each got."""

    qubits: int
    shots: int
    seed: int
    states: NDArray[np.int64]
    probabilities: NDArray[np.float64]
    # The histogram of `shots` draws over `states`; None until first asked for,
    # for exact results, which most clients never ask the histogram of.
    drawn: NDArray[np.int64] | None = None
    warning: str | None = None

    @cached_property
    def counts(self) -> NDArray[np.int64]:
        """The histogram of `shots` seeded draws, over `states`."""
        if self.drawn is not None:
            return self.drawn
        weights = self.probabilities / self.probabilities.sum()
        return np.random.default_rng(self.seed).multinomial(self.shots, weights).astype(np.int64)

    @property
    def nbytes(self) -> int:
        """What keeping this result costs, for the store's bound on memory."""
        return int(self.states.nbytes * 3)  # states, probabilities and counts: 8 bytes each

    def probability_map(self) -> dict[str, float]:
        """`{"<decimal state>": p}`, qubit 0 the least significant bit, as IonQ serves it."""
        return {
            str(int(state)): float(p)
            for state, p in zip(self.states, self.probabilities, strict=True)
            if p > 0
        }

    def histogram(self) -> dict[str, int]:
        """`{"<decimal state>": count}` over `shots` draws."""
        return {
            str(int(state)): int(count)
            for state, count in zip(self.states, self.counts, strict=True)
            if count > 0
        }

    def shot_list(self) -> list[int]:
        """One measured state per shot, in a seeded order whose tally is the histogram."""
        outcomes = np.repeat(self.states, self.counts)
        np.random.default_rng(self.seed).shuffle(outcomes)
        return [int(state) for state in outcomes]


def circuit_result(
    dense: NDArray[np.float64],
    *,
    shots: int,
    seed: int,
    exact: bool,
    max_exact_states: int,
) -> CircuitResult:
    """The served result of a simulated circuit (see the module docstring for `exact`)."""
    qubits = int(dense.size).bit_length() - 1
    warning = None
    if exact:
        support = np.flatnonzero(dense > NOISE_FLOOR).astype(np.int64)
        if support.size <= max_exact_states:
            # Histogram and shots are drawn from these when first asked for.
            return CircuitResult(
                qubits=qubits,
                shots=shots,
                seed=seed,
                states=support,
                probabilities=dense[support].astype(np.float64),
            )
        warning = (
            f"The distribution has {support.size} states, more than the "
            f"{max_exact_states} the fake serves exactly: probabilities are "
            f"estimated from {shots} shots."
        )
    counted = sample_counts(dense, shots=shots, seed=seed)
    states = np.fromiter(sorted(counted), dtype=np.int64, count=len(counted))
    counts = np.fromiter((counted[int(s)] for s in states), dtype=np.int64, count=len(states))
    return CircuitResult(
        qubits=qubits,
        shots=shots,
        seed=seed,
        states=states,
        probabilities=counts / shots,
        drawn=counts,
        warning=warning,
    )
