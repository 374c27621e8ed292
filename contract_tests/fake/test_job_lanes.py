"""The job runner's lanes: one thread each, reused while busy, the wide one at low priority."""

from __future__ import annotations

import os
import threading

from mock_server.api.jobs.lanes import BACKGROUND_NICE, Lane


def _run_one(background: bool) -> tuple[int, str]:
    seen: dict[str, object] = {}
    done = threading.Event()

    def record(job_id: str) -> None:
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        seen["thread"] = threading.current_thread().name
        seen["job"] = job_id
        done.set()

    Lane("test", record, background=background).put("job-1")
    assert done.wait(5)
    assert seen["job"] == "job-1"
    return int(str(seen["nice"])), str(seen["thread"])


def test_a_background_lane_runs_at_the_lowest_priority() -> None:
    nice, thread = _run_one(background=True)
    assert nice == BACKGROUND_NICE == 19
    assert thread == "ionq-mock test jobs"


def test_a_foreground_lane_keeps_the_process_priority() -> None:
    nice, _ = _run_one(background=False)
    assert nice == os.getpriority(os.PRIO_PROCESS, 0)


def test_a_lane_reuses_its_thread_for_work_that_follows() -> None:
    threads: list[int] = []
    done = threading.Semaphore(0)

    def record(_job_id: str) -> None:
        threads.append(threading.get_ident())
        done.release()

    lane = Lane("reuse", record)
    lane.put("a")
    assert done.acquire(timeout=5)
    lane.put("b")  # while the thread still waits for more (LANE_IDLE_S)
    assert done.acquire(timeout=5)
    assert len(threads) == 2
    assert threads[0] == threads[1]
