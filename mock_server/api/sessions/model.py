"""What a session is: its owner, backend, limits, and where it is in its life.

IonQ's description gives a session three statuses, `created`, `started` and
`ended`, in that order: a session is `created` when opened, `started` by its
first job and `ended` by `POST /sessions/{id}/end`. `Session` changes only
through SessionStore, under its lock; a reader gets a `snapshot()`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class SessionStatus(StrEnum):
    """IonQ's SessionStatusEnum, in the order a session goes through them."""

    CREATED = "created"
    STARTED = "started"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class CostLimit:
    """A session's `cost_limit` as asked (the fake compares `value` in its rate cards' unit)."""

    value: float
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    """What a session was opened with: any limit may be absent."""

    job_count: int | None = None
    duration_min: int | None = None
    cost: CostLimit | None = None


@dataclass(slots=True)
class Session:
    """One session of one key; `jobs` and `cost` count the jobs it admitted so far."""

    id: str
    owner: str
    backend: str
    limits: Limits
    created_at: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    ender: str | None = None
    jobs: int = 0
    cost: float = 0.0

    @property
    def status(self) -> SessionStatus:
        """Derived from the timestamps, so that the status and them never disagree."""
        if self.ended_at is not None:
            return SessionStatus.ENDED
        if self.started_at is not None:
            return SessionStatus.STARTED
        return SessionStatus.CREATED

    @property
    def expires_at(self) -> datetime | None:
        """When the duration limit runs out: counted from creation (a guess, see openapi.yaml)."""
        if self.limits.duration_min is None:
            return None
        return self.created_at + timedelta(minutes=self.limits.duration_min)

    def snapshot(self) -> Session:
        """A copy a reader may keep while the store changes the original."""
        return dataclasses.replace(self)
