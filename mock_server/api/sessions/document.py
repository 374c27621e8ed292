"""The JSON document of a session: IonQ's Session, with what qiskit-ionq reads beside it.

Every field IonQ's description marks required is always present (ionq-core
parses each), null where it allows null. qiskit-ionq's `Session` reads
`state` (the status) and `usage_time` (seconds), which IonQ's description
lacks: both are served (openapi.yaml's Session says so).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mock_server.api.keys import PROJECT_ID
from mock_server.api.sessions.model import Session
from mock_server.wire.responses import instant


def _moment(value: datetime | None) -> str | None:
    return instant(value) if value is not None else None


def _settings(session: Session) -> dict[str, Any]:
    limits = session.limits
    settings: dict[str, Any] = {}
    if limits.job_count is not None:
        settings["job_count_limit"] = limits.job_count
    if limits.duration_min is not None:
        settings["duration_limit_min"] = limits.duration_min
        settings["expires_at"] = _moment(session.expires_at)
    if limits.cost is not None:
        cost: dict[str, Any] = {"value": limits.cost.value}
        if limits.cost.unit is not None:
            cost["unit"] = limits.cost.unit
        settings["cost_limit"] = cost
    return settings


def usage_seconds(session: Session, now: datetime) -> float:
    """Seconds from the session's first job until it ended, or until `now`; 0 before."""
    if session.started_at is None:
        return 0.0
    until = session.ended_at if session.ended_at is not None else now
    return round(max(0.0, (until - session.started_at).total_seconds()), 3)


def session_document(session: Session, organization: str, now: datetime) -> dict[str, Any]:
    """The session as `GET /sessions/{id}` answers it, at `now` (for `usage_time`)."""
    status = str(session.status)
    return {
        "id": session.id,
        "created_at": instant(session.created_at),
        "organization_id": organization,
        "backend": session.backend,
        "project_id": PROJECT_ID,  # the project of every key, as on its jobs
        "creator_id": session.owner,
        "ended_at": _moment(session.ended_at),
        "ender_id": session.ender,
        "settings": _settings(session),
        "active": session.ended_at is None,
        "status": status,
        "state": status,
        "started_at": _moment(session.started_at),
        "usage_time": usage_seconds(session, now),
    }
