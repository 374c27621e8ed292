"""Handlers of the `jobs` tag: submit, list, read, cancel, delete and clone jobs, and their results.

Every job operation needs a key (mock_server/auth.py answers 401 first), and
every job belongs to the key that submitted it: another key gets 404 for it
and never sees it in a list. The body was validated against openapi.yaml
before a handler runs; what is left here is what JSON Schema cannot say
(the total of gates over a job's circuits) and the job's life itself, which
mock_server/api/job_store.py and job_runner.py keep.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from flask import Response, request

from mock_server.api.job_records import COMPLETED, Failure, Job, job_document
from mock_server.api.job_requests import (
    BACKEND_ALIASES,
    JobRequest,
    read_job_request,
    record_name,
)
from mock_server.api.job_store import CancelOutcome, JobFilter, StoreFull
from mock_server.api.keys import AUTHORIZATION, key_id
from mock_server.api.state import ApiState
from mock_server.wire.errors import error_response, not_found
from mock_server.wire.rejections import Rejection, request_document
from mock_server.wire.responses import encode, instant, json_response

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.api.job_results import CircuitResult

# IonQ's limit of gates over all of a job's circuits, and of shots for debiasing.
MAX_GATES_PER_JOB = 150_000
MIN_DEBIASING_SHOTS = 500
# Retry-After of the 429 for a store full of unfinished jobs.
STORE_FULL_RETRY_S = 5
# openapi.yaml's JobsLimit: the default page size and the largest.
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
DELETED = "deleted"
CANCELED = "canceled"
# Where a handler notes the job a request concerned, for the request log.
JOB_ID_KEY = "ionq_mock.job_id"


def _concerns(job_id: str) -> str:
    request.environ[JOB_ID_KEY] = job_id
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


def _refusal(job_request: JobRequest) -> Failure | None:
    """What fails a job as soon as it is submitted: the rules JSON Schema cannot state.

    openapi.yaml's createJob says why these are failed jobs, not 400s:
    every body its schema allows is accepted.
    """
    total = sum(len(circuit.gates) for circuit in job_request.circuits)
    if total > MAX_GATES_PER_JOB:
        return Failure(
            "TooManyGates",
            f"A job may have at most {MAX_GATES_PER_JOB} gates in all; this one has {total}.",
        )
    if _mitigated(job_request) and job_request.shots < MIN_DEBIASING_SHOTS:
        return Failure(
            "InvalidInput",
            f"Debiasing needs at least {MIN_DEBIASING_SHOTS} shots; the job asks for "
            f"{job_request.shots}.",
        )
    return None


def _submit(state: ApiState, job_request: JobRequest) -> Response:
    children = (
        [
            replace(job_request, type="ionq.circuit.v1", circuits=(circuit,), name=circuit.name)
            for circuit in job_request.circuits
        ]
        if job_request.is_multi_circuit
        else []
    )
    try:
        job = state.jobs.create(_owner(), job_request, child_requests=children)
    except StoreFull:
        message = (
            f"The fake holds {state.jobs.max_unfinished} unfinished jobs, as many as it "
            "takes; retry once some have finished."
        )
        return error_response(429, message, {"Retry-After": str(STORE_FULL_RETRY_S)})
    _concerns(job.id)
    refusal = _refusal(job_request)
    if refusal is not None:
        state.jobs.fail(job.id, refusal)
    else:
        state.runner.submit(job)
    created = {"id": job.id, "status": "submitted", "session_id": job_request.session_id}
    return json_response(encode(created), 201)


def create_job(state: ApiState) -> Response:
    """POST /jobs: store the job, hand it to the runner, answer 201 `submitted`."""
    return _submit(state, read_job_request(_body(), len(request.get_data(cache=True))))


def clone_job(state: ApiState, UUID: str) -> Response:  # noqa: N803 - IonQ's name
    """POST /jobs/{UUID}/clone: the same circuits again, with the body's fields changed."""
    _concerns(UUID)
    original = state.jobs.get(UUID, _owner())
    if original is None or original.parent_id is not None:
        return _job_not_found(UUID)
    changes = _body() or {}
    job_request = original.request
    noise = changes.get("noise")
    job_request = replace(
        job_request,
        name=changes.get("name", job_request.name),
        metadata=changes.get("metadata", job_request.metadata),
        shots=int(changes.get("shots", job_request.shots)),
        backend=changes.get("backend", job_request.backend),
        session_id=changes.get("session_id", job_request.session_id),
        settings=changes.get("settings", job_request.settings),
        dry_run=bool(changes.get("dry_run", job_request.dry_run)),
        noise_model=noise["model"] if noise else job_request.noise_model,
        noise_seed=noise.get("seed") if noise else job_request.noise_seed,
    )
    return _submit(state, job_request)


