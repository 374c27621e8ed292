"""Where jobs run: a queue of job ids and the threads that drain it, started when needed.

A lane runs one job at a time per worker thread (one, unless told more: the
wide lane has a thread per simulation process). A thread starts with a job
that finds every other busy, and ends after LANE_IDLE_S without work: long
enough that a test's or a notebook's stream of jobs reuses it, short enough
that an idle fake holds no thread. A background lane runs at the lowest CPU
priority, so that on a machine with few cores the kernel runs the request
threads (and the clients polling them) before a wide simulation; a
simulation process (mock_server/api/jobs/processes.py) takes the same.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from collections.abc import Callable

LANE_IDLE_S = 5.0
# The niceness of a background lane's thread (19: the lowest priority).
BACKGROUND_NICE = 19


def yield_to_requests() -> None:
    """Give the calling thread the lowest CPU priority (Linux: per-thread nice 19).

    Where threads have no priority of their own, nothing changes.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)


class Lane:
    """Runs `run(job_id)` for each id put, in order, at most `workers` at a time, on threads
    of its own."""

    def __init__(
        self,
        name: str,
        run: Callable[[str], None],
        *,
        background: bool = False,
        workers: int = 1,
    ) -> None:
        self._name = name
        self._run = run
        self._background = background
        self._workers = max(1, workers)
        self._queue: deque[str] = deque()
        self._ready = threading.Condition(threading.Lock())
        self._threads = 0  # alive
        self._idle = 0  # of them, waiting for work

    def put(self, job_id: str) -> None:
        """Queue a job id; start a thread when none is idle and the lane has room for one."""
        with self._ready:
            self._queue.append(job_id)
            # Every job queued needs a thread: an idle one woken may not have run yet.
            if len(self._queue) > self._idle and self._threads < self._workers:
                self._threads += 1
                threading.Thread(
                    target=self._drain, name=f"ionq-mock {self._name} jobs", daemon=True
                ).start()
            else:
                self._ready.notify()

    def _drain(self) -> None:
        if self._background:
            yield_to_requests()
        while True:
            with self._ready:
                if not self._queue:
                    self._idle += 1
                    self._ready.wait(LANE_IDLE_S)
                    self._idle -= 1
                if not self._queue:
                    self._threads -= 1
                    return
                job_id = self._queue.popleft()
            self._run(job_id)
