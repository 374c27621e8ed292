"""bench/simulator.py on tiny widths: the row structure, and that all engines agree."""
# ruff: noqa: S101

from __future__ import annotations

from bench.simulator import ENGINES, compare_engines, random_ops, to_ionq


def test_compare_engines_structure_and_agreement() -> None:
    rows = compare_engines(widths=(4, 6), seed=5, depth=3, repeats=1)
    assert [row["qubits"] for row in rows] == [4, 6]
    for row in rows:
        assert set(row["seconds"]) == set(ENGINES)
        assert all(s > 0 for s in row["seconds"].values())
        assert row["gates"] == len(random_ops(row["qubits"], 3, 5))
        # Every engine ran the same circuit and found the same distribution.
        assert max(row["max_abs_difference"].values()) < 1e-12
        assert row["ratio_to_aer"] > 0


def test_to_ionq_matches_qiskit_ionq_spelling() -> None:
    gates = to_ionq([("cx", (0, 1), 0.0), ("rx", (1,), 0.5)])
    assert gates == [
        {"gate": "x", "controls": [0], "targets": [1]},
        {"gate": "rx", "targets": [1], "rotation": 0.5},
    ]
