"""Print a run as a table and write it as JSON.

The JSON in bench/results/<date>.json is the record (one file per day, the
latest run of the day wins); the table is for the person at the terminal and
shows the same figures.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.targets import Target


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def server_table(servers: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """One row per server: the single-request run, the mix, memory, cold start.

    Memory is the peak RSS of all the server's processes together, how many
    there were, and the peak RSS of the largest one (a worker).
    """
    header = (
        f"{'server':<7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | "
        f"{'mix req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | "
        f"{'RSS MB':>6} {'procs':>5} {'1 proc':>6} | {'cold s':>6} | {'CPU us/req':>10}"
    )
    lines = [header, "-" * len(header)]
    for name, s in servers.items():
        one, mix = s["single"], s["mix"]
        lines.append(
            f"{name:<7} {one['requests_per_s']:>8.0f} {one['p50_ms']:>7.2f} {one['p99_ms']:>7.2f} "
            f"{one['errors']:>4} | {mix['requests_per_s']:>9.0f} {mix['p50_ms']:>7.2f} "
            f"{mix['p99_ms']:>7.2f} {mix['errors'] + s['preflight_mismatches']:>4} | "
            f"{s['peak_rss_mb']:>6.1f} {s['processes']:>5} {s['peak_rss_mb_per_worker']:>6.1f} | "
            f"{s['cold_start_s']:>6.3f} | "
            f"{_fmt(one.get('cpu_us_per_request'), '>10.0f')}"
        )
    return lines


def ratio_lines(ratios: Mapping[str, float | None]) -> list[str]:
    """The cross-server ratios of req/s (and of CPU time per request)."""
    return [f"{name:<27} {_fmt(value, '.2f')}x" for name, value in ratios.items()]


def client_lines(client: Sequence[Mapping[str, Any]]) -> list[str]:
    """The generated client beside raw httpx, per target."""
    lines = []
    for c in client:
        lines.append(
            f"{c['target']:<11} client {c['client_calls_per_s']:>8.0f} calls/s   raw httpx "
            f"{c['raw_calls_per_s']:>8.0f} calls/s   overhead {c['overhead']:.2f}x "
            f"(+{c['overhead_us_per_call']:.0f} us/call)"
        )
    return lines


def target_lines(targets: list[Target]) -> list[str]:
    """PASS/FAIL/n/a per target, with the figure and the limit."""
    lines = []
    for t in targets:
        rule = ">=" if t.at_least else "<="
        value = "-" if t.value is None else f"{t.value:.3g}{t.unit}"
        lines.append(f"{t.verdict:<5} {t.name:<50} {value:>10}  ({rule} {t.limit:g}{t.unit})")
    return lines


def write_json(document: Mapping[str, Any], directory: Path, date: str) -> Path:
    """Write bench/results/<date>.json atomically (through a .tmp file)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{date}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
