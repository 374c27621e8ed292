"""The admin API: change what the fake serves while it runs, outside /v0.4.

Tests use it to put a backend in a state the fixtures do not have (degraded,
a long queue, a missing backend) and to go back afterwards:

    GET    /__admin/backends          every stored record
    GET    /__admin/backends/<name>   one record
    PATCH  /__admin/backends/<name>   JSON Merge Patch (RFC 7396) of its fields
    DELETE /__admin/backends/<name>   forget it (GET /v0.4/... answers 404)
    GET    /__admin/backends/<name>/characterization   its current (newest) characterization
    PUT    /__admin/backends/<name>/characterization   replace it (`id`, `backend` may be left out)
    PATCH  /__admin/backends/<name>/characterization   JSON Merge Patch of its fields
    POST   /__admin/reset             back to the fixtures, no faults, an empty log

Jobs (mock_server/api/jobs/), across every API key:

    GET    /__admin/jobs              every job, newest first, with the id of its key
    GET    /__admin/jobs/<id>         one job
    DELETE /__admin/jobs              forget every job
    GET    /__admin/jobs/controls     whether new jobs are held, which failures are queued
    PUT    /__admin/jobs/hold         {"hold": true}: new jobs stay `ready` until released
    POST   /__admin/jobs/fail-next    {"code": "TooManyGates", "message": ..., "count": N}
    POST   /__admin/jobs/<id>/complete   run a held job now: it completes as it would have
    POST   /__admin/jobs/<id>/fail    {"code": ..., "message": ...}: an unfinished job fails
    POST   /__admin/jobs/<id>/cancel  the job is canceled, as its key's cancel does

Sessions (mock_server/api/sessions/), across every API key:

    GET    /__admin/sessions          every session, newest first, with the id of its key
    DELETE /__admin/sessions          forget every session

The clock (mock_server/api/clock.py), the one time of jobs and sessions:

    GET    /__admin/clock             now, whether it is virtual, the time scale
    PUT    /__admin/clock             {"virtual": true, "time_scale": 1}: either may be left out
    POST   /__admin/clock/advance     {"seconds": 10800}: move virtual time (409 when real)

The test tools (faults.py, ratelimit.py, request_log.py beside this module):

    GET    /__admin/faults            the fault rules, with how often each matched
    POST   /__admin/faults            add a rule (201 with its id)
    DELETE /__admin/faults[/<id>]     remove every rule, or one
    GET    /__admin/rate-limit        the rate limit per API key
    PUT    /__admin/rate-limit        {"rate": <per second>, "burst": <n>}
    DELETE /__admin/rate-limit        no rate limit
    GET    /__admin/requests[?limit=] the requests received, oldest first
    DELETE /__admin/requests          forget them

A change is checked against the spec's Backend schema before it is stored,
so the fake cannot be talked into breaking its own contract; the record's
`backend` is its name and cannot change. A characterization is held to the
Characterization schema alike, keeps its `id` and `backend`, and stays the
newest of its history (mock_server/api/characterization_store.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Blueprint, Response, current_app, request

from mock_server.api import state as api
from mock_server.api.clock import Clock, ClockError
from mock_server.api.jobs.document import job_document
from mock_server.api.jobs.model import Job
from mock_server.api.jobs.store import CancelOutcome
from mock_server.api.keys import organization_of
from mock_server.api.patches import PatchError
from mock_server.api.sessions.document import session_document
from mock_server.controls import state as controls
from mock_server.controls.clock import parse_advance, parse_settings
from mock_server.controls.faults import RuleError
from mock_server.controls.jobs import parse_failures, parse_hold
from mock_server.controls.ratelimit import parse_limit
from mock_server.wire.errors import error_response, not_found, rejection_response
from mock_server.wire.rejections import SOURCES, Rejection, json_body, whole_number
from mock_server.wire.responses import empty_response, encode, json_response

ADMIN_PREFIX = "/__admin"

T = TypeVar("T")

blueprint = Blueprint("admin", __name__, url_prefix=ADMIN_PREFIX)


def _api() -> api.ApiState:
    return cast(api.ApiState, current_app.extensions[api.EXTENSION])


def _controls() -> controls.Controls:
    return cast(controls.Controls, current_app.extensions[controls.EXTENSION])


@blueprint.get("/backends")
def list_backends() -> Response:
    """Every stored backend record, sorted by name."""
    return json_response(encode(_api().backends.all()))


@blueprint.get("/backends/<name>")
def get_backend(name: str) -> Response:
    """One stored record, as GET /v0.4/backends/<name> serves it."""
    record = _api().backends.get(name)
    if record is None:
        return not_found(f"Backend {name} is not loaded.")
    return json_response(encode(record))


@blueprint.patch("/backends/<name>")
def patch_backend(name: str) -> Response:
    """Merge the body into the record; a result that breaks the spec is refused (400)."""
    changes = _json_object()
    if isinstance(changes, Rejection):
        return rejection_response(changes)
    try:
        record = _api().backends.patch(name, changes)
    except PatchError as exc:
        return rejection_response(exc.rejection())
    return json_response(encode(record))


@blueprint.delete("/backends/<name>")
def delete_backend(name: str) -> Response:
    """Forget a backend until the next reset, to test a client's 404 handling."""
    if not _api().backends.remove(name):
        return not_found(f"Backend {name} is not loaded.")
    return empty_response(204)


