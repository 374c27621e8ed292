"""Where the state is kept: `ionq-mock serve --store` and `--workers`, side by side.

Two measurements in one go, on the same machine:

1. The Bell job round trip over a socket (bench/jobs.py's: POST /jobs, one
   GET /jobs/{id} that must say `completed`, GET .../results/probabilities,
   on one keep-alive connection) against `ionq-mock serve --store memory`
   (the default), `--store sqlite:///<tmp>/state.db` and `--store
   redis://...` on a private redis-server started here (its own port,
   persistence off, stopped afterwards). Median, p90 and p99, and the CPU the
   server (and the redis-server) spent per round trip.
2. Requests per second with wrk on GET /backends/qpu.aria-1 and on GET
   /jobs/{id} of one completed Bell job (with an API key), against
   `--workers 1`, `--workers 2` (which shares a temporary SQLite file by
   itself) and `--workers 1 --store sqlite:///...`, so that the store's cost
   is separable from the worker count. Both paths go through bench/wrk/mix.lua
   (a mix of one request: it sends the header and counts every status), so
   the two are loaded the same way.

Each server starts on a free port; before any load it must answer 200 on
several fresh connections in a row (with two workers, both should have
answered), and GET of the job must answer 200 on each of several fresh
connections (with two workers: the other worker reads it from the store).
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import jobs
from bench.load import LoadSettings, Scenario, run_wrk
from bench.procmem import tree_cpu_seconds
from bench.servers import RunningServer, ServerSpec, get_status, launch
from mock_server.harness.redis_server import RedisServer, start_redis

STORES = ("memory", "sqlite", "redis")
# Fresh connections in a row that must answer 200 before a server is measured.
READY_IN_A_ROW = 20
# Fresh-connection GETs of the job before the load: each must answer 200.
JOB_PREFLIGHT = 20


@dataclass(frozen=True)
class ServerSetting:
    """One server of the req/s comparison: its worker count and store (None: the default)."""

    label: str
    workers: int
    store: str | None = None


THROUGHPUT_SETTINGS = (
    ServerSetting("--workers 1", 1),
    ServerSetting("--workers 2", 2),  # no --store: the workers share a temporary SQLite file
    ServerSetting("--workers 1 --store sqlite", 1, "sqlite"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """This part's options of `python -m bench`."""
    parser.add_argument(
        "--no-stores", action="store_true", help="skip the --store and --workers comparison"
    )
    parser.add_argument(
        "--only-stores",
        action="store_true",
        help="run the --store (memory, sqlite, redis) and --workers comparison, and nothing else",
    )
    parser.add_argument(
        "--stores-round-trips",
        type=int,
        default=300,
        help="timed Bell round trips per store (300)",
    )
    parser.add_argument(
        "--stores-bell-warmup", type=int, default=30, help="untimed Bell round trips first (30)"
    )
    parser.add_argument(
        "--stores-duration",
        type=float,
        default=5.0,
        help="seconds of each wrk run of the --workers comparison (5)",
    )


def sqlite_url(path: Path) -> str:
    """`--store` for a SQLite file at an absolute path."""
    return f"sqlite:///{path.resolve()}"


def store_url(store: str, scratch: Path, redis_url: str | None = None) -> str:
    """The --store URL of `store` (memory, sqlite, redis), its file in `scratch`."""
    if store == "memory":
        return "memory"
    if store == "sqlite":
        return sqlite_url(scratch / "state.db")
    if store == "redis" and redis_url is not None:
        return redis_url
    raise ValueError(f"no URL for the store {store!r}")


def variant(
    spec: ServerSpec, name: str, *, workers: int = 1, store: str | None = None
) -> ServerSpec:
    """`spec` (the fake as `make serve` runs it) with --workers and, if given, --store."""
    command = f"{spec.command} --workers {workers}"
    if store is not None:
        # Through str.format (ServerSpec.argv): a URL holds no braces, but say so.
        if "{" in store or "}" in store:
            raise ValueError(f"a store URL with braces cannot go in a command template: {store}")
        command += f" --store {shlex.quote(store)}"
    return dataclasses.replace(spec, name=f"{spec.name}-{name}", command=command)


# -- a private redis-server -------------------------------------------------------------


