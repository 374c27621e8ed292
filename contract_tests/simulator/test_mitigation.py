"""IonQ's error mitigation as the fake defines it (mock_server/simulator/mitigation/).

Every expected value is worked out by hand here: the plan's variant counts
and shares from its rule (100 shots a variant, at most 16, at most the
distinct maps), the relabelling on small circuits whose outcomes are known,
and each aggregation on tallies small enough to add up in one's head.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mock_server.simulator import parse_circuit
from mock_server.simulator.mitigation import (
    MAX_VARIANTS,
    MIN_SHOTS_PER_VARIANT,
    Tally,
    allowed_states,
    average,
    keep_allowed,
    plan_debiasing,
    ranks,
    run_variant,
    tally,
    unmap_outcomes,
    voting,
)
from mock_server.simulator.mitigation.plan import variant_count


def _tally(counts: dict[int, int]) -> Tally:
    states = sorted(counts)
    return Tally(np.array(states, dtype=np.int64), np.array([counts[s] for s in states]))


# -- the plan -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "device", "shots", "expected"),
    [
        (2, 25, 500, 5),  # IonQ's minimum: 5 variants of 100
        (2, 25, 999, 9),
        (2, 25, 1000, 10),
        (2, 25, 1600, MAX_VARIANTS),
        (2, 25, 1_000_000, MAX_VARIANTS),
        (1, 3, 1000, 3),  # only 3 ways to place one qubit on three
        (2, 2, 1000, 2),  # 2 orders of two qubits on two
        (3, 3, 10_000, 6),  # 3! maps
        (2, 25, 50, 1),  # never fewer than one
    ],
)
def test_the_plan_has_a_variant_per_100_shots_up_to_16_and_the_distinct_maps(
    width: int, device: int, shots: int, expected: int
) -> None:
    assert MIN_SHOTS_PER_VARIANT == 100
    assert variant_count(width, device, shots) == expected
    assert len(plan_debiasing(width, device, shots, seed=3)) == expected


def test_a_circuit_wider_than_the_device_has_no_plan() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        variant_count(3, 2, 1000)


def test_the_shots_are_split_evenly_the_first_variants_taking_the_remainder() -> None:
    plan = plan_debiasing(2, 25, 1003, seed=1)
    assert [v.shots for v in plan] == [101, 101, 101] + [100] * 7
    assert sum(v.shots for v in plan) == 1003
    assert [v.variant_id for v in plan] == [str(i) for i in range(10)]


@pytest.mark.parametrize(("width", "device"), [(2, 25), (3, 3), (5, 25), (25, 25)])
def test_each_map_is_injective_onto_the_device_and_no_map_repeats(width: int, device: int) -> None:
    plan = plan_debiasing(width, device, 100_000, seed=42)
    maps = [v.qubit_map for v in plan]
    assert len(set(maps)) == len(maps) == min(MAX_VARIANTS, math.perm(device, width))
    for qubit_map in maps:
        assert len(qubit_map) == width
        assert len(set(qubit_map)) == width
        assert all(0 <= q < device for q in qubit_map)


def test_the_plan_is_the_seeds_own() -> None:
    assert plan_debiasing(3, 25, 2000, seed=7) == plan_debiasing(3, 25, 2000, seed=7)
    others = {plan_debiasing(3, 25, 2000, seed=s)[0].qubit_map for s in range(8)}
    # 8 seeds drawing the first map among 25*24*23 = 13,800: all equal only if the seed is ignored.
    assert len(others) > 1


# -- relabelling --------------------------------------------------------------------------


def test_ranks_order_the_device_qubits_of_a_map() -> None:
    assert ranks((17, 1)) == (1, 0)
    assert ranks((3, 11, 7)) == (0, 2, 1)
    with pytest.raises(ValueError, match="once"):
        ranks((4, 4))


def test_outcomes_are_read_back_in_the_circuits_order() -> None:
    # Circuit qubit 0 simulated as qubit 1 and qubit 1 as 0: simulated 0b01 is circuit 0b10.
    outcomes = np.array([0b00, 0b01, 0b10, 0b11], dtype=np.int64)
    assert unmap_outcomes(outcomes, (1, 0)).tolist() == [0b00, 0b10, 0b01, 0b11]
    # Three qubits, 0 -> 2, 1 -> 0, 2 -> 1: simulated bit 2 is circuit bit 0, and so on.
    assert unmap_outcomes(np.array([0b100, 0b001, 0b010]), (2, 0, 1)).tolist() == [1, 2, 4]


@pytest.mark.parametrize("qubit_map", [(0, 1, 2), (2, 0, 1), (9, 4, 20), (1, 2, 0)])
def test_a_variant_gives_the_circuits_own_outcomes_on_any_map(qubit_map: tuple[int, ...]) -> None:
    # x on qubit 0, then a Bell pair on qubits 1 and 2: outcomes 0b001 and 0b111, never another.
    circuit = parse_circuit(
        gateset="qis",
        qubits=3,
        gates=[
            {"gate": "x", "target": 0},
            {"gate": "h", "target": 1},
            {"gate": "cnot", "control": 1, "target": 2},
        ],
    )
    outcomes = run_variant(circuit, qubit_map, shots=400, seed=5, noise=None)
    assert outcomes.size == 400
    assert set(outcomes.tolist()) == {0b001, 0b111}


# -- aggregations -------------------------------------------------------------------------


def test_average_is_the_shot_weighted_average_of_the_variants() -> None:
    first, second = _tally({0: 3, 3: 1}), _tally({0: 1, 1: 2, 3: 3})
    pooled = average([first, second])
    assert pooled.as_dict() == {0: 4, 1: 2, 3: 4}
    # (4/10, 2/10, 4/10) = 4/10 * (3/4, 0, 1/4) + 6/10 * (1/6, 2/6, 3/6).
    weights = [first.total / pooled.total, second.total / pooled.total]
    expected = {
        s: weights[0] * first.as_dict().get(s, 0) / first.total
        + weights[1] * second.as_dict().get(s, 0) / second.total
        for s in (0, 1, 3)
    }
    assert {s: c / pooled.total for s, c in pooled.as_dict().items()} == pytest.approx(expected)


def test_voting_credits_each_variants_shots_to_its_plurality_outcome() -> None:
    variants = [
        _tally({0: 60, 3: 38, 1: 2}),  # votes 0 with 100 shots
        _tally({0: 45, 3: 55}),  # votes 3 with 100 shots
        _tally({0: 40, 3: 40, 2: 21}),  # a tie: 101 shots split 51 (0) / 50 (3)
        _tally({}),  # no shots, no vote
    ]
    assert voting(variants).as_dict() == {0: 100 + 51, 3: 100 + 50}
    assert voting(variants).total == sum(v.total for v in variants)


def test_a_rare_error_never_survives_voting_but_is_kept_by_the_average() -> None:
    variants = [_tally({0: 49, 3: 49, 1: 2}), _tally({0: 50, 3: 48, 2: 2})]
    assert average(variants).as_dict() == {0: 99, 1: 2, 2: 2, 3: 97}
    voted = voting(variants).as_dict()
    assert set(voted) <= {0, 3}
    assert voted == {0: 150, 3: 50}  # a 49/49 tie splits 50/50; the second votes 0


def test_tally_counts_each_outcome() -> None:
    assert tally(np.array([3, 0, 3, 3, 1])).as_dict() == {0: 1, 1: 1, 3: 3}
    assert average([]).total == 0
    assert voting([]).total == 0


# -- symmetry verification ----------------------------------------------------------------


def test_the_allowed_states_are_the_ideal_support() -> None:
    bell = parse_circuit(
        gateset="qis",
        qubits=2,
        gates=[{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
    )
    assert allowed_states(bell).tolist() == [0, 3]
    full = parse_circuit(
        gateset="qis", qubits=2, gates=[{"gate": "h", "target": 0}, {"gate": "h", "target": 1}]
    )
    assert allowed_states(full).tolist() == [0, 1, 2, 3]


def test_only_shots_outside_the_allowed_states_are_discarded() -> None:
    outcomes = np.array([0, 1, 3, 2, 3, 0, 1], dtype=np.int64)
    assert keep_allowed(outcomes, np.array([0, 3])).tolist() == [0, 3, 3, 0]
    assert keep_allowed(outcomes, np.array([0, 1, 2, 3])).tolist() == outcomes.tolist()
