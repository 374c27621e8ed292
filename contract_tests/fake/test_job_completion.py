"""When a run's completion becomes visible, in the store itself (JobStore's "Completion").

A run that ended completes its job at the first read, or, for a job with a
plan on the clock, at the plan's end; until then a cancel or a move still
acts on it, and a batch that fails keeps the runs that had ended. Driven
through MemoryJobStore directly, on a clock the test holds, so that no
thread decides the order.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from mock_server.api.jobs.creation import JobRequest, read_job_request
from mock_server.api.jobs.memory import MemoryJobStore
from mock_server.api.jobs.model import Failure, JobStatus
from mock_server.api.jobs.store import CancelOutcome
from mock_server.api.jobs.timing import Plan

T0 = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
COUNTS = {"1q": 1, "2q": 0}
CIRCUIT = [{"gate": "h", "target": 0}]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def request(circuits: int = 1) -> JobRequest:
    body: dict[str, Any] = {"backend": "simulator", "shots": 10}
    if circuits == 1:
        body |= {"type": "ionq.circuit.v1", "input": {"gateset": "qis", "qubits": 1}}
        body["input"]["circuit"] = CIRCUIT
    else:
        circuit = {"circuit": CIRCUIT}
        body |= {"type": "ionq.multi-circuit.v1"}
        body["input"] = {"gateset": "qis", "qubits": 1, "circuits": [circuit] * circuits}
    return read_job_request(body)


def store(clock: Clock, max_unfinished_per_key: int = 250) -> MemoryJobStore:
    return MemoryJobStore(clock=clock, max_unfinished_per_key=max_unfinished_per_key)


def ran(jobs: MemoryJobStore, job_id: str) -> None:
    jobs.mark(job_id, JobStatus.STARTED)
    jobs.complete(job_id, None, dict(COUNTS))


def test_a_run_completes_its_job_at_the_first_read_stamped_when_it_ended() -> None:
    clock = Clock()
    jobs = store(clock)
    job = jobs.create("o", request())
    ran(jobs, job.id)
    assert jobs.peek(job.id).status is JobStatus.STARTED  # type: ignore[union-attr]
    clock.now = T0 + timedelta(seconds=5)
    read = jobs.get(job.id)
    assert read is not None
    assert (read.status, read.completed_at) == (JobStatus.COMPLETED, T0)


def test_a_cancel_before_the_first_read_cancels_and_drops_the_results() -> None:
    jobs = store(Clock())
    job = jobs.create("o", request())
    ran(jobs, job.id)
    assert jobs.cancel("o", job.id) is CancelOutcome.CANCELED
    read = jobs.get(job.id)
    assert read is not None
    assert (read.status, read.result, read.compiled) == (JobStatus.CANCELED, None, None)


def test_a_move_before_the_first_read_moves_and_after_it_is_refused() -> None:
    jobs = store(Clock())
    first, second = jobs.create("o", request()), jobs.create("o", request())
    for job in (first, second):
        ran(jobs, job.id)
    moved = jobs.move("o", first.id, lambda original: original)
    assert not isinstance(moved, CancelOutcome)
    assert jobs.get(first.id).status is JobStatus.CANCELED  # type: ignore[union-attr]
    assert jobs.get(second.id).status is JobStatus.COMPLETED  # type: ignore[union-attr]
    assert jobs.move("o", second.id, lambda original: original) is CancelOutcome.FINISHED


def test_a_failed_batch_keeps_the_circuits_whose_runs_had_ended() -> None:
    jobs = store(Clock())
    parent = jobs.create("o", request(3), child_requests=request(3).child_requests())
    first, second, third = parent.child_ids or ()
    ran(jobs, first)
    jobs.fail(parent.id, Failure("SimulationError", "too large"))  # the batch as a whole
    statuses = [jobs.get(child).status for child in (first, second, third)]  # type: ignore[union-attr]
    assert statuses == [JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.FAILED]
    assert jobs.get(parent.id).status is JobStatus.FAILED  # type: ignore[union-attr]


def test_reading_a_batch_reveals_its_circuits_and_completes_it() -> None:
    jobs = store(Clock())
    parent = jobs.create("o", request(2), child_requests=request(2).child_requests())
    for child in parent.child_ids or ():
        ran(jobs, child)
    assert jobs.peek(parent.id).status is not JobStatus.COMPLETED  # type: ignore[union-attr]
    assert jobs.get(parent.id).status is JobStatus.COMPLETED  # type: ignore[union-attr]


def test_a_listing_reveals_what_it_lists() -> None:
    from mock_server.api.jobs.store import JobFilter  # noqa: PLC0415

    jobs = store(Clock())
    job = jobs.create("o", request())
    ran(jobs, job.id)
    listed, _ = jobs.page("o", JobFilter(status="completed"), 10, None)
    assert [each.id for each in listed] == [job.id]


def test_a_planned_job_completes_at_its_plan_s_end_read_or_not() -> None:
    clock = Clock()
    jobs = store(clock)
    job = jobs.create("o", request())
    plan = Plan.after(T0, 60.0, 2.0, None)
    jobs.mark(job.id, JobStatus.READY)
    jobs.schedule(job.id, plan)
    jobs.complete(job.id, None, dict(COUNTS))  # simulated while it waits
    clock.now = plan.start_at
    jobs.mark(job.id, JobStatus.STARTED, at=plan.start_at)
    jobs.reveal(job.id)  # too early: still running
    assert jobs.get(job.id).status is JobStatus.STARTED  # type: ignore[union-attr]
    clock.now = plan.end_at
    jobs.reveal(job.id)
    done = jobs.peek(job.id)
    assert done is not None
    assert (done.status, done.started_at, done.completed_at) == (
        JobStatus.COMPLETED,
        T0 + timedelta(seconds=60),
        T0 + timedelta(seconds=62),
    )
    assert done.execution_duration_ms == 2000


def test_a_completed_job_is_canceled_and_a_failed_one_stays_failed() -> None:
    jobs = store(Clock())
    done, failed = jobs.create("o", request()), jobs.create("o", request())
    ran(jobs, done.id)
    assert jobs.get(done.id).status is JobStatus.COMPLETED  # type: ignore[union-attr]
    jobs.fail(failed.id, Failure("SimulationError", "no"))
    assert jobs.cancel("o", done.id) is CancelOutcome.CANCELED
    assert jobs.cancel("o", failed.id) is CancelOutcome.FINISHED
    assert jobs.get(done.id).result is None  # type: ignore[union-attr]
    assert jobs.get(failed.id).status is JobStatus.FAILED  # type: ignore[union-attr]


def test_runs_that_ended_free_their_place_under_the_bound() -> None:
    jobs = store(Clock(), max_unfinished_per_key=2)
    for _ in range(5):
        ran(jobs, jobs.create("o", request()).id)
    assert len(list(jobs.all())) == 5