@contextmanager
def private_redis(directory: Path) -> Iterator[RedisServer]:
    """A redis-server of this run only (mock_server/harness/redis_server.py), stopped on exit."""
    server = start_redis(directory)
    try:
        yield server
    finally:
        server.stop()


# -- readiness and checks ----------------------------------------------------------------


def wait_ready(server: RunningServer, path: str = jobs.READ_PATH, timeout_s: float = 30.0) -> float:
    """The first 200 on `path`, then READY_IN_A_ROW more on fresh connections; seconds to it.

    One 200 says that one worker answers; several in a row on fresh
    connections make it likely that every worker does.
    """
    started = server.wait_ready(path, timeout_s)
    full_path = server.spec.prefix + path
    deadline = time.perf_counter() + timeout_s
    in_a_row = 0
    while in_a_row < READY_IN_A_ROW:
        if time.perf_counter() > deadline:
            raise TimeoutError(
                f"{server.spec.name} did not answer {READY_IN_A_ROW} fresh GETs of {path} "
                f"in a row within {timeout_s} s; see {server.log_path}"
            )
        try:
            ok = get_status(server.host, server.port, full_path) == 200
        except (OSError, http.client.HTTPException):
            ok = False
        in_a_row = in_a_row + 1 if ok else 0
        if not ok:
            time.sleep(0.01)
    return started


def _json(response: httpx.Response, status: int) -> Any:
    if response.status_code != status:
        raise RuntimeError(
            f"{response.request.method} {response.request.url} answered "
            f"{response.status_code}, not {status}: {response.text[:300]}"
        )
    return response.json()


def submit_bell(base_url: str) -> dict[str, Any]:
    """POST one Bell job; the job as GET /jobs/{id} then shows it."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        job_id = _json(client.post("/jobs", json=jobs.BELL_JOB, headers=jobs.KEY), 201)["id"]
        job: dict[str, Any] = _json(client.get(f"/jobs/{job_id}", headers=jobs.KEY), 200)
        return job


def fresh_statuses(
    server: RunningServer, path: str, headers: dict[str, str], count: int
) -> dict[str, int]:
    """Statuses of `count` GETs of `path` (relative to the prefix), each on a fresh connection."""
    statuses: dict[str, int] = {}
    for _ in range(count):
        try:
            status = str(get_status(server.host, server.port, server.spec.prefix + path, headers))
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


# -- 1. the Bell round trip per store ------------------------------------------------------


def _cpu(pid: int | None) -> float:
    return 0.0 if pid is None else tree_cpu_seconds(pid)


def bell_on_store(  # noqa: PLR0913 - one measurement's settings
    spec: ServerSpec,
    log_dir: Path,
    store: str,
    url: str,
    *,
    count: int,
    warmup: int,
    store_pid: int | None = None,
) -> dict[str, Any]:
    """`warmup` then `count` Bell round trips against the fake on `--store url`."""
    server_spec = variant(spec, f"store-{store}", store=url)
    with launch(server_spec, log_dir) as server:
        wait_ready(server)
        base_url = f"http://{server.host}:{server.port}{spec.prefix}"
        with httpx.Client(base_url=base_url, timeout=10) as client:
            for _ in range(warmup):
                jobs.bell_round_trip(client)
            server_before, store_before = _cpu(server.pid), _cpu(store_pid)
            trips = [jobs.bell_round_trip(client) for _ in range(count)]
            server_cpu_s = _cpu(server.pid) - server_before
            store_cpu_s = _cpu(store_pid) - store_before
        command = " ".join(server_spec.argv(server.host, server.port))
    totals = [trip.total_s for trip in trips]
    figures: dict[str, Any] = {"store": store, "url": url, "command": command}
    figures.update(jobs.summarize("socket", trips, warmup))
    figures["p90_ms"] = round(jobs.percentile(totals, 90) * 1000, 3) if trips else None
    figures["server_cpu_ms_per_round_trip"] = round(server_cpu_s / count * 1000, 3)
    if store_pid is not None:
        figures["redis_cpu_ms_per_round_trip"] = round(store_cpu_s / count * 1000, 3)
    return figures


def bell_by_store(
    spec: ServerSpec, log_dir: Path, scratch: Path, *, count: int, warmup: int
) -> dict[str, Any]:
    """The Bell round trip on each store, keyed by store; a store that cannot run: `skipped`."""
    figures: dict[str, Any] = {}
    for store in STORES:
        print(f"stores: Bell round trips, --store {store} ...", file=sys.stderr, flush=True)
        directory = scratch / f"bell-{store}"
        directory.mkdir()
        if store != "redis":
            url = store_url(store, directory)
            figures[store] = bell_on_store(spec, log_dir, store, url, count=count, warmup=warmup)
            continue
        if shutil.which("redis-server") is None:
            figures[store] = {"store": store, "skipped": "redis-server is not installed"}
            print("skip --store redis: redis-server is not installed", file=sys.stderr)
            continue
        with private_redis(directory) as redis:
            figures[store] = bell_on_store(
                spec,
                log_dir,
                store,
                redis.url,
                count=count,
                warmup=warmup,
                store_pid=redis.process.pid,
            )
    return figures


# -- 2. requests per second per --workers and --store ---------------------------------------


def _load(server: RunningServer, scenario: Scenario, settings: LoadSettings) -> dict[str, Any]:
    """One wrk run of a one-request mix, plus the server's CPU time per request."""
    cpu_before = tree_cpu_seconds(server.pid)
    result = run_wrk(server.url(jobs.READ_PATH), settings, [scenario])
    cpu_s = tree_cpu_seconds(server.pid) - cpu_before
    figures = result.as_dict()
    figures["cpu_us_per_request"] = (
        round(cpu_s / result.requests * 1e6, 1) if result.requests else None
    )
    return figures


