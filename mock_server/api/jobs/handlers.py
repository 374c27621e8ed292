"""Handlers of the `jobs` tag: submit, list, read, cancel, delete, clone and move jobs, and their
results.

Thin on purpose: each reads the request, asks the store, the runner, the
admission rules or the cost model, and answers. Every job operation needs a
key (mock_server/auth.py answers 401 first), and every job belongs to the
key that submitted it: another key gets 404 for it and never sees it in a
list. The body was validated against openapi.yaml before a handler runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from flask import Response, request

from mock_server.api.jobs import admission, costs
from mock_server.api.jobs.creation import (
    BACKEND_ALIASES,
    JobRequest,
    read_job_request,
)
from mock_server.api.jobs.document import job_document
from mock_server.api.jobs.model import Job, JobStatus
from mock_server.api.jobs.outputs import artifacts, formats
from mock_server.api.jobs.store import CancelOutcome, JobFilter, StoreFull
from mock_server.api.keys import AUTHORIZATION, key_id, organization_of
from mock_server.api.sessions.rules import Refusal
from mock_server.api.state import ApiState
from mock_server.wire import notes
from mock_server.wire.errors import error_response, not_found
from mock_server.wire.rejections import Rejection, request_document
from mock_server.wire.responses import encode, json_response

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Result

# openapi.yaml's JobsLimit: the default page size and the largest.
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
DELETED = "deleted"


def _concerns(job_id: str) -> str:
    notes.note_job(request.environ, job_id)
    return job_id


def _owner() -> str:
    return key_id(request.headers[AUTHORIZATION])


def _body() -> Any:
    # Any Content-Type, or none: pennylane-ionq sends its JSON without one.
    document = request_document(request.environ, request.get_data(cache=True))
    return None if isinstance(document, Rejection) else document


def _job_not_found(job_id: str) -> Response:
    return not_found(f"Job {job_id} was not found.")


def _document(state: ApiState, job: Job) -> dict[str, Any]:
    return job_document(job, state.base_path)


# -- submitting -------------------------------------------------------------------------


def _store_full(full: StoreFull) -> Response:
    message = admission.store_full_message(full.limit, per_key=full.per_key)
    return error_response(429, message, {"Retry-After": str(admission.STORE_FULL_RETRY_S)})


def _session_refused(refusal: Refusal) -> Response:
    return error_response(refusal.status, refusal.message)


def _submit(state: ApiState, job_request: JobRequest) -> Response:
    owner = _owner()
    session_id = job_request.session_id
    cost = 0.0
    if session_id is not None:
        cost = costs.estimated(job_request, state.rate_cards)
        # Before the job exists: a job a session refuses is not created (openapi.yaml's
        # SessionRefused), and the session counts it under the same lock it checks it.
        refusal = state.sessions.admit(owner, session_id, backend=job_request.backend, cost=cost)
        if refusal is not None:
            return _session_refused(refusal)
    try:
        job = state.jobs.create(owner, job_request, child_requests=job_request.child_requests())
    except StoreFull as full:
        if session_id is not None:
            state.sessions.withdraw(session_id, cost)
        return _store_full(full)
    return _submitted(state, job)


def _submitted(state: ApiState, job: Job) -> Response:
    # A job just stored: refused by the admission rules, or handed to the runner; 201.
    _concerns(job.id)
    refusal = admission.at_submission(job.request)
    if refusal is not None:
        state.jobs.fail(job.id, refusal)
    else:
        state.runner.submit(job)
    created = {"id": job.id, "status": "submitted", "session_id": job.request.session_id}
    return json_response(encode(created), 201)


def create_job(state: ApiState) -> Response:
    """POST /jobs: store the job, hand it to the runner, answer 201 `submitted`."""
    return _submit(state, read_job_request(_body(), len(request.get_data(cache=True))))


def clone_job(state: ApiState, UUID: str) -> Response:  # noqa: N803 - IonQ's name
    """POST /jobs/{UUID}/clone: the same circuits again, with the body's fields changed."""
    _concerns(UUID)
    original = state.jobs.peek(UUID, _owner())
    if original is None or original.parent_id is not None:
        return _job_not_found(UUID)
    return _submit(state, original.request.with_changes(_body() or {}))


