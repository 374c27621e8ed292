"""Reads while a wide job simulates, with the simulation in a process of its own and without.

The same measurement as bench/jobs.py's busy reads (p99 of GET
/backends/qpu.aria-1 idle, then while a 24-qubit job simulates, at each
connection count), run twice in one go on the same machine: `ionq-mock
serve --simulators 1` (the default: the job runs in a child process) and
`--simulators 0` (on a thread of the serving process, as before), so that
the two ratios are comparable.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench import jobs
from bench.load import LoadSettings
from bench.servers import ServerSpec

SIMULATORS = (1, 0)


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
    """busy_reads for each value of --simulators, keyed by it."""
    figures = {}
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
    return figures


def report_lines(figures: Mapping[str, Any] | None) -> list[str]:
    """The busy-read lines of each setting, under a heading naming it."""
    if not figures:
        return []
    from bench import report  # noqa: PLC0415 - report imports the parts' modules

    lines = []
    for count, busy in figures.items():
        where = "in a process of its own" if count != "0" else "on a thread of the server"
        lines += [f"--simulators {count} (the simulation {where}):", *report.busy_lines(busy)]
    return lines
