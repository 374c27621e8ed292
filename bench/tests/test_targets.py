"""The issue's targets as functions of a run's figures."""
# ruff: noqa: S101

from __future__ import annotations

from typing import Any

from bench.targets import Target, check_targets, ratio


def server(rps: float, p99: float = 5.0, errors: int = 0) -> dict[str, Any]:
    run = {"requests_per_s": rps, "p99_ms": p99, "errors": errors}
    return {
        "single": run,
        "mix": {**run, "p99_ms": p99 / 2},
        "preflight_mismatches": 0,
        "cold_start_s": 0.4,
        "peak_rss_mb_per_worker": 80.0,
    }


def verdicts(targets: list[Target]) -> dict[str, str]:
    return {t.name: t.verdict for t in targets}


def test_all_targets_pass_on_good_figures() -> None:
    servers = {"fake": server(9000), "prism": server(1500), "bare": server(10000)}
    client = [{"overhead": 1.1}, {"overhead": 1.02}]
    assert set(verdicts(check_targets(servers, client, 32)).values()) == {"PASS"}


def test_each_limit_is_applied() -> None:
    servers = {
        "fake": server(6000, p99=12.0, errors=1),
        "prism": server(1500),
        "bare": server(10000),
    }
    got = verdicts(check_targets(servers, [{"overhead": 1.4}], 32))
    assert got["fake >= 5x Prism req/s"] == "FAIL"  # 4x
    assert got["fake >= 0.7x bare req/s"] == "FAIL"  # 0.6x
    assert got["fake p99 at 32 connections"] == "FAIL"
    assert got["fake errors (socket, timeout, unexpected status)"] == "FAIL"
    assert got["client overhead vs raw httpx (worst target)"] == "FAIL"
    assert got["fake cold start (launch to first 200)"] == "PASS"


def test_missing_figures_are_not_a_pass() -> None:
    got = verdicts(check_targets({"prism": server(1500)}, [], 32))
    assert set(got.values()) == {"n/a"}


def test_ratio_guards_missing_and_zero() -> None:
    assert ratio(10, 4) == 2.5
    assert ratio(None, 4) is None
    assert ratio(10, 0) is None
    assert ratio(10, None) is None