def _characterization(name: str) -> dict[str, Any] | Response:
    """The backend's current characterization, or the 404 for a backend that is not
    loaded or has none (the simulator)."""
    api_state = _api()
    if api_state.backends.body(name) is None:
        return not_found(f"Backend {name} is not loaded.")
    record = api_state.characterizations.current(name)
    return record if record is not None else _no_characterization(name)


def _no_characterization(name: str) -> Response:
    return not_found(f"Backend {name} has no characterization.")


@blueprint.get("/backends/<name>/characterization")
def get_characterization(name: str) -> Response:
    """The current characterization, as GET /v0.4/backends/<name>/characterizations/<id> has it."""
    record = _characterization(name)
    return record if isinstance(record, Response) else json_response(encode(record))


@blueprint.put("/backends/<name>/characterization")
def replace_characterization(name: str) -> Response:
    """Replace the current characterization; a record that breaks the spec is refused (400)."""
    return _change_characterization(name, _api().characterizations.replace)


@blueprint.patch("/backends/<name>/characterization")
def patch_characterization(name: str) -> Response:
    """Merge the body into the current characterization; 400 when the result breaks the spec."""
    return _change_characterization(name, _api().characterizations.patch)


def _change_characterization(
    name: str, change: Callable[[str, dict[str, Any]], dict[str, Any] | None]
) -> Response:
    found = _characterization(name)
    if isinstance(found, Response):
        return found
    document = _json_object("Characterization fields")
    if isinstance(document, Rejection):
        return rejection_response(document)
    try:
        record = change(name, document)
    except PatchError as exc:
        return rejection_response(exc.rejection())
    return json_response(encode(record)) if record is not None else _no_characterization(name)


@blueprint.post("/reset")
def reset() -> Response:
    """Undo every change: serve the fixtures again, without faults, with an empty log."""
    _api().reset()
    controls.reset(_controls())
    return empty_response(204)


def _job(job_id: str) -> Job | Response:
    job = _api().jobs.get(job_id)
    return job if job is not None else not_found(f"There is no job {job_id}.")


def _current(job_id: str) -> Response:
    """The job as it is after a change (read again: the store's views are snapshots)."""
    job = _job(job_id)
    return job if isinstance(job, Response) else json_response(encode(_admin_document(job)))


def _admin_document(job: Job) -> dict[str, Any]:
    return {**job_document(job, _api().base_path), "owner": job.owner}


def _conflict(job: Job, action: str) -> Response:
    return error_response(
        409,
        f"Job {job.id} is {job.status}{' and held' if job.held else ''}: it cannot be {action}.",
    )


@blueprint.get("/clock")
def get_clock() -> Response:
    """The time now, whether it is virtual, the time scale, how many actions are scheduled."""
    return json_response(encode(_api().clock.to_json()))


