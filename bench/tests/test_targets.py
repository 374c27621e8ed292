"""The issue's targets as functions of a run's figures."""
# ruff: noqa: S101

from __future__ import annotations

from typing import Any

from bench.targets import Target, check_targets, ratio


def server(rps: float, p99: float = 4.0, errors: int = 0, cold: float = 0.5) -> dict[str, Any]:
    run = {"requests_per_s": rps, "p99_ms": p99, "errors": errors}
    return {
        "single": run,
        "mix": {**run, "p99_ms": p99 / 2},
        "preflight_mismatches": 0,
        "cold_start_s": cold,
        "peak_rss_mb_per_worker": 80.0,
    }


def verdicts(targets: list[Target]) -> dict[str, str]:
    return {t.name: t.verdict for t in targets}


def test_all_targets_pass_on_good_figures() -> None:
    servers = {"fake": server(24000), "prism": server(2000, cold=2.0), "raw": server(40000)}
    client = [{"overhead": 1.1}, {"overhead": 1.02}]
    assert set(verdicts(check_targets(servers, client, 32)).values()) == {"PASS"}


def test_each_limit_is_applied() -> None:
    servers = {
        "fake": server(14000, p99=6.0, errors=1, cold=0.7),
        "prism": server(2000, cold=2.0),
        "raw": server(30000),
    }
    got = verdicts(check_targets(servers, [{"overhead": 1.4}], 32))
    assert got["fake >= 8x Prism req/s"] == "FAIL"  # 7x
    assert got["fake >= 8x Prism req/s, mix"] == "FAIL"
    assert got["fake >= 0.5x raw WSGI req/s"] == "FAIL"  # 0.47x
    assert got["fake p99 at 32 connections"] == "FAIL"
    assert got["fake errors (socket, timeout, unexpected status)"] == "FAIL"
    assert got["fake cold start <= 0.3x Prism's"] == "FAIL"  # 0.35x
    assert got["client overhead vs raw httpx (worst target)"] == "FAIL"
    assert got["fake peak RSS per worker"] == "PASS"


def test_missing_figures_are_not_a_pass() -> None:
    got = verdicts(check_targets({"prism": server(1500)}, [], 32))
    assert set(got.values()) == {"n/a"}


def test_ratio_guards_missing_and_zero() -> None:
    assert ratio(10, 4) == 2.5
    assert ratio(None, 4) is None
    assert ratio(10, 0) is None
    assert ratio(10, None) is None
