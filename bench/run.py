"""`make bench`: the fake against Stoplight Prism and a bare Flask route.

One server at a time, each on a free port and under the same load: start it
and time the first 200 (cold start: the median of three launches), put it in
the state the mix needs, send
each mix request once (preflight: does every scenario answer what it
should?), warm up, then two wrk runs, a single request repeated and the mix,
while a thread samples the process tree's memory. Then the generated client
against raw httpx. Then jobs (bench/jobs.py, bench/engines.py): the Bell job
round trip in process and over a socket, our simulator against qiskit-aer
and qulacs, and the p99 of a read idle and while a 24-qubit job simulates;
the widest circuit only with --widest (about 12 minutes), otherwise the
figures of the last such run, marked as carried. Then whether one client can
stall, trick or shut out the others (bench/body_checks.py, bench/soak.py):
checking a 10 MB job body before and after jsonschema-rs, reads while such
bodies are checked, and a soak of 16 connections with 8 keys for a minute. Then noisy jobs
(bench/noise.py): IonQ's aria-1 model through the API, alone and in
qiskit-aer, at 12, 20 and 25 qubits (7 to 15 minutes on 2 cores, as loaded;
aer at 20 qubits is most of it). Then native gate counts
(bench/compilation.py): the fake's compile_native against qiskit-ionq's,
seconds. Then OpenQASM 3 jobs (bench/qasm3.py): the parser's cost in fresh
interpreters, noisy programs with a mid-circuit measurement and reset
through the API and alone against qiskit-aer, and the exact aggregate of an
ideal program against aer's shots (about 70 s). Then where the state is
kept (bench/stores.py): the Bell round trip on --store memory, sqlite and a
private Redis, and wrk's req/s with --workers 1, 2 and 1 on SQLite (about a
minute and a half). Finally the ratios and
the targets, printed and written to
bench/results/<date>.json (with --only-soak, --only-body-checks, --only-noise,
--only-compilation, --only-qasm3 or --only-stores, which run just those parts, to
bench/results/<date>-<parts>.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import (
    body_checks,
    client_bench,
    compilation,
    engines,
    jobs,
    noise,
    processes,
    qasm3,
    report,
    soak,
    stores,
)
from bench.load import LoadSettings, Scenario, run_wrk
from bench.procmem import PeakSampler, tree_cpu_seconds
from bench.servers import (
    BARE_COMMAND,
    FAKE_COMMAND,
    FULL_COMMAND,
    PRISM_BIN,
    PRISM_COMMAND,
    RAW_COMMAND,
    ROOT,
    RunningServer,
    ServerSpec,
    get_status,
    launch,
)
from bench.targets import (
    Target,
    check_job_targets,
    check_noise_targets,
    check_resilience_targets,
    check_targets,
    ratio,
)
from mock_server.harness.launcher import HOST

SINGLE_PATH = "/backends/qpu.aria-1"
NO_RECORD = "qpu.forte-enterprise-3"
MIX = (
    Scenario("known backend", SINGLE_PATH, 200),
    Scenario("name outside the enum", "/backends/qpu.nonexistent-9", 400),
    Scenario("known name, no record", f"/backends/{NO_RECORD}", 404),
    Scenario("Prefer: example=degraded", SINGLE_PATH, 200, ("Prefer", "example=degraded")),
)
MB = 2**20


# The packaged fixtures have every backend; the admin API removes one so that
# the mix has a real 404 (one worker holds the state).
FAKE_SETUP = (("DELETE", f"/__admin/backends/{NO_RECORD}"),)
ANSWERS_ALL_200 = (("name outside the enum", 200), ("known name, no record", 200))


def server_specs(
    fake_command: str,
    bare_command: str,
    full_command: str = FULL_COMMAND,
    raw_command: str = RAW_COMMAND,
) -> dict[str, ServerSpec]:
    """The servers of the comparison, in the order they run."""
    return {
        "fake": ServerSpec(
            "fake",
            fake_command,
            description="the fake, as `make serve` runs it (fast path and access log on)",
            setup=FAKE_SETUP,
        ),
        "full": ServerSpec(
            "full",
            full_command,
            description="the fake with --no-fast-path: every request through the whole pipeline",
            setup=FAKE_SETUP,
        ),
        "prism": ServerSpec(
            "prism",
            PRISM_COMMAND,
            prefix="",
            description="Stoplight Prism mocking openapi.yaml (paths at the root)",
            # Prism keeps no records: any name of the enum gets the 200 example.
            expected_overrides=(("known name, no record", 200),),
        ),
        "bare": ServerSpec(
            "bare",
            bare_command,
            description="one Flask route with a constant body, on the fake's server settings",
            expected_overrides=ANSWERS_ALL_200,
        ),
        "raw": ServerSpec(
            "raw",
            raw_command,
            description="a bare WSGI callable with a constant body, on the fake's server settings",
            expected_overrides=ANSWERS_ALL_200,
        ),
    }


def scenarios_for(spec: ServerSpec) -> list[Scenario]:
    """The mix with this server's prefix and the statuses it should answer."""
    overrides = dict(spec.expected_overrides)
    return [
        Scenario(s.name, spec.prefix + s.path, overrides.get(s.name, s.expected_status), s.header)
        for s in MIX
    ]


