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


def bell_lines(bell: Sequence[Mapping[str, Any]]) -> list[str]:
    """The Bell job round trip (submit, first poll, probabilities) per target."""
    lines = []
    for b in bell:
        steps = b["step_median_ms"]
        lines.append(
            f"Bell job {b['target']:<10} median {b['median_ms']:>6.2f} ms  p99 "
            f"{b['p99_ms']:>6.2f} ms  ({b['round_trips']} round trips; submit "
            f"{steps['submit']:.2f} + poll {steps['poll']:.2f} + probabilities "
            f"{steps['probabilities']:.2f} ms; not completed on first poll "
            f"{b['not_completed_on_first_poll']})"
        )
    return lines


def engine_lines(engines: Mapping[str, Any] | None) -> list[str]:
    """Seconds per circuit per engine and width, and ours/aer."""
    if not engines:
        return []
    rows = engines["rows"]
    names = list(rows[0]["seconds"]) if rows else []
    header = f"{'qubits':>6} {'gates':>6} " + " ".join(f"{n + ' s':>15}" for n in names)
    lines = [header + f" {'ours/aer':>9}", "-" * (len(header) + 10)]
    for row in rows:
        cells = " ".join(f"{_fmt(row['seconds'].get(n), '>15.3f')}" for n in names)
        ratio = "-" if row["ratio_to_aer"] is None else f"{row['ratio_to_aer']:.2f}x"
        lines.append(f"{row['qubits']:>6} {row['gates']:>6} {cells} {ratio:>9}")
    lines.append(
        f"(median of {engines['repeats']}, random circuits of depth {engines['depth']}, "
        f"seed {engines['seed']}, all in one process)"
    )
    return lines


def widest_lines(widest: Mapping[str, Any] | None) -> list[str]:
    """The widest circuit our engine simulated, and whether it was measured now."""
    if widest is None:
        return ["widest circuit: never measured (python -m bench --widest)"]
    best = widest["widest"]
    where = widest.get("note") or f"measured in this run ({widest['measured_at']})"
    if best is None:
        return [f"widest circuit: none finished; {where}"]
    return [
        f"widest circuit: {best['qubits']} qubits in {best['seconds']:.1f} s, peak RSS "
        f"{best['peak_rss_gib']:.2f} GiB (state needs {best['required_gib']:.2f} GiB); {where}"
    ]


def busy_lines(busy: Mapping[str, Any] | None) -> list[str]:
    """p99 of the read idle and while a wide job simulates, per connection count."""
    if not busy:
        return []
    job = busy["job"]
    lines = [
        f"GET {busy['path']} while a {job['qubits']}-qubit job ({job['gates']} gates) simulates, "
        f"{busy['duration_s']:g} s per wrk run:"
    ]
    for run in busy["runs"]:
        idle, loaded = run["idle"], run["loaded"]
        ratio = "-" if run["p99_ratio"] is None else f"{run['p99_ratio']:.2f}x"
        coverage = "" if run["job_covered_run"] else ", NOT covering the run"
        lines.append(
            f"  {run['connections']:>3} conn  idle {idle['requests_per_s']:>7.0f} req/s p99 "
            f"{idle['p99_ms']:>7.2f} ms | job running {loaded['requests_per_s']:>7.0f} req/s p99 "
            f"{loaded['p99_ms']:>7.2f} ms | p99 ratio {ratio}  (job after: "
            f"{run['job_status_after']}{coverage})"
        )
    return lines


def body_check_lines(body: Mapping[str, Any] | None) -> list[str]:
    """Each body's check before and after, and the reads while the valid one is checked."""
    if not body:
        return []
    header = (
        f"{'body':<11} {'bytes':>10} {'items':>7} | {'before s':>8} {'problems':>8} "
        f"{'answer B':>9} | {'after s':>7} {'status':>6} {'answer B':>8} | {'check s':>7} | "
        f"{'speed-up':>8}"
    )
    lines = [
        f"Checking a job body at the {body['limit_bytes']:,}-byte limit, in process "
        "(before: jsonschema alone, every error; after: POST to the app):",
        header,
        "-" * len(header),
    ]
    for row in body["rows"]:
        before, after = row["before"], row["after"]
        speedup = "-" if row["speedup"] is None else f"{row['speedup']:.1f}x"
        lines.append(
            f"{row['body']:<11} {row['bytes']:>10,} {row['items']:>7,} | "
            f"{before['seconds']:>8.3f} {before['problems']:>8,} {before['answer_bytes']:>9,} | "
            f"{after['median_s']:>7.3f} {after['status']:>6} {after['answer_bytes']:>8,} | "
            f"{row['check_alone']['seconds']:>7.3f} | {speedup:>8}"
        )
    reads = body.get("reads")
    if reads:
        idle, busy, posts = reads["idle"], reads["checking"], reads["posts"]
        lines.append(
            f"GET {reads['path']}, {reads['connections']} connection, {reads['duration_s']:g} s "
            f"each: idle p50 {idle['p50_ms']:.2f} p99 {idle['p99_ms']:.2f} ms "
            f"({idle['requests_per_s']:.0f} req/s) | while the valid body is POSTed "
            f"({posts['count']} times, {_fmt(posts['median_s'], '.3f')} s median): p50 "
            f"{busy['p50_ms']:.2f} p99 {busy['p99_ms']:.2f} ms ({busy['requests_per_s']:.0f} "
            f"req/s), p99 {_fmt(reads['p99_ratio'], '.1f')}x idle"
        )
    return lines


