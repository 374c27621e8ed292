"""bench/jobs.py without wrk or a server: Bell round trips in process, and the rules."""
# ruff: noqa: S101

from __future__ import annotations

import datetime as dt

import pytest

from bench.jobs import (
    BELL_JOB,
    RoundTrip,
    busy_depth,
    covered,
    in_process,
    p99_ratio,
    percentile,
    summarize,
    wide_job,
)
from bench.servers import API_PREFIX
from bench.simulator import random_ops

APP = "mock_server.app:create_app()"


def test_bell_round_trips_in_process_have_the_reported_structure() -> None:
    figures = in_process(APP, API_PREFIX, count=3, warmup=1)
    assert figures["target"] == "in-process"
    assert figures["app"] == APP
    assert (figures["round_trips"], figures["warmup"]) == (3, 1)
    assert 0 < figures["min_ms"] <= figures["median_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert set(figures["step_median_ms"]) == {"submit", "poll", "probabilities"}
    # The fake runs a Bell circuit before POST /jobs answers, exactly.
    assert figures["not_completed_on_first_poll"] == 0
    assert figures["wrong_probabilities"] == 0


def test_summary_counts_late_and_wrong_jobs() -> None:
    trips = [
        RoundTrip(0.001, 0.001, 0.001, completed_on_first_poll=True, probabilities_ok=True),
        RoundTrip(0.001, 0.010, 0.001, completed_on_first_poll=False, probabilities_ok=True),
        RoundTrip(0.002, 0.001, 0.001, completed_on_first_poll=True, probabilities_ok=False),
    ]
    figures = summarize("socket", trips, warmup=0)
    assert figures["median_ms"] == pytest.approx(4.0)
    assert figures["max_ms"] == pytest.approx(12.0)
    assert figures["not_completed_on_first_poll"] == 1
    assert figures["wrong_probabilities"] == 1


def test_percentile_is_nearest_rank() -> None:
    samples = [float(i) for i in range(1, 301)]  # 1..300
    assert percentile(samples, 99) == 297.0
    assert percentile(samples, 50) == 150.0
    assert percentile(samples, 0) == 1.0
    assert percentile(samples, 100) == 300.0
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 99)


def test_bell_job_is_a_two_qubit_circuit() -> None:
    assert BELL_JOB["input"]["qubits"] == 2
    assert [g["gate"] for g in BELL_JOB["input"]["circuit"]] == ["h", "cnot"]


def test_wide_job_carries_the_random_layers() -> None:
    body = wide_job(5, depth=3, seed=7)
    assert body["input"]["qubits"] == 5
    assert len(body["input"]["circuit"]) == len(random_ops(5, 3, 7))
    assert body["backend"] == "simulator"


def test_busy_depth_keeps_the_job_running_twice_as_long_as_needed() -> None:
    assert busy_depth(24.0, 0.5) == 96
    assert busy_depth(24.0, None) == 200
    assert busy_depth(24.0, 0.0, fallback=50) == 50
    assert busy_depth(0.1, 10.0) == 4  # never a trivial circuit


def test_a_run_counts_as_covered_only_while_the_job_ran() -> None:
    end = dt.datetime(2026, 12, 1, 12, 0, 10, tzinfo=dt.UTC)
    assert covered("started", None, end)
    assert covered("completed", "2026-12-01T12:00:09.800Z", end)  # just finished
    assert not covered("completed", "2026-12-01T12:00:05.000Z", end)  # idle for 5 s
    assert not covered("failed", "2026-12-01T12:00:09.900Z", end)
    assert not covered("ready", None, end)


def test_p99_ratio_guards_missing_figures() -> None:
    assert p99_ratio(6.0, 3.0) == 2.0
    assert p99_ratio(None, 3.0) is None
    assert p99_ratio(6.0, 0.0) is None