def preflight(server: RunningServer, scenarios: list[Scenario]) -> dict[str, dict[str, int]]:
    """Each scenario once: the status it got and the one it should get."""
    result = {}
    for s in scenarios:
        headers = dict([s.header]) if s.header else None
        status = get_status(server.host, server.port, s.path, headers)
        result[s.name] = {"status": status, "expected": s.expected_status}
    return result


def measured_run(
    server: RunningServer, settings: LoadSettings, mix: list[Scenario] | None = None
) -> dict[str, Any]:
    """One wrk run, plus the server's CPU time per request during it."""
    cpu_before = tree_cpu_seconds(server.pid)
    result = run_wrk(server.url(SINGLE_PATH), settings, mix)
    cpu_s = tree_cpu_seconds(server.pid) - cpu_before
    figures = result.as_dict()
    figures["cpu_us_per_request"] = (
        round(cpu_s / result.requests * 1e6, 1) if result.requests else None
    )
    return figures


def extra_cold_starts(spec: ServerSpec, log_dir: Path, launches: int) -> list[float]:
    """Launch → first 200 of `launches` more starts, each stopped at once.

    One start on a shared two-core machine varies by a third; the report
    gives the median of all starts (this and the measured run's own).
    """
    samples = []
    for _ in range(launches):
        with launch(spec, log_dir) as server:
            samples.append(server.wait_ready(SINGLE_PATH))
    return samples


def bench_server(
    spec: ServerSpec, settings: LoadSettings, warmup_s: float, log_dir: Path, cold_starts: int = 3
) -> dict[str, Any]:
    """Start one server, measure it, stop it."""
    scenarios = scenarios_for(spec)
    cold_start_samples = extra_cold_starts(spec, log_dir, cold_starts - 1)
    with launch(spec, log_dir) as server, PeakSampler(server.pid) as memory:
        cold_start_samples.append(server.wait_ready(SINGLE_PATH))
        for method, path in spec.setup:
            status = get_status(server.host, server.port, path, method=method)
            if status >= 300:
                raise RuntimeError(f"{spec.name}: set-up {method} {path} answered {status}")
        checks = preflight(server, scenarios)
        if warmup_s > 0:
            run_wrk(server.url(SINGLE_PATH), LoadSettings(warmup_s, settings.connections))
        single = measured_run(server, settings)
        mix = measured_run(server, settings, scenarios)
    peak = memory.peak
    return {
        "command": " ".join(spec.argv(server.host, server.port)),
        "description": spec.description,
        "cold_start_s": round(statistics.median(cold_start_samples), 3),
        "cold_start_samples_s": [round(sample, 3) for sample in cold_start_samples],
        "peak_rss_mb": round(peak.rss_bytes / MB, 1),
        "peak_pss_mb": round(peak.pss_bytes / MB, 1),
        "processes": peak.processes,
        # The largest single process: with a supervisor and forked workers,
        # a worker (the supervisor holds no more than a worker does).
        "peak_rss_mb_per_worker": round(memory.largest_process_bytes / MB, 1),
        "memory_samples": memory.samples,
        "preflight": checks,
        "preflight_mismatches": sum(c["status"] != c["expected"] for c in checks.values()),
        "single": single,
        "mix": mix,
    }


