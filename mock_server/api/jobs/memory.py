"""The jobs of one app, in memory: the default JobStore (mock_server/api/jobs/store.py).

One lock guards the table; the runner's thread moves jobs along while
request threads read them, and a Condition lets a request wait for a job to
finish (POST /jobs does, for small circuits, so the first poll sees
`completed`).

Bounded, so that no client can make the fake run out of memory: at most
`max_jobs` top-level jobs and `max_result_bytes` of results and submitted
circuits are kept. Past either, the oldest finished top-level jobs (with
their children) are forgotten, and answer 404 as deleted jobs do; a job that
just completed is never the one forgotten. Unfinished jobs cannot be
evicted, so at most `max_unfinished` of them are taken, and at most
`max_unfinished_per_key` of one key's, so that one key's flood never
refuses another key's job (StoreFull beyond either); and one job's
results may take at most a quarter of the budget (beyond, it fails with
SimulationError).

When a run's completion becomes visible (JobStore's "Completion"): a job
whose run takes time on the clock (it has a Plan) completes at its plan's
end, when the runner's clock calls `reveal`; any other job completes at
the first read of it (`get`, `page`, `all`), so that a cancel which comes
first still cancels it. A run that ended no longer counts toward the bounds
on unfinished jobs, whether or not anyone has looked.

Shared with other processes (a Replica of mock_server/shared), every change
is made under the shared log's lock after reading what others changed, and
writes out the jobs it touched (`_note`); `load` takes in theirs.
"""

from __future__ import annotations

import itertools
import pickle
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs import admission
from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.model import (
    Compiled,
    Failure,
    Job,
    JobStatus,
    Mitigation,
    Pending,
    completion_instant,
    transition,
)
from mock_server.api.jobs.store import CancelOutcome, Clock, JobFilter, StoreFull, utc_now
from mock_server.api.jobs.timing import Plan
from mock_server.api.revision import Revision
from mock_server.shared.replica import Replica

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Result

DEFAULT_MAX_JOBS = 10_000
DEFAULT_MAX_RESULT_BYTES = 512 * 2**20
DEFAULT_MAX_UNFINISHED = 1_000
DEFAULT_MAX_UNFINISHED_PER_KEY = 250
# What a submitted circuit costs in memory per byte of its JSON (dicts of gates).
REQUEST_BYTES_FACTOR = 8
# How often a wait for a job looks at what other processes changed, when they share it.
SHARED_POLL_S = 0.01

_CURSOR_PREFIX = "after-"


def _cursor(job: Job) -> str:
    return f"{_CURSOR_PREFIX}{job.sequence}"


def _cursor_position(cursor: str) -> int | None:
    digits = cursor.removeprefix(_CURSOR_PREFIX)
    if not cursor.startswith(_CURSOR_PREFIX) or not (digits.isascii() and digits.isdigit()):
        return None
    return int(digits)


