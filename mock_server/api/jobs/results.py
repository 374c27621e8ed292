"""A completed circuit's results as IonQ serves them: keys are decimal states, qubit 0 lowest.

The simulator's Result holds numbers (mock_server/simulator/result.py); here
they become the three documents of openapi.yaml: probabilities (only the
states that occur), the histogram (counts over the job's shots) and one
state per shot, all as JSON objects and lists of decimal strings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Result


def probabilities(result: Result) -> dict[str, float]:
    """`{"<decimal state>": p}` for the states with a probability above zero."""
    return {
        str(int(state)): float(p)
        for state, p in zip(result.states, result.probabilities, strict=True)
        if p > 0
    }


def histogram(result: Result) -> dict[str, int]:
    """`{"<decimal state>": count}` over the job's shots; the counts add up to `shots`."""
    return {
        str(int(state)): int(count)
        for state, count in zip(result.states, result.counts, strict=True)
        if count > 0
    }


def shots(result: Result) -> list[str]:
    """One measured state per shot, in shot order, as decimal strings."""
    return [str(state) for state in result.shot_states().tolist()]
