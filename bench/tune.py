"""Choose the WSGI server and worker model by measurement.

Not part of `make bench`: it runs one short wrk load per candidate command
line (granian's workers / threads / blocking threads, gunicorn's gthread if
installed) against one WSGI app, and prints requests/s, p50/p99, the CPU
time per request and the process tree's peak RSS. The winner is what
`ionq-mock serve` runs (mock_server/cli.py), and so what `make bench` measures.

    .venv/bin/python -m bench.tune --app bench.bare_app:app
    .venv/bin/python -m bench.tune --app mock_server.wsgi:app
    .venv/bin/python -m bench.tune --only 'ionq-mock serve' 'ionq-mock serve --no-access-log'
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from bench.load import LoadSettings, run_wrk
from bench.procmem import PeakSampler, tree_cpu_seconds
from bench.servers import BIN, ServerSpec, launch

GRANIAN = "{bin}/granian --interface wsgi --host {host} --port {port} --log-level warning"
GUNICORN = "{bin}/gunicorn --bind {host}:{port} --log-level warning"
MOCK = "{bin}/ionq-mock serve --host {host} --port {port}"

# name -> server options (the app target is appended).
CANDIDATES: dict[str, str] = {
    "granian w1 bt1": f"{GRANIAN} --http 1 --no-ws --workers 1 --blocking-threads 1",
    "granian w1 bt1 auto-http": f"{GRANIAN} --workers 1 --blocking-threads 1",
    "granian w1 bt2": f"{GRANIAN} --http 1 --no-ws --workers 1 --blocking-threads 2",
    "granian w1 bt4": f"{GRANIAN} --http 1 --no-ws --workers 1 --blocking-threads 4",
    "granian w1 bt1 rt2": f"{GRANIAN} --http 1 --no-ws --workers 1 --blocking-threads 1 "
    "--runtime-threads 2",
    "granian w1 bt1 st": f"{GRANIAN} --http 1 --no-ws --workers 1 --blocking-threads 1 "
    "--runtime-mode st",
    "granian w2 bt1": f"{GRANIAN} --http 1 --no-ws --workers 2 --blocking-threads 1",
    "granian w2 bt2": f"{GRANIAN} --http 1 --no-ws --workers 2 --blocking-threads 2",
    "gunicorn gthread w1 t8": f"{GUNICORN} --worker-class gthread --workers 1 --threads 8",
    "gunicorn gthread w2 t4": f"{GUNICORN} --worker-class gthread --workers 2 --threads 4",
    "gunicorn gthread w2 t16": f"{GUNICORN} --worker-class gthread --workers 2 --threads 16",
}
# `ionq-mock serve` itself (always the fake, whatever --app says).
CLI_CANDIDATES: dict[str, str] = {
    "ionq-mock serve": MOCK,
    "ionq-mock serve --no-access-log": f"{MOCK} --no-access-log",
    "ionq-mock serve --threads 2 --no-access-log": f"{MOCK} --threads 2 --no-access-log",
    "ionq-mock serve --workers 2 --no-access-log": f"{MOCK} --workers 2 --no-access-log",
}


def measure(
    name: str, command: str, path: str, settings: LoadSettings, log_dir: Path
) -> dict[str, object]:
    """Start one candidate, warm it up, load it, and return its figures."""
    spec = ServerSpec(name="tune", command=command)
    with launch(spec, log_dir) as server, PeakSampler(server.pid) as memory:
        cold_s = server.wait_ready(path)
        run_wrk(server.url(path), LoadSettings(2, settings.connections, settings.threads))
        cpu_before = tree_cpu_seconds(server.pid)
        result = run_wrk(server.url(path), settings)
        cpu_s = tree_cpu_seconds(server.pid) - cpu_before
    return {
        "candidate": name,
        "requests_per_s": round(result.requests_per_s),
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "errors": result.errors,
        "cpu_us_per_request": round(cpu_s / max(1, result.requests) * 1e6, 1),
        "peak_rss_mb": round(memory.peak.rss_bytes / 2**20, 1),
        "processes": memory.peak.processes,
        "cold_start_s": round(cold_s, 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure every candidate (or those named) and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--app", default="bench.bare_app:app", help="WSGI target, module:attr")
    parser.add_argument("--path", default="/backends/qpu.aria-1")
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", nargs="*", help="candidate names to run (default: all)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    settings = LoadSettings(args.duration, args.connections)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-tune-") as tmp:
        commands = {name: f"{options} {args.app}" for name, options in CANDIDATES.items()}
        commands |= CLI_CANDIDATES
        for name, command in commands.items():
            if (args.only and name not in args.only) or (not args.only and name in CLI_CANDIDATES):
                continue
            if name.startswith("gunicorn") and shutil.which("gunicorn", path=str(BIN)) is None:
                print(f"skip {name}: gunicorn is not installed in .venv")
                continue
            rows.append(measure(name, command, args.path, settings, Path(tmp)))
            row = rows[-1]
            print(
                f"{row['candidate']:<28} {row['requests_per_s']:>7} req/s  "
                f"p50 {row['p50_ms']:>6.2f} ms  p99 {row['p99_ms']:>6.2f} ms  err {row['errors']}  "
                f"rss {row['peak_rss_mb']:>6} MB ({row['processes']} proc)  "
                f"cold {row['cold_start_s']} s  cpu {row['cpu_us_per_request']} us/req",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