class MemoryJobStore:
    """Thread-safe table of jobs, keyed by id, in submission order."""

    def __init__(  # noqa: PLR0913 - each bound is set on its own
        self,
        *,
        clock: Clock = utc_now,
        revision: Revision | None = None,
        max_jobs: int = DEFAULT_MAX_JOBS,
        max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
        max_unfinished: int = DEFAULT_MAX_UNFINISHED,
        max_unfinished_per_key: int = DEFAULT_MAX_UNFINISHED_PER_KEY,
        replica: Replica | None = None,
    ) -> None:
        self.clock = clock
        self.max_jobs = max_jobs
        self.max_result_bytes = max_result_bytes
        self.max_unfinished = max_unfinished
        self.max_unfinished_per_key = max_unfinished_per_key
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._jobs: dict[str, Job] = {}
        self._last_sequence = 0
        self._kept_bytes = 0  # results and submitted circuits, over every kept job
        self._top_level = 0
        # Unfinished top-level jobs, in all and by owner: kept by _move and _forget.
        self._unfinished = 0
        self._unfinished_of: dict[str, int] = {}
        # Bumped by every change (mock_server/api/revision.py), so that a kept answer is
        # never served once the jobs it was computed from have moved on.
        self.revision = revision if revision is not None else Revision()
        # Where a job's id comes from (tests that compare two apps make both the same).
        self.new_id: Callable[[], str] = lambda: str(uuid.uuid4())
        # Shared with other processes (mock_server/shared): the ids of the jobs changed, or
        # forgotten, since the replica last wrote them out.
        self.replica = replica if replica is not None else Replica()
        self._changed_ids: set[str] = set()
        self._gone_ids: set[str] = set()
        self._new_ids: set[str] = set()
        self.replica.register("jobs", self)

    def _writing(self) -> AbstractContextManager[object]:
        # A change: the shared state's writer's place (if shared), then this table's lock;
        # not shared, the lock alone (every change of a job takes this path).
        return self._shared_writing() if self.replica.shared else self._lock

    @contextmanager
    def _shared_writing(self) -> Iterator[None]:
        with self.replica.writing(), self._lock:
            yield

    def _note(self, *jobs: Job) -> None:
        # These jobs changed: written out with the change, when the state is shared.
        if self.replica.shared:
            self._changed_ids.update(job.id for job in jobs)

    # -- creation and lookup ---------------------------------------------------------

    def create(
        self, owner: str, request: JobRequest, *, child_requests: Iterable[JobRequest] = ()
    ) -> Job:
        """A new `submitted` job (with its children, for a multi-circuit request).

        StoreFull when `max_unfinished` top-level jobs, or `max_unfinished_per_key`
        of this owner's, are still unfinished.
        """
        with self._writing():
            self._check_room(owner)
            job = self._add(owner, request, child_requests, self.clock())
            self._touch()
            return job

    def _check_room(self, owner: str, freed: int = 0) -> None:
        # StoreFull unless one more top-level job may be unfinished, once
        # `freed` of this owner's unfinished jobs have ended.
        if self._unfinished_of.get(owner, 0) - freed >= self.max_unfinished_per_key:
            raise StoreFull(self.max_unfinished_per_key, per_key=True)
        if self._unfinished - freed >= self.max_unfinished:
            raise StoreFull(self.max_unfinished, per_key=False)

    def _add(
        self, owner: str, request: JobRequest, child_requests: Iterable[JobRequest], now: datetime
    ) -> Job:
        job = self._new(owner, request, now, None)
        children = [self._new(owner, child, now, job.id) for child in child_requests]
        for index, child in enumerate(children):
            child.index = index
        if children:
            job.child_ids = tuple(child.id for child in children)
        job.kept_bytes = request.body_bytes * REQUEST_BYTES_FACTOR
        self._kept_bytes += job.kept_bytes
        self._top_level += 1
        self._unfinished += 1
        self._unfinished_of[owner] = self._unfinished_of.get(owner, 0) + 1
        job.counted = True
        self._note(job, *children)
        self._evict(keep=job.id)
        return job

    def _new(self, owner: str, request: JobRequest, now: datetime, parent_id: str | None) -> Job:
        job = Job(
            id=self.new_id(),
            owner=owner,
            request=request,
            submitted_at=now,
            parent_id=parent_id,
            sequence=self._next_sequence(),
            gate_counts=request.gate_counts(),
            runner=self.replica.name if self.replica.shared else None,
        )
        self._jobs[job.id] = job
        if self.replica.shared:
            self._new_ids.add(job.id)
        return job

    def _next_sequence(self) -> int:
        self._last_sequence += 1
        return self._last_sequence

    def get(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job as a reader sees it, if it exists and `owner` (None: the admin API) may.

        Reading makes a completion that waited for a reader visible (the module docstring):
        a change, made as one only when there is one to make.
        """
        self.replica.refresh()
        with self._lock:
            job = self._peek(job_id, owner)
            if job is None or not self._would_show(job):
                return job
        with self._writing():
            job = self._peek(job_id, owner)
            if job is not None and self._show(job):
                self._touch()
            return job

    def peek(self, job_id: str, owner: str | None = None) -> Job | None:
        """The job as it is, without making a completion visible: for the runner, and for
        the handlers that act on a job (move, clone) rather than show it."""
        self.replica.refresh()
        return self._peek(job_id, owner)

    def _peek(self, job_id: str, owner: str | None = None) -> Job | None:
        job = self._jobs.get(job_id)
        if job is None or (owner is not None and job.owner != owner):
            return None
        return job

    def children(self, job: Job) -> list[Job]:
        """A parent's children, in circuit order (those still kept)."""
        return [self._jobs[i] for i in job.child_ids or () if i in self._jobs]

    def page(
        self, owner: str | None, where: JobFilter, limit: int, after: str | None
    ) -> tuple[list[Job], str | None]:
        """Up to `limit` jobs after the cursor `after`, and the next cursor (None at the end).

        Newest first; a parent's children (`parent_job_id`) in circuit order
        instead, which is the order their results are in. The cursor is the
        position of the last job served, not its id, so a page boundary
        survives that job being deleted or evicted meanwhile. A cursor this
        store did not hand out is the end of the list.
        """
        self.replica.refresh()
        with self._lock:
            page = self._page(owner, where, limit, after, _Shown(self._would_show))
            if not page[2]:
                return page[0], page[1]
        with self._writing():
            selected, cursor, changed = self._page(owner, where, limit, after, _Shown(self._show))
            if changed:
                self._touch()
            return selected, cursor

    def _page(
        self, owner: str | None, where: JobFilter, limit: int, after: str | None, shown: _Shown
    ) -> tuple[list[Job], str | None, bool]:
        # A page, and whether showing it made a completion visible (or would, when `shown`
        # only looks).
        oldest_first = where.parent_job_id is not None
        ordered = self._jobs.values() if oldest_first else reversed(self._jobs.values())
        found = (job for job in ordered if owner in (None, job.owner))
        if after is not None:
            position = _cursor_position(after)
            if position is None:
                return [], None, False
            found = (
                job
                for job in found
                if (job.sequence > position if oldest_first else job.sequence < position)
            )
        matching = (job for job in map(shown, found) if where.matches(job))
        selected = list(itertools.islice(matching, limit + 1))
        if len(selected) > limit:
            return selected[:limit], _cursor(selected[limit - 1]), shown.changed
        return selected, None, shown.changed

    def all(self) -> Iterator[Job]:
        """Every job of every owner, newest first (for the admin API)."""
        with self._writing():
            shown = _Shown(self._show)
            jobs = [shown(job) for job in reversed(self._jobs.values())]
            if shown.changed:
                self._touch()
            return iter(jobs)

    # -- changes by clients ----------------------------------------------------------

    def delete(self, owner: str | None, job_ids: Iterable[str]) -> list[str]:
        """Forget these jobs (a batch with all its circuits); the ids that were found."""
        wanted = list(dict.fromkeys(job_ids))
        deleted = []
        with self._writing():
            for job_id in wanted:
                job = self._peek(job_id, owner)
                if job is None:
                    continue
                # A batch's circuit goes with its batch (openapi.yaml's deleteJob says why).
                self._forget(self._parent(job) or job)
                deleted.append(job_id)
            if deleted:
                self._touch()
        return deleted

    def cancel(self, owner: str | None, job_id: str) -> CancelOutcome:
        """Cancel an unfinished job (and its unfinished children), or a completed one.

        A completed job is canceled as IonQ's v0.4 does it (cirq-ionq documents
        it): its results go, a batch's with all its circuits. A failed job stays
        failed (FINISHED).
        """
        with self._writing():
            job = self._peek(job_id, owner)
            if job is None:
                return CancelOutcome.NOT_FOUND
            if job.status is JobStatus.CANCELED:
                return CancelOutcome.CANCELED
            now = self.clock()
            top = self._parent(job) or job
            if job.status is JobStatus.COMPLETED or top.status is JobStatus.COMPLETED:
                self._cancel_completed(top, now)
            elif job.finished:
                return CancelOutcome.FINISHED
            else:
                self._end(job, JobStatus.CANCELED, now)
                self._end_parent(job, now)
            self._touch()
            return CancelOutcome.CANCELED

    def _cancel_completed(self, top: Job, now: datetime) -> None:
        # A completed job (or batch, with every circuit) becomes canceled, without results.
        for each in (*self.children(top), top):
            if each.status is JobStatus.COMPLETED:
                self._drop_results(each)
            if each.status is JobStatus.COMPLETED or not each.finished:
                self._move(each, JobStatus.CANCELED, now)

    def move(
        self, owner: str, job_id: str, replacement: Callable[[JobRequest], JobRequest]
    ) -> Job | CancelOutcome:
        """Cancel an unfinished job and create its replacement, under one hold of the lock.

        Nothing can come between the check and the change: no runner's
        `complete` finishes the old job after it was found unfinished, and
        no other request sees it canceled without its replacement. The old
        job is top-level and unfinished, so canceling it frees the place
        the new one takes: the bounds are checked as if it had, before
        anything changes.
        """
        with self._writing():
            job = self._peek(job_id, owner)
            if job is None or job.parent_id is not None:
                return CancelOutcome.NOT_FOUND
            if job.finished:
                return CancelOutcome.FINISHED
            request = replacement(job.request)
            self._check_room(owner, freed=int(job.counted))
            now = self.clock()
            self._end(job, JobStatus.CANCELED, now)
            moved = self._add(owner, request, request.child_requests(), now)
            self._touch()
            return moved

    # -- changes by the runner -------------------------------------------------------

    def mark(self, job_id: str, status: JobStatus, at: datetime | None = None) -> Job | None:
        """Move an unfinished job to `ready` or `started` (stamped `at`, else now); None if
        it finished or is gone.

        The first circuit of a batch to start starts the batch.
        """
        with self._writing():
            job = self._jobs.get(job_id)
            if job is None or job.finished:
                return None
            if job.status is status:  # already there: a second report changes nothing
                return job
            now = at or self.clock()
            self._move(job, status, now)
            parent = self._parent(job)
            if (
                status is JobStatus.STARTED
                and parent is not None
                and parent.started_at is None
                and not parent.finished
            ):
                self._move(parent, JobStatus.STARTED, now)
            self._touch()
            return job

    def hold(self, job_id: str, held: bool) -> None:
        """Keep an unfinished job `ready` (or let it go) for the test controls."""
        with self._writing():
            job = self._jobs.get(job_id)
            if job is not None and not job.finished:
                if held and job.status is not JobStatus.READY:
                    self._move(job, JobStatus.READY, self.clock())
                job.held = held
                self._note(job)
                self._touch()

    def schedule(self, job_id: str, plan: Plan | None) -> None:
        """Give an unfinished job its queue and run on the clock (None: it takes no time)."""
        with self._writing():
            job = self._jobs.get(job_id)
            if job is not None and not job.finished:
                job.plan = plan
                self._note(job)
                self._touch()

    def hand_over(self, job_id: str) -> None:
        """The job's run goes to the work queue: no server's process runs it any more."""
        with self._writing():
            job = self._jobs.get(job_id)
            if job is not None and job.runner is not None:
                job.runner = None
                self._note(job)

    def reveal(self, job_id: str) -> None:
        """Complete a started job whose plan has ended, if its run has (the clock's call)."""
        with self._writing():
            job = self._jobs.get(job_id)
            if job is None or job.pending is None or job.plan is None:
                return
            if job.status is JobStatus.STARTED and job.plan.end_at <= self.clock():
                self._finish(job)
                self._touch()

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
        """A circuit ran: keep its result, unless the job was canceled or deleted meanwhile.

        The job completes when its completion is visible (the module
        docstring): at once for a started job whose plan has ended, else
        later. One job may not take more than a quarter of the budget: a
        result that would take its job past that fails instead (and its
        batch, with the batch's unfinished circuits), rather than evicting
        everyone else's. Circuits of the batch that completed before keep
        their results: a finished status never changes.
        """
        with self._writing():
            job = self._jobs.get(job_id)
            if job is None or job.settled:
                return
            now = self.clock()
            parent = self._parent(job)
            top = parent or job
            size = result.nbytes if result is not None else 0
            size += mitigation.nbytes if mitigation is not None else 0
            size += compiled.nbytes if compiled is not None else 0
            share = self.max_result_bytes // 4
            if top.kept_bytes + size > share:
                failure = admission.results_too_large(share)
                self._end(job, JobStatus.FAILED, now, failure)
                if parent is not None and not parent.finished:
                    self._end(parent, JobStatus.FAILED, now, failure)
                self._touch()
                return
            job.result = result
            job.mitigation = mitigation
            job.compiled = compiled
            top.kept_bytes += size
            self._note(job, top)
            self._kept_bytes += size
            plan = job.plan
            job.pending = Pending(ran_at=now, gate_counts=gate_counts, warnings=tuple(warnings))
            self._uncount(job if parent is None else parent, settling=job, now=now)
            if plan is not None and job.status is JobStatus.STARTED and plan.end_at <= now:
                self._finish(job)
            self._evict(keep=top.id)
            self._touch()

    def _would_show(self, job: Job) -> bool:
        # Whether a reader's look at `job` would make a completion visible (`_show`).
        return any(
            each.pending is not None and each.plan is None for each in (*self.children(job), job)
        )

    def _show(self, job: Job) -> bool:
        # A reader looks at `job`: a completion that waited for one becomes
        # visible (the job's, and its children's for a parent). Whether any did.
        shown = False
        for each in (*self.children(job), job):
            if each.pending is not None and each.plan is None:
                self._finish(each)
                shown = True
        return shown

    def _finish(self, job: Job) -> None:
        # The completion of a run that ended becomes visible.
        pending = job.pending
        if pending is None:
            return
        self._move(job, JobStatus.COMPLETED, completion_instant(job, pending))
        job.gate_counts = pending.gate_counts
        job.warnings.extend(pending.warnings)
        parent = self._parent(job)
        if parent is not None:
            self._child_completed(parent, job)

    def _uncount(self, job: Job, settling: Job | None = None, now: datetime | None = None) -> None:
        # A top-level job that finished, or whose runs have all ended (`settling` is the
        # one that just did, at `now`), no longer counts toward the bounds on unfinished jobs.
        if not job.counted:
            return
        if settling is not None:
            at = now or self.clock()
            runs = [job] if job is settling else self.children(job)
            if not all(self._ran(each, at) for each in runs):
                return
        job.counted = False
        self._note(job)
        self._release(job.owner)

    @staticmethod
    def _ran(job: Job, now: datetime) -> bool:
        # Finished, or its run ended and its completion needs no more time on the clock:
        # a QPU job still in its queue or its run counts as unfinished, and is kept.
        if job.finished:
            return True
        return job.pending is not None and (job.plan is None or job.plan.end_at <= now)

    def fail(self, job_id: str, failure: Failure) -> None:
        """A job failed (and, for a parent, every unfinished child with it)."""
        with self._writing():
            job = self._jobs.get(job_id)
            if job is None or job.finished:
                return
            now = self.clock()
            self._end(job, JobStatus.FAILED, now, failure)
            parent = self._parent(job)
            if parent is not None and not parent.finished:
                # One circuit failing fails the job as a whole; the others still run.
                self._move(parent, JobStatus.FAILED, now, failure)
            self._touch()

    def _end_parent(self, child: Job, now: datetime) -> None:
        # A batch one of whose circuits is canceled (or deleted) can no longer
        # complete: the batch is canceled, its other unfinished circuits with
        # it, so that pollers of the parent see it end.
        parent = self._parent(child)
        if parent is None or parent.finished:
            return
        self._end(parent, JobStatus.CANCELED, now)

    def _end(
        self, job: Job, status: JobStatus, now: datetime, failure: Failure | None = None
    ) -> None:
        # A job and its unfinished children end together (cancel, failure); a
        # circuit of a failing batch whose run had ended, and needs no more time
        # on the clock, completes instead.
        for each in (job, *self.children(job)):
            if each is not job and status is JobStatus.FAILED and self._ran(each, now):
                self._finish(each)
            elif not each.finished:
                self._move(each, status, now, failure)

    def _move(self, job: Job, to: JobStatus, now: datetime, failure: Failure | None = None) -> None:
        # Every change of status in the store: the model's transition, and the
        # count of unfinished top-level jobs the admission bounds read.
        was_finished = job.finished
        if to.finished and to is not JobStatus.COMPLETED and job.pending is not None:
            self._drop_results(job)  # a run that ended, canceled or failed before it was seen
        transition(job, to, now, failure)
        self._note(job)
        if job.parent_id is None and not was_finished and job.finished:
            self._uncount(job)

    def _drop_results(self, job: Job) -> None:
        size = job.nbytes
        top = self._parent(job) or job
        top.kept_bytes -= size
        self._kept_bytes -= size
        self._note(job, top)
        job.result = None
        job.mitigation = None
        job.compiled = None

    def _release(self, owner: str) -> None:
        self._unfinished -= 1
        left = self._unfinished_of[owner] - 1
        if left:
            self._unfinished_of[owner] = left
        else:
            del self._unfinished_of[owner]

    def _parent(self, job: Job) -> Job | None:
        return self._jobs.get(job.parent_id) if job.parent_id is not None else None

    def _child_completed(self, parent: Job, child: Job) -> None:
        # Counted, not recounted: a parent of 5,000 circuits must not rescan
        # its children each time one of them completes.
        if parent.finished:
            return
        parent.children_completed += 1
        self._note(parent)
        parent.warnings.extend(child.warnings)
        if parent.children_completed == len(parent.child_ids or ()):
            if parent.started_at is None:
                parent.started_at = child.started_at
            self._move(parent, JobStatus.COMPLETED, child.completed_at or self.clock())

    # -- waiting, bounds, reset ------------------------------------------------------

    def wait_finished(self, job_id: str, timeout_s: float) -> bool:
        """Block until the job is finished (or gone), at most `timeout_s`; whether it is.

        A change made here wakes the wait at once; one made by another process
        is seen within SHARED_POLL_S.
        """

        def settled() -> bool:
            return (job := self._jobs.get(job_id)) is None or self._settled(job)

        if not self.replica.shared:
            with self._changed:
                return self._changed.wait_for(settled, timeout_s)
        deadline = time.monotonic() + timeout_s
        while True:
            self.replica.refresh(latest=True)
            with self._changed:
                if settled():
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, SHARED_POLL_S))

    def _settled(self, job: Job) -> bool:
        # Finished, or every run of it ended (a parent's children's).
        return job.settled or (
            job.child_ids is not None and all(child.settled for child in self.children(job))
        )

    def clear(self) -> None:
        """Forget every job (the admin API's reset)."""
        with self._writing():
            if self.replica.shared:
                self._gone_ids.update(self._jobs)
            self._jobs.clear()
            self._kept_bytes = 0
            self._top_level = 0
            self._unfinished = 0
            self._unfinished_of.clear()
            self._touch()

    def _forget(self, job: Job) -> None:
        if job.parent_id is None:
            self._kept_bytes -= job.kept_bytes
            self._top_level -= 1
            self._uncount(job)
        else:
            parent = self._parent(job)
            if parent is not None:
                parent.kept_bytes -= job.nbytes
                self._note(parent)
            self._kept_bytes -= job.nbytes
        for each in (job, *self.children(job)):
            self._jobs.pop(each.id, None)
            if self.replica.shared:
                self._gone_ids.add(each.id)

    def _evict(self, keep: str) -> None:
        while self._top_level > self.max_jobs or self._kept_bytes > self.max_result_bytes:
            oldest = next(
                (
                    j
                    for j in self._jobs.values()
                    if j.parent_id is None and j.id != keep and self._done(j)
                ),
                None,
            )
            if oldest is None:
                return
            self._forget(oldest)

    def _done(self, job: Job) -> bool:
        # What may be forgotten: every run of it ended, seen or not.
        now = self.clock()
        return (self._ran(job, now) or bool(job.child_ids)) and all(
            self._ran(child, now) for child in self.children(job)
        )

    def _touch(self) -> None:
        self.revision.bump()
        self._changed.notify_all()

    # -- sharing (mock_server/shared/replica.py's Part) ------------------------------

    def pending(self) -> list[tuple[str, bytes | None]]:
        """The jobs changed and forgotten (None) since the replica last asked.

        A job's request (its circuits: up to 10 MB) never changes: it is an entry of its own
        (`<id>#request`), written once, and the job's entry holds the rest. The highest
        submission number goes too, so that no process hands out one another did.
        """
        with self._lock:
            entries: list[tuple[str, bytes | None]] = []
            for job_id in self._changed_ids | self._gone_ids:
                job = self._jobs.get(job_id)
                if job is None:
                    entries += [(job_id, None), (job_id + _REQUEST, None)]
                    continue
                if job_id in self._new_ids:
                    entries.append((job_id + _REQUEST, _pickled(job.request)))
                fields = {name: getattr(job, name) for name in _JOB_FIELDS}
                entries.append((job_id, _pickled(fields)))
            if self._new_ids:
                entries.append((_SEQUENCE, str(self._last_sequence).encode()))
            self._changed_ids.clear()
            self._gone_ids.clear()
            self._new_ids.clear()
            return entries

    def load(self, entries: Sequence[tuple[str, bytes | None]], whole: bool) -> None:
        """Take in jobs other processes changed: in place, or, new, in submission order."""
        with self._lock:
            if whole:
                self._jobs.clear()
                self._kept_bytes = self._top_level = self._unfinished = 0
                self._unfinished_of.clear()
            arrived = []
            requests = {
                key.removesuffix(_REQUEST): value
                for key, value in entries
                if key.endswith(_REQUEST) and value is not None
            }
            for job_id, value in entries:
                if job_id == _SEQUENCE:
                    if value is not None:
                        self._last_sequence = max(self._last_sequence, int(value))
                    continue
                if job_id.endswith(_REQUEST):
                    continue
                old = self._jobs.pop(job_id, None) if value is None else self._jobs.get(job_id)
                if old is not None:
                    self._account(old, -1)
                if value is None:
                    continue
                request = old.request if old is not None else _unpickled(requests.get(job_id))
                if request is None:  # never written out: not a job of the fake's
                    continue
                job = Job(request=request, **_unpickled(value))
                if old is None:
                    arrived.append(job)
                else:
                    self._jobs[job_id] = job
                    self._account(job, 1)
            for job in sorted(arrived, key=lambda each: each.sequence):
                self._jobs[job.id] = job
                self._account(job, 1)
                self._last_sequence = max(self._last_sequence, job.sequence)
            self._touch()

    def _account(self, job: Job, sign: int) -> None:
        # A top-level job's share of the counts the bounds read, added (1) or taken away (-1).
        if job.parent_id is not None:
            return
        self._kept_bytes += sign * job.kept_bytes
        self._top_level += sign
        if job.counted:
            self._unfinished += sign
            left = self._unfinished_of.get(job.owner, 0) + sign
            if left:
                self._unfinished_of[job.owner] = left
            else:
                self._unfinished_of.pop(job.owner, None)


# The jobs part's entry of the highest submission number handed out (no job has this id).
_SEQUENCE = "#sequence"


# A job's request, as an entry of its own: `<job id>#request`.
_REQUEST = "#request"


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _unpickled(value: bytes | None) -> Any:
    return None if value is None else pickle.loads(value)  # noqa: S301 - the fake's own writes


_JOB_FIELDS = tuple(each.name for each in dataclass_fields(Job) if each.name != "request")


class _Shown:
    """Makes each job it is called with visible to a reader, and tells whether any changed."""

    def __init__(self, show: Callable[[Job], bool]) -> None:
        self._show = show
        self.changed = False

    def __call__(self, job: Job) -> Job:
        self.changed = self._show(job) or self.changed
        return job
