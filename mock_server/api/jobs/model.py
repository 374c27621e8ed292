"""A job as the fake keeps it, its statuses, and the one function that moves it between them.

IonQ's statuses are `submitted`, `ready`, `started`, `completed`, `canceled`
and `failed`. Which may follow which is the table TRANSITIONS, and every
change of status goes through `transition`, which also stamps the job's
times: so `started_at` and `completed_at` mean the same thing whoever moved
the job (the runner, a client's cancel, the test controls, the store's
bound on results).

The record is mutable and only ever changed under the store's lock: the
runner moves it from its own thread while requests read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.timing import Plan

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Result


class JobStatus(StrEnum):
    """IonQ's job statuses (the values are the wire's)."""

    SUBMITTED = "submitted"
    READY = "ready"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELED = "canceled"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        """Completed, failed or canceled: final, nothing changes it again."""
        return self in _FINISHED


_FINISHED = frozenset({JobStatus.COMPLETED, JobStatus.CANCELED, JobStatus.FAILED})

_S = JobStatus
# Which status may follow which: forward only, and a finished status never
# changes (openapi.yaml's JobStatus) but for one: a cancel turns a `completed`
# job `canceled`, as IonQ's v0.4 does (cirq-ionq documents it). `ready`
# follows `ready` when a held job is released; a job is `completed` straight
# from `submitted` when it is a dry run (priced, never run), and `failed` when
# the admission rules refuse it.
TRANSITIONS: Mapping[JobStatus, frozenset[JobStatus]] = MappingProxyType(
    {
        _S.SUBMITTED: frozenset({_S.READY, _S.STARTED, _S.COMPLETED, _S.CANCELED, _S.FAILED}),
        _S.READY: frozenset({_S.READY, _S.STARTED, _S.COMPLETED, _S.CANCELED, _S.FAILED}),
        _S.STARTED: frozenset({_S.COMPLETED, _S.CANCELED, _S.FAILED}),
        _S.COMPLETED: frozenset({_S.CANCELED}),
        _S.CANCELED: frozenset(),
        _S.FAILED: frozenset(),
    }
)


class TransitionError(RuntimeError):
    """A change of status the table does not allow: a bug of the fake, never of a client."""


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a job failed: one of IonQ's failure codes, and a sentence."""

    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        """IonQ's `failure`, with `error` repeating `message` for qiskit-ionq and cirq-ionq."""
        return {"code": self.code, "message": self.message, "error": self.message}


@dataclass(frozen=True, slots=True)
class Variant:
    """One variant of a debiased run: where it ran, its shots, and what it gave.

    `qubit_map[i]` is the device qubit the circuit's qubit i ran on; `shots`
    are the shots it ran (the variants' add up to the job's); `result` is
    over the circuit's own qubits, after symmetry verification when the job
    asked for it (so its counts may add up to fewer than `shots`).
    """

    variant_id: str
    qubit_map: tuple[int, ...]
    shots: int
    result: Result


@dataclass(frozen=True, slots=True)
class SymmetryCheck:
    """What symmetry verification did: how many outcomes it allowed, whether it applied."""

    num_allowed_states: int
    applied: bool


@dataclass(frozen=True, slots=True)
class Mitigation:
    """What error mitigation did to one circuit's run (mock_server/api/jobs/mitigated_run.py).

    `variants` is empty when the run was not debiased; `voting` is then
    None too (the job's `result` is the `average` aggregation when it was).
    `symmetry` is None when symmetry verification was not asked for.
    """

    variants: tuple[Variant, ...] = ()
    voting: Result | None = None
    symmetry: SymmetryCheck | None = None

    @property
    def debiased(self) -> bool:
        """Whether the run was split into variants."""
        return bool(self.variants)

    @property
    def nbytes(self) -> int:
        """What keeping the variants' results and the voting aggregate costs."""
        kept = sum(variant.result.nbytes for variant in self.variants)
        return kept + (self.voting.nbytes if self.voting is not None else 0)


@dataclass(frozen=True, slots=True)
class Compiled:
    """A circuit in native gates (its `ionq.native.v1` document), and what keeping it costs."""

    document: Mapping[str, Any]
    nbytes: int


