"""Walking a process tree and summing its memory."""
# ruff: noqa: S101

from __future__ import annotations

import os
from pathlib import Path

from bench.procmem import (
    CLOCK_TICKS,
    PAGE_SIZE,
    PeakSampler,
    descendants,
    parent_pids,
    sample_tree,
    tree_cpu_seconds,
)


def test_descendants_walks_the_whole_tree() -> None:
    parents = {1: 0, 10: 1, 11: 10, 12: 10, 13: 11, 20: 1}
    assert descendants(10, parents) == [10, 11, 12, 13]
    assert descendants(99, parents) == []


def fake_proc(tmp_path: Path, processes: dict[int, tuple[int, int]]) -> Path:
    """A /proc with pid -> (ppid, resident pages), and a command name with spaces."""
    for pid, (ppid, pages) in processes.items():
        d = tmp_path / str(pid)
        d.mkdir()
        # utime 7 and stime 3 ticks (fields 14 and 15).
        (d / "stat").write_text(f"{pid} (a (weird) name) S {ppid} 1 1 0 -1 0 0 0 0 0 7 3 0 0\n")
        (d / "statm").write_text(f"1000 {pages} 10 1 0 5 0\n")
        (d / "smaps_rollup").write_text(f"Rss: {pages * 4} kB\nPss: {pages * 2} kB\n")
    (tmp_path / "self").mkdir()  # not a pid: ignored
    return tmp_path


def test_sample_sums_the_tree_and_ignores_the_rest(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, {100: (1, 10), 101: (100, 20), 102: (101, 30), 200: (1, 1000)})
    assert parent_pids(proc) == {100: 1, 101: 100, 102: 101, 200: 1}
    sample = sample_tree(100, proc)
    assert sample.processes == 3
    assert sample.rss_bytes == 60 * PAGE_SIZE
    assert sample.pss_bytes == 60 * 2 * 1024
    assert sample.largest_rss_bytes == 30 * PAGE_SIZE
    assert tree_cpu_seconds(100, proc) == 3 * 10 / CLOCK_TICKS


def test_sampler_sees_this_process() -> None:
    with PeakSampler(os.getpid(), interval_s=0.01) as sampler:
        pass
    assert sampler.samples >= 1
    assert sampler.peak.rss_bytes > 0
    assert sampler.peak.processes >= 1
    assert 0 < sampler.largest_process_bytes <= sampler.peak.rss_bytes
