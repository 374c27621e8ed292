"""bench/noise.py at tiny sizes: the same circuit and model everywhere, the figures, the report."""
# ruff: noqa: S101

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench import noise
from bench.client_bench import load_wsgi_app
from bench.noise import (
    CASES,
    QUICK,
    NoiseCase,
    aer_run,
    api_job,
    aria_rates,
    engine_env,
    ghz_ops,
    ionq_gates,
    measure_subprocesses,
    noisy_job,
    ours_run,
    result_probabilities,
    same_probabilities,
    sized,
)
from bench.report import noise_lines
from bench.run import apply_only, bench_noise, parse_args
from bench.servers import API_PREFIX, ServerSpec
from bench.targets import check_noise_targets

TINY = NoiseCase("wide", "random", 4, 2, 200, ("ours", "ours_all_cores", "aer"))


def test_the_cases_are_the_ones_asked_for() -> None:
    goal, wide, widest = CASES["goal"], CASES["wide"], CASES["widest"]
    assert (goal.qubits, len(goal.ops()), goal.shots, goal.api) == (12, 198, 1000, True)
    assert (wide.qubits, len(wide.ops()), wide.shots) == (20, 90, 1000)
    assert (widest.qubits, len(widest.ops()), widest.shots, widest.engines) == (
        25,
        25,
        100,
        ("ours",),
    )
    # The widest circuit is aria-1's limit, as the fake's noise-model data gives it.
    models = json.loads(
        (Path(__file__).parents[2] / "mock_server/api/fixtures/noise-models.json").read_text()
    )
    assert models["models"][aria_rates().name]["qubits"] == widest.qubits
    quick = sized(CASES, QUICK)
    assert quick["goal"].qubits == 8
    assert quick["widest"].kind == "ghz"


def test_ghz_and_the_job_body() -> None:
    assert ghz_ops(3) == [("h", (0,), 0.0), ("cx", (0, 1), 0.0), ("cx", (1, 2), 0.0)]
    assert ionq_gates(ghz_ops(2)) == [
        {"gate": "h", "targets": [0]},
        {"gate": "x", "controls": [0], "targets": [1]},
    ]
    body = noisy_job(ghz_ops(2), 2, 10, "n")
    assert body["noise"] == {"model": "aria-1", "seed": 7}
    assert body["backend"] == "simulator"


def test_the_api_gives_what_run_circuit_gives() -> None:
    ops = TINY.ops()
    transport = httpx.WSGITransport(app=load_wsgi_app("mock_server.app:create_app()"))
    with httpx.Client(transport=transport, base_url=f"http://fake{API_PREFIX}") as client:
        got = api_job(client, noisy_job(ops, TINY.qubits, TINY.shots, "t"))
    ours = result_probabilities(ours_run(ops, TINY.qubits, TINY.shots)())
    assert same_probabilities(got["probabilities"], ours)
    assert abs(sum(ours.values()) - 1) < 1e-9
    assert got["seconds"] >= got["submit_s"] > 0
    assert not same_probabilities(got["probabilities"], {"0": 1.0})


def test_aer_runs_the_same_circuit_with_the_model() -> None:
    outcomes, metadata = aer_run(ghz_ops(3), 3, 500)()
    # GHZ with rare errors: mostly 000 and 111, a few others.
    assert 2 <= outcomes <= 8
    assert {"parallel_shots", "parallel_state_update"} <= set(metadata)


def test_ours_gets_the_fakes_blas_threads() -> None:
    assert engine_env("ours").get("OPENBLAS_NUM_THREADS") is not None
    assert engine_env("ours_all_cores")["OPENBLAS_NUM_THREADS"].isdigit()


def test_subprocess_runs_report_time_memory_and_the_table() -> None:
    row = measure_subprocesses(TINY)
    assert set(row["runs"]) == {"ours", "ours_all_cores", "aer"}
    assert row["in_process_s"] > 0
    assert row["aer_s"] > 0
    assert row["in_process_over_aer"] > 0
    assert row["peak_rss_mb"]["ours"] > 10
    assert row["gates"] == len(TINY.ops())
    assert 0 < row["trajectories"] <= TINY.shots
    figures = figures_with([{**row, "api_s": None}])
    text = "\n".join(noise_lines(figures))
    assert "wide" in text
    assert "aria-1" in text
    only_ours = measure_subprocesses(replace(TINY, engines=("ours",)))
    assert only_ours["aer_s"] is None
    assert "  -" in noise_lines(figures_with([only_ours]))[3]


def figures_with(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "model": "aria-1",
        "one_qubit_rate": 0.0005,
        "two_qubit_rate": 0.0133,
        "loadavg_before": [0.1, 0.2, 0.3],
        "loadavg_after": [0.1, 0.2, 0.3],
        "elapsed_s": 1.0,
        "rows": rows,
    }


def bench_noise_cases(args: Any) -> dict[str, tuple[str, ...]]:
    """The engines per case that bench_noise would run for these arguments."""
    seen: dict[str, tuple[str, ...]] = {}

    def fake_measure(*_args: Any, cases: dict[str, NoiseCase], **_kwargs: Any) -> None:
        seen.update({name: case.engines for name, case in cases.items()})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(noise, "measure", fake_measure)
        bench_noise(args, ServerSpec("fake", "x"))
    return seen


def test_noise_targets() -> None:
    assert [t.verdict for t in check_noise_targets(None)] == ["n/a", "n/a"]
    goal = {"case": "goal", "qubits": 12, "ours_over_aer": 0.4, "api_mismatches": 0}
    targets = check_noise_targets({"rows": [goal]})
    assert [t.verdict for t in targets] == ["PASS", "PASS"]
    assert "12-qubit" in targets[0].name
    slow = check_noise_targets({"rows": [{**goal, "ours_over_aer": 1.2, "api_mismatches": 1}]})
    assert [t.verdict for t in slow] == ["FAIL", "FAIL"]


def test_only_noise_runs_just_the_noise() -> None:
    args = parse_args(["--only-noise"])
    assert apply_only(args) == ["noise"]
    assert (args.no_noise, args.no_soak, args.no_body_checks, args.no_jobs) == (
        False,
        True,
        True,
        True,
    )
    assert bench_noise_cases(parse_args(["--noise-all-cores", "--noise-widest-aer"])) == {
        "goal": ("ours", "ours_all_cores", "aer"),
        "wide": ("ours", "ours_all_cores", "aer"),
        "widest": ("ours", "ours_all_cores", "aer"),
    }
    assert bench_noise_cases(parse_args([]))["wide"] == ("ours", "aer")
    soak = parse_args(["--only-soak"])
    apply_only(soak)
    assert soak.no_noise is True
    assert parse_args([]).no_noise is False