def soak_lines(soak: Mapping[str, Any] | None) -> list[str]:
    """The soak's requests, statuses, errors, cross-key reads, jobs and memory."""
    if not soak:
        return []
    w, jobs, memory, cpu = soak["workload"], soak["jobs"], soak["memory"], soak["cpu"]
    statuses = ", ".join(f"{k}: {v:,}" for k, v in w["statuses"].items())
    unexpected = ", ".join(f"{k} x{v}" for k, v in w["unexpected_statuses"].items()) or "none"
    final = soak["final_check"]
    older = (
        "not known"
        if jobs["evicted"] is None
        else f"{jobs['older_kept']:,} still kept, {jobs['evicted']:,} evicted"
    )
    return [
        f"Soak: {soak['elapsed_s']:g} s, {soak['connections']} connections, {soak['keys']} keys, "
        f"seed {soak['seed']}: {w['requests']:,} requests ({w['requests_per_s']:,.0f}/s), "
        f"p50 {_fmt(w['p50_ms'], '.2f')} p99 {_fmt(w['p99_ms'], '.2f')} "
        f"max {_fmt(w['max_ms'], '.1f')} ms",
        f"  statuses {statuses}; unexpected: {unexpected}",
        f"  errors: {w['server_errors']} 5xx, {w['transport_errors']} without an answer "
        f"(final check: {final['server_errors']} 5xx, {final['transport_errors']} without)",
        f"  another key's jobs: {w['cross_key_requests']:,} requests, "
        f"{w['cross_key_not_404']} not answered 404",
        f"  jobs: {jobs['created']:,} created, {jobs['deleted']:,} deleted; {jobs['judged']:,} "
        f"out of eviction's reach, {jobs['answered_200']:,} answered 200, {jobs['lost']} lost; "
        f"older: {older}",
        f"  server RSS: {memory['start_mb']:.1f} MB at the start, {memory['end_mb']:.1f} at the "
        f"end, {memory['peak_mb']:.1f} peak; CPU: server {cpu['server_s']:g} s "
        f"({_fmt(cpu['server_us_per_request'], '.0f')} us/request), client {cpu['client_s']:g} s "
        f"({_fmt(cpu['client_us_per_request'], '.0f')} us/request)",
    ]


def _cell(value: float | None, width: int, spec: str = ".2f") -> str:
    return f"{'-' if value is None else format(value, spec):>{width}}"


def _ratio_cell(value: float | None, width: int = 7) -> str:
    return f"{'-' if value is None else f'{value:.2f}x':>{width}}"


def noise_lines(noise: Mapping[str, Any] | None) -> list[str]:
    """Noisy jobs per case: ours through the API and alone, aer, ratios and peak RSS."""
    if not noise:
        return []
    header = (
        f"{'case':<6} {'circuit':<6} {'qubits':>6} {'gates':>5} {'shots':>5} {'traj':>4} | "
        f"{'API s':>6} {'ours s':>7} {'all-core':>8} {'aer s':>7} | {'API/aer':>7} "
        f"{'ours/aer':>8} | {'RSS MB ours':>11} {'aer':>5}"
    )
    lines = [
        f"Noisy jobs, model {noise['model']} (depolarizing {noise['one_qubit_rate']:g} after "
        f"1q gates, {noise['two_qubit_rate']:g} after 2q gates), against qiskit-aer "
        "statevector with the same model:",
        header,
        "-" * len(header),
    ]
    notes = []
    for row in noise["rows"]:
        rss = row.get("peak_rss_mb", {})
        lines.append(
            f"{row['case']:<6} {row['circuit']:<6} {row['qubits']:>6} {row['gates']:>5} "
            f"{row['shots']:>5} {row['trajectories']:>4} | {_cell(row.get('api_s'), 6)} "
            f"{_cell(row['in_process_s'], 7)} {_cell(row['in_process_all_cores_s'], 8)} "
            f"{_cell(row['aer_s'], 7)} | {_ratio_cell(row.get('ours_over_aer'))} "
            f"{_ratio_cell(row['in_process_over_aer'], 8)} | "
            f"{_cell(rss.get('ours'), 11, '.0f')} {_cell(rss.get('aer'), 5, '.0f')}"
        )
        if row.get("api_s") is not None:
            matches = "yes" if row["api_matches_in_process"] else "NO"
            notes.append(
                f"{row['case']}: median of {row['repeats']} rounds, each engine in turn; API = "
                f"POST to probabilities fetched, polled every {row['poll_s'] * 1000:g} ms (submit "
                f"{row['api_submit_s']:.3f} s, the server's execution {row['api_execution_s']:.2f}"
                f" s; first job {row['api_first_job_s']:.2f} s); API minus ours alone "
                f"{_cell(row['api_overhead_s'], 0, '+.2f')} s; API results equal run_circuit's: "
                f"{matches}"
            )
        runs = row.get("runs", {})
        failed = [
            f"{name} failed: {run['failed']}" for name, run in runs.items() if "failed" in run
        ]
        cpu = ", ".join(
            f"{name} {run['cpu_per_wall']:.2f}"
            for name, run in runs.items()
            if "cpu_per_wall" in run
        )
        aer = (runs.get("aer") or {}).get("aer") or {}
        notes.append(
            f"{row['case']}: CPU/wall {cpu or '-'}; aer: {aer.get('parallel_shots', '-')} shots "
            f"in parallel x {aer.get('parallel_state_update', '-')} threads per state"
            + ("; " + "; ".join(failed) if failed else "")
        )
    load = noise["loadavg_before"]
    notes.append(
        "traj: distinct error patterns simulated; ours: the fake's 1 BLAS thread, all-core: "
        f"one per core; each engine in a fresh process; {noise['elapsed_s']:.0f} s, load "
        f"average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before, "
        f"{noise['loadavg_after'][0]:.2f} after"
    )
    return lines + notes


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