def _admit_move(
    state: ApiState, owner: str, original: JobRequest, changes: Mapping[str, Any]
) -> tuple[str, float] | Response | None:
    """A move into a session is admitted like a new job (the session and cost it counted, to
    withdraw if the move fails), unless the copy keeps the original's session and backend: then
    it takes the original's place in the session and is not counted again (a guess: IonQ does
    not say). A refusal is the answer."""
    replacement = original.replacing("", changes)
    session_id = replacement.session_id
    unchanged = (session_id, replacement.backend) == (original.session_id, original.backend)
    if session_id is None or unchanged:
        return None
    cost = costs.estimated(replacement, state.rate_cards)
    refusal = state.sessions.admit(owner, session_id, backend=replacement.backend, cost=cost)
    if refusal is not None:
        return _session_refused(refusal)
    return session_id, cost


def move_job(state: ApiState, UUID: str) -> Response:  # noqa: N803 - IonQ's name
    """POST /jobs/{UUID}/move: a copy as clone makes it, and the job itself canceled, at once.

    The store checks and cancels the job and stores its replacement under
    one lock (JobStore.move), so that a job that finished meanwhile is
    never moved: 409, and no job is created.
    """
    _concerns(UUID)
    owner = _owner()
    changes = _body() or {}
    original = state.jobs.peek(UUID, owner)
    admitted = None if original is None else _admit_move(state, owner, original.request, changes)
    if isinstance(admitted, Response):
        return admitted
    moved: Job | CancelOutcome | StoreFull
    try:
        moved = state.jobs.move(owner, UUID, lambda request: request.replacing(UUID, changes))
    except StoreFull as full:
        moved = full
    if not isinstance(moved, Job) and admitted is not None:
        state.sessions.withdraw(*admitted)
    if isinstance(moved, StoreFull):
        return _store_full(moved)
    if moved is CancelOutcome.NOT_FOUND:
        return _job_not_found(UUID)
    if isinstance(moved, CancelOutcome):
        job = state.jobs.get(UUID, owner)
        status = job.status if job is not None else JobStatus.CANCELED
        return error_response(
            409, f"Job {UUID} is {status} and can no longer be canceled, so it was not moved."
        )
    return _submitted(state, moved)


# -- reading ----------------------------------------------------------------------------


def _filter(session_id: str | None) -> JobFilter:
    args = request.args

    def listed(name: str) -> frozenset[str] | None:
        values = [v for text in args.getlist(name) for v in text.split(",") if v]
        return frozenset(values) if values else None

    targets = listed("target")
    if targets is not None:
        targets |= {alias for alias, name in BACKEND_ALIASES.items() if name in targets}
    return JobFilter(
        ids=listed("ids"),
        status=args.get("status"),
        targets=targets,
        parent_job_id=args.get("parent_job_id"),
        session_id=session_id,
    )


def get_jobs(state: ApiState) -> Response:
    """GET /jobs: the key's jobs, newest first, a page at a time (`next` is the cursor).

    cirq-ionq sends its page size as a JSON body (`{"limit": N}`) and stops
    paging only when `next` is absent: a `null` makes it ask for the first
    page again, forever if the list is empty. So a listing asked for that way
    ends without `next`, and every other one with `"next": null`, which
    ionq-core needs (it reads the key unconditionally). openapi.yaml says so.
    """
    return job_page(state, request.args.get("session_id"))