# -- reading ----------------------------------------------------------------------------


def _filter() -> JobFilter:
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
        session_id=args.get("session_id"),
    )


def get_jobs(state: ApiState) -> Response:
    """GET /jobs: the key's jobs, newest first, a page at a time (`next` is the cursor).

    cirq-ionq sends its page size as a JSON body (`{"limit": N}`) and stops
    paging only when `next` is absent: a `null` makes it ask for the first
    page again, forever if the list is empty. So a listing asked for that way
    ends without `next`, and every other one with `"next": null`, which
    ionq-core needs (it reads the key unconditionally). openapi.yaml says so.
    """
    body = _body()
    body_limit = body.get("limit") if isinstance(body, Mapping) else None
    limit = request.args.get("limit", type=int) or _page_size(body_limit)
    jobs, cursor = state.jobs.page(_owner(), _filter(), limit, request.args.get("next"))
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
    state: ApiState, job_id: str, read: Callable[[CircuitResult], Any]
) -> Response:
    job = state.jobs.get(job_id, _owner())
    if job is None or job.status != COMPLETED or job.result is None:
        if job is not None and job.child_ids is not None and job.status == COMPLETED:
            return not_found(
                f"Job {job_id} has several circuits: its results are at "
                f"{state.base_path}/jobs/{job_id}/results/probabilities/aggregated."
            )
        return not_found(f"Job {job_id} was not found or is not completed yet.")
    return json_response(encode(read(job.result)))