def throughput(  # noqa: PLR0913 - one measurement's settings
    spec: ServerSpec,
    log_dir: Path,
    setting: ServerSetting,
    scratch: Path,
    *,
    settings: LoadSettings,
    warmup_s: float,
) -> dict[str, Any]:
    """wrk on the backend's path and on a completed job's, against one server setting."""
    store = None if setting.store is None else store_url(setting.store, scratch)
    name = f"workers-{setting.workers}" + (f"-{setting.store}" if setting.store else "")
    server_spec = variant(spec, name, workers=setting.workers, store=store)
    with launch(server_spec, log_dir) as server:
        wait_ready(server)
        base_url = f"http://{server.host}:{server.port}{spec.prefix}"
        job = submit_bell(base_url)
        job_path = f"/jobs/{job['id']}"
        preflight = fresh_statuses(server, job_path, dict(jobs.KEY), JOB_PREFLIGHT)
        auth = next(iter(jobs.KEY.items()))
        scenarios = {
            "backend": Scenario("backend", spec.prefix + jobs.READ_PATH, 200),
            "job": Scenario("job", spec.prefix + job_path, 200, auth),
        }
        runs: dict[str, dict[str, Any]] = {}
        for path_name, scenario in scenarios.items():
            if warmup_s > 0:
                run_wrk(
                    server.url(jobs.READ_PATH),
                    LoadSettings(warmup_s, settings.connections, settings.threads),
                    [scenario],
                )
            runs[path_name] = {"path": scenario.path, **_load(server, scenario, settings)}
        command = " ".join(server_spec.argv(server.host, server.port))
    return {
        "setting": setting.label,
        "workers": setting.workers,
        "store": store or ("sqlite (temporary, shared)" if setting.workers > 1 else "memory"),
        "command": command,
        "job_status": job["status"],
        "job_preflight": preflight,
        "job_preflight_mismatches": sum(n for s, n in preflight.items() if s != "200"),
        **runs,
    }


def throughput_by_setting(
    spec: ServerSpec, log_dir: Path, scratch: Path, *, settings: LoadSettings, warmup_s: float
) -> list[dict[str, Any]]:
    """`throughput` of each of THROUGHPUT_SETTINGS, in order."""
    rows = []
    for setting in THROUGHPUT_SETTINGS:
        print(f"stores: wrk, {setting.label} ...", file=sys.stderr, flush=True)
        directory = scratch / f"wrk-{setting.workers}-{setting.store or 'default'}"
        directory.mkdir()
        rows.append(
            throughput(spec, log_dir, setting, directory, settings=settings, warmup_s=warmup_s)
        )
    return rows


