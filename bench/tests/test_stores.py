"""bench/stores.py without the fake or wrk: command lines, the table, the private Redis."""
# ruff: noqa: S101

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import stores
from bench.run import apply_only, parse_args
from bench.servers import FAKE_COMMAND, ServerSpec
from mock_server.harness.redis_server import answers as redis_answers


def test_variants_add_workers_and_the_store_to_the_fake() -> None:
    spec = ServerSpec("fake", FAKE_COMMAND)
    argv = stores.variant(spec, "x", workers=2).argv("127.0.0.1", 8000)
    assert argv[-4:] == ["--port", "8000", "--workers", "2"]
    url = stores.store_url("sqlite", Path("/srv/a b"))
    assert url == "sqlite:////srv/a b/state.db"
    argv = stores.variant(spec, "y", store=url).argv("127.0.0.1", 8000)
    assert argv[-4:] == ["--workers", "1", "--store", url]
    assert stores.store_url("memory", Path("/srv")) == "memory"
    assert stores.store_url("redis", Path("/srv"), "redis://h:1/0") == "redis://h:1/0"
    with pytest.raises(ValueError, match="braces"):
        stores.variant(spec, "z", store="sqlite:////srv/{x}/state.db")


def test_only_stores_runs_that_part_alone() -> None:
    args = parse_args(["--only-stores"])
    assert apply_only(args) == ["stores"]
    assert not args.no_stores
    assert (args.no_processes, args.no_noise, args.no_jobs, args.servers) == (True, True, True, "")
    whole = parse_args([])
    assert apply_only(whole) == []
    assert not whole.no_stores
    assert whole.stores_duration == 5.0


def _run(rps: float) -> dict[str, Any]:
    return {"requests_per_s": rps, "p99_ms": 3.0, "errors": 0, "cpu_us_per_request": 250.0}


def test_report_lines_show_each_store_and_setting() -> None:
    bell = {
        "median_ms": 2.0,
        "p90_ms": 2.5,
        "p99_ms": 4.0,
        "max_ms": 9.0,
        "round_trips": 300,
        "server_cpu_ms_per_round_trip": 1.5,
        "not_completed_on_first_poll": 0,
        "wrong_probabilities": 0,
    }
    row = {
        "setting": "--workers 2",
        "backend": _run(5000.0),
        "job": _run(3000.0),
        "job_preflight": {"200": 20},
        "job_preflight_mismatches": 0,
    }
    figures = {
        "bell": {
            "memory": bell,
            "sqlite": bell,
            "redis": {"store": "redis", "skipped": "redis-server is not installed"},
        },
        "wrk": {"duration_s": 5.0, "connections": 32, "threads": 2, "rows": [row]},
    }
    lines = stores.report_lines(figures)
    assert "(300 round trips" in lines[0]
    assert lines[3].split()[:5] == ["memory", "2.00", "2.50", "4.00", "9.00"]
    assert lines[5] == "redis    skipped: redis-server is not installed"
    wrk_row = next(line for line in lines if line.startswith("--workers 2"))
    backend, job, preflight = (cell.split() for cell in wrk_row.split("|"))
    assert (backend[2], job[0], preflight) == ("5000", "3000", ["ok"])
    assert stores.report_lines(None) == []


def test_private_redis_answers_and_stops(tmp_path: Path) -> None:
    with stores.private_redis(tmp_path) as redis:
        assert redis_answers(redis.port)
        assert redis.url == f"redis://127.0.0.1:{redis.port}/0"
    assert redis.process.poll() is not None
    assert not redis_answers(redis.port)
