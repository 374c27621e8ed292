"""The servers and the mix that `make bench` runs."""
# ruff: noqa: S101

from __future__ import annotations

import json
from pathlib import Path

from bench.report import server_table, target_lines, write_json
from bench.run import MIX, scenarios_for, server_specs
from bench.servers import FAKE_COMMAND, ServerSpec
from bench.targets import Target


def test_prism_is_addressed_without_the_base_path() -> None:
    specs = server_specs(FAKE_COMMAND, "x {host} {port}")
    assert all(s.path.startswith("/v0.4/") for s in scenarios_for(specs["fake"]))
    assert all(s.path.startswith("/backends/") for s in scenarios_for(specs["prism"]))


def test_each_server_expects_its_own_statuses() -> None:
    specs = server_specs(FAKE_COMMAND, "x")
    expected = {
        name: [s.expected_status for s in scenarios_for(spec)] for name, spec in specs.items()
    }
    assert expected["fake"] == [200, 400, 404, 200]
    assert expected["prism"] == [200, 400, 200, 200]
    assert expected["full"] == expected["fake"]
    assert expected["bare"] == expected["raw"] == [200, 200, 200, 200]
    assert len(MIX) == 4


def test_argv_fills_placeholders() -> None:
    spec = ServerSpec("s", "{bin}/prog --host {host} --port {port}")
    argv = spec.argv("127.0.0.1", 8123)
    assert argv[0].endswith("/prog")
    assert argv[1:] == ["--host", "127.0.0.1", "--port", "8123"]
    assert spec.url("127.0.0.1", 8123, "/backends/x") == "http://127.0.0.1:8123/v0.4/backends/x"


def test_report_writes_json_and_a_table(tmp_path: Path) -> None:
    run = {"requests_per_s": 100.0, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}
    servers = {
        "fake": {
            "single": run,
            "mix": run,
            "preflight_mismatches": 0,
            "peak_rss_mb": 50.0,
            "processes": 2,
            "peak_rss_mb_per_worker": 30.0,
            "cold_start_s": 0.3,
        }
    }
    lines = server_table(servers)
    assert lines[2].split()[0] == "fake"
    assert "50.0     2   30.0 |  0.300" in lines[2]
    path = write_json({"servers": servers}, tmp_path, "2026-01-01")
    assert path.name == "2026-01-01.json"
    assert json.loads(path.read_text())["servers"]["fake"]["processes"] == 2
    assert not list(tmp_path.glob("*.tmp"))
    assert target_lines([Target("t", None, 1, "x", True)])[0].startswith("n/a")