def bench_client(
    app_target: str, spec: ServerSpec, log_dir: Path, rounds: int, round_s: float
) -> list[dict[str, Any]]:
    """The generated client against raw httpx, in-process and over a socket."""
    figures = [client_bench.in_process(app_target, spec.prefix, rounds=rounds, round_s=round_s)]
    with launch(spec, log_dir) as server:
        server.wait_ready(SINGLE_PATH)
        base_url = f"http://{server.host}:{server.port}{spec.prefix}"
        figures.append(client_bench.over_socket(base_url, rounds=rounds, round_s=round_s))
    return [f.as_dict() for f in figures]


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def bench_jobs(
    args: argparse.Namespace, spec: ServerSpec, settings: LoadSettings
) -> dict[str, Any]:
    """Bell round trips, engines against aer, reads during a wide job, the widest circuit."""
    bell: list[dict[str, Any]] = []
    busy: dict[str, Any] | None = None
    engine_figures: dict[str, Any] | None = None
    if not args.no_jobs:
        print("jobs: Bell round trips, in process and over a socket ...", file=sys.stderr)
        count, warmup = args.bell_round_trips, args.bell_warmup
        bell.append(jobs.in_process(args.client_app, spec.prefix, count, warmup))
        with launch(spec, args.logs) as server:
            server.wait_ready(SINGLE_PATH)
            base_url = f"http://{server.host}:{server.port}{spec.prefix}"
            bell.append(jobs.over_socket(base_url, count, warmup))
    if not args.no_engines:
        print("simulator: ours, qiskit-aer, qulacs ...", file=sys.stderr, flush=True)
        engine_figures = engines.compare(_ints(args.engine_widths))
    if not args.no_jobs:
        connections = _ints(args.busy_connections)
        depth = args.busy_depth or jobs.busy_depth(
            # Every loaded run, plus a second of slack around each.
            len(connections) * (settings.duration_s + 1) + 2,
            engines.seconds_per_layer(engine_figures, args.busy_qubits),
        )
        print(
            f"jobs: GET {jobs.READ_PATH} idle and during a {args.busy_qubits}-qubit job "
            f"(depth {depth}) ...",
            file=sys.stderr,
            flush=True,
        )
        busy = jobs.busy_reads(
            spec,
            args.logs,
            settings=settings,
            connections=connections,
            warmup_s=args.warmup,
            qubits=args.busy_qubits,
            depth=depth,
        )
    widest: dict[str, Any] | None
    if args.widest:
        print("simulator: widest circuit (about 12 minutes) ...", file=sys.stderr, flush=True)
        widest = engines.measure_widest(args.out, _ints(args.widest_widths))
    else:
        widest = engines.carried_widest(args.out)
    return {"bell": bell, "engines": engine_figures, "busy": busy, "widest": widest}


ONLY_PARTS = (
    ("only_body_checks", "body-checks"),
    ("only_soak", "soak"),
    ("only_noise", "noise"),
    ("only_compilation", "compilation"),
    ("only_qasm3", "qasm3"),
    ("only_processes", "processes"),
    ("only_stores", "stores"),
)


def apply_only(args: argparse.Namespace) -> list[str]:
    """With any --only-<part> flag, skip every other part; the parts kept.

    The names kept (empty without either flag) also name the JSON file, so
    that such a run does not take the place of the day's whole run.
    """
    kept = [name for flag, name in ONLY_PARTS if getattr(args, flag)]
    if kept:
        args.servers = ""
        args.no_client = args.no_jobs = args.no_engines = True
        args.widest = False
        args.no_body_checks = not args.only_body_checks
        args.no_soak = not args.only_soak
        args.no_noise = not args.only_noise
        args.no_compilation = not args.only_compilation
        args.no_qasm3 = not args.only_qasm3
        args.no_processes = not args.only_processes
        args.no_stores = not args.only_stores
    return kept


