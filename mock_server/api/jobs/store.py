"""The jobs of one fake, behind one interface: what handlers, runner and admin API may ask of them.

Everything outside the store reaches jobs through `JobStore`, so that a
handler or the runner never knows where jobs are kept. There is one
implementation, in memory (mock_server/api/jobs/memory.py); shared with
other processes (a SQLite file a restart does not lose, a Redis several
hosts reach: mock_server/shared), each process keeps its copy in step with
the others', and the rules below stay in that one place. What it promises,
in every process (contract_tests/fake/test_job_store.py holds each store to
them, changing through one process's copy and reading through another's):

Ownership. Every job belongs to the id of the API key that submitted it
(never the key). `get`, `page`, `cancel` and `delete` take that `owner` and
find nothing of another owner's, exactly as for an id that never existed,
so one key cannot learn that another's job exists. `owner=None` is the
admin API, which sees every job.

Lifecycle. Statuses change only through the model's `transition`
(mock_server/api/jobs/model.py), under the store's own lock, by these
operations: `create` (submitted), `mark` (ready, started), `complete`,
`fail`, `cancel`, `hold`, and `move`, which cancels one job and creates its
replacement in one step, or does neither. A parent moves with its children: it is started
by the first to start, completed by the last to complete, failed by any
that fails, and canceled with any that is canceled or deleted. A job
finished is never changed by a late `mark`, `complete` or `fail` (the
runner's thread may report on a job a client canceled meanwhile).

Completion. A run that ended completes its job when the completion is
visible: a job with a Plan (a QPU queue and run that take time on the
clock: mock_server/api/jobs/timing.py) once its plan's end has passed and
`reveal` is called; any other at the first read (`get`, `page`, `all`), so
that a cancel that arrives first still cancels it, as on IonQ, where a job
just submitted is still queued. Until then it is `ready` or `started` and
`settled`; a cancel, move or failure before then drops its results.

Bounds. At most `max_unfinished` top-level jobs are unfinished at once, and
at most `max_unfinished_per_key` of one owner's (`create` raises StoreFull
beyond either). Finished jobs are forgotten, oldest
first, past the store's bounds on jobs and bytes kept; a job that just
completed is never the one forgotten, and one job's results may not take
more than a quarter of the bytes (it fails instead).

Reads. A Job returned is the store's view of it at that moment; callers
never change it (a shared store returns copies) and read it again after a
change. `page` lists newest first, a parent's children (`parent_job_id`) in
circuit order, and its cursor survives the deletion of the job it points
after. `wait_finished` blocks until a job is finished or gone.

Every change bumps the shared Revision once it is visible, so the fast path
(mock_server/front) never serves an answer computed before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.model import Compiled, Failure, Job, JobStatus, Mitigation
from mock_server.api.jobs.timing import Plan

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Result

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The wall clock, in UTC: the default clock of a store."""
    return datetime.now(UTC)


class StoreFull(Exception):  # noqa: N818 - a state, as the client sees it (429)
    """The store holds as many unfinished jobs as it takes: `limit` in all, or of one key."""

    def __init__(self, limit: int, *, per_key: bool) -> None:
        super().__init__(f"{limit} unfinished jobs{' of this key' if per_key else ''}")
        self.limit = limit
        self.per_key = per_key


class CancelOutcome(StrEnum):
    """What a cancel found: the job canceled (or already so), no such job, or a finished one."""

    CANCELED = "canceled"
    NOT_FOUND = "not found"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class JobFilter:
    """The filters of GET /jobs; None matches everything."""

    ids: frozenset[str] | None = None
    status: str | None = None
    targets: frozenset[str] | None = None
    parent_job_id: str | None = None
    session_id: str | None = None

    def matches(self, job: Job) -> bool:
        """Whether `job` passes every filter that is set."""
        return (
            (self.ids is None or job.id in self.ids)
            and (self.status is None or job.status == self.status)
            and (self.targets is None or job.request.backend in self.targets)
            and (self.parent_job_id is None or job.parent_id == self.parent_job_id)
            and (self.session_id is None or job.request.session_id == self.session_id)
        )


