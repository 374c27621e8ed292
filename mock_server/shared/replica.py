"""One process's copy of the shared state, kept in step with the shared log.

Every store that others must see registers a `Part` under a name. A change
(`writing`) holds the log's lock, reads what other processes wrote since
this one last looked, lets the store change its copy, and writes the
entries the store says it changed, all before the lock is let go, so two
processes never both change what the other has not seen. A read
(`refresh`) reads what changed, when the log's revision moved (a query of
one number otherwise). Changes nest: a store's change that calls another
store's runs inside the first's hold of the lock.

Without a log (one process, the memory store: the default) the Replica
does nothing at all, and the stores keep no record of their changes.

Reading what others wrote may need a store to act (a clock moved ahead runs
what fell due, a backend back wakes the jobs that wait for it): a Part's
`load` returns such follow-ups, run on a thread of their own, never in the
thread that read: that thread may hold a lock the follow-up needs (the job
runner's, whose own calls read the state). So that they run even in a
process no request reaches, each process that reads the state also reads
it every FOLLOW_S on a thread of its own (started by its first read: a
server's workers are forked from the process that built the app, and
threads do not cross a fork).

A change writes out what its stores changed: the job store's changed jobs
(it keeps track), and a small store's whole state only when the change was
that store's (`writing(store)`). Entries a failed write did not write are
written with the next change, and a change that fails still reads what it
read (its follow-ups run).
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import queue
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from mock_server.shared.leases import BEAT_S, Leases, process_name
from mock_server.shared.log import Changes, Entry, SharedLog

FollowUp = Callable[[], None]

logger = logging.getLogger(__name__)

# How often a process reads what others changed when nothing else makes it read.
FOLLOW_S = 0.25


class Part(Protocol):
    """A store's side of sharing: what it changed, and what others changed."""

    def pending(self) -> list[tuple[str, bytes | None]]:
        """The entries (key, value; None: deleted) changed here since last asked."""
        ...

    def load(self, entries: Sequence[tuple[str, bytes | None]], whole: bool) -> FollowUp | None:
        """Take in entries written by others (`whole`: they are all there is); what to do
        once the lock is let go."""
        ...