def bench_noise(args: argparse.Namespace, spec: ServerSpec) -> dict[str, Any] | None:
    """Noisy jobs (bench/noise.py) at the sizes the command line asks for; None if skipped."""
    if args.no_noise:
        return None
    overrides: dict[str, dict[str, Any]] = {
        "wide": {"depth": args.noise_wide_depth, "shots": args.noise_wide_shots},
        "widest": {"shots": args.noise_widest_shots},
    }
    for name in ("wide", "widest"):
        engines = noise.CASES[name].engines
        if args.noise_all_cores:
            engines = ("ours", "ours_all_cores", *engines[1:])
        if name == "widest" and args.noise_widest_aer:
            engines = (*engines, "aer")
        overrides[name]["engines"] = engines
    cases = noise.sized(noise.CASES, overrides)
    if args.noise_quick:
        cases = noise.sized(cases, noise.QUICK)
    return noise.measure(spec, args.logs, repeats=args.noise_repeats, cases=cases)


def bench_qasm3(args: argparse.Namespace, spec: ServerSpec) -> dict[str, Any] | None:
    """OpenQASM 3 jobs (bench/qasm3.py), at the quick sizes if asked; None if skipped."""
    if args.no_qasm3:
        return None
    cases = qasm3.sized(qasm3.CASES, qasm3.QUICK) if args.qasm3_quick else qasm3.CASES
    return qasm3.measure(
        spec, args.logs, repeats=args.qasm3_repeats, cases=cases, parse_runs=args.qasm3_parse_runs
    )


def bench_resilience(
    args: argparse.Namespace, spec: ServerSpec, settings: LoadSettings
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The 10 MB body checks and the reads meanwhile, then the soak (either may be skipped)."""
    body: dict[str, Any] | None = None
    soak_figures: dict[str, Any] | None = None
    if not args.no_body_checks:
        print(
            "body checks: 10 MB job bodies before and after, in process; reads while checking ...",
            file=sys.stderr,
            flush=True,
        )
        body = body_checks.measure(
            spec,
            args.logs,
            duration_s=settings.duration_s,
            warmup_s=args.warmup,
            repeats=args.body_repeats,
        )
    if not args.no_soak:
        soak_settings = soak.SoakSettings(
            seconds=args.soak_seconds,
            connections=args.soak_connections,
            keys=args.soak_keys,
            seed=args.soak_seed,
        )
        print(
            f"soak: {soak_settings.seconds:g} s, {soak_settings.connections} connections, "
            f"{soak_settings.keys} keys ...",
            file=sys.stderr,
            flush=True,
        )
        soak_figures = soak.run_soak(spec, args.logs, soak_settings)
    return body, soak_figures


def bench_serving(
    args: argparse.Namespace, spec: ServerSpec, settings: LoadSettings
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Reads during a wide job per --simulators (bench/processes.py), then the Bell round
    trip and req/s per --store and --workers (bench/stores.py); either may be skipped."""
    process_figures = (
        None
        if args.no_processes
        else processes.measure(
            spec,
            args.logs,
            settings,
            connections=_ints(args.processes_connections),
            warmup_s=args.warmup,
            depth=args.processes_depth,
        )
    )
    store_figures = (
        None
        if args.no_stores
        else stores.measure(
            spec,
            args.logs,
            LoadSettings(args.stores_duration, args.connections, args.threads),
            round_trips=args.stores_round_trips,
            bell_warmup=args.stores_bell_warmup,
            warmup_s=args.warmup,
        )
    )
    return process_figures, store_figures


def part_targets(
    args: argparse.Namespace,
    only: list[str],
    job_figures: dict[str, Any],
    figures: tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None],
) -> list[Target]:
    """The targets of the jobs, the resilience parts and the noisy jobs, as far as they ran.

    A part left out of a whole run shows its targets as n/a; an --only run
    shows only the targets of the parts it kept.
    """
    body_figures, soak_figures, noise_figures = figures
    targets = []
    if not only:
        targets += check_job_targets(
            job_figures["bell"], job_figures["engines"], job_figures["busy"]
        )
    if not only or args.only_body_checks or args.only_soak:
        targets += check_resilience_targets(body_figures, soak_figures)
    if not only or args.only_noise:
        targets += check_noise_targets(noise_figures)
    return targets


def _version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return "missing"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else ""


def environment() -> dict[str, Any]:
    """What the numbers were measured on."""
    prism_pkg = ROOT / "bench/node_modules/@stoplight/prism-cli/package.json"
    return {
        "cpus": os.cpu_count(),
        "loadavg_before": os.getloadavg()[0],
        "cpu_pressure_before": cpu_pressure(),
        "python": platform.python_version(),
        "granian": importlib.metadata.version("granian"),
        "flask": importlib.metadata.version("flask"),
        "wrk": _version(["wrk", "--version"]),
        "node": _version(["node", "--version"]),
        "prism": json.loads(prism_pkg.read_text())["version"] if prism_pkg.is_file() else None,
        "numpy": _package("numpy"),
        "qiskit-aer": _package("qiskit-aer"),
        "qulacs": _package("qulacs"),
        "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(),
    }


