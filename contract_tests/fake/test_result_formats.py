"""The v2 result documents, written by mock_server/api/jobs/outputs/formats.py, against the
bits of each outcome read here one by one.

`ionq.result.shots.json.v2` is written as JSON text by numpy (a million
shots would otherwise be a million dicts on a request thread): it must
read back as the document built the slow, obvious way, for any register
name JSON must escape, registers of no bits, and no shots at all.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from mock_server.api.jobs.outputs import formats
from mock_server.simulator import Register, Result

CASES = [
    pytest.param(3, (), id="output_all"),
    pytest.param(5, (Register("c", (0, 2)), Register('é"q\\', (1, 3, 4))), id="escaped-name"),
    pytest.param(4, (Register("a", ()), Register("b", (3, 0, 1, 2))), id="empty-and-permuted"),
    pytest.param(1, (Register("m", (0,)),), id="one-bit"),
]


def by_hand(result: Result) -> dict[str, Any]:
    """One dict per shot: each register's bits, bit i of the register at index i."""
    shots = []
    for outcome in result.shot_states().tolist():
        registers = {r.name: [(outcome >> p) & 1 for p in r.bits] for r in result.layout}
        shots.append({"registers": registers})
    return {"shots": shots}


@pytest.mark.parametrize(("qubits", "registers"), CASES)
def test_shots_v2_reads_back_as_each_outcome_s_bits(
    qubits: int, registers: tuple[Register, ...]
) -> None:
    outcomes = np.random.default_rng(qubits).integers(0, 2**qubits, size=257)
    result = Result.of_shots(qubits, outcomes, seed=1, registers=registers)
    written = formats.shots_v2(result)
    assert isinstance(written, formats.Encoded)
    assert json.loads(written) == by_hand(result)


def test_no_shots_is_an_empty_list() -> None:
    result = Result.of_shots(2, np.zeros(0, dtype=np.int64), seed=1)
    assert json.loads(formats.shots_v2(result)) == {"shots": []}


@pytest.mark.parametrize(("qubits", "registers"), CASES)
def test_v2_distributions_are_each_register_s_marginal(
    qubits: int, registers: tuple[Register, ...]
) -> None:
    outcomes = np.random.default_rng(100 + qubits).integers(0, 2**qubits, size=500)
    result = Result.of_shots(qubits, outcomes, seed=1, registers=registers)
    histogram = formats.histogram_v2(result)["histogram"]["registers"]
    for register in result.layout:
        expected: dict[str, int] = {}
        for outcome in outcomes.tolist():
            bits = "".join(str((outcome >> p) & 1) for p in reversed(register.bits))
            expected[bits] = expected.get(bits, 0) + 1
        assert histogram[register.name] == expected