class JobStore(Protocol):
    """The operations on jobs that the handlers, the runner and the admin API use."""

    @property
    def max_unfinished(self) -> int:
        """How many top-level jobs may be unfinished at once."""
        ...

    @property
    def max_unfinished_per_key(self) -> int:
        """How many top-level jobs of one owner may be unfinished at once."""
        ...

    @property
    def max_result_bytes(self) -> int:
        """The bytes of results and circuits kept over every job."""
        ...

    # -- clients ---------------------------------------------------------------------

    def create(
        self, owner: str, request: JobRequest, *, child_requests: Iterable[JobRequest] = ()
    ) -> Job:
        """A new `submitted` job, with a child per request of `child_requests`; or StoreFull."""
        ...

    def get(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job as a reader sees it (a completion waiting for a reader becomes visible),
        if it exists and `owner` may see it."""
        ...

    def peek(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job as it is, no completion made visible: for the runner and for handlers that
        act on a job rather than show it."""
        ...

    def children(self, job: Job) -> list[Job]:
        """A parent's children, in circuit order (those still kept)."""
        ...

    def page(
        self, owner: str | None, where: JobFilter, limit: int, after: str | None
    ) -> tuple[list[Job], str | None]:
        """Up to `limit` jobs after the cursor `after`, and the next cursor (None at the end)."""
        ...

    def cancel(self, owner: str | None, job_id: str) -> CancelOutcome:
        """Cancel an unfinished job (its unfinished children and its batch with it), or a
        completed one (its results go; a batch's with every circuit): as IonQ's v0.4 does.
        A failed job stays failed: FINISHED."""
        ...

    def delete(self, owner: str | None, job_ids: Iterable[str]) -> list[str]:
        """Forget these jobs (a batch with all its circuits); the ids that were found."""
        ...

    def move(
        self, owner: str, job_id: str, replacement: Callable[[JobRequest], JobRequest]
    ) -> Job | CancelOutcome:
        """Cancel an unfinished job and create, in the same step, the job that replaces it.

        The new job (of the same owner) runs `replacement(request)` of the old
        one's request, with a child per circuit for a multi-circuit request.
        Either both happen or neither: NOT_FOUND (a circuit of a batch too,
        which moves only with its batch) or FINISHED leaves everything as it
        was. The old job's place counts toward the bounds of `create`, so a
        move is never refused for them.
        """
        ...

    # -- the runner and the test controls --------------------------------------------

    def mark(self, job_id: str, status: JobStatus, at: datetime | None = None) -> Job | None:
        """Move an unfinished job to `ready` or `started`, stamped `at` (else now); None if it
        finished or is gone."""
        ...

    def schedule(self, job_id: str, plan: Plan | None) -> None:
        """Give an unfinished job its queue and run on the clock (None: they take no time)."""
        ...

    def hand_over(self, job_id: str) -> None:
        """The job's run goes to the work queue's workers: no server's process runs it."""
        ...

    def reveal(self, job_id: str) -> None:
        """Complete a started job whose plan has ended, if its run has (the clock's call)."""
        ...

    def hold(self, job_id: str, held: bool) -> None:
        """Keep an unfinished job `ready` (or let it go)."""
        ...

    def complete(  # noqa: PLR0913 - a run gives all of these
        self,
        job_id: str,
        result: Result | None,
        gate_counts: dict[str, int],
        *,
        warnings: Iterable[str] = (),
        mitigation: Mitigation | None = None,
        compiled: Compiled | None = None,
    ) -> None:
        """A circuit ran (or a dry run was priced): keep its result, unless it ended meanwhile.

        `mitigation` is what error mitigation did to the run, when the job asked for any;
        `compiled` the circuit in native gates.
        """
        ...

    def fail(self, job_id: str, failure: Failure) -> None:
        """An unfinished job failed (a parent's unfinished children with it)."""
        ...

    def wait_finished(self, job_id: str, timeout_s: float) -> bool:
        """Block until the job is settled (its runs ended) or gone, at most `timeout_s`;
        whether it is."""
        ...

    # -- the admin API ---------------------------------------------------------------

    def all(self) -> Iterator[Job]:
        """Every job of every owner, newest first."""
        ...

    def clear(self) -> None:
        """Forget every job."""
        ...
