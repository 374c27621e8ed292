"""Peak memory of a server's whole process tree, sampled from /proc.

A server is rarely one process: granian forks workers, gunicorn too, and npx
or a shell may sit above Prism. Summing the resident set of every descendant
of the launched process is the only figure that compares them fairly; a
sampler thread reads it every few milliseconds while the load runs, because
the peak happens under load, not at rest.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int, proc: Path) -> list[str] | None:
    """/proc/<pid>/stat from field 3 on (None once the process has gone)."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:  # the process ended between listing and reading
        return None
    # The command name (field 2) is in parentheses and may hold spaces.
    return stat.rsplit(")", 1)[1].split()


def parent_pids(proc: Path = PROC) -> dict[int, int]:
    """Map every live pid to its parent pid, from /proc/<pid>/stat."""
    parents: dict[int, int] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name), proc)):
            parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(root: int, parents: dict[int, int]) -> list[int]:
    """`root` and every process below it, in breadth-first order."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    tree = [root] if root in parents else []
    for pid in tree:  # the list grows while it is walked
        tree.extend(sorted(children.get(pid, [])))
    return tree


def rss_bytes(pid: int, proc: Path = PROC) -> int:
    """Resident set size of one process (0 once it has gone)."""
    try:
        statm = (proc / str(pid) / "statm").read_text().split()
    except OSError:
        return 0
    return int(statm[1]) * PAGE_SIZE


def pss_bytes(pid: int, proc: Path = PROC) -> int:
    """Proportional set size: RSS with shared pages split among their users.

    Forked workers share the pages they inherited, which a sum of RSS counts
    once per process; the sum of PSS counts them once.
    """
    try:
        text = (proc / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_cpu_seconds(root: int, proc: Path = PROC) -> float:
    """User + system CPU time used so far by `root` and its live descendants.

    CPU time per request is the figure that survives a busy machine: other
    load slows the wall clock, not the work each request needs.
    """
    ticks = 0
    for pid in descendants(root, parent_pids(proc)):
        fields = _stat_fields(pid, proc)
        if fields:  # utime and stime are fields 14 and 15 of stat
            ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS


@dataclass(frozen=True)
class TreeSample:
    """The resident memory of a process tree at one instant."""

    rss_bytes: int
    pss_bytes: int
    processes: int
    # The RSS of the tree's largest process: a worker's, when a supervisor
    # forks workers (the figure "memory per worker" is about).
    largest_rss_bytes: int = 0


def sample_tree(root: int, proc: Path = PROC) -> TreeSample:
    """Sum the RSS (and PSS) of `root` and all its descendants."""
    pids = descendants(root, parent_pids(proc))
    each = [rss_bytes(pid, proc) for pid in pids]
    return TreeSample(
        sum(each),
        sum(pss_bytes(pid, proc) for pid in pids),
        len(pids),
        max(each, default=0),
    )


class PeakSampler:
    """Samples a process tree in a background thread and keeps the peak.

    Use as a context manager around the work to observe; `peak` holds the
    largest sum seen (and how many processes made it up), and
    `largest_process_bytes` the largest RSS any one process of the tree had.
    """

    def __init__(self, root: int, interval_s: float = 0.1) -> None:
        self.root = root
        self.interval_s = interval_s
        self.peak = TreeSample(0, 0, 0)
        self.largest_process_bytes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample_once()
            self._stop.wait(self.interval_s)

    def sample_once(self) -> TreeSample:
        """Take one sample now (also called by the thread), and give it."""
        sample = sample_tree(self.root)
        self.samples += 1
        if sample.rss_bytes > self.peak.rss_bytes:
            self.peak = sample
        self.largest_process_bytes = max(self.largest_process_bytes, sample.largest_rss_bytes)
        return sample

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample_once()
