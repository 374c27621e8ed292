"""A completed circuit's results in each of IonQ's result formats.

The simulator's Result holds numbers (mock_server/simulator/result.py); here
they become the documents IonQ serves, one function per format:

- v1 (`ionq.result.{probabilities,histogram,shots}.json.v1`, and the
  legacy `/results/...` URLs): keys are the whole outcome as a decimal
  integer, bit 0 lowest (for a JSON circuit, qubit 0 lowest);
- v2 (`....json.v2`): one entry per classical register (`output_all` over
  every qubit for a JSON circuit), an outcome written as a bitstring of the
  register's width with bit 0 on the right, as qiskit writes its counts.
  IonQ does not say which end holds bit 0 (openapi.yaml marks it
  x-guessed); the shots format keeps bit i at index i, as qiskit-ionq reads
  it.

Probabilities list only the outcomes that occur; the histogram counts the
job's shots; shots are in the order they ran.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    import numpy as np
    from numpy.typing import NDArray

    from mock_server.simulator import Register, Result

PROBABILITIES_V1 = "ionq.result.probabilities.json.v1"
PROBABILITIES_V2 = "ionq.result.probabilities.json.v2"
HISTOGRAM_V1 = "ionq.result.histogram.json.v1"
HISTOGRAM_V2 = "ionq.result.histogram.json.v2"
SHOTS_V1 = "ionq.result.shots.json.v1"
SHOTS_V2 = "ionq.result.shots.json.v2"
AGGREGATE_V1 = "ionq.result.probabilities-aggregate.json.v1"


def probabilities(result: Result) -> dict[str, float]:
    """`{"<decimal outcome>": p}` for the outcomes with a probability above zero."""
    return {
        str(int(state)): float(p)
        for state, p in zip(result.states, result.probabilities, strict=True)
        if p > 0
    }


def histogram(result: Result) -> dict[str, int]:
    """`{"<decimal outcome>": count}` over the job's shots; the counts add up to `shots`."""
    return {
        str(int(state)): int(count)
        for state, count in zip(result.states, result.counts, strict=True)
        if count > 0
    }


def shots(result: Result) -> list[str]:
    """One outcome per shot, in shot order, as decimal strings."""
    return [str(state) for state in result.shot_states().tolist()]


def _register_values(states: NDArray[np.int64], register: Register) -> NDArray[np.int64]:
    """Each outcome's value of one register (the register's bit i at bit i)."""
    import numpy as np  # noqa: PLC0415 - loaded with the first result, not at start-up

    values = np.zeros_like(states)
    for index, position in enumerate(register.bits):
        values |= ((states >> position) & 1) << index
    return values


def _by_register(
    result: Result, weights: NDArray[Any], cast: Callable[[Any], Any]
) -> dict[str, Any]:
    """`{register: {bitstring: summed weight}}` over the outcomes with a weight above zero."""
    import numpy as np  # noqa: PLC0415

    registers: dict[str, Any] = {}
    for register in result.layout:
        values = _register_values(result.states, register)
        keep = weights > 0
        distinct, where = np.unique(values[keep], return_inverse=True)
        sums = np.bincount(where, weights=weights[keep], minlength=distinct.size)
        width = len(register.bits)
        registers[register.name] = {
            format(int(value), f"0{width}b") if width else "": cast(total)
            for value, total in zip(distinct.tolist(), sums.tolist(), strict=True)
        }
    return registers


def probabilities_v2(result: Result) -> dict[str, Any]:
    """`{"probabilities": {"registers": {name: {bitstring: p}}}}`: each register's marginal."""
    return {"probabilities": {"registers": _by_register(result, result.probabilities, float)}}


def histogram_v2(result: Result) -> dict[str, Any]:
    """`{"histogram": {"registers": {name: {bitstring: count}}}}` over the job's shots."""
    return {"histogram": {"registers": _by_register(result, result.counts, round)}}


def shots_v2(result: Result) -> Encoded:
    """`{"shots": [{"registers": {name: [bit 0, bit 1, ...]}}]}`, one entry per shot, in order.

    Written as JSON text by numpy, a row of bytes per shot, not built as a
    dict per shot and encoded: a million shots are a 52 MB document that
    takes 0.5 s this way and 6 s and 850 MB of Python objects the other,
    on a request thread that the other clients share.
    """
    import numpy as np  # noqa: PLC0415

    outcomes = result.shot_states()
    rows = np.full(outcomes.size, b'{"registers":{', dtype="S14")
    for index, register in enumerate(result.layout):
        key = json.dumps(register.name, ensure_ascii=False).encode()
        opening = (b"," if index else b"") + key + b":["
        rows = np.char.add(np.char.add(rows, opening), _bit_lists(outcomes, register.bits))
        rows = np.char.add(rows, b"]")
    rows = np.char.add(rows, b"}}")
    return Encoded(b'{"shots":[' + b",".join(rows.tolist()) + b"]}")


def _bit_lists(outcomes: NDArray[np.int64], positions: tuple[int, ...]) -> NDArray[np.bytes_]:
    """Each outcome's bits at `positions` as the inside of a JSON list: `b"0,1,1"`."""
    import numpy as np  # noqa: PLC0415

    width = len(positions)
    if not width:
        return np.full(outcomes.size, b"", dtype="S1")
    text = np.full((outcomes.size, 2 * width - 1), ord(","), dtype=np.uint8)
    for index, position in enumerate(positions):
        text[:, 2 * index] = ord("0") + ((outcomes >> position) & 1)
    return text.view(f"S{2 * width - 1}").ravel()


class Encoded(bytes):
    """A document already written as JSON: the artifacts endpoint sends it as it is."""

    __slots__ = ()


# Every result format of one circuit, and the function that writes it.
RENDERERS: dict[str, Callable[[Result], Any]] = {
    PROBABILITIES_V1: probabilities,
    PROBABILITIES_V2: probabilities_v2,
    HISTOGRAM_V1: histogram,
    HISTOGRAM_V2: histogram_v2,
    SHOTS_V1: shots,
    SHOTS_V2: shots_v2,
}
# What an exact result (the ideal simulator) offers: its distribution, not
# shots. IonQ's ideal simulator gives the aggregate distribution only.
EXACT_FORMATS = (PROBABILITIES_V1, PROBABILITIES_V2)