class Replica:
    """This process's link to a shared log; inert without one."""

    def __init__(self, log: SharedLog | None = None) -> None:
        self.log = log
        self._parts: dict[str, Part] = {}
        self._lock = threading.RLock()
        self._depth = threading.local()
        self.seen = 0
        self._follower_pid = 0
        self._follow_ups: queue.SimpleQueue[FollowUp] = queue.SimpleQueue()
        self._runner_pid = 0
        # A small store's part is written out only by a change that names the store.
        self._store_of: dict[str, int] = {}
        self._touched: set[int] = set()
        self._lost = False  # a write failed: the next change reads the whole log
        # Which processes are alive (leases.py): this one's name, what to do with the
        # runs of those that are gone (create_app says), and when it last looked.
        self.leases = Leases()
        self._name = ""
        self._name_pid = 0
        self.on_lapsed: Callable[[list[str]], None] | None = None
        self._beaten = 0.0
        self.register("leases", self.leases, self.leases)
        self._threads = threading.Lock()  # starting this process's threads, once

    @property
    def shared(self) -> bool:
        """Whether other processes may share the state (stores record their changes)."""
        return self.log is not None

    @property
    def name(self) -> str:
        """This process's name in the leases (a new one after a fork)."""
        pid = os.getpid()
        if self._name_pid != pid:
            self._name, self._name_pid = process_name(), pid
        return self._name

    def keep_alive(self) -> None:
        """Beat this process's lease, and deal with processes whose lease lapsed (the
        follower's, every BEAT_S; a serving process's only: a worker's runs have the
        work queue's heartbeat)."""
        now = time.monotonic()
        if self.log is None or self.on_lapsed is None or now - self._beaten < BEAT_S:
            return
        self._beaten = now
        with self.writing(self.leases):
            self.leases.beat(self.name)
        lapsed = self.leases.lapsed(self.name)
        if lapsed:
            self.on_lapsed(lapsed)
            with self.writing(self.leases):
                self.leases.forget(lapsed)

    def register(self, name: str, part: Part, store: object | None = None) -> None:
        """Keep `part` in step under `name` (before the first change or read); with `store`,
        written out only after a change that names it (`writing(store)`)."""
        self._parts[name] = part
        if store is not None:
            self._store_of[name] = id(store)

    def start(self) -> None:
        """Read the whole shared state (what a restart finds, or the other workers made)."""
        self.refresh(force=True)

    @contextmanager
    def writing(self, store: object | None = None) -> Iterator[None]:
        """Hold the writer's place for a change (of `store`, a small store shared whole);
        nested, the outer hold serves."""
        log = self.log
        if log is None:
            yield
            return
        if self._nested():
            if store is not None:
                self._touched.add(id(store))
            yield
            return
        follow_ups: list[FollowUp] = []
        with self._lock:
            self._enter()
            self._touched = {id(store)} if store is not None else set()
            writing = False
            try:
                with log.lock():
                    follow_ups = self._sync(log, self.seen, whole=self._lost)
                    yield
                    writing = True
                    written = self._flush(log)
                # Committed: what this process holds is the log up to there.
                self.seen = written if written is not None else self.seen
            except BaseException:
                # A write or its commit failed: this process holds a change the others
                # never will. The next change reads the whole log again, which puts it
                # back in step (the change is lost, as its caller was told).
                self._lost = self._lost or writing
                raise
            finally:
                self._leave()
                self._defer(follow_ups)

    @contextmanager
    def request(self) -> Iterator[None]:
        """One request's view: what others changed, read once at its start; the stores'
        reads within it read nothing more (a change still reads what it must)."""
        self.follow()
        self.refresh()
        self._depth.fresh = True
        try:
            yield
        finally:
            self._depth.fresh = False

    def refresh(self, *, force: bool = False, latest: bool = False) -> None:
        """Take in what other processes changed (nothing, when the log has not moved).

        Within a request (`request`) this was done at its start, unless `latest` (a
        wait for another process's change) asks again; `force` reads everything.
        """
        log = self.log
        if log is None or self._nested():
            return
        if not (force or latest) and getattr(self._depth, "fresh", False):
            return
        if not force and log.revision() == self.seen:
            return
        with self._lock:
            self._enter()
            try:
                follow_ups = self._sync(log, 0 if force else self.seen)
            finally:
                self._leave()
        self._defer(follow_ups)

    def _defer(self, follow_ups: list[FollowUp]) -> None:
        # Onto the follow-up thread of this process (started with the first).
        if not follow_ups:
            return
        for follow_up in follow_ups:
            self._follow_ups.put(follow_up)
        pid = os.getpid()
        if self._runner_pid == pid:
            return
        with self._threads:
            if self._runner_pid == pid:
                return
            self._runner_pid = pid
            threading.Thread(
                target=_run_follow_ups,
                args=(self._follow_ups,),
                name="ionq-mock follow-ups",
                daemon=True,
            ).start()

    def settle(self) -> None:
        """Wait until the follow-ups queued so far have run (for tests and shutdown)."""
        done = threading.Event()
        if self._runner_pid != os.getpid():
            return
        self._follow_ups.put(done.set)
        done.wait()

    def follow(self) -> None:
        """Read what others change every FOLLOW_S on a thread of this process's own (once
        per process: a serving process's first request asks, and a worker)."""
        pid = os.getpid()
        if self.log is None or self._follower_pid == pid:
            return
        with self._threads:
            if self._follower_pid == pid:
                return
            self._follower_pid = pid
            threading.Thread(
                target=_follow, args=(weakref.ref(self),), name="ionq-mock follower", daemon=True
            ).start()

    def _sync(self, log: SharedLog, since: int, *, whole: bool = False) -> list[FollowUp]:
        changes = log.changes(0 if whole else since)
        if whole:
            changes = Changes(changes.revision, changes.entries, whole=True)
            self._lost = False
        by_part: dict[str, list[tuple[str, bytes | None]]] = {name: [] for name in self._parts}
        for entry in changes.entries:
            if entry.part in by_part:
                by_part[entry.part].append((entry.key, entry.value))
        follow_ups = []
        for name, part in self._parts.items():
            if by_part[name] or changes.whole:
                follow_up = part.load(by_part[name], changes.whole)
                if follow_up is not None:
                    follow_ups.append(follow_up)
        self.seen = changes.revision
        return follow_ups

    def _flush(self, log: SharedLog) -> int | None:
        # The revision written, if anything was.
        touched = self._touched
        entries = [
            Entry(name, key, value)
            for name, part in self._parts.items()
            if name not in self._store_of or self._store_of[name] in touched
            for key, value in part.pending()
        ]
        return log.write(entries) if entries else None

    def _nested(self) -> bool:
        return getattr(self._depth, "value", 0) > 0

    def _enter(self) -> None:
        self._depth.value = getattr(self._depth, "value", 0) + 1

    def _leave(self) -> None:
        self._depth.value -= 1

    def close(self) -> None:
        """Let go of the log: the replica shares nothing any more, its follower stops."""
        log, self.log = self.log, None
        if log is not None:
            log.close()


