"""The jobs' goals (bench/targets.py), the engine wrapper and the report lines."""
# ruff: noqa: S101

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import engines
from bench.report import bell_lines, busy_lines, engine_lines, widest_lines
from bench.run import parse_args
from bench.targets import Target, check_job_targets


def bell(target: str, median: float, late: int = 0, wrong: int = 0) -> dict[str, Any]:
    return {
        "target": target,
        "round_trips": 300,
        "warmup": 30,
        "median_ms": median,
        "p99_ms": median * 2,
        "min_ms": median / 2,
        "max_ms": median * 3,
        "step_median_ms": {"submit": median / 2, "poll": median / 4, "probabilities": median / 4},
        "not_completed_on_first_poll": late,
        "wrong_probabilities": wrong,
    }


def engine_figures(*ratios: float | None) -> dict[str, Any]:
    rows = [
        {
            "qubits": 16 + 4 * i,
            "gates": 100,
            "depth": 20,
            "seconds": {"numpy (ours)": 1.0, "qiskit-aer": 0.5, "qulacs": 0.4},
            "ratio_to_aer": r,
        }
        for i, r in enumerate(ratios)
    ]
    return {"seed": 1, "depth": 20, "repeats": 3, "rows": rows}


def busy_run(connections: int, idle: float, loaded: float, *, covered: bool = True) -> Any:
    return {
        "connections": connections,
        "idle": {"requests_per_s": 5000.0, "p99_ms": idle},
        "loaded": {"requests_per_s": 3000.0, "p99_ms": loaded},
        "job_status_after": "started" if covered else "completed",
        "job_covered_run": covered,
        "p99_ratio": round(loaded / idle, 3) if covered else None,
    }


def busy(*runs: Any) -> dict[str, Any]:
    return {
        "path": "/backends/qpu.aria-1",
        "duration_s": 10.0,
        "job": {"qubits": 24, "gates": 3000},
        "runs": list(runs),
    }


def verdicts(targets: list[Target]) -> dict[str, str]:
    return {t.name: t.verdict for t in targets}


def test_good_figures_pass() -> None:
    got = verdicts(
        check_job_targets(
            [bell("in-process", 1.0), bell("socket", 3.0)],
            engine_figures(1.5, 1.9, 2.0),
            busy(busy_run(32, 8.0, 15.0), busy_run(1, 0.5, 0.9)),
        )
    )
    assert set(got.values()) == {"PASS"}
    assert len(got) == 3 + 3 + 2


def test_figures_that_miss_the_goals_fail() -> None:
    got = verdicts(
        check_job_targets(
            [bell("in-process", 1.0, late=1), bell("socket", 5.5, wrong=2)],
            engine_figures(1.0, 2.5),
            busy(busy_run(32, 8.0, 17.0), busy_run(1, 0.5, 0.9)),
        )
    )
    assert got["Bell round trip over a socket (median)"] == "FAIL"  # 5.5 ms > 5
    assert got["Bell jobs not completed on the first poll"] == "FAIL"
    assert got["Bell jobs with wrong probabilities"] == "FAIL"
    assert got["simulator/aer seconds at 16 qubits"] == "PASS"
    assert got["simulator/aer seconds at 20 qubits"] == "FAIL"  # 2.5x > 2
    assert got["p99 during a 24-qubit job / idle, 32 conn"] == "FAIL"  # 2.125x
    assert got["p99 during a 24-qubit job / idle, 1 conn"] == "PASS"


def test_missing_or_uncovered_figures_are_not_a_pass() -> None:
    got = verdicts(
        check_job_targets([bell("in-process", 1.0)], None, busy(busy_run(32, 8, 1, covered=False)))
    )
    assert got["Bell round trip over a socket (median)"] == "n/a"
    assert got["p99 during a 24-qubit job / idle, 32 conn"] == "n/a"
    assert not any(name.startswith("simulator/aer") for name in got)
    assert set(verdicts(check_job_targets([], None, None)).values()) == {"n/a"}


def test_compare_adds_the_settings_and_a_calibration() -> None:
    figures = engines.compare(widths=(3,), depth=2, repeats=1)
    assert (figures["depth"], figures["repeats"]) == (2, 1)
    (row,) = figures["rows"]
    assert row["qubits"] == 3
    assert row["ratio_to_aer"] > 0
    per_layer = engines.seconds_per_layer(figures, 3)
    assert per_layer == pytest.approx(row["seconds"]["numpy (ours)"] / 2)
    assert engines.seconds_per_layer(figures, 24) is None
    assert engines.seconds_per_layer(None, 3) is None


def test_widest_is_saved_then_carried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = {
        "qubits": 27,
        "depth": 4,
        "seconds": 50.0,
        "peak_rss_bytes": 5 * 2**30,
        "baseline_rss_bytes": 2**30,
        "simulation_rss_bytes": 4 * 2**30,
        "required_bytes": 4 * 2**30,
        "norm": 1.0,
    }
    failed = {"qubits": 28, "failed": -9, "stderr": "Killed"}

    def fake_widest(widths: tuple[int, ...], depth: int) -> dict[str, Any]:
        assert (widths, depth) == ((27, 28), 4)
        return {"runs": [run, failed], "widest": run}

    monkeypatch.setattr(engines, "widest", fake_widest)
    assert engines.carried_widest(tmp_path) is None
    measured = engines.measure_widest(tmp_path, (27, 28))
    assert measured["carried"] is False
    assert measured["widest"] == {
        "qubits": 27,
        "seconds": 50.0,
        "peak_rss_gib": 5.0,
        "simulation_rss_gib": 4.0,
        "required_gib": 4.0,
    }
    assert json.loads((tmp_path / "widest.json").read_text())["widths"] == [27, 28]
    carried = engines.carried_widest(tmp_path)
    assert carried is not None
    assert carried["carried"] is True
    assert carried["widest"] == measured["widest"]
    assert carried["note"].startswith(f"carried from the opt-in run of {measured['date']}")
    assert "carried from" in widest_lines(carried)[0]
    assert "measured in this run" in widest_lines(measured)[0]
    assert "never measured" in widest_lines(None)[0]


def test_report_lines_show_the_figures() -> None:
    (line,) = bell_lines([bell("socket", 3.0, late=1)])
    assert "median   3.00 ms" in line
    assert "first poll 1" in line
    table = engine_lines(engine_figures(2.0))
    assert table[2].split()[-1] == "2.00x"
    assert engine_lines(None) == []
    lines = busy_lines(busy(busy_run(32, 8.0, 12.0), busy_run(1, 0.5, 2.0, covered=False)))
    assert "p99 ratio 1.50x" in lines[1]
    assert "NOT covering the run" in lines[2]
    assert busy_lines(None) == []


def test_widest_is_opt_in() -> None:
    assert parse_args([]).widest is False
    assert parse_args(["--widest"]).widest is True
    assert parse_args([]).busy_connections == "32,1"