@blueprint.put("/clock")
def set_clock() -> Response:
    """Switch between real and virtual time, or change the time scale."""
    settings = _parsed("clock settings", parse_settings)
    if isinstance(settings, Response):
        return settings
    return _clock_change(
        lambda clock: clock.configure(virtual=settings.virtual, time_scale=settings.time_scale),
        "changed",
    )


@blueprint.post("/clock/advance")
def advance_clock() -> Response:
    """Move virtual time on, running every job and session action due on the way."""
    seconds = _parsed("clock advance fields", parse_advance)
    if isinstance(seconds, Response):
        return seconds
    return _clock_change(lambda clock: clock.advance(seconds), "moved")


def _clock_change(change: Callable[[Clock], object], done: str) -> Response:
    """The clock after `change`, or 409 saying why it was not `done`."""
    clock = _api().clock
    try:
        change(clock)
    except ClockError as refused:
        return error_response(409, f"The clock was not {done}: {refused}.")
    return json_response(encode(clock.to_json()))


@blueprint.get("/sessions")
def list_sessions() -> Response:
    """Every session of every key, newest first, each with the id of the key it belongs to."""
    sessions = _api().sessions
    now = sessions.now()
    documents = [
        {**session_document(session, organization_of(session.owner), now), "owner": session.owner}
        for session in sessions.list()
    ]
    return json_response(encode(documents))


@blueprint.delete("/sessions")
def clear_sessions() -> Response:
    """Forget every session (their jobs stay, keeping the ids they were submitted with)."""
    _api().sessions.clear()
    return empty_response(204)


@blueprint.get("/jobs")
def list_jobs() -> Response:
    """Every job of every key, newest first, each with the id of the key it belongs to."""
    return json_response(encode([_admin_document(job) for job in _api().jobs.all()]))


@blueprint.delete("/jobs")
def clear_jobs() -> Response:
    """Forget every job."""
    _api().jobs.clear()
    return empty_response(204)


@blueprint.get("/jobs/controls")
def job_controls() -> Response:
    """Whether new jobs are held, and the failures the next jobs will get."""
    return json_response(encode(_api().runner.controls_json()))


@blueprint.put("/jobs/hold")
def hold_jobs() -> Response:
    """Hold every new job in `ready` (or stop holding new ones; held jobs stay held)."""
    hold = _parsed("job hold fields", parse_hold)
    if isinstance(hold, Response):
        return hold
    return json_response(encode(_api().runner.hold_new_jobs(hold)))


@blueprint.post("/jobs/fail-next")
def fail_next_jobs() -> Response:
    """Queue failures: each of the next jobs submitted fails with the next one."""
    failures = _parsed(
        "job failure fields", lambda document: parse_failures(document, _controls().failure_codes)
    )
    if isinstance(failures, Response):
        return failures
    return json_response(encode(_api().runner.fail_next_jobs(failures)))


@blueprint.get("/jobs/<job_id>")
def get_job(job_id: str) -> Response:
    """One job as GET /v0.4/jobs/<id> shows it to its key, with the key's id."""
    job = _job(job_id)
    return job if isinstance(job, Response) else json_response(encode(_admin_document(job)))


@blueprint.post("/jobs/<job_id>/complete")
def complete_job(job_id: str) -> Response:
    """Let a held job run: it completes (or fails) as it would have without the hold."""
    job = _job(job_id)
    if isinstance(job, Response):
        return job
    api_state = _api()
    if not api_state.runner.release(job):
        return _conflict(job, "completed: only a held job can")
    api_state.jobs.wait_finished(job.id, api_state.runner.settings.inline_wait_s)
    return _current(job.id)


@blueprint.post("/jobs/<job_id>/fail")
def fail_job(job_id: str) -> Response:
    """Fail an unfinished job with the body's failure."""
    job = _job(job_id)
    if isinstance(job, Response):
        return job
    failures = _parsed(
        "job failure fields", lambda document: parse_failures(document, _controls().failure_codes)
    )
    if isinstance(failures, Response):
        return failures
    if job.finished:
        return _conflict(job, "failed")
    _api().jobs.fail(job.id, failures[0])
    return _current(job.id)


