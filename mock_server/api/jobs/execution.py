"""A run's simulation and what is kept of it: the one path from a Task to the job store.

The runner takes it for the runs of its own process (mock_server/api/jobs/
runner.py), a worker for the runs it takes off the work queue (worker.py), so
that the rules are one: a run the job no longer wants (canceled, deleted) is
stopped and keeps nothing; one out of memory fails with IonQ's
`SimulationError` as out of memory; one whose process died fails naming how;
an outcome completes the job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from mock_server.api.jobs import admission, processes, simulation
from mock_server.api.jobs.store import JobStore


class Canceled(Exception):  # noqa: N818 - a signal, not an error
    """The run's job was canceled or deleted while it ran."""


def execute(
    store: JobStore, job_id: str, task: simulation.Task, slots: threading.Semaphore | None
) -> None:
    """Simulate `task`, each part in a child process while it holds one of `slots` (None: in
    this thread), and complete the job with the outcome, or fail it."""
    outcome = simulate(store, job_id, task, slots)
    if outcome is not None:
        store.complete(
            job_id,
            outcome.result,
            outcome.gate_counts,
            warnings=outcome.warnings,
            mitigation=outcome.mitigation,
            compiled=outcome.compiled,
        )


def simulate(
    store: JobStore, job_id: str, task: simulation.Task, slots: threading.Semaphore | None
) -> simulation.Outcome | None:
    """The run's outcome; None when the job was canceled meanwhile, or failed (kept)."""
    pieces = simulation.parts(task)
    try:
        if slots is not None:
            outcomes = processes.run_all(pieces, still_wanted(store, job_id), slots)
        else:
            stop = stop_if_finished(store, job_id)
            outcomes = [simulation.simulate(piece, stop) for piece in pieces]
        return simulation.merged(task, outcomes)
    except (Canceled, processes.Stopped):
        return None
    except MemoryError:
        store.fail(job_id, admission.out_of_memory())
    except processes.ProcessFailed as lost:
        failure = admission.out_of_memory() if lost.out_of_memory else None
        store.fail(job_id, failure or admission.simulation_lost(lost.reason))
    return None


def still_wanted(store: JobStore, job_id: str) -> Callable[[], bool]:
    """Whether a job that runs is still unfinished and kept."""

    def wanted() -> bool:
        current = store.peek(job_id)
        return current is not None and not current.finished

    return wanted


def stop_if_finished(store: JobStore, job_id: str) -> Callable[[int, int], None]:
    """A step callback that stops a run or a compile once its job was canceled or deleted."""
    wanted = still_wanted(store, job_id)

    def stop(_done: int, _total: int) -> None:
        if not wanted():
            raise Canceled

    return stop
