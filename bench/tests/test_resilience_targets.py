"""The verdicts of the body checks and the soak, their report lines, --only-*."""
# ruff: noqa: S101

from __future__ import annotations

from typing import Any

from bench.report import body_check_lines, soak_lines
from bench.run import apply_only, parse_args
from bench.targets import check_resilience_targets


def body_figures(after_s: float) -> dict[str, Any]:
    def row(name: str, status: int, problems: int) -> dict[str, Any]:
        return {
            "body": name,
            "bytes": 9_999_000,
            "items": 150_000,
            "before": {"seconds": 5.0, "problems": problems, "status": status, "answer_bytes": 9},
            "after": {"median_s": after_s, "status": status, "answer_bytes": 84},
            "check_alone": {"seconds": 0.04, "problems_shown": min(problems, 20)},
            "speedup": round(5.0 / after_s, 1),
        }

    return {
        "limit_bytes": 10_000_000,
        "rows": [row("valid", 201, 0), row("invalid", 400, 1)],
        "reads": {
            "path": "/backends/qpu.aria-1",
            "connections": 1,
            "duration_s": 10.0,
            "idle": {"p50_ms": 0.1, "p99_ms": 0.4, "requests_per_s": 9000.0},
            "checking": {"p50_ms": 20.0, "p99_ms": 400.0, "requests_per_s": 10.0},
            "posts": {"count": 12, "median_s": 0.35},
            "p99_ratio": 1000.0,
        },
    }


def soak_figures(*, cross: int = 0, lost: int = 0, errors: int = 0) -> dict[str, Any]:
    return {
        "elapsed_s": 60.0,
        "connections": 16,
        "keys": 8,
        "seed": 2024,
        "workload": {
            "requests": 90_000,
            "requests_per_s": 1500.0,
            "p50_ms": 9.0,
            "p99_ms": 40.0,
            "max_ms": 200.0,
            "statuses": {"200": 60_000, "201": 20_000, "404": 10_000},
            "unexpected_statuses": {},
            "server_errors": errors,
            "transport_errors": 0,
            "cross_key_requests": 10_000,
            "cross_key_not_404": cross,
        },
        "final_check": {"server_errors": 0, "transport_errors": 0},
        "errors": errors,
        "jobs": {
            "created": 20_000,
            "deleted": 5_000,
            "judged": 9_000,
            "answered_200": 9_000 - lost,
            "lost": lost,
            "older_kept": 1_000,
            "evicted": 5_000,
        },
        "memory": {"start_mb": 92.0, "end_mb": 200.0, "peak_mb": 210.0},
        "cpu": {
            "server_s": 50.0,
            "client_s": 15.0,
            "server_us_per_request": 555,
            "client_us_per_request": 166,
        },
    }


def test_nothing_measured_is_judged_nothing() -> None:
    assert [t.verdict for t in check_resilience_targets(None, None)] == ["n/a"] * 4


def test_the_verdicts_follow_the_figures() -> None:
    passing = check_resilience_targets(body_figures(0.5), soak_figures())
    assert [t.verdict for t in passing] == ["PASS"] * 4
    failing = check_resilience_targets(body_figures(1.5), soak_figures(cross=1, lost=2, errors=3))
    assert [t.verdict for t in failing] == ["FAIL"] * 4
    assert [t.value for t in failing] == [1.5, 1, 2, 3]


def test_the_report_shows_each_body_the_reads_and_the_soak() -> None:
    lines = body_check_lines(body_figures(0.5))
    assert lines[3].split()[:3] == ["valid", "9,999,000", "150,000"]
    assert "p99 400.00 ms" in lines[-1]
    assert "12 times" in lines[-1]
    text = "\n".join(soak_lines(soak_figures(lost=1)))
    assert "90,000 requests" in text
    assert "1 lost" in text
    assert "5,000 evicted" in text
    assert "210.0 peak" in text
    assert body_check_lines(None) == soak_lines(None) == []


def test_only_runs_just_the_parts_named() -> None:
    args = parse_args(["--only-soak"])
    assert apply_only(args) == ["soak"]
    assert (args.servers, args.no_client, args.no_jobs, args.no_engines) == ("", True, True, True)
    assert (args.no_soak, args.no_body_checks) == (False, True)
    both = parse_args(["--only-soak", "--only-body-checks"])
    assert apply_only(both) == ["body-checks", "soak"]
    assert (both.no_soak, both.no_body_checks) == (False, False)
    everything = parse_args([])
    assert apply_only(everything) == []
    assert everything.servers == "fake,full,prism,bare,raw"
    assert (everything.soak_seconds, everything.soak_connections) == (60.0, 16)
    skipping = parse_args(["--no-soak", "--no-body-checks"])
    assert apply_only(skipping) == []
    assert (skipping.no_soak, skipping.no_body_checks) == (True, True)
