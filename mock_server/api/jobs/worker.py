"""`ionq-mock worker`: runs the simulations servers hand out, on any machine that reaches Redis.

A server started with `--store redis://... --simulators 0` puts each wide
run (runner.py says which runs are wide) on the work queue (mock_server/
shared/queue.py: a Redis stream with a consumer group) instead of running
it. A worker takes one run per simulation process it has, simulates it
there (execution.py: the same path as a server's own runs) and completes or
fails its job in the shared job store, which every server reads.

While it runs a task, a worker touches the task's message every
HEARTBEAT_S. A message left untouched for STALE_S belonged to a worker that
died (killed, out of memory, its machine gone); every worker looks for such
messages and fails their jobs with IonQ's `SimulationError`, naming what
happened, rather than running them again: a run that took one worker down
would likely take the next. So no job stays `started` once any worker runs.
A worker that is stopped (SIGTERM, Ctrl-C) finishes nothing it holds: the
others fail those jobs the same way.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import threading

from mock_server.api.clock import Clock
from mock_server.api.jobs import admission, execution, simulation
from mock_server.api.jobs.memory import MemoryJobStore
from mock_server.api.jobs.store import JobStore
from mock_server.shared.queue import HEARTBEAT_S, STALE_S, WorkQueue
from mock_server.shared.replica import Replica, Whole
from mock_server.shared.url import open_log

logger = logging.getLogger(__name__)

# How long a worker waits on the queue before it looks whether it should stop.
TAKE_WAIT_S = 1.0
WORKER_LOST = "the worker that ran it stopped (killed, out of memory, or its machine gone)"


def default_name() -> str:
    """A name no other worker has: the host's and this process's."""
    return f"{socket.gethostname()}-{os.getpid()}"


class Worker:
    """Takes runs off the queue at `url`, `simulators` at once, until `stop` is set."""

    def __init__(self, url: str, simulators: int, name: str | None = None) -> None:
        self.replica = Replica(open_log(url))
        # The servers' clock: what the runs it completes are stamped with.
        self.clock = Clock()
        self.clock.replica = self.replica
        self.replica.register(
            "clock", Whole(self.clock.shared_state, self.clock.restore), self.clock
        )
        self.store: JobStore = MemoryJobStore(clock=self.clock.now, replica=self.replica)
        self.queue = WorkQueue(url)
        self.name = name or default_name()
        self.processes = max(1, simulators)
        # One slot per simulation process; the parts of a noisy run share them.
        self._slots = threading.BoundedSemaphore(self.processes)
        self.stop = threading.Event()

    def run(self) -> None:
        """Serve until `stop` is set: a taker per process, and the search for lost runs."""
        self.replica.start()
        self.replica.follow()
        threads = [
            threading.Thread(target=self._take, name=f"ionq-mock worker {index}", daemon=True)
            for index in range(self.processes)
        ]
        threads.append(threading.Thread(target=self._reap, name="ionq-mock reaper", daemon=True))
        for thread in threads:
            thread.start()
        self.stop.wait()
        for thread in threads:
            thread.join(timeout=TAKE_WAIT_S * 2)

    def _take(self) -> None:
        while not self.stop.is_set():
            try:
                self._take_one()
            except Exception:  # Redis or the store away for a moment: the next take retries
                logger.exception("could not take or finish a run")
                self.stop.wait(HEARTBEAT_S)

    def _take_one(self) -> None:
        # One run: taken, simulated, its job completed or failed, its message let go. A
        # message not let go (the store away) is found stale and its job failed.
        taken = self.queue.take(self.name, TAKE_WAIT_S)
        if taken is None:
            return
        message_id, payload = taken
        job_id, task = _task(payload)
        ended = threading.Event()
        threading.Thread(
            target=self._beat, args=(message_id, ended), name="ionq-mock beat", daemon=True
        ).start()
        try:
            if execution.still_wanted(self.store, job_id)():
                execution.execute(self.store, job_id, task, self._slots)
        except Exception:  # the fake's bug, not the job's: fail it and take the next
            logger.exception("job %s failed unexpectedly", job_id)
            self.store.fail(job_id, admission.internal_error())
        finally:
            ended.set()
        self.queue.ack(message_id)

    def _beat(self, message_id: str, ended: threading.Event) -> None:
        # The heartbeat of one run, until it ends (or another worker took it over).
        while not ended.wait(HEARTBEAT_S):
            try:
                if not self.queue.touch(self.name, message_id):
                    return
            except Exception:  # Redis away for a moment: the next beat tries again
                logger.warning("could not touch run %s", message_id)

    def _reap(self) -> None:
        # Fail the jobs of runs whose worker stopped touching them.
        while not self.stop.wait(HEARTBEAT_S * 2):
            try:
                lost = self.queue.stale(self.name, STALE_S)
            except Exception:  # Redis away for a moment: try again at the next beat
                logger.exception("could not look for lost runs")
                continue
            for message_id, payload, _deliveries in lost:
                try:
                    self._give_up(message_id, payload)
                except Exception:  # found stale again at the next round
                    logger.exception("could not fail the job of lost run %s", message_id)

    def _give_up(self, message_id: str, payload: bytes) -> None:
        # A run whose worker stopped: its job fails, unless its run ended meanwhile.
        job_id, _ = _task(payload)
        job = self.store.peek(job_id)
        if job is not None and not job.settled:
            self.store.fail(job_id, admission.simulation_lost(WORKER_LOST))
        self.queue.ack(message_id)


def _task(payload: bytes) -> tuple[str, simulation.Task]:
    job_id, task = pickle.loads(payload)  # noqa: S301 - put there by the fake's own servers
    return job_id, task