def _follow(replica: weakref.ref[Replica]) -> None:
    """Read what other processes change, every FOLLOW_S, for as long as the replica lives.

    A store that cannot be reached is said once, and again once it can.
    """
    pid = os.getpid()
    failing = False
    while True:
        time.sleep(FOLLOW_S)
        current = replica()
        if current is None or current.log is None or current._follower_pid != pid:
            return
        try:
            current.refresh()
            current.keep_alive()
        except Exception as error:  # the store away for a moment: the next round tries again
            if not failing:
                logger.warning("cannot read the shared state (trying again): %s", error)
            failing = True
        else:
            if failing:
                logger.warning("the shared state can be read again")
            failing = False
        del current


def _run_follow_ups(follow_ups: queue.SimpleQueue[FollowUp]) -> None:
    """Run each follow-up in turn, for as long as the process lives."""
    while True:
        follow_up = follow_ups.get()
        try:
            follow_up()
        except Exception:  # a bug of the fake's: logged, and the next one runs
            logger.exception("a follow-up of a change another process made failed")


class Whole:
    """A small store shared whole, as one entry: its state, pickled, when it changed.

    `state` reads the store's state (under its lock); `restore` puts one read
    from the log in its place and returns what to do after, if anything.
    """

    def __init__(
        self, state: Callable[[], object], restore: Callable[[Any], FollowUp | None]
    ) -> None:
        self._state = state
        self._restore = restore
        self._last: bytes | None = None

    def pending(self) -> list[tuple[str, bytes | None]]:
        """The state, when it is not what was last written or read."""
        data = pickle.dumps(self._state(), protocol=pickle.HIGHEST_PROTOCOL)
        if data == self._last:
            return []
        self._last = data
        return [("", data)]

    def load(self, entries: Sequence[tuple[str, bytes | None]], whole: bool) -> FollowUp | None:
        """Take the latest state another process wrote."""
        if whole:  # what this process last wrote may not be in the log
            self._last = None
        for _key, value in entries[-1:]:
            if value is not None and value != self._last:
                self._last = value
                return self._restore(pickle.loads(value))  # noqa: S301 - our own processes wrote it
        return None


class SharedWhole(Protocol):
    """A small store that shares its state whole (what `Whole` reads and restores)."""

    replica: Replica

    def shared_state(self) -> Any:
        """The state, to be pickled (read under the store's lock)."""
        ...

    def restore(self, state: Any) -> FollowUp | None:
        """Put a state another process wrote in place; what to do after, if anything."""
        ...


class Shares(Protocol):
    """A store with a Replica: what `changes_shared_state` needs."""

    replica: Replica


S = TypeVar("S", bound=Shares)
P = ParamSpec("P")
R = TypeVar("R")


def changes_shared_state(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """Make a store's method a change of the shared state (`Replica.writing`)."""

    def change(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.replica.writing(self):
            return method(self, *args, **kwargs)

    functools.update_wrapper(change, method)
    return change