def cpu_pressure() -> float | None:
    """/proc/pressure/cpu's `some avg60`: the share of the last minute (percent) in
    which a runnable task waited for a CPU, i.e. how contended the machine was."""
    try:
        first = Path("/proc/pressure/cpu").read_text(encoding="ascii").splitlines()[0]
    except (OSError, IndexError):
        return None
    fields = dict(part.split("=") for part in first.split()[1:])
    return float(fields["avg60"]) if "avg60" in fields else None


def _package(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str | None:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return None


def _memory_gib() -> float | None:
    try:
        first = Path("/proc/meminfo").read_text(encoding="ascii").splitlines()[0]
    except (OSError, IndexError):
        return None
    return round(int(first.split()[1]) * 1024 / 2**30, 1)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line of `python -m bench`."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run (10)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up load (2)")
    parser.add_argument(
        "--cold-starts", type=int, default=3, help="launches per server; the median is reported (3)"
    )
    parser.add_argument(
        "--servers",
        default="fake,full,prism,bare,raw",
        help="which to run, in order (fake,full,prism,bare,raw)",
    )
    parser.add_argument("--fake-command", default=FAKE_COMMAND, help="argv template of the fake")
    parser.add_argument("--bare-command", default=BARE_COMMAND, help="argv template of the bare")
    parser.add_argument(
        "--client-app",
        default="mock_server.wsgi:app",
        help="WSGI target for the in-process client run (module:attr or module:factory())",
    )
    parser.add_argument(
        "--client-server",
        default="fake",
        choices=("fake", "bare"),
        help="server for the client run over a socket",
    )
    parser.add_argument("--client-rounds", type=int, default=5)
    parser.add_argument("--client-round-s", type=float, default=0.5)
    parser.add_argument("--no-client", action="store_true", help="skip the client benchmark")
    parser.add_argument("--no-jobs", action="store_true", help="skip the Bell and busy-job runs")
    parser.add_argument("--bell-round-trips", type=int, default=300, help="timed (300)")
    parser.add_argument("--bell-warmup", type=int, default=30, help="untimed first (30)")
    parser.add_argument("--no-engines", action="store_true", help="skip simulator vs aer")
    parser.add_argument(
        "--engine-widths", default="16,20,24", help="qubits of the engine comparison (16,20,24)"
    )
    parser.add_argument(
        "--busy-connections",
        default="32,1",
        help="wrk connections of the reads during a wide job, one run each (32,1)",
    )
    parser.add_argument("--busy-qubits", type=int, default=24, help="width of the busy job (24)")
    parser.add_argument(
        "--busy-depth",
        type=int,
        default=None,
        help="layers of the busy job (default: from the engine comparison's time at that width)",
    )
    parser.add_argument(
        "--widest",
        action="store_true",
        help="measure the widest circuit (26-29 qubits, ~12 min, ~17 GB) and save it",
    )
    parser.add_argument(
        "--widest-widths", default="26,27,28,29", help="widths --widest tries (26,27,28,29)"
    )
    parser.add_argument(
        "--no-body-checks",
        action="store_true",
        help="skip the 10 MB body checks and the reads while they run",
    )
    parser.add_argument(
        "--body-repeats", type=int, default=5, help="POSTs of each body to the app (5)"
    )
    parser.add_argument("--no-soak", action="store_true", help="skip the soak")
    parser.add_argument("--soak-seconds", type=float, default=60.0, help="soak length (60)")
    parser.add_argument(
        "--soak-connections", type=int, default=16, help="soak workers, one connection each (16)"
    )
    parser.add_argument("--soak-keys", type=int, default=8, help="API keys of the soak (8)")
    parser.add_argument("--soak-seed", type=int, default=2024, help="the soak's seed (2024)")
    parser.add_argument("--no-noise", action="store_true", help="skip the noisy jobs")
    parser.add_argument(
        "--noise-repeats",
        type=int,
        default=3,
        help="rounds of the 12-qubit noisy job (API, then each engine); medians (3)",
    )
    parser.add_argument(
        "--noise-wide-depth",
        type=int,
        default=noise.CASES["wide"].depth,
        help=f"layers of the 20-qubit noisy circuit, 30 gates each ({noise.CASES['wide'].depth})",
    )
    parser.add_argument(
        "--noise-wide-shots",
        type=int,
        default=noise.CASES["wide"].shots,
        help=f"shots of the 20-qubit noisy circuit ({noise.CASES['wide'].shots})",
    )
    parser.add_argument(
        "--noise-widest-shots",
        type=int,
        default=noise.CASES["widest"].shots,
        help=f"shots of the 25-qubit noisy GHZ ({noise.CASES['widest'].shots})",
    )
    parser.add_argument(
        "--noise-widest-aer",
        action="store_true",
        help="run qiskit-aer on the 25-qubit noisy GHZ too (about 10 s a shot on 2 cores)",
    )
    parser.add_argument(
        "--noise-all-cores",
        action="store_true",
        help="at 20 and 25 qubits, also ours with one BLAS thread per core (12: always)",
    )
    parser.add_argument(
        "--noise-quick",
        action="store_true",
        help="the noisy jobs at small sizes, in seconds (a smoke test; the figures mean little)",
    )
    parser.add_argument(
        "--only-noise",
        action="store_true",
        help="run the noisy jobs and nothing else (with the other --only flags: those too)",
    )
    parser.add_argument("--no-compilation", action="store_true", help="skip the native gate counts")
    parser.add_argument(
        "--only-compilation",
        action="store_true",
        help="count native gates (ours against qiskit-ionq's) and nothing else",
    )
    for part in (qasm3, processes, stores):
        part.add_arguments(parser)
    parser.add_argument(
        "--only-body-checks",
        action="store_true",
        help="run the body checks and nothing else (with --only-soak: both)",
    )
    parser.add_argument(
        "--only-soak",
        action="store_true",
        help="run the soak and nothing else (with --only-body-checks: both)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results")
    parser.add_argument("--logs", type=Path, default=ROOT / "build/bench", help="server logs")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    return parser.parse_args(argv)