def job_page(state: ApiState, session_id: str | None) -> Response:
    """A page of the key's jobs as GET /jobs answers it, of one session's jobs if one is given
    (GET /sessions/{session_id}/jobs answers the same page)."""
    body = _body()
    body_limit = body.get("limit") if isinstance(body, Mapping) else None
    limit = request.args.get("limit", type=int) or _page_size(body_limit)
    jobs, cursor = state.jobs.page(_owner(), _filter(session_id), limit, request.args.get("next"))
    page: dict[str, Any] = {"jobs": [_document(state, job) for job in jobs], "next": cursor}
    if cursor is None and body_limit is not None:
        del page["next"]
    return json_response(encode(page))


def _page_size(body_limit: Any) -> int:
    # The body is outside the spec's validation: bound it as the query's `limit` is.
    if isinstance(body_limit, int) and not isinstance(body_limit, bool) and body_limit > 0:
        return min(body_limit, MAX_PAGE_SIZE)
    return DEFAULT_PAGE_SIZE


def get_job(state: ApiState, UUID: str) -> Response:  # noqa: N803 - IonQ's name
    """GET /jobs/{UUID}: the job, if it is this key's."""
    _concerns(UUID)
    job = state.jobs.get(UUID, _owner())
    if job is None:
        return _job_not_found(UUID)
    return json_response(encode(_document(state, job)))


def _completed_result(
    state: ApiState, job_id: str, read: Callable[[Result], Any], *, sharpen: bool = False
) -> Response:
    _concerns(job_id)
    job = state.jobs.get(job_id, _owner())
    completed = job is not None and job.status is JobStatus.COMPLETED
    if job is None or not completed or job.result is None:
        if completed and job is not None and job.child_ids is not None:
            return not_found(
                f"Job {job_id} has several circuits: its results are at "
                f"{state.base_path}/jobs/{job_id}/results/probabilities/aggregated."
            )
        return not_found(f"Job {job_id} was not found or is not completed yet.")
    voted = job.mitigation.voting if job.mitigation is not None else None
    return json_response(encode(read(voted if sharpen and voted is not None else job.result)))


