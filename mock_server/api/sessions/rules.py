"""Every rule by which a session refuses a job, in one place: openapi.yaml's SessionRefused.

A job names its session by `session_id`. The session must be the key's
(409 otherwise: see `unknown`), not ended, on the job's
backend, and have room under each of its limits. IonQ documents none of
these answers; 409 is the contract's guess (x-guessed). The
rules are pure: the store applies them under its lock, with the time and
the job's estimated cost given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mock_server.api.sessions.model import Session, SessionStatus

# qiskit-ionq's Session sends `ionq_simulator` for a simulator session, and
# `qpu` is the generic QPU the fake runs on qpu.aria-1 (mock_server.api.jobs.creation).
SESSION_BACKEND_ALIASES = {"ionq_simulator": "simulator", "qpu": "qpu.aria-1"}
NOT_FOUND = 404
CONFLICT = 409


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a job was not admitted: the HTTP status and the error body's message."""

    status: int
    message: str


def session_backend(name: str) -> str:
    """The backend a session (or a job, when checked against one) runs on."""
    return SESSION_BACKEND_ALIASES.get(name, name)


def not_found(session_id: str) -> Refusal:
    """The answer for a session that is unknown or another key's, at /sessions/{session_id}."""
    return Refusal(NOT_FOUND, f"Session {session_id} was not found.")


def unknown(session_id: str) -> Refusal:
    """The answer for a job naming a session that is unknown or another key's: 409, like every
    refusal of a session. Not 404, which on a clone or a move would say that the job copied is
    gone (schemathesis' stateful phase reads it so, and so would a client); not 400, which this
    contract keeps for what the schema refuses."""
    return Refusal(CONFLICT, f"Session {session_id} was not found.")


def refusal(
    session: Session | None,
    session_id: str,
    *,
    backend: str,
    cost: float,
    now: datetime,
) -> Refusal | None:
    """Why `session` cannot take a job on `backend` that is estimated to cost `cost`, or None."""
    if session is None:
        return unknown(session_id)
    named = f"Session {session_id}"
    if session.status is SessionStatus.ENDED:
        return Refusal(CONFLICT, f"{named} has ended.")
    if session_backend(backend) != session.backend:
        return Refusal(CONFLICT, f"{named} runs on {session.backend}, not on {backend}.")
    beyond = _beyond_limit(session, cost, now)
    return Refusal(CONFLICT, f"{named} {beyond}.") if beyond is not None else None


def _beyond_limit(session: Session, cost: float, now: datetime) -> str | None:
    """Which limit of the session one more job of `cost` would pass, in words, or None."""
    limits = session.limits
    expires_at = session.expires_at
    if limits.job_count is not None and session.jobs >= limits.job_count:
        return f"has reached its limit of {limits.job_count} jobs"
    if expires_at is not None and now >= expires_at:
        return f"has passed its duration limit of {limits.duration_min} minutes"
    if limits.cost is not None and session.cost + cost > limits.cost.value:
        return (
            f"would pass its cost limit of {limits.cost.value:g}: its jobs cost "
            f"{session.cost:g} and this one {cost:g}"
        )
    return None