def available(name: str, spec: ServerSpec) -> str | None:
    """Why a server cannot run here, or None if it can."""
    program = spec.argv(HOST, 0)[0]
    if not Path(program).exists():
        return f"{program} does not exist"
    if name == "prism" and not PRISM_BIN.exists():
        return "Prism is not installed in bench/node_modules (make bench installs it)"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON."""
    args = parse_args(argv)
    only = apply_only(args)
    started = time.perf_counter()
    settings = LoadSettings(args.duration, args.connections, args.threads)
    specs = server_specs(args.fake_command, args.bare_command)
    env = environment()
    if env["loadavg_before"] > 0.5:
        print(
            f"warning: load average is {env['loadavg_before']:.2f} before the run; "
            "something else is using the CPU and the figures will be low and noisy",
            file=sys.stderr,
        )
    servers: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for name in filter(None, args.servers.split(",")):
        spec = specs[name]
        reason = available(name, spec)
        if reason is not None:
            skipped[name] = reason
            print(f"skip {name}: {reason}", file=sys.stderr)
            continue
        print(f"{name}: {spec.description} ...", file=sys.stderr, flush=True)
        servers[name] = bench_server(spec, settings, args.warmup, args.logs, args.cold_starts)

    client: list[dict[str, Any]] = []
    if not args.no_client:
        spec = specs[args.client_server]
        print(f"client: against {args.client_app} and {spec.name} ...", file=sys.stderr, flush=True)
        client = bench_client(
            args.client_app, spec, args.logs, args.client_rounds, args.client_round_s
        )

    job_figures: dict[str, Any] = (
        {"bell": [], "engines": None, "busy": None, "widest": None}
        if only
        else bench_jobs(args, specs["fake"], settings)
    )
    body_figures, soak_figures = bench_resilience(args, specs["fake"], settings)
    noise_figures = bench_noise(args, specs["fake"])
    compilation_figures = None if args.no_compilation else compilation.measure()
    qasm3_figures = bench_qasm3(args, specs["fake"])
    process_figures, store_figures = bench_serving(args, specs["fake"], settings)

    def rps(name: str, run: str = "single") -> float | None:
        return servers[name][run]["requests_per_s"] if name in servers else None

    def cpu_us(name: str) -> float | None:
        return servers[name]["single"]["cpu_us_per_request"] if name in servers else None

    def cold(name: str) -> float | None:
        return servers[name]["cold_start_s"] if name in servers else None

    ratios = {
        "fake/prism req/s": ratio(rps("fake"), rps("prism")),
        "fake/prism req/s, mix": ratio(rps("fake", "mix"), rps("prism", "mix")),
        "fake/raw req/s": ratio(rps("fake"), rps("raw")),
        "fake/raw req/s, mix": ratio(rps("fake", "mix"), rps("raw", "mix")),
        "fake/full req/s": ratio(rps("fake"), rps("full")),
        "fake/full req/s, mix": ratio(rps("fake", "mix"), rps("full", "mix")),
        "fake/bare req/s": ratio(rps("fake"), rps("bare")),
        # The same comparison in CPU time per request (the inverse, so that
        # above 1 still means the fake is ahead): other load on the machine
        # slows the wall clock of whichever server runs beside it, not this.
        "prism/fake CPU per request": ratio(cpu_us("prism"), cpu_us("fake")),
        "raw/fake CPU per request": ratio(cpu_us("raw"), cpu_us("fake")),
        "fake/prism cold start": ratio(cold("fake"), cold("prism")),
    }
    targets = [] if only else check_targets(servers, client, settings.connections)
    targets += part_targets(args, only, job_figures, (body_figures, soak_figures, noise_figures))
    elapsed = time.perf_counter() - started
    env["loadavg_after"] = os.getloadavg()[0]
    env["cpu_pressure_after"] = cpu_pressure()
    now = dt.datetime.now(dt.UTC)
    document = {
        "date": now.date().isoformat(),
        "finished_at": now.isoformat(timespec="seconds"),
        "elapsed_s": round(elapsed, 1),
        "environment": env,
        "load": {**settings.__dict__, "single_path": SINGLE_PATH},
        "mix": [{"name": s.name, "path": s.path, "header": s.header} for s in MIX],
        "servers": servers,
        "skipped": skipped,
        "ratios": {k: None if v is None else round(v, 3) for k, v in ratios.items()},
        "client": client,
        "jobs": {"bell": job_figures["bell"], "busy": job_figures["busy"]},
        "simulator": {"engines": job_figures["engines"], "widest": job_figures["widest"]},
        "body_checks": body_figures,
        "soak": soak_figures,
        "noise": noise_figures,
        "compilation": compilation_figures,
        "qasm3": qasm3_figures,
        "processes": process_figures,
        "stores": store_figures,
        "only": only,
        "targets": [t.as_dict() for t in targets],
    }
    name = "-".join([now.date().isoformat(), *only])
    path = report.write_json(document, args.out, name)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path

    parts = [
        f"wrk: {settings.threads} threads, {settings.connections} connections, "
        f"{settings.duration_s:g} s per run, keep-alive; GET {SINGLE_PATH} and a "
        f"{len(MIX)}-request mix",
        "",
        *report.server_table(servers),
        "",
        *report.ratio_lines(ratios),
        "",
        *report.client_lines(client),
        "",
        *report.bell_lines(job_figures["bell"]),
        "",
        *report.engine_lines(job_figures["engines"]),
        "",
        *report.widest_lines(job_figures["widest"]),
        "",
        *report.busy_lines(job_figures["busy"]),
    ]
    lines = [] if only else [*parts, ""]
    lines += [
        *report.body_check_lines(body_figures),
        "",
        *report.soak_lines(soak_figures),
        "",
        *report.noise_lines(noise_figures),
        "",
        *compilation.report_lines(compilation_figures),
        "",
        *qasm3.report_lines(qasm3_figures),
        "",
        *processes.report_lines(process_figures),
        "",
        *stores.report_lines(store_figures),
        "",
        *report.target_lines(targets),
        "",
        f"total {elapsed:.0f} s; results in {shown}",
    ]
    # A part that did not run leaves no lines: one blank line between the others.
    lines = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
    print("\n".join(lines))
    failed = any(t.passed is False for t in targets)
    return 1 if args.strict and failed else 0
