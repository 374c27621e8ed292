"""Property: job bodies the spec allows parse, serialise back unchanged, and go out as given.

As for Backend (test_model_roundtrip.py): bodies are drawn from the spec's
own schemas by hypothesis-jsonschema and must come back from
`from_dict(...).to_dict()` unchanged, date-times compared as instants.
Request bodies (a job to submit, a copy to make) must also reach the wire
exactly as drawn.

`Job` is the largest schema of the spec and hypothesis-jsonschema draws it
slowly (about 0.1 s a body, several times that with every object opened),
so its properties run fewer examples, and its "newer IonQ" variant adds
unknown fields to a strict body instead of drawing from the opened schema.
The small schemas are drawn opened as well, as elsewhere.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from ionq_client import authenticated_client
from ionq_client.api.jobs import clone_job, create_job
from ionq_client.models import (
    CircuitJobCreationPayload,
    CloneJobPayload,
    Gate,
    Job,
    JobBackend,
    JobCanceled,
    JobCost,
    JobCreationResponse,
    JobDeleted,
    JobEstimate,
    JobFailureType0,
    JobPage,
    JobResultsType0,
    JobsCanceled,
    JobsDeleted,
    JobStatus,
    JobType,
    MultiCircuitJobCreationPayload,
    Qasm3JobCreationPayload,
)

from contract_tests.client.bodies import bodies
from contract_tests.client.contract import SPEC, enum, operation, required, response_examples
from contract_tests.client.same_body import assert_same_body
from contract_tests.client.stub import Stub
from contract_tests.rfc3339 import instant

JOB_EXAMPLES = 15
EXAMPLES = 20
SCHEMAS = SPEC["components"]["schemas"]
JOB_DATE_TIMES = ("submitted_at", "started_at", "completed_at")
PAYLOADS: dict[
    str,
    type[CircuitJobCreationPayload | MultiCircuitJobCreationPayload | Qasm3JobCreationPayload],
] = {
    "ionq.circuit.v1": CircuitJobCreationPayload,
    "ionq.multi-circuit.v1": MultiCircuitJobCreationPayload,
    "ionq.qasm3.v1": Qasm3JobCreationPayload,
}
CREATED = response_examples("createJob", 201)["submitted"]
# Drawing a Job takes long enough for Hypothesis to call it slow; that is the schema's size.
SLOW_DRAWS = settings(
    max_examples=JOB_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)


def assert_same_job(sent: dict[str, Any], returned: dict[str, Any]) -> None:
    """assert_same_body for a Job, whose date-times may be null."""
    for name in JOB_DATE_TIMES:
        assert (returned[name] is None) == (sent[name] is None), f"{name} changed nullness"
    date_times = {name for name in JOB_DATE_TIMES if sent[name] is not None}
    assert_same_body(sent, returned, date_times)


def canonical(body: Any) -> str:
    return json.dumps(body, sort_keys=True)


@SLOW_DRAWS
@given(bodies("Job"))
def test_job_bodies_round_trip(body: dict[str, Any]) -> None:
    job = Job.from_dict(body)
    assert job.id == uuid.UUID(body["id"])
    assert job.status == JobStatus(body["status"])
    assert job.type_ == JobType(body["type"])
    assert job.backend == JobBackend(body["backend"])
    assert instant(job.submitted_at.isoformat()) == instant(body["submitted_at"])
    assert job.stats.qubits == body["stats"]["qubits"]
    assert job.stats.gate_counts.field_2q == body["stats"]["gate_counts"]["2q"]
    if body["failure"] is None:
        assert job.failure is None
    else:
        assert isinstance(job.failure, JobFailureType0)
        assert (job.failure.code, job.failure.message, job.failure.error) == (
            body["failure"]["code"],
            body["failure"]["message"],
            body["failure"]["error"],
        )
    if body["results"] is None:
        assert job.results is None
    else:
        assert isinstance(job.results, JobResultsType0)
        assert job.results.probabilities.url == body["results"]["probabilities"]["url"]
    assert job.child_job_ids == (
        None
        if body["child_job_ids"] is None
        else [uuid.UUID(child) for child in body["child_job_ids"]]
    )
    assert_same_job(body, job.to_dict())


UNKNOWN = st.dictionaries(
    st.text(min_size=1, max_size=8).map(lambda name: "x_" + name),
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    min_size=1,
    max_size=3,
)


@st.composite
def newer_jobs(draw: st.DrawFn) -> dict[str, Any]:
    """A Job the spec allows, with fields it does not know at the top and in its objects."""
    body = draw(bodies("Job"))
    body.update(draw(UNKNOWN))
    for name in ("stats", "settings", "output", "failure", "results"):
        if isinstance(body[name], dict) and draw(st.booleans()):
            body[name] = {**body[name], **draw(UNKNOWN)}
    return body


@SLOW_DRAWS
@given(newer_jobs())
def test_job_bodies_with_unknown_fields_round_trip(body: dict[str, Any]) -> None:
    job = Job.from_dict(body)
    known = set(SCHEMAS["Job"]["properties"])
    assert set(job.additional_properties) == set(body) - known
    assert set(job.stats.additional_properties) == set(body["stats"]) - set(
        SCHEMAS["JobStats"]["properties"]
    )
    assert_same_job(body, job.to_dict())


@settings(max_examples=2, suppress_health_check=list(HealthCheck), deadline=None)
@given(bodies("JobPage"))
def test_job_pages_round_trip(body: dict[str, Any]) -> None:
    page = JobPage.from_dict(body)
    returned = page.to_dict()
    # `next` is left out only of the last page of a cirq-ionq style listing (openapi.yaml's
    # getJobs); whatever came, present or absent, null or a cursor, goes back the same.
    assert ("next" in returned) == ("next" in body)
    assert returned.get("next") == body.get("next")
    assert len(returned["jobs"]) == len(body["jobs"])
    for sent, back in zip(body["jobs"], returned["jobs"], strict=True):
        assert_same_job(sent, back)


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(bodies("JobCreationPayload"))
def test_job_payloads_round_trip_and_go_out_unchanged(body: dict[str, Any]) -> None:
    model = PAYLOADS[body["type"]].from_dict(body)
    assert model.type_ == body["type"]
    assert_same_body(body, model.to_dict())
    stub = Stub(status=201, json=CREATED)
    client = authenticated_client("k", httpx_args=stub.httpx_args())
    created = create_job.sync(client=client, body=model)
    assert isinstance(created, JobCreationResponse)
    assert created.id == uuid.UUID(CREATED["id"])
    method, path, _ = operation("createJob")
    assert (stub.request.method, stub.request.url.path) == (method.upper(), "/v0.4" + path)
    assert canonical(json.loads(stub.request.content)) == canonical(body)


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(bodies("CloneJobPayload"))
def test_clone_payloads_round_trip_and_go_out_unchanged(body: dict[str, Any]) -> None:
    model = CloneJobPayload.from_dict(body)
    assert_same_body(body, model.to_dict())
    stub = Stub(status=201, json=CREATED)
    job_id = uuid.UUID("4c2e1d7a-8f3b-4a6e-9c1d-2b7f5e8a9d01")
    clone_job.sync(
        job_id, client=authenticated_client("k", httpx_args=stub.httpx_args()), body=model
    )
    assert stub.request.url.path == f"/v0.4/jobs/{job_id}/clone"
    assert canonical(json.loads(stub.request.content)) == canonical(body)


SMALL_MODELS: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("Gate", Gate.from_dict),
    ("JobCreationResponse", JobCreationResponse.from_dict),
    ("JobCost", JobCost.from_dict),
    ("JobCanceled", JobCanceled.from_dict),
    ("JobsCanceled", JobsCanceled.from_dict),
    ("JobDeleted", JobDeleted.from_dict),
    ("JobsDeleted", JobsDeleted.from_dict),
]


@pytest.mark.parametrize("open_objects", [False, True], ids=["strict", "newer"])
@pytest.mark.parametrize(("name", "parse"), SMALL_MODELS, ids=[name for name, _ in SMALL_MODELS])
def test_small_job_bodies_round_trip(
    name: str, parse: Callable[[dict[str, Any]], Any], open_objects: bool
) -> None:
    known = set(SCHEMAS[name]["properties"])

    @settings(
        max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(bodies(name, open_objects=open_objects))
    def round_trip(body: dict[str, Any]) -> None:
        model = parse(body)
        assert set(model.additional_properties) == set(body) - known
        for field in set(required(name)) & {"status", "dry_run", "ids", "gate"}:
            assert model.to_dict()[field] == body[field]
        assert_same_body(body, model.to_dict())

    round_trip()


@settings(max_examples=EXAMPLES // 2, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(bodies("JobEstimate"))
def test_estimates_carry_both_generations_of_keys(body: dict[str, Any]) -> None:
    estimate = JobEstimate.from_dict(body)
    assert estimate.estimated_total_cost == body["estimated_total_cost"]
    assert estimate.estimated_cost == body["estimated_cost"]
    assert estimate.estimate_context.field_1q_gates == body["estimate_context"]["1q_gates"]
    assert estimate.input_values.session == body["input_values"]["session"]
    assert estimate.rate_card.id == body["rate_card"]["id"]
    returned = estimate.to_dict()
    assert instant(returned["estimated_at"]) == instant(body["estimated_at"])
    assert_same_body(body, returned, {"estimated_at"})


def test_the_strategies_reach_the_cases_that_matter() -> None:
    """Guard against vacuous properties: the bodies vary where the client could slip."""
    multi = "ionq.multi-circuit.v1"
    cases: list[tuple[st.SearchStrategy[dict[str, Any]], Callable[[dict[str, Any]], bool]]] = [
        (bodies("Job"), lambda body: body["failure"] is not None),
        (bodies("Job"), lambda body: body["results"] is not None and "shots" in body["results"]),
        (bodies("Job"), lambda body: body["metadata"] is not None and bool(body["metadata"])),
        (bodies("JobCreationPayload"), lambda body: body["type"] == multi),
        (bodies("JobCreationPayload"), lambda body: bool(body["input"].get("circuit"))),
        # Shots and noise as every payload has them, drawn from the smaller schema.
        (bodies("CloneJobPayload"), lambda body: isinstance(body.get("shots"), str)),
        (bodies("CloneJobPayload"), lambda body: isinstance(body.get("shots"), int)),
        (bodies("Noise"), lambda body: "seed" in body and body["seed"] is None),
        (bodies("CloneJobPayload"), lambda body: not body),
        (bodies("JobCost"), lambda body: "cost" in body and "estimated_cost" in body),
    ]
    no_shrinking = settings(
        phases=[Phase.generate], max_examples=100, suppress_health_check=list(HealthCheck)
    )
    for strategy, condition in cases:
        assert condition(find(strategy, condition, settings=no_shrinking))


def test_a_payload_goes_out_with_the_class_of_its_type() -> None:
    assert sorted(PAYLOADS) == enum("JobType")
    mapping = SCHEMAS["JobCreationPayload"]["discriminator"]["mapping"]
    assert {key: ref.rsplit("/", 1)[1] for key, ref in mapping.items()} == {
        key: cls.__name__ for key, cls in PAYLOADS.items()
    }


def test_required_job_fields_are_the_ones_ionq_core_reads() -> None:
    """ionq-core subscripts these keys of every job; a missing one is a KeyError there."""
    assert set(required("Job")) == {
        "id", "status", "type", "backend", "dry_run", "submitter_id", "project_id",
        "parent_job_id", "session_id", "metadata", "name", "submitted_at", "started_at",
        "completed_at", "predicted_wait_time_ms", "predicted_execution_duration_ms",
        "execution_duration_ms", "failure", "output", "settings", "stats", "results",
        "child_job_ids",
    }  # fmt: skip
    # `next` is always present for ionq-core, but not required: see JobPage.next.
    assert required("JobPage") == ["jobs"]
    assert required("JobCreationResponse") == ["id", "status", "session_id"]
    assert "running" not in enum("JobStatus")


@pytest.mark.parametrize("body", response_examples("getJob", 200).values())
def test_every_job_example_parses_and_serialises_back(body: dict[str, Any]) -> None:
    job = Job.from_dict(body)
    assert job.status.known
    assert_same_job(body, job.to_dict())
    if job.type_ == JobType.IONQ_MULTI_CIRCUIT_V1 and isinstance(job.results, JobResultsType0):
        assert job.results.probabilities.url.endswith("/results/probabilities/aggregated")
        assert job.child_job_ids