def get_job_probabilities(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/results/probabilities: `{"<decimal state>": p}`, qubit 0 least significant.

    A debiased job's probabilities are its `average` aggregation; with
    `sharpen=true` (`True` too, as the Python SDKs send it) its `voting`
    aggregation (mock_server/simulator/mitigation/aggregate.py). For a job
    that was not debiased, `sharpen` changes nothing.
    """
    sharpen = request.args.get("sharpen", "false").lower() == "true"
    return _completed_result(state, UUID, formats.probabilities, sharpen=sharpen)


def get_job_histogram(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/results/histogram: `{"<decimal state>": count}` over the job's shots."""
    return _completed_result(state, UUID, formats.histogram)


def get_job_shots(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/results/shots: one measured state per shot, as decimal strings."""
    return _completed_result(state, UUID, formats.shots)


def get_job_aggregated_probabilities(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET .../results/probabilities/aggregated: each child's probabilities, in circuit order.

    The SDKs take the values in the order of the object's keys as the order
    of their circuits, so the order of `child_job_ids` is kept.
    """
    _concerns(UUID)
    job = state.jobs.get(UUID, _owner())
    if (
        job is None
        or job.child_ids is None
        or job.status is not JobStatus.COMPLETED
        or job.request.dry_run
    ):
        return not_found(f"Job {UUID} was not found, is not completed yet or has one circuit.")
    aggregated = {
        child.id: formats.probabilities(child.result)
        for child in state.jobs.children(job)
        if child.result is not None
    }
    return json_response(encode(aggregated))


def get_job_artifact(state: ApiState, UUID: str, artifactId: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/artifacts/{artifactId}: one artifact a descriptor of the job names.

    Rendered on demand (mock_server/api/jobs/outputs/artifacts.py); an id the job
    does not have, and any id of another key's job, is 404.
    """
    _concerns(UUID)
    job = state.jobs.get(UUID, _owner())
    if job is None:
        return _job_not_found(UUID)
    children = state.jobs.children(job) if job.child_ids is not None else []
    artifact = artifacts.catalog(job, children).get(artifactId)
    if artifact is None:
        return not_found(f"Job {UUID} has no artifact {artifactId}.")
    payload = artifact.render()
    return json_response(payload if isinstance(payload, formats.Encoded) else encode(payload))


# -- cancel and delete ------------------------------------------------------------------


def _ids_body() -> list[str]:
    body = _body()
    return [str(i) for i in body["ids"]] if isinstance(body, Mapping) else []


def cancel_job(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """PUT /jobs/{UUID}/status/cancel: cancel the job, even a completed one; a failed one stays.

    The answer is `{"id", "status": "canceled"}` either way: the only status
    IonQ's description allows in it (ionq-core refuses any other). IonQ's v0.4
    cancels a completed job too (cirq-ionq documents it, and keeps this
    answer as its job); qiskit-ionq's older note calls that a no-op, and
    raises on any error status, so none is answered.
    """
    _concerns(UUID)
    if state.jobs.cancel(_owner(), UUID) is CancelOutcome.NOT_FOUND:
        return _job_not_found(UUID)
    return json_response(encode({"id": UUID, "status": str(JobStatus.CANCELED)}))


def cancel_jobs(state: ApiState) -> Response:
    """PUT /jobs/status/cancel: cancel each listed job of this key as cancel_job does; the ids
    canceled now (a failed job stays failed and is not listed)."""
    owner = _owner()
    canceled = [
        job_id
        for job_id in dict.fromkeys(_ids_body())
        if state.jobs.cancel(owner, job_id) is CancelOutcome.CANCELED
    ]
    return json_response(encode({"ids": canceled, "status": str(JobStatus.CANCELED)}))


def delete_job(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """DELETE /jobs/{UUID}: forget the job and its results (a running one stops).

    A circuit of a multi-circuit job is deleted with its whole batch: alone,
    its absence would shift every later circuit's results onto the wrong
    circuit for the SDKs, which pair the aggregated results with circuits by
    position.
    """
    _concerns(UUID)
    if not state.jobs.delete(_owner(), [UUID]):
        return _job_not_found(UUID)
    return json_response(encode({"id": UUID, "status": DELETED}))


def delete_jobs(state: ApiState) -> Response:
    """DELETE /jobs: forget each listed job of this key; the ids that were found."""
    deleted = state.jobs.delete(_owner(), _ids_body())
    return json_response(encode({"ids": deleted, "status": DELETED}))


# -- cost -------------------------------------------------------------------------------


def get_job_cost(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/cost: the estimate from the submitted gates, and the cost once completed."""
    _concerns(UUID)
    job = state.jobs.get(UUID, _owner())
    if job is None:
        return _job_not_found(UUID)
    return json_response(encode(costs.job_cost(job, state.rate_cards)))


def get_job_estimate(state: ApiState) -> Response:
    """GET /jobs/estimate: what a job of this shape would cost on a backend, and how long."""
    args = request.args
    asked = costs.EstimateRequest(
        backend=str(args["backend"]),
        type=args.get("type", "ionq.circuit.v1"),
        qubits=args.get("qubits", 25, type=int),
        shots=args.get("shots", 1000, type=int),
        one_qubit_gates=args.get("1q_gates", 0, type=int),
        two_qubit_gates=args.get("2q_gates", 0, type=int),
        error_mitigation=args.get("error_mitigation", "false").lower() == "true",
        session=args.get("session", "false").lower() == "true",
    )
    # The fake's own times, as a job submitted now would get them (the runner's plan).
    times_ms = state.runner.predicted_ms(
        asked.backend, asked.shots, asked.one_qubit_gates, asked.two_qubit_gates
    )
    organization = organization_of(_owner())
    document = costs.estimate(asked, state.rate_cards, times_ms, state.clock.now(), organization)
    return json_response(encode(document))