@blueprint.post("/jobs/<job_id>/cancel")
def cancel_job(job_id: str) -> Response:
    """Cancel a job as its key could (a completed one too); 409 for a failed one."""
    job = _job(job_id)
    if isinstance(job, Response):
        return job
    if _api().jobs.cancel(None, job.id) is CancelOutcome.FINISHED:
        return _conflict(job, "canceled")
    return _current(job.id)


@blueprint.get("/faults")
def list_faults() -> Response:
    """The fault rules in the order they apply, each with how many requests it matched."""
    return json_response(encode(_controls().faults.rules()))


@blueprint.post("/faults")
def add_fault() -> Response:
    """Add a fault rule; 400 naming the fields when openapi.yaml or the rule schema forbid it."""
    document = _json_object("fault rule fields")
    if isinstance(document, Rejection):
        return rejection_response(document)
    try:
        rule = _controls().faults.add(document)
    except RuleError as exc:
        return rejection_response(exc.rejection())
    return json_response(encode(rule), 201)


@blueprint.delete("/faults")
def clear_faults() -> Response:
    """Remove every fault rule."""
    _controls().faults.clear()
    return empty_response(204)


@blueprint.delete("/faults/<int:rule_id>")
def remove_fault(rule_id: int) -> Response:
    """Remove one fault rule."""
    if not _controls().faults.remove(rule_id):
        return not_found(f"There is no fault rule {rule_id}.")
    return empty_response(204)


@blueprint.get("/rate-limit")
def get_rate_limit() -> Response:
    """The rate limit per API key: `{"enabled": false}` or the rate and burst."""
    limit = _controls().rate_limit.limit
    document = {"enabled": False} if limit is None else {"enabled": True, **limit.to_json()}
    return json_response(encode(document))


@blueprint.put("/rate-limit")
def set_rate_limit() -> Response:
    """Limit every API key to `rate` requests per second with bursts of `burst`."""
    document = _json_object("rate limit fields")
    if isinstance(document, Rejection):
        return rejection_response(document)
    limit = parse_limit(document)
    if isinstance(limit, Rejection):
        return rejection_response(limit)
    _controls().rate_limit.configure(limit)
    return json_response(encode({"enabled": True, **limit.to_json()}))


@blueprint.delete("/rate-limit")
def remove_rate_limit() -> Response:
    """No rate limit, until the next reset brings back the configured one."""
    _controls().rate_limit.configure(None)
    return empty_response(204)


@blueprint.get("/requests")
def list_requests() -> Response:
    """The requests received (oldest first), `?limit=N` for the last N only."""
    text = request.args.get("limit")
    limit = whole_number(text) if text is not None else None
    if text is not None and limit is None:
        return rejection_response(
            Rejection(("limit",), SOURCES["query"], '"limit" must be a whole number')
        )
    return json_response(encode(_controls().requests.entries(limit)))


@blueprint.delete("/requests")
def clear_requests() -> Response:
    """Forget the requests received so far."""
    _controls().requests.clear()
    return empty_response(204)


def _parsed(what: str, parse: Callable[[dict[str, Any]], T | Rejection]) -> T | Response:
    """The body, a JSON object of `what`, as `parse` reads it; else the 400 that says why."""
    document = _json_object(what)
    parsed = document if isinstance(document, Rejection) else parse(document)
    return rejection_response(parsed) if isinstance(parsed, Rejection) else parsed


def _json_object(what: str = "Backend fields") -> dict[str, Any] | Rejection:
    # Any content type is accepted: curl users often forget it, and the body must be JSON anyway.
    document = json_body(request.get_data(cache=True) or b"null")
    if isinstance(document, Rejection):
        return document
    if not isinstance(document, dict):
        return Rejection(
            keys=(),
            source=SOURCES["body"],
            message=f"The body must be a JSON object of {what}",
        )
    return document