@dataclass(frozen=True, slots=True)
class Pending:
    """A run that ended, not yet seen: the job completes once its completion is visible.

    The results are kept on the job already (so that the store's budget counts
    them); the job stays `ready` or `started` until the store reveals the
    completion (mock_server/api/jobs/memory.py says when). `ran_at` is when
    the run ended: a job without a plan completes then, one with a plan at
    the plan's end, or then if it ended later.
    """

    ran_at: datetime
    gate_counts: dict[str, int]
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class Job:
    """One job (a single circuit, a multi-circuit parent, or one of its children)."""

    id: str
    owner: str  # the id of the API key that submitted it, never the key
    request: JobRequest
    submitted_at: datetime
    status: JobStatus = JobStatus.SUBMITTED
    started_at: datetime | None = None
    completed_at: datetime | None = None
    failure: Failure | None = None
    result: Result | None = None  # a single circuit (or child) once completed
    mitigation: Mitigation | None = None  # its error mitigation, when the job asked for any
    compiled: Compiled | None = None  # its circuit in native gates, once run or dry-run
    parent_id: str | None = None
    child_ids: tuple[str, ...] | None = None
    gate_counts: dict[str, int] = field(default_factory=lambda: {"1q": 0, "2q": 0})  # stats
    warnings: list[str] = field(default_factory=list)
    held: bool = False  # kept `ready` by the test controls until completed, failed or canceled
    plan: Plan | None = None  # a QPU job's queue and run on the clock, when they take time
    pending: Pending | None = None  # a run that ended, whose completion is not visible yet
    sequence: int = 0  # the store's submission order, newest highest
    index: int = 0  # a child's position among its parent's circuits
    children_completed: int = 0  # a parent's children that completed so far
    kept_bytes: int = 0  # a top-level job's results and circuits, for the store's budget
    counted: bool = False  # counts toward the store's bounds on unfinished jobs
    # The process that runs it, when processes share the state (mock_server/shared/leases.py);
    # None once handed to the work queue's workers.
    runner: str | None = None

    @property
    def finished(self) -> bool:
        """Completed, failed or canceled: nothing will change it again."""
        return self.status.finished

    @property
    def settled(self) -> bool:
        """Finished, or its run ended and only its completion's visibility is left."""
        return self.finished or self.pending is not None

    @property
    def execution_duration_ms(self) -> int | None:
        """How long it ran, from started to completed (IonQ counts QPU time; we count ours)."""
        if self.started_at is None or self.completed_at is None:
            return None
        return round((self.completed_at - self.started_at).total_seconds() * 1000)

    @property
    def nbytes(self) -> int:
        """What keeping its results costs (its variants' too)."""
        kept = self.result.nbytes if self.result is not None else 0
        kept += self.compiled.nbytes if self.compiled is not None else 0
        return kept + (self.mitigation.nbytes if self.mitigation is not None else 0)


def transition(job: Job, to: JobStatus, at: datetime, failure: Failure | None = None) -> None:
    """Move `job` to `to` at the instant `at`, and stamp its times.

    `started` stamps `started_at` (once); a finished status stamps
    `completed_at`, releases a hold, and for `completed` also stamps
    `started_at` if the job never started (a dry run, a result computed
    before the job was seen to start). A `failure` is kept with the job.
    TransitionError when the table does not allow the move.
    """
    if to not in TRANSITIONS[job.status]:
        raise TransitionError(f"job {job.id}: {job.status} cannot become {to}")
    job.status = to
    if to is JobStatus.STARTED and job.started_at is None:
        job.started_at = at
    if to.finished:
        job.completed_at = at
        job.held = False
        job.pending = None
        if job.started_at is None and to is JobStatus.COMPLETED:
            job.started_at = at
    if failure is not None:
        job.failure = failure


def completion_instant(job: Job, pending: Pending) -> datetime:
    """When a run that ended completes its job: at its plan's end, or when it ended if later."""
    if job.plan is not None and job.plan.end_at > pending.ran_at:
        return job.plan.end_at
    return pending.ran_at
