"""SessionStore: the sessions of one app, in memory, and the admission of jobs into them.

Every change happens under one lock, so that two jobs submitted at once into
a session with room for one cannot both be admitted: `admit` checks the
rules (mock_server.api.sessions.rules) and counts the job in one step.
Readers get snapshots. Every change bumps the API's revision, because
`GET /sessions/{id}/jobs` is a pure read whose 404 depends on the sessions.
"""

from __future__ import annotations

import pickle
import threading
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from mock_server.api.revision import Revision
from mock_server.api.sessions import rules
from mock_server.api.sessions.model import Limits, Session, SessionStatus
from mock_server.api.sessions.rules import Refusal
from mock_server.shared.replica import Replica, changes_shared_state

# How many sessions the store keeps: past it the oldest ended one is forgotten
# (or, when none has ended, the oldest one), so that a long test run stays bounded.
MAX_SESSIONS = 10_000


class SessionStore:
    """The sessions of every key; each is seen only through its owner's key."""

    def __init__(
        self,
        revision: Revision,
        now: Callable[[], datetime],
        limit: int = MAX_SESSIONS,
    ) -> None:
        self._sessions: dict[str, Session] = {}  # in creation order
        self._lock = threading.Lock()
        self._revision = revision
        self._clock = now
        self._limit = limit
        # Shared with other processes (mock_server/shared), one entry a session: the ids of
        # those changed or forgotten since the replica last wrote them out.
        self.replica = Replica()
        self._changed: set[str] = set()
        self._gone: set[str] = set()

    def share(self, replica: Replica) -> None:
        """Keep the sessions in step with other processes through `replica`."""
        self.replica = replica
        replica.register("sessions", self)

    def _note(self, session_id: str) -> None:
        if self.replica.shared:
            self._changed.add(session_id)

    def pending(self) -> list[tuple[str, bytes | None]]:
        """The sessions changed (pickled) and forgotten (None) since the replica last asked."""
        with self._lock:
            entries: list[tuple[str, bytes | None]] = [
                (each, None if session is None else pickle.dumps(session, pickle.HIGHEST_PROTOCOL))
                for each in self._changed | self._gone
                for session in (self._sessions.get(each),)
            ]
            self._changed.clear()
            self._gone.clear()
            return entries

    def load(self, entries: Sequence[tuple[str, bytes | None]], whole: bool) -> None:
        """Take in the sessions other processes changed; new ones in creation order."""
        with self._lock:
            if whole:
                self._sessions.clear()
            arrived = []
            for session_id, value in entries:
                if value is None:
                    self._sessions.pop(session_id, None)
                    continue
                session: Session = pickle.loads(value)  # noqa: S301 - the fake's own processes wrote it
                if session_id in self._sessions:
                    self._sessions[session_id] = session
                else:
                    arrived.append(session)
            for session in sorted(arrived, key=lambda each: each.created_at):
                self._sessions[session.id] = session
        self._revision.bump()

    def now(self) -> datetime:
        """The store's time, the app's one clock (mock_server/api/clock.py): what durations and
        usage are measured with."""
        return self._clock()

    @changes_shared_state
    def create(self, owner: str, backend: str, limits: Limits) -> Session:
        """A new session of `owner` on `backend`, `created`."""
        session = Session(
            id=str(uuid.uuid4()),
            owner=owner,
            backend=rules.session_backend(backend),
            limits=limits,
            created_at=self.now(),
        )
        with self._lock:
            self._make_room()
            self._sessions[session.id] = session
            self._note(session.id)
            copy = session.snapshot()
        self._revision.bump()
        return copy

    def _make_room(self) -> None:
        if len(self._sessions) < self._limit:
            return
        ended = (s.id for s in self._sessions.values() if s.status is SessionStatus.ENDED)
        forgotten = next(ended, next(iter(self._sessions)))
        del self._sessions[forgotten]
        if self.replica.shared:
            self._gone.add(forgotten)

    def get(self, session_id: str, owner: str | None = None) -> Session | None:
        """The session, if it exists and (when `owner` is given) is that key's."""
        with self._lock:
            session = self._owned(session_id, owner)
            return session.snapshot() if session is not None else None

    def _owned(self, session_id: str, owner: str | None) -> Session | None:
        session = self._sessions.get(session_id)
        if session is None or (owner is not None and session.owner != owner):
            return None
        return session

    def list(self, owner: str | None = None, active: bool | None = None) -> list[Session]:
        """The sessions of `owner` (every key's when None), newest first; `active` narrows."""
        with self._lock:
            return [
                session.snapshot()
                for session in reversed(self._sessions.values())
                if (owner is None or session.owner == owner)
                and (active is None or (session.status is not SessionStatus.ENDED) == active)
            ]

    @changes_shared_state
    def end(self, session_id: str, owner: str) -> Session | None:
        """End the key's session (once: ending it again changes nothing); None if not the key's."""
        with self._lock:
            session = self._owned(session_id, owner)
            if session is None:
                return None
            changed = session.ended_at is None
            if changed:
                session.ended_at = self.now()
                session.ender = owner
                self._note(session.id)
            copy = session.snapshot()
        if changed:
            self._revision.bump()
        return copy

    @changes_shared_state
    def admit(self, owner: str, session_id: str, *, backend: str, cost: float) -> Refusal | None:
        """Count a job into the key's session, starting it, or say why the session refuses it."""
        with self._lock:
            session = self._owned(session_id, owner)
            moment = self.now()
            refused = rules.refusal(session, session_id, backend=backend, cost=cost, now=moment)
            if refused is not None or session is None:
                return refused
            session.jobs += 1
            session.cost += cost
            self._note(session.id)
            if session.started_at is None:
                session.started_at = moment
        self._revision.bump()
        return None

    @changes_shared_state
    def withdraw(self, session_id: str, cost: float) -> None:
        """Uncount a job `admit` counted that was not created after all (the job store was full)."""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None:
                session.jobs = max(0, session.jobs - 1)
                session.cost = max(0.0, session.cost - cost)
                self._note(session.id)
        self._revision.bump()

    @changes_shared_state
    def clear(self) -> None:
        """Forget every session (the admin API's and the plugin's reset)."""
        with self._lock:
            if self.replica.shared:
                self._gone.update(self._sessions)
            self._sessions.clear()
        self._revision.bump()