def measure(  # noqa: PLR0913 - one measurement's settings
    spec: ServerSpec,
    log_dir: Path,
    settings: LoadSettings,
    *,
    round_trips: int,
    bell_warmup: int,
    warmup_s: float,
) -> dict[str, Any]:
    """The Bell round trip per store, then wrk per --workers/--store setting."""
    with tempfile.TemporaryDirectory(prefix="bench-stores-") as tmp:
        scratch = Path(tmp)
        bell = bell_by_store(spec, log_dir, scratch, count=round_trips, warmup=bell_warmup)
        wrk = throughput_by_setting(spec, log_dir, scratch, settings=settings, warmup_s=warmup_s)
    return {
        "bell": bell,
        "wrk": {
            "duration_s": settings.duration_s,
            "connections": settings.connections,
            "threads": settings.threads,
            "warmup_s": warmup_s,
            "script": "mix.lua, one request",
            "rows": wrk,
        },
    }


# -- the table ---------------------------------------------------------------------------


def _f(value: float | None, spec: str) -> str:
    """`value` in `spec` (alignment, width, type), or a dash as wide."""
    if value is None:
        return format("-", spec.partition(".")[0])
    return format(value, spec)


def bell_lines(bell: Mapping[str, Any]) -> list[str]:
    """One row per store: the round trip's median, p90, p99, and CPU per round trip."""
    header = (
        f"{'--store':<8} {'median ms':>9} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} | "
        f"{'server CPU ms':>13} {'redis CPU ms':>12} | {'late':>4} {'wrong':>5}"
    )
    counts = sorted({b["round_trips"] for b in bell.values() if "skipped" not in b})
    lines = [
        f"Bell job round trip over a socket per --store ({'/'.join(map(str, counts))} round trips, "
        "one keep-alive connection; CPU per round trip):",
        header,
        "-" * len(header),
    ]
    for store, b in bell.items():
        if "skipped" in b:
            lines.append(f"{store:<8} skipped: {b['skipped']}")
            continue
        lines.append(
            f"{store:<8} {b['median_ms']:>9.2f} {_f(b['p90_ms'], '>7.2f')} {b['p99_ms']:>7.2f} "
            f"{b['max_ms']:>7.2f} | {b['server_cpu_ms_per_round_trip']:>13.2f} "
            f"{_f(b.get('redis_cpu_ms_per_round_trip'), '>12.2f')} | "
            f"{b['not_completed_on_first_poll']:>4} {b['wrong_probabilities']:>5}"
        )
    return lines


def wrk_lines(wrk: Mapping[str, Any]) -> list[str]:
    """One row per server setting: req/s, p99 and CPU per request on each path."""
    header = (
        f"{'server':<27} {'backend req/s':>13} {'p99 ms':>7} {'err':>4} {'CPU us':>6} | "
        f"{'job req/s':>9} {'p99 ms':>7} {'err':>4} {'CPU us':>6} | {'job preflight':>13}"
    )
    lines = [
        f"wrk per --workers and --store: {wrk['threads']} threads, {wrk['connections']} "
        f"connections, {wrk['duration_s']:g} s per run; GET /backends/qpu.aria-1 and "
        "GET /jobs/{id} of a completed Bell job (API key):",
        header,
        "-" * len(header),
    ]
    for row in wrk["rows"]:
        one, job = row["backend"], row["job"]
        preflight = "ok" if not row["job_preflight_mismatches"] else str(row["job_preflight"])
        lines.append(
            f"{row['setting']:<27} {one['requests_per_s']:>13.0f} {one['p99_ms']:>7.2f} "
            f"{one['errors']:>4} {_f(one['cpu_us_per_request'], '>6.0f')} | "
            f"{job['requests_per_s']:>9.0f} {job['p99_ms']:>7.2f} {job['errors']:>4} "
            f"{_f(job['cpu_us_per_request'], '>6.0f')} | {preflight:>13}"
        )
    lines.append("(--workers 2 without --store shares a temporary SQLite file; CPU: the server's)")
    return lines


def report_lines(figures: Mapping[str, Any] | None) -> list[str]:
    """The Bell table, then the wrk table; nothing if the part did not run."""
    if not figures:
        return []
    return [*bell_lines(figures["bell"]), "", *wrk_lines(figures["wrk"])]
