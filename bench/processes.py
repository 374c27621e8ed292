"""Simulation processes: reads while a wide job simulates, and a noisy job over 1 and 2 of them.

The same measurement as bench/jobs.py's busy reads (p99 of GET
/backends/qpu.aria-1 idle, then while a 24-qubit job simulates, at each
connection count), run twice in one go on the same machine: `ionq-mock
serve --simulators 1` (the default: the job runs in a child process) and
`--simulators 0` (on a thread of the serving process, as before), so that
the two ratios are comparable. Then bench/noise.py's "wide" noisy job (20
qubits, depth 3, 1,000 shots, aria-1) through the API with `--simulators 1`
and `2`: its shots are drawn in parts that the processes share.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from bench import jobs, noise
from bench.load import LoadSettings
from bench.servers import ServerSpec, launch

SIMULATORS = (1, 0)
NOISY_SIMULATORS = (1, 2)
NOISY_REPEATS = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """This part's options of `python -m bench`."""
    parser.add_argument(
        "--no-processes", action="store_true", help="skip reads during a wide job, 1 vs 0 processes"
    )
    parser.add_argument(
        "--only-processes",
        action="store_true",
        help="run the reads during a wide job with --simulators 1 and 0, and nothing else",
    )
    parser.add_argument(
        "--processes-connections",
        default="1,32",
        help="wrk connections of those reads, one run each (1,32)",
    )
    parser.add_argument(
        "--processes-depth",
        type=int,
        default=400,
        help="layers of the 24-qubit job: enough to outlast every run (400)",
    )


def measure(  # noqa: PLR0913 - one measurement's settings
    spec: ServerSpec,
    log_dir: Path,
    settings: LoadSettings,
    *,
    connections: Sequence[int],
    warmup_s: float,
    depth: int,
    qubits: int = 24,
) -> dict[str, Any]:
    """busy_reads for each value of --simulators, keyed by it; the noisy job under "noisy"."""
    figures: dict[str, Any] = {}
    for count in SIMULATORS:
        what = f"processes: reads during a {qubits}-qubit job, --simulators {count} ..."
        print(what, file=sys.stderr, flush=True)
        command = f"{spec.command} --simulators {count}"
        variant = dataclasses.replace(spec, name=f"{spec.name}-simulators-{count}", command=command)
        figures[str(count)] = jobs.busy_reads(
            variant,
            log_dir,
            settings=settings,
            connections=connections,
            warmup_s=warmup_s,
            qubits=qubits,
            depth=depth,
        )
    figures["noisy"] = noisy_job(spec, log_dir)
    return figures


def noisy_job(spec: ServerSpec, log_dir: Path) -> dict[str, Any]:
    """The wide noisy job's seconds through the API with 1 and 2 simulation processes."""
    case = noise.CASES["wide"]
    body = noise.noisy_job(case.ops(), case.qubits, case.shots, "bench noisy over processes")
    figures: dict[str, Any] = {"qubits": case.qubits, "depth": case.depth, "shots": case.shots}
    for count in NOISY_SIMULATORS:
        print(f"processes: the noisy {case.qubits}-qubit job, --simulators {count} ...",
              file=sys.stderr, flush=True)  # fmt: skip
        command = f"{spec.command} --simulators {count}"
        variant = dataclasses.replace(spec, name=f"{spec.name}-noisy-{count}", command=command)
        with launch(variant, log_dir) as server:
            server.wait_ready(jobs.READ_PATH)
            base_url = f"http://{server.host}:{server.port}{spec.prefix}"
            with httpx.Client(base_url=base_url, timeout=600) as client:
                runs = [noise.api_job(client, body) for _ in range(NOISY_REPEATS)]
        seconds = sorted(run["seconds"] for run in runs)
        figures[str(count)] = {"seconds": [round(s, 2) for s in seconds]}
        figures[str(count)]["probabilities_equal"] = all(
            run["probabilities"] == runs[0]["probabilities"] for run in runs
        )
    return figures


def report_lines(figures: Mapping[str, Any] | None) -> list[str]:
    """The busy-read lines of each setting, under a heading naming it."""
    if not figures:
        return []
    from bench import report  # noqa: PLC0415 - report imports the parts' modules

    lines = []
    noisy = figures.get("noisy")
    for count, busy in figures.items():
        if count == "noisy":
            continue
        where = "in a process of its own" if count != "0" else "on a thread of the server"
        lines += [f"--simulators {count} (the simulation {where}):", *report.busy_lines(busy)]
    if noisy:
        lines.append(
            f"noisy job ({noisy['qubits']} qubits, depth {noisy['depth']}, {noisy['shots']} shots, "
            "aria-1) through the API:"
        )
        for processes in NOISY_SIMULATORS:
            run = noisy[str(processes)]
            same = "same" if run["probabilities_equal"] else "DIFFERENT"
            lines.append(f"  --simulators {processes}: {run['seconds']} s ({same} results)")
    return lines
