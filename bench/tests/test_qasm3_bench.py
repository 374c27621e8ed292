"""bench/qasm3.py at tiny sizes: the program, the subprocesses, the API, the table, the flags."""
# ruff: noqa: S101

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from qiskit import qasm3 as qiskit_qasm3  # type: ignore[import-untyped]

from bench import qasm3
from bench.client_bench import load_wsgi_app
from bench.noise import api_job, same_probabilities
from bench.qasm3 import CASES, QUICK, Qasm3Case, program, qasm3_job, report_lines, sized
from bench.run import apply_only, bench_qasm3, parse_args
from bench.servers import API_PREFIX, ServerSpec
from mock_server.simulator.qasm3 import Measure, Reset, read_program

TINY = Qasm3Case("goal", 4, 2, 1, 200, engines=("ours", "aer"))
TINY_EXACT = Qasm3Case("exact", 4, 2, 2, 2000, noisy=False, engines=("ours", "aer"))


def test_the_cases_are_the_ones_asked_for() -> None:
    goal, wide, exact = CASES["goal"], CASES["wide"], CASES["exact"]
    assert (goal.qubits, qasm3._gates(goal), goal.mid_measurements, goal.shots) == (
        12,
        180,
        1,
        1000,
    )
    assert goal.noisy
    assert goal.api
    assert 18 <= wide.qubits <= 20
    no_mid = CASES["no-mid"]
    assert replace(no_mid, name="goal", mid_measurements=1, engines=goal.engines, api=True) == goal
    assert "reset" not in program(replace(no_mid, qubits=3, depth=1))
    assert wide.noisy
    assert (exact.noisy, exact.shots, exact.engines) == (False, 10_000, ("ours", "aer"))
    assert exact.mid_measurements >= 2
    assert sized(CASES, QUICK)["goal"].qubits < goal.qubits


def test_the_program_is_qiskits_and_the_fake_reads_it_as_built() -> None:
    text = program(TINY)
    assert text.startswith("OPENQASM 3.0;")
    circuit = qiskit_qasm3.loads(text)
    ops = circuit.count_ops()
    assert (ops["reset"], ops["measure"]) == (1, 1 + TINY.qubits)
    assert [r.name for r in circuit.cregs] == ["m", "c"]
    parsed = read_program(text)
    assert parsed.qubits == TINY.qubits
    assert sum(isinstance(op, Reset) for op in parsed.operations) == 1
    assert sum(isinstance(op, Measure) for op in parsed.operations) == 1 + TINY.qubits
    assert len(parsed.calls) == qasm3._gates(TINY)


def test_parse_cost_in_a_fresh_interpreter() -> None:
    figures = qasm3.parse_cost(program(TINY), runs=1)
    assert figures["runs"] == 1
    assert figures["import_s"] > 0
    assert figures["first_read_s"] > 0
    assert figures["second_read_s"] > 0
    assert figures["first_job_extra_s"] >= figures["import_s"]


def test_the_api_gives_what_run_program_gives() -> None:
    text = program(TINY)
    transport = httpx.WSGITransport(app=load_wsgi_app("mock_server.app:create_app()"))
    with httpx.Client(transport=transport, base_url=f"http://fake{API_PREFIX}") as client:
        got = api_job(client, qasm3_job(text, TINY.shots, "t", noisy=True))
    ours = qasm3.child("ours", TINY, text)
    assert same_probabilities(got["probabilities"], ours["probabilities"])
    assert ours["outcomes"] > 1


def test_engines_agree_and_the_row_and_table_hold_together(tmp_path: Path) -> None:
    row = qasm3.measure_case(TINY_EXACT, ServerSpec("fake", "x"), tmp_path, 1)
    assert row["api_s"] is None  # no API round without api=True
    assert set(row["seconds"]) == {"ours", "aer"}
    assert row["ours_over_aer"] > 0
    assert row["peak_rss_mb"]["ours"] > 10
    # aer's 2,000 shots are as close to our exact distribution as sampling alone makes them.
    agreement = row["agreement"]
    assert agreement["aer"]["total_variation"] < 3 * agreement["sampling_alone"]["total_variation"]
    assert "probabilities" not in row["runs"]["ours"]
    figures = {
        "one_qubit_rate": 0.0005,
        "two_qubit_rate": 0.0133,
        "loadavg_before": [1.0, 1.0, 1.0],
        "loadavg_after": [1.0, 1.0, 1.0],
        "parse": {
            "runs": 1,
            "program_chars": 900,
            "import_s": 0.1,
            "first_read_s": 0.05,
            "second_read_s": 0.01,
            "import_rss_mb": 4.0,
        },
        "rows": [row, {**row, "case": "noisy", "api_s": 0.2, "api_over_aer": 0.5}],
    }
    lines = report_lines(figures)
    assert "first read 0.050 s" in lines[1]
    assert lines[3].split()[0] == "exact"
    assert lines[3].split()[5] == "-"  # no API
    assert lines[4].split()[5] == "0.200"
    assert report_lines(None) == []


def test_only_qasm3_runs_just_it() -> None:
    args = parse_args(["--only-qasm3"])
    assert apply_only(args) == ["qasm3"]
    assert (args.no_qasm3, args.no_noise, args.no_compilation, args.no_jobs) == (
        False,
        True,
        True,
        True,
    )
    assert parse_args([]).no_qasm3 is False
    noise_only = parse_args(["--only-noise"])
    apply_only(noise_only)
    assert noise_only.no_qasm3 is True
    assert bench_qasm3(parse_args(["--no-qasm3"]), ServerSpec("fake", "x")) is None


def test_quick_sizes_reach_measure(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Qasm3Case] = {}

    def fake_measure(*_args: object, cases: dict[str, Qasm3Case], **_kwargs: object) -> None:
        seen.update(cases)

    monkeypatch.setattr(qasm3, "measure", fake_measure)
    bench_qasm3(parse_args(["--qasm3-quick"]), ServerSpec("fake", "x"))
    assert seen["goal"] == replace(CASES["goal"], **QUICK["goal"])