def get_job_probabilities(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/results/probabilities: `{"<decimal state>": p}`, qubit 0 least significant.

    `sharpen` is accepted and changes nothing: it picks the most likely
    outcome of error-mitigated runs, and the fake's runs have no noise to
    mitigate.
    """
    _concerns(UUID)
    return _completed_result(state, UUID, lambda result: result.probability_map())


def get_job_histogram(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/results/histogram: `{"<decimal state>": count}` over the job's shots."""
    _concerns(UUID)
    return _completed_result(state, UUID, lambda result: result.histogram())


def get_job_shots(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/results/shots: one measured state per shot, as decimal strings."""
    _concerns(UUID)
    return _completed_result(state, UUID, lambda result: [str(shot) for shot in result.shot_list()])


def get_job_aggregated_probabilities(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET .../results/probabilities/aggregated: each child's probabilities, in circuit order.

    The SDKs take the values in the order of the object's keys as the order
    of their circuits, so the order of `child_job_ids` is kept.
    """
    _concerns(UUID)
    job = state.jobs.get(UUID, _owner())
    if job is None or job.child_ids is None or job.status != COMPLETED or job.request.dry_run:
        return not_found(f"Job {UUID} was not found, is not completed yet or has one circuit.")
    aggregated = {
        child.id: child.result.probability_map()
        for child in state.jobs.children(job)
        if child.result is not None
    }
    return json_response(encode(aggregated))


# -- cancel and delete ------------------------------------------------------------------


def _ids_body() -> list[str]:
    body = _body()
    return [str(i) for i in body["ids"]] if isinstance(body, Mapping) else []


def cancel_job(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """PUT /jobs/{UUID}/status/cancel: cancel an unfinished job; a finished one keeps its status.

    qiskit-ionq documents cancel() of a completed job as a no-op and raises
    on any error status, and cirq-ionq replaces its job with this answer: so
    a finished job answers 200 with the status it kept.
    """
    _concerns(UUID)
    owner = _owner()
    if state.jobs.cancel(owner, UUID) == CancelOutcome.NOT_FOUND:
        return _job_not_found(UUID)
    job = state.jobs.get(UUID, owner)
    status = job.status if job is not None else CANCELED
    return json_response(encode({"id": UUID, "status": status}))


def cancel_jobs(state: ApiState) -> Response:
    """PUT /jobs/status/cancel: cancel each listed job of this key that is not finished."""
    owner = _owner()
    canceled = [
        job_id
        for job_id in dict.fromkeys(_ids_body())
        if state.jobs.cancel(owner, job_id) == CancelOutcome.CANCELED
    ]
    return json_response(encode({"ids": canceled, "status": CANCELED}))


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


def _money(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit}


def get_job_cost(state: ApiState, UUID: str) -> Response:  # noqa: N803
    """GET /jobs/{UUID}/cost: the estimate from the submitted gates, and the cost once completed."""
    _concerns(UUID)
    job = state.jobs.get(UUID, _owner())
    if job is None:
        return _job_not_found(UUID)
    cards = state.rate_cards
    card = cards.card(record_name(job.request.backend))
    document: dict[str, Any] = {"dry_run": job.request.dry_run}
    if card is not None:
        submitted = job.request.gate_counts()
        one, two = submitted["1q"], submitted["2q"]
        mitigated = _mitigated(job.request)
        document["estimated_cost"] = _money(
            card.cost(
                shots=job.request.shots,
                one_qubit_gates=one,
                two_qubit_gates=two,
                error_mitigation=mitigated,
            ),
            cards.unit,
        )
        if job.status == COMPLETED and not job.request.dry_run:
            counts = job.gate_counts
            document["cost"] = _money(
                card.cost(
                    shots=job.request.shots,
                    one_qubit_gates=counts["1q"],
                    two_qubit_gates=counts["2q"],
                    error_mitigation=mitigated,
                ),
                cards.unit,
            )
    return json_response(encode(document))


def _mitigated(job_request: JobRequest) -> bool:
    mitigation = (job_request.settings or {}).get("error_mitigation") or {}
    return bool(mitigation.get("debiasing"))


def get_job_estimate(state: ApiState) -> Response:
    """GET /jobs/estimate: what a job of this shape would cost on a backend, and how long.

    Answers both the keys of IonQ's current description (`estimated_total_cost`,
    `rate_card`, ...) and those qiskit-ionq's JobEstimate still reads
    (`estimated_cost`, `cost_unit`, `rate_information`, ...).
    """
    args = request.args
    backend = str(args["backend"])
    shots = args.get("shots", 1000, type=int)
    one = args.get("1q_gates", 0, type=int)
    two = args.get("2q_gates", 0, type=int)
    mitigated = args.get("error_mitigation", "false").lower() == "true"
    cards = state.rate_cards
    card = cards.card(record_name(backend))
    total = (
        card.cost(shots=shots, one_qubit_gates=one, two_qubit_gates=two, error_mitigation=mitigated)
        if card is not None
        else 0.0
    )
    record = state.backends.view(record_name(backend)) or {}
    queue_ms = int(record.get("average_queue_time", 0))
    execution_ms = _execution_ms(shots, one, two)
    now = instant(datetime.now(UTC))
    inputs = {
        "backend": backend,
        "type": args.get("type", "ionq.circuit.v1"),
        "qubits": args.get("qubits", 25, type=int),
        "shots": shots,
        "1q_gates": one,
        "2q_gates": two,
        "error_mitigation": mitigated,
    }
    rate_card = {
        "id": card.id if card else "none",
        "rates": [card.rate_entry(error_mitigation=mitigated)] if card else [],
    }
    estimate = {
        "estimate_context": {**inputs, "organization": None, "project": None},
        "estimated_at": now,
        "estimated_unit": cards.unit,
        "rate_card": rate_card,
        "estimated_total_cost": total,
        "estimated_execution_time": execution_ms,
        "current_predicted_queue_time": queue_ms,
        # The older shape qiskit-ionq reads.
        "input_values": {**inputs, "session": args.get("session", "false").lower() == "true"},
        "estimated_cost": total,
        "cost_unit": cards.unit,
        "rate_information": rate_card,
    }
    return json_response(encode(estimate))


# Gate and readout times of the estimate's execution time, in microseconds
# (orders of magnitude of trapped-ion gates, the fake's own round figures).
_ONE_QUBIT_GATE_US = 135
_TWO_QUBIT_GATE_US = 600
_SHOT_OVERHEAD_US = 1000


def _execution_ms(shots: int, one: int, two: int) -> int:
    per_shot_us = one * _ONE_QUBIT_GATE_US + two * _TWO_QUBIT_GATE_US + _SHOT_OVERHEAD_US
    return round(shots * per_shot_us / 1000)
