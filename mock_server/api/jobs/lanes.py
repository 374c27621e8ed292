"""Where jobs run: a queue of job ids and the one thread that drains it, started when needed.

A lane's thread starts with the first job and ends after LANE_IDLE_S without
work: long enough that a test's or a notebook's stream of jobs reuses it,
short enough that an idle fake holds no thread. A background lane runs at the
lowest CPU priority, so that on a machine with few cores the kernel runs the
request threads (and the clients polling them) before a wide simulation.
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
    """Runs `run(job_id)` for each id put, one at a time, in order, on its own thread."""

    def __init__(self, name: str, run: Callable[[str], None], *, background: bool = False) -> None:
        self._name = name
        self._run = run
        self._background = background
        self._queue: deque[str] = deque()
        self._ready = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None

    def put(self, job_id: str) -> None:
        """Queue a job id; start the lane's thread if it has none."""
        with self._ready:
            self._queue.append(job_id)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._drain, name=f"ionq-mock {self._name} jobs", daemon=True
                )
                self._thread.start()
            else:
                self._ready.notify()

    def _drain(self) -> None:
        if self._background:
            yield_to_requests()
        while True:
            with self._ready:
                if not self._queue:
                    self._ready.wait(LANE_IDLE_S)
                if not self._queue:
                    self._thread = None
                    return
                job_id = self._queue.popleft()
            self._run(job_id)
