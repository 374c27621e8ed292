"""Handlers of the `sessions` tag: open, list, read and end sessions, and list a session's jobs.

Thin, as the jobs handlers are: read the request, ask the store, answer.
Every session belongs to the key that opened it; another key gets 404 for it
and never sees it in a list. Bodies and queries were validated against
openapi.yaml before a handler runs, so the shapes read here are known.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request

from mock_server.api.jobs.handlers import job_page
from mock_server.api.keys import AUTHORIZATION, key_id, organization_of
from mock_server.api.sessions.document import session_document
from mock_server.api.sessions.model import CostLimit, Limits, Session
from mock_server.api.sessions.rules import not_found
from mock_server.api.state import ApiState
from mock_server.wire.errors import error_response
from mock_server.wire.rejections import Rejection, request_document
from mock_server.wire.responses import encode, json_response


def _owner() -> str:
    return key_id(request.headers[AUTHORIZATION])


def _limits(settings: dict[str, Any]) -> Limits:
    cost = settings.get("cost_limit")
    return Limits(
        job_count=settings.get("job_count_limit"),
        duration_min=settings.get("duration_limit_min"),
        cost=CostLimit(float(cost["value"]), cost.get("unit")) if cost is not None else None,
    )


def _document(state: ApiState, session: Session) -> dict[str, Any]:
    return session_document(session, organization_of(session.owner), state.sessions.now())


def _session_not_found(session_id: str) -> Response:
    refusal = not_found(session_id)
    return error_response(refusal.status, refusal.message)


def create_session(state: ApiState) -> Response:
    """POST /sessions: a new session of the key, `created`; 201."""
    body = request_document(request.environ, request.get_data(cache=True))
    document: dict[str, Any] = {} if isinstance(body, Rejection) else body
    limits = _limits(document.get("settings") or {})
    session = state.sessions.create(_owner(), document["backend"], limits)
    return json_response(encode(_document(state, session)), 201)


def get_sessions(state: ApiState) -> Response:
    """GET /sessions: the key's sessions, newest first; `active` keeps the open or the ended."""
    active_arg = request.args.get("active")
    active = None if active_arg is None else active_arg.lower() == "true"
    owner = _owner()
    sessions = state.sessions.list(owner, active)
    listing = {
        "organization_id": organization_of(owner),
        "sessions": [_document(state, session) for session in sessions],
    }
    return json_response(encode(listing))


def get_session(state: ApiState, session_id: str) -> Response:
    """GET /sessions/{session_id}: the session, if it is the key's."""
    session = state.sessions.get(session_id, _owner())
    if session is None:
        return _session_not_found(session_id)
    return json_response(encode(_document(state, session)))


def end_session(state: ApiState, session_id: str) -> Response:
    """POST /sessions/{session_id}/end: the session ended (again: unchanged); its jobs run on."""
    session = state.sessions.end(session_id, _owner())
    if session is None:
        return _session_not_found(session_id)
    return json_response(encode(_document(state, session)))


def get_session_jobs(state: ApiState, session_id: str) -> Response:
    """GET /sessions/{session_id}/jobs: GET /jobs narrowed to the session, if it is the key's."""
    if state.sessions.get(session_id, _owner()) is None:
        return _session_not_found(session_id)
    return job_page(state, session_id)
