"""ionq-core 0.2.0's job calls against a running fake: create, read, list, wait, cancel,
delete, move, results, cost and estimate, the organization's usage, sync and async, and one
key's jobs hidden from another.

Configured as IonQ documents it: `IonQClient(api_key=..., base_url=".../v0.4")`
(it warns that the fake's URL is not HTTPS, which is expected here). Bodies
are built with the client's own `CircuitJobCreationPayload.from_dict`, the way
ionq-core's tests build them. Expected costs come from the fake's rate-card
data file and the formula it documents: max(minimum, shots x (n1q x rate1q +
n2q x rate2q)), to the cent. Sampled probabilities (a noise-model job, which
the fake serves as counts over shots) are seeded with `noise.seed` and
checked with tolerances from contract_tests/sdk/binomial.py.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import pytest
from ionq_core import (
    IonQClient,
    JobFailedError,
    aiter_jobs,
    async_wait_for_job,
    iter_jobs,
    wait_for_job,
)
from ionq_core.api.default import (
    cancel_job,
    create_job,
    delete_job,
    estimate_job_cost,
    get_job,
    get_job_artifact,
    get_job_cost,
    get_job_probabilities,
    get_jobs,
    move_job,
)
from ionq_core.api.usage import get_usages
from ionq_core.client import AuthenticatedClient
from ionq_core.exceptions import APIError, BadRequestError, NotFoundError, PermissionDeniedError
from ionq_core.models import (
    ArtifactDescriptor,
    CircuitJobCreationPayload,
    CircuitJobResults,
    CloneJobPayload,
    Failure,
    GetJobEstimateResponse,
    GetResultsResponse,
    JobCanceledResponse,
    JobCreationResponse,
    JobDeletedResponse,
    SingleCircuitJob,
    Usages,
)
from ionq_core.types import UNSET, Unset

from contract_tests.fake.support import PACKAGED_BACKENDS, fixture_record
from contract_tests.sdk.binomial import assert_binomial
from mock_server.harness.fake import FakeIonQ

RATE_CARDS = PACKAGED_BACKENDS.parent / "rate-cards.json"
CHARACTERIZATIONS = PACKAGED_BACKENDS.parent / "characterizations"
SHOTS = 1000
BELL = [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]
X0 = [{"gate": "x", "target": 0}]


def payload(
    circuit: list[dict[str, Any]] = BELL,
    *,
    backend: str = "simulator",
    shots: int = SHOTS,
    **extra: Any,
) -> CircuitJobCreationPayload:
    return CircuitJobCreationPayload.from_dict(
        {
            "type": "ionq.circuit.v1",
            "backend": backend,
            "shots": shots,
            "input": {"gateset": "qis", "qubits": 2, "circuit": circuit},
            **extra,
        }
    )


def make_client(base_url: str, key: str) -> AuthenticatedClient:
    with pytest.warns(UserWarning, match="does not use HTTPS"):
        return IonQClient(api_key=key, base_url=base_url, max_retries=0)


@pytest.fixture
def client(fake: FakeIonQ, api_key: str) -> Iterator[AuthenticatedClient]:
    with make_client(fake.base_url, api_key) as authenticated:
        yield authenticated


@pytest.fixture
def other_client(fake: FakeIonQ, other_api_key: str) -> Iterator[AuthenticatedClient]:
    with make_client(fake.base_url, other_api_key) as authenticated:
        yield authenticated


def submit(client: AuthenticatedClient, body: CircuitJobCreationPayload | None = None) -> str:
    created = create_job.sync(client=client, body=body or payload())
    assert isinstance(created, JobCreationResponse)
    return created.id


def rate(backend: str) -> dict[str, Any]:
    card: dict[str, Any] = json.loads(RATE_CARDS.read_text("utf-8"))["rate_cards"][backend]
    return card


def expected_cost(backend: str, shots: int, one: int, two: int) -> float:
    card = rate(backend)
    gates = one * float(card["1q_gate_shot"]) + two * float(card["2q_gate_shot"])
    return round(max(float(card["minimum"]), shots * gates), 2)


# -- create, read, list --------------------------------------------------------------------


def test_create_job_answers_201_submitted(client: AuthenticatedClient, fake: FakeIonQ) -> None:
    response = create_job.sync_detailed(client=client, body=payload(name="bell"))
    assert response.status_code == HTTPStatus.CREATED
    created = response.parsed
    assert isinstance(created, JobCreationResponse)
    assert created.status == "submitted"
    assert created.session_id is None
    (stored,) = fake.jobs()
    assert stored["id"] == created.id
    assert stored["name"] == "bell"


def test_get_job_parses_strictly_as_a_single_circuit_job(client: AuthenticatedClient) -> None:
    job_id = submit(client, payload(name="bell", metadata={"purpose": "sdk test"}))
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, SingleCircuitJob)
    assert (job.id, job.status, job.type_, job.backend) == (
        job_id,
        "completed",
        "ionq.circuit.v1",
        "simulator",
    )
    assert job.name == "bell"
    assert job.metadata is not None
    assert job.metadata.to_dict() == {"purpose": "sdk test"}
    assert job.child_job_ids is None
    assert job.failure is None
    assert job.stats.qubits == 2
    assert job.submitted_at <= (job.completed_at or "")


def test_get_jobs_pages_with_a_cursor(client: AuthenticatedClient) -> None:
    created = [submit(client, payload(X0, shots=10)) for _ in range(5)]
    seen: list[str] = []
    cursor: str | Unset = UNSET
    pages = 0
    while True:
        page = get_jobs.sync(client=client, limit=2, next_=cursor)
        assert page is not None
        assert len(page.jobs) <= 2
        seen.extend(job.id for job in page.jobs)
        pages += 1
        if page.next_ is None:
            break
        cursor = page.next_
        assert pages < 10, "get_jobs keeps handing out cursors"
    assert pages == 3
    assert seen == created[::-1]  # newest first, each exactly once
    assert [job.id for job in iter_jobs(client, limit=2)] == created[::-1]


def test_get_jobs_filters_by_status(client: AuthenticatedClient, fake: FakeIonQ) -> None:
    done = submit(client)
    fake.hold_jobs()
    held = submit(client)
    ready = get_jobs.sync(client=client, status="ready")
    completed = get_jobs.sync(client=client, status="completed")
    assert ready is not None
    assert completed is not None
    assert [job.id for job in ready.jobs] == [held]
    assert [job.id for job in completed.jobs] == [done]


# -- waiting, cancel, delete, failure ------------------------------------------------------


def test_wait_for_job_waits_for_a_held_job(client: AuthenticatedClient, fake: FakeIonQ) -> None:
    fake.hold_jobs()
    job_id = submit(client)
    job = get_job.sync(job_id, client=client)
    assert job is not None
    assert job.status == "ready"
    release = threading.Timer(0.3, fake.complete_job, args=(job_id,))
    release.start()
    try:
        started = time.monotonic()
        finished = wait_for_job(client, job_id, poll_interval=0.2, timeout=10)
    finally:
        release.join()
    assert finished.status == "completed"
    assert time.monotonic() - started >= 0.3
    probabilities = get_job_probabilities.sync(job_id, client=client)
    assert isinstance(probabilities, GetResultsResponse)
    assert probabilities.additional_properties == pytest.approx({"0": 0.5, "3": 0.5})


def test_cancel_a_held_job(client: AuthenticatedClient, fake: FakeIonQ) -> None:
    fake.hold_jobs()
    job_id = submit(client)
    canceled = cancel_job.sync(job_id, client=client)
    assert isinstance(canceled, JobCanceledResponse)
    assert (canceled.id, canceled.status) == (job_id, "canceled")
    assert wait_for_job(client, job_id, timeout=5).status == "canceled"
    assert fake.job(job_id)["status"] == "canceled"
    with pytest.raises(NotFoundError):
        get_job_probabilities.sync(job_id, client=client)


def test_delete_then_not_found(client: AuthenticatedClient) -> None:
    job_id = submit(client)
    deleted = delete_job.sync(job_id, client=client)
    assert isinstance(deleted, JobDeletedResponse)
    assert (deleted.id, deleted.status) == (job_id, "deleted")
    with pytest.raises(NotFoundError) as caught:
        get_job.sync(job_id, client=client)
    assert caught.value.status_code == 404
    page = get_jobs.sync(client=client)
    assert page is not None
    assert page.jobs == []


def test_a_failed_job_raises_job_failed_error(client: AuthenticatedClient, fake: FakeIonQ) -> None:
    fake.fail_next_jobs("TooManyGates")
    job_id = submit(client)
    with pytest.raises(JobFailedError) as caught:
        wait_for_job(client, job_id, timeout=5)
    assert caught.value.job_id == job_id
    assert "TooManyGates" in str(caught.value)
    failed = wait_for_job(client, job_id, timeout=5, raise_on_failure=False)
    assert isinstance(failed, SingleCircuitJob)
    assert isinstance(failed.failure, Failure)
    assert failed.failure.code == "TooManyGates"


# -- move ----------------------------------------------------------------------------------


def test_move_job_cancels_a_queued_job_and_queues_its_copy(
    client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    fake.hold_jobs()
    job_id = submit(client, payload(backend="qpu.aria-1", name="bell"))
    body = CloneJobPayload.from_dict({"backend": "qpu.forte-1", "shots": 500})
    response = move_job.sync_detailed(job_id, client=client, body=body)
    assert response.status_code == HTTPStatus.CREATED
    moved = response.parsed
    assert isinstance(moved, JobCreationResponse)
    assert (moved.status, moved.session_id) == ("submitted", None)
    assert moved.id != job_id
    original = get_job.sync(job_id, client=client)
    assert isinstance(original, SingleCircuitJob)
    assert original.status == "canceled"
    copy = get_job.sync(moved.id, client=client)
    assert isinstance(copy, SingleCircuitJob)
    assert (copy.status, copy.backend, copy.shots, copy.name) == (
        "ready",
        "qpu.forte-1",
        500,
        "bell",
    )
    assert copy.metadata is not None
    assert copy.metadata.to_dict() == {"original_job_id": job_id}
    fake.complete_job(moved.id)
    assert wait_for_job(client, moved.id, timeout=10).status == "completed"
    assert {job["id"] for job in fake.jobs()} == {job_id, moved.id}


def test_moving_a_completed_job_raises_409_and_creates_nothing(
    client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    job_id = submit(client)
    assert wait_for_job(client, job_id, timeout=5).status == "completed"
    with pytest.raises(APIError) as caught:
        move_job.sync(job_id, client=client, body=CloneJobPayload.from_dict({}))
    assert caught.value.status_code == 409
    assert f"Job {job_id} is completed" in str(caught.value)
    assert [job["id"] for job in fake.jobs()] == [job_id]
    assert fake.job(job_id)["status"] == "completed"


def test_another_key_cannot_move_the_job(
    client: AuthenticatedClient, other_client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    fake.hold_jobs()
    job_id = submit(client)
    with pytest.raises(NotFoundError):
        move_job.sync(job_id, client=other_client, body=CloneJobPayload.from_dict({}))
    assert fake.job(job_id)["status"] == "ready"
    assert len(fake.jobs()) == 1


# -- results, cost, estimate ---------------------------------------------------------------


def test_probabilities_are_little_endian(client: AuthenticatedClient) -> None:
    job_id = submit(client, payload(X0))
    probabilities = get_job_probabilities.sync(job_id, client=client)
    assert isinstance(probabilities, GetResultsResponse)
    assert probabilities.additional_properties == {"1": 1.0}  # qubit 0 is bit 0


def test_results_parse_as_artifact_descriptors_and_each_artifact_downloads(
    client: AuthenticatedClient,
) -> None:
    """ionq-core reads `results` as a map of ArtifactDescriptor, the URL entries included."""
    job_id = submit(client, payload(noise={"model": "aria-1", "seed": 5}, shots=200))
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, SingleCircuitJob)
    assert isinstance(job.results, CircuitJobResults)
    descriptors = job.results.additional_properties
    assert all(isinstance(d, ArtifactDescriptor) for d in descriptors.values())

    def download(descriptor: ArtifactDescriptor) -> Any:
        # ionq-core 0.2.0 gives artifacts as bytes only (its description has no schema for them).
        answer = get_job_artifact.sync_detailed(job_id, descriptor.id, client=client)
        assert answer.status_code == HTTPStatus.OK
        assert answer.headers["content-type"].startswith(descriptor.media_type)
        return json.loads(answer.content)

    rows = [
        shot["registers"]["output_all"]
        for shot in download(descriptors["ionq.result.shots.json.v2"])["shots"]
    ]
    assert len(rows) == 200
    v1 = download(descriptors["ionq.result.shots.json.v1"])
    assert v1 == [str(bits[0] + 2 * bits[1]) for bits in rows]  # bit i at index i, qubit 0 lowest
    probabilities = get_job_probabilities.sync(job_id, client=client)
    assert isinstance(probabilities, GetResultsResponse)
    assert download(descriptors["probabilities"]) == probabilities.additional_properties


def test_a_noise_seed_fixes_the_sampled_probabilities(client: AuthenticatedClient) -> None:
    first = submit(client, payload(noise={"model": "aria-1", "seed": 42}))
    again = submit(client, payload(noise={"model": "aria-1", "seed": 42}))
    other = submit(client, payload(noise={"model": "aria-1", "seed": 43}))

    def served(job_id: str) -> dict[str, float]:
        probabilities = get_job_probabilities.sync(job_id, client=client)
        assert isinstance(probabilities, GetResultsResponse)
        return dict(probabilities.additional_properties)

    distribution = served(first)
    assert distribution == served(again)
    assert distribution != served(other)
    assert sum(distribution.values()) == pytest.approx(1.0)
    # Sampled: counts over the shots, so multiples of 1/shots.
    counts = {state: round(p * SHOTS) for state, p in distribution.items()}
    assert all(abs(counts[s] - p * SHOTS) < 1e-6 for s, p in distribution.items())
    correlated = counts.get("0", 0) + counts.get("3", 0)
    assert correlated >= 0.9 * SHOTS
    assert_binomial(counts.get("0", 0), correlated, 0.5)


@pytest.mark.parametrize("backend", ["qpu.forte-1", "qpu.aria-1", "simulator"])
def test_cost_of_a_job(client: AuthenticatedClient, backend: str) -> None:
    job_id = submit(client, payload(backend=backend))
    cost = get_job_cost.sync(job_id, client=client)
    assert cost is not None
    assert cost.dry_run is False
    price = expected_cost(backend, SHOTS, one=1, two=1)
    assert cost.estimated_cost.value == pytest.approx(price)  # type: ignore[union-attr]
    assert cost.cost.value == pytest.approx(price)  # type: ignore[union-attr]
    assert cost.cost.unit == "usd"  # type: ignore[union-attr]


def test_estimate(fake: FakeIonQ, client: AuthenticatedClient) -> None:
    fake.clock.time_scale = 1  # IonQ's own times (0, the default, takes none)
    estimate = estimate_job_cost.sync(
        client=client,
        backend="qpu.forte-1",
        qubits=4,
        shots=SHOTS,
        field_1q_gates=10,
        field_2q_gates=5,
    )
    assert isinstance(estimate, GetJobEstimateResponse)
    assert estimate.estimated_total_cost == pytest.approx(
        expected_cost("qpu.forte-1", SHOTS, one=10, two=5)
    )
    assert estimate.estimated_unit == "usd"
    card = rate("qpu.forte-1")
    assert estimate.rate_card.id == card["id"]
    per_gate = [
        (entry.cost_1q_gate, entry.cost_2q_gate)
        for entry in estimate.rate_card.rates
        if entry.unit == "gates"
    ]
    assert (card["1q_gate_shot"], card["2q_gate_shot"]) in per_gate
    assert (
        estimate.current_predicted_queue_time == fixture_record("qpu.forte-1")["average_queue_time"]
    )
    # The newest characterization carries the fixture's timing, in seconds.
    timing = json.loads((CHARACTERIZATIONS / "qpu.forte-1.json").read_text())["timing"]
    per_shot_s = timing["reset"] + 10 * timing["1q"] + 5 * timing["2q"] + timing["readout"]
    assert estimate.estimated_execution_time == round(SHOTS * per_shot_s * 1000)
    context = estimate.estimate_context.to_dict()
    assert (context["backend"], context["shots"], context["qubits"]) == ("qpu.forte-1", SHOTS, 4)


# -- usage ---------------------------------------------------------------------------------


def organization_of(client: AuthenticatedClient) -> str:
    """The key's organization, as the estimate names it (IonQ's docs give it to its users)."""
    estimate = estimate_job_cost.sync(client=client, backend="simulator")
    assert isinstance(estimate, GetJobEstimateResponse)
    organization = estimate.estimate_context.organization
    assert isinstance(organization, str)
    return organization


def test_get_usages_sums_the_keys_qpu_jobs_by_day(
    client: AuthenticatedClient, other_client: AuthenticatedClient
) -> None:
    qpu = submit(client, payload(backend="qpu.forte-1", name="on forte"))
    submit(client, payload())  # the simulator is free, and no QPU usage
    submit(other_client, payload(backend="qpu.forte-1"))  # another organization's
    job = wait_for_job(client, qpu, timeout=10)
    assert job.completed_at is not None
    day = datetime.datetime.fromisoformat(job.completed_at).astimezone(datetime.UTC).date()
    organization = organization_of(client)
    usages = get_usages.sync(
        organization,
        client=client,
        start_date=day - datetime.timedelta(days=1),
        end_date=day + datetime.timedelta(days=1),
        group_by="job",
        modality="daily",
    )
    assert isinstance(usages, Usages)
    assert (usages.organization, usages.group_type, usages.modality) == (
        organization,
        "job",
        "daily",
    )
    assert usages.usage_from == datetime.datetime.combine(
        day - datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    assert isinstance(usages.usage_data, list)
    tomorrow, today, yesterday = usages.usage_data  # newest first
    assert today.from_ == datetime.datetime.combine(day, datetime.time(), datetime.UTC)
    assert (tomorrow.job_count, yesterday.job_count) == (0, 0)
    price = expected_cost("qpu.forte-1", SHOTS, one=1, two=1)
    assert price == pytest.approx(2.8)  # 1000 x (0.0003 + 0.0025)
    assert today.amount == pytest.approx(price)
    assert today.job_count == 1
    assert today.time_us == SHOTS * (135 + 600 + 1000)  # per shot: a 1q and a 2q gate, readout
    (group,) = today.group_usages
    assert (group.group_id, group.group_name, group.job_count) == (qpu, "on forte", 1)
    cost = get_job_cost.sync(qpu, client=client)
    assert cost is not None
    assert today.amount == pytest.approx(cost.cost.value)  # type: ignore[union-attr]
    assert usages.amount_total == pytest.approx(price)
    assert usages.job_count == 1


def test_get_usages_of_another_organization_is_forbidden(
    client: AuthenticatedClient, other_client: AuthenticatedClient
) -> None:
    theirs = organization_of(other_client)
    assert theirs != organization_of(client)
    today = datetime.datetime.now(datetime.UTC).date()
    with pytest.raises(PermissionDeniedError) as caught:
        get_usages.sync(
            theirs,
            client=client,
            start_date=today,
            end_date=today,
            group_by="user",
            modality="weekly",
        )
    assert caught.value.status_code == 403


def test_get_usages_refuses_an_end_before_the_start(client: AuthenticatedClient) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    with pytest.raises(BadRequestError) as caught:
        get_usages.sync(
            organization_of(client),
            client=client,
            start_date=today,
            end_date=today - datetime.timedelta(days=1),
            group_by="project",
            modality="monthly",
        )
    assert "end_date" in str(caught.value)


# -- async ---------------------------------------------------------------------------------


def test_the_async_calls(fake: FakeIonQ, api_key: str) -> None:
    async def scenario() -> None:
        async with make_client(fake.base_url, api_key) as client:
            response = await create_job.asyncio_detailed(client=client, body=payload(X0))
            assert response.status_code == HTTPStatus.CREATED
            assert isinstance(response.parsed, JobCreationResponse)
            job_id = response.parsed.id
            job = await async_wait_for_job(client, job_id, timeout=5)
            assert job.status == "completed"
            probabilities = await get_job_probabilities.asyncio(job_id, client=client)
            assert isinstance(probabilities, GetResultsResponse)
            assert probabilities.additional_properties == {"1": 1.0}
            fake.hold_jobs()
            second = await create_job.asyncio(client=client, body=payload())
            assert isinstance(second, JobCreationResponse)
            listed = [listed.id async for listed in aiter_jobs(client, limit=1)]
            assert listed == [second.id, job_id]
            canceled = await cancel_job.asyncio(second.id, client=client)
            assert isinstance(canceled, JobCanceledResponse)
            assert canceled.status == "canceled"
            final = await async_wait_for_job(client, second.id, timeout=5)
            assert final.status == "canceled"
            deleted = await delete_job.asyncio(job_id, client=client)
            assert isinstance(deleted, JobDeletedResponse)
            with pytest.raises(NotFoundError):
                await get_job.asyncio(job_id, client=client)

    asyncio.run(scenario())


# -- one key cannot see another's jobs -----------------------------------------------------


def test_another_key_cannot_see_the_job(
    client: AuthenticatedClient, other_client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    job_id = submit(client)
    theirs = submit(other_client, payload(X0))
    for call in (get_job, get_job_probabilities, get_job_cost, cancel_job, delete_job):
        with pytest.raises(NotFoundError):
            call.sync(job_id, client=other_client)
    assert [job.id for job in iter_jobs(other_client)] == [theirs]
    assert [job.id for job in iter_jobs(client)] == [job_id]
    owners = {job["id"]: job["owner"] for job in fake.jobs()}
    assert owners[job_id] != owners[theirs]
    assert fake.job(job_id)["status"] == "completed"  # B's cancel and delete did nothing
