"""What every JobStore promises (mock_server/api/jobs/store.py), held against each implementation.

The store's docstring lists the promises: ownership, the lifecycle of a job
and of a batch, bounds, reads and paging, completion, the revision. Each
test here checks one of them through the protocol's operations alone, so
that a store kept elsewhere (a database, a server several hosts share) is
held to the same tests by adding it to STORES.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mock_server.api.jobs.creation import JobRequest, read_job_request
from mock_server.api.jobs.memory import MemoryJobStore
from mock_server.api.jobs.model import Failure, JobStatus
from mock_server.api.jobs.store import CancelOutcome, JobFilter, JobStore, StoreFull
from mock_server.api.revision import Revision
from mock_server.shared.replica import Replica
from mock_server.shared.url import open_log

T0 = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
COUNTS = {"1q": 1, "2q": 0}
FAILURE = Failure("SimulationError", "injected")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


Maker = Callable[..., tuple[JobStore, Clock, Revision]]


def memory_store(clock: Clock, revision: Revision, _where: Path, **bounds: Any) -> JobStore:
    return MemoryJobStore(clock=clock, revision=revision, **bounds)


# What a store shared by processes answers comes from what another process wrote:
# every change goes through one store, every read through another on the same log,
# so a change the first does not write out is a change the test does not see.
READS = frozenset({"get", "peek", "children", "page", "all", "wait_finished"})


class Split:
    """Two stores on one shared log: changes through `writer`, reads through `reader`."""

    def __init__(self, writer: MemoryJobStore, reader: MemoryJobStore) -> None:
        self._writer = writer
        self._reader = reader

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader if name in READS else self._writer, name)


def shared_store(url: str, clock: Clock, revision: Revision, **bounds: Any) -> JobStore:
    writer, reader = (
        MemoryJobStore(clock=clock, revision=revision, replica=Replica(open_log(url)), **bounds)
        for _ in range(2)
    )
    store: JobStore = Split(writer, reader)  # the protocol, by proxy
    return store


def sqlite_store(clock: Clock, revision: Revision, where: Path, **bounds: int) -> JobStore:
    return shared_store(f"sqlite:///{where / 'state.db'}", clock, revision, **bounds)


def redis_store(clock: Clock, revision: Revision, where: str, **bounds: Any) -> JobStore:
    return shared_store(where, clock, revision, **bounds)


STORES: dict[str, Callable[..., JobStore]] = {
    "memory": memory_store,
    "sqlite": sqlite_store,
    "redis": redis_store,
}


@pytest.fixture(params=sorted(STORES))
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Maker:
    # A Redis database per test (FLUSHALL by redis_url), a file per store otherwise.
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else ""

    def factory(**bounds: int) -> tuple[JobStore, Clock, Revision]:
        clock, revision = Clock(), Revision()
        number = next(_stores)
        # Redis: a database of its own (of 16) for each store a test makes.
        where = (
            f"{redis_url.rsplit('/', 1)[0]}/{number % 16}" if redis_url else tmp_path / str(number)
        )
        store = STORES[request.param](clock, revision, where, **bounds)
        return store, clock, revision

    return factory


_stores = itertools.count()


def single(backend: str = "simulator") -> JobRequest:
    body: dict[str, Any] = {
        "type": "ionq.circuit.v1",
        "backend": backend,
        "shots": 10,
        "input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
    }
    return read_job_request(body)


def batch(circuits: int = 2) -> JobRequest:
    body: dict[str, Any] = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 10,
        "input": {
            "gateset": "qis",
            "qubits": 1,
            "circuits": [{"circuit": [{"gate": "h", "target": 0}]}] * circuits,
        },
    }
    return read_job_request(body)


def create(store: JobStore, owner: str = "o", request: JobRequest | None = None) -> str:
    request = request or single()
    return store.create(owner, request, child_requests=request.child_requests()).id


def ran(store: JobStore, job_id: str) -> None:
    store.mark(job_id, JobStatus.STARTED)
    store.complete(job_id, None, dict(COUNTS))


def children_of(store: JobStore, job_id: str) -> list[str]:
    job = store.peek(job_id)
    assert job is not None
    return list(job.child_ids or ())


def status(store: JobStore, job_id: str) -> JobStatus | None:
    job = store.get(job_id)
    return job.status if job is not None else None


# -- ownership -----------------------------------------------------------------------------


def test_another_owner_finds_nothing(make: Maker) -> None:
    store, _, _ = make()
    job_id = create(store, "alice")
    assert store.get(job_id, "bob") is None
    assert store.peek(job_id, "bob") is None
    assert store.page("bob", JobFilter(), 10, None) == ([], None)
    assert store.cancel("bob", job_id) is CancelOutcome.NOT_FOUND
    assert store.delete("bob", [job_id]) == []
    assert store.move("bob", job_id, lambda r: r) is CancelOutcome.NOT_FOUND
    assert status(store, job_id) is JobStatus.SUBMITTED
    assert store.get(job_id, None) is not None  # the admin API sees every job


# -- lifecycle -----------------------------------------------------------------------------


def test_a_job_moves_forward_and_a_finished_one_ignores_late_reports(make: Maker) -> None:
    store, clock, _ = make()
    job_id = create(store)
    store.mark(job_id, JobStatus.READY)
    clock.now = T0 + timedelta(seconds=1)
    store.mark(job_id, JobStatus.STARTED)
    clock.now = T0 + timedelta(seconds=3)
    ran(store, job_id)
    job = store.get(job_id)
    assert job is not None
    assert (job.status, job.started_at, job.completed_at) == (
        JobStatus.COMPLETED,
        T0 + timedelta(seconds=1),
        T0 + timedelta(seconds=3),
    )
    assert store.mark(job_id, JobStatus.STARTED) is None
    store.fail(job_id, FAILURE)
    store.complete(job_id, None, {"1q": 9, "2q": 9})
    assert status(store, job_id) is JobStatus.COMPLETED


def test_a_batch_starts_with_its_first_circuit_and_completes_with_its_last(make: Maker) -> None:
    store, _, _ = make()
    parent = create(store, request=batch(2))
    first, second = children_of(store, parent)
    store.mark(first, JobStatus.STARTED)
    assert status(store, parent) is JobStatus.STARTED
    ran(store, first)
    assert status(store, parent) is JobStatus.STARTED
    ran(store, second)
    assert status(store, parent) is JobStatus.COMPLETED


def test_a_batch_fails_with_any_circuit_and_is_canceled_with_any(make: Maker) -> None:
    store, _, _ = make()
    failing = create(store, request=batch(2))
    store.fail(children_of(store, failing)[0], FAILURE)
    assert status(store, failing) is JobStatus.FAILED
    canceled = create(store, request=batch(2))
    one, other = children_of(store, canceled)
    assert store.cancel("o", one) is CancelOutcome.CANCELED
    assert (status(store, canceled), status(store, other)) == (
        JobStatus.CANCELED,
        JobStatus.CANCELED,
    )


def test_move_cancels_and_replaces_in_one_step_or_not_at_all(make: Maker) -> None:
    store, _, _ = make()
    job_id = create(store)
    moved = store.move("o", job_id, lambda request: request)
    assert not isinstance(moved, CancelOutcome)
    assert status(store, job_id) is JobStatus.CANCELED
    assert status(store, moved.id) is JobStatus.SUBMITTED
    assert store.move("o", job_id, lambda request: request) is CancelOutcome.FINISHED
    child = children_of(store, create(store, request=batch(2)))[0]
    assert store.move("o", child, lambda request: request) is CancelOutcome.NOT_FOUND


def test_delete_takes_a_batch_with_all_its_circuits(make: Maker) -> None:
    store, _, _ = make()
    parent = create(store, request=batch(3))
    children = children_of(store, parent)
    assert store.delete("o", [children[1]]) == [children[1]]
    assert [store.get(i) for i in (parent, *children)] == [None] * 4


# -- bounds --------------------------------------------------------------------------------


def test_unfinished_jobs_are_bounded_per_key_and_in_all(make: Maker) -> None:
    store, _, _ = make(max_unfinished=3, max_unfinished_per_key=2)
    first = create(store, "a")
    second = create(store, "a")
    with pytest.raises(StoreFull) as per_key:
        create(store, "a")
    assert per_key.value.per_key
    create(store, "b")
    with pytest.raises(StoreFull) as in_all:
        create(store, "c")
    assert not in_all.value.per_key
    moved = store.move("a", second, lambda r: r)  # takes the place of the job it cancels
    assert not isinstance(moved, CancelOutcome)
    ran(store, first)  # a run that ended frees its place
    create(store, "c")


def test_the_oldest_finished_job_is_forgotten_first_and_never_an_unfinished_one(
    make: Maker,
) -> None:
    store, _, _ = make(max_jobs=2)
    oldest, newer = create(store), create(store)
    ran(store, oldest)
    assert store.get(oldest) is not None  # seen completed
    unfinished = create(store)
    assert store.get(oldest) is None  # forgotten: the store holds at most two
    assert status(store, newer) is JobStatus.SUBMITTED
    assert status(store, unfinished) is JobStatus.SUBMITTED


def test_one_job_may_keep_at_most_a_quarter_of_the_results_budget(make: Maker) -> None:
    store, _, _ = make(max_result_bytes=4 * 2**20)
    job_id = create(store)

    class Big:
        nbytes = 2 * 2**20

    store.mark(job_id, JobStatus.STARTED)
    store.complete(job_id, Big(), dict(COUNTS))  # type: ignore[arg-type]
    job = store.get(job_id)
    assert job is not None
    assert job.status is JobStatus.FAILED
    assert job.failure is not None
    assert job.failure.code == "SimulationError"


# -- reads ---------------------------------------------------------------------------------


def test_pages_list_newest_first_and_a_cursor_survives_the_deletion_of_its_job(
    make: Maker,
) -> None:
    store, _, _ = make()
    ids = [create(store) for _ in range(5)]
    page, cursor = store.page("o", JobFilter(), 2, None)
    assert [job.id for job in page] == [ids[4], ids[3]]
    assert cursor is not None
    store.delete("o", [ids[3]])
    rest, end = store.page("o", JobFilter(), 10, cursor)
    assert [job.id for job in rest] == [ids[2], ids[1], ids[0]]
    assert end is None
    assert store.page("o", JobFilter(), 10, "not-a-cursor") == ([], None)


def test_a_batch_s_circuits_are_listed_in_circuit_order(make: Maker) -> None:
    store, _, _ = make()
    parent = create(store, request=batch(3))
    children = children_of(store, parent)
    listed, _ = store.page("o", JobFilter(parent_job_id=parent), 10, None)
    assert [job.id for job in listed] == children
    parent_job = store.peek(parent)
    assert parent_job is not None
    assert [job.id for job in store.children(parent_job)] == children


def test_wait_finished_returns_once_the_run_ended_or_at_its_timeout(make: Maker) -> None:
    store, _, _ = make()
    waiting, done = create(store), create(store)
    ran(store, done)
    assert store.wait_finished(done, 0.01)
    assert not store.wait_finished(waiting, 0.01)
    assert store.wait_finished("never-created", 0.01)


def test_every_change_bumps_the_revision(make: Maker) -> None:
    store, _, revision = make()
    seen: list[int] = [revision.value]

    def changed() -> bool:
        seen.append(revision.value)
        return seen[-1] > seen[-2]

    job_id = create(store)
    assert changed()
    store.mark(job_id, JobStatus.STARTED)
    assert changed()
    store.complete(job_id, None, dict(COUNTS))
    assert changed()
    store.get(job_id)  # the completion becomes visible: a change a kept answer must not miss
    assert changed()
    store.delete("o", [job_id])
    assert changed()
    store.clear()
    assert changed()
