"""Cancel through the real SDKs, as on IonQ: a cancel right after submission cancels the job,
and so does a cancel of a job already read as completed (IonQ's v0.4 does, as cirq-ionq
documents); every answer is `canceled`, the only status IonQ's description allows.

On the fake, a job's completion becomes visible at the first read of it (a GET
of the job, its results, or a listing), so qiskit-ionq's first poll, right after
submission, sees `completed`. ionq-core 0.2.0 (sync, asyncio and bulk), qiskit-ionq 1.1.1
and cirq-ionq 1.7.0 run against the socket fake of the other SDK tests, set up
as they set it up (test_ionq_core_jobs.py, qiskit_setup.py, test_cirq_ionq_jobs.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import cirq
import cirq_ionq  # type: ignore[import-untyped]
import pytest
from ionq_core.api.default import (
    cancel_job,
    cancel_jobs,
    create_job,
    get_job,
    get_job_probabilities,
)
from ionq_core.client import AuthenticatedClient
from ionq_core.models import (
    GetResultsResponse,
    JobCanceledResponse,
    JobCreationResponse,
    JobsBulkOperationRequest,
    JobsCanceledResponse,
    SingleCircuitJob,
)
from qiskit.providers import JobStatus  # type: ignore[import-untyped]
from qiskit_ionq import IonQProvider

from contract_tests.fake.support import fixture_record
from contract_tests.sdk.qiskit_setup import bell
from contract_tests.sdk.test_ionq_core_jobs import make_client, payload, submit
from mock_server.harness.fake import FakeIonQ

pytestmark = [
    pytest.mark.filterwarnings("error:Failed to get qubits"),
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
]

SHOTS = 1000
# qiskit-ionq polls at once and then every 5 s: anything near 5 s means a second poll.
ONE_POLL_S = 4.0
# A Bell pair on the ideal simulator, as IonQ serves it: |00> and |11> (states 0 and 3).
BELL_PROBABILITIES = {"0": 0.5, "3": 0.5}


@pytest.fixture
def client(fake: FakeIonQ, api_key: str) -> Iterator[AuthenticatedClient]:
    with make_client(fake.base_url, api_key) as authenticated:
        yield authenticated


def job_status(client: AuthenticatedClient, job_id: str) -> str:
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, SingleCircuitJob)
    return str(job.status)


# -- ionq-core ----------------------------------------------------------------------------


def test_ionq_core_cancel_right_after_submission_cancels(
    client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    job_id = submit(client)
    canceled = cancel_job.sync(job_id, client=client)
    assert isinstance(canceled, JobCanceledResponse)
    assert (canceled.id, canceled.status) == (job_id, "canceled")
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, SingleCircuitJob)
    assert job.status == "canceled"
    assert fake.job(job_id)["status"] == "canceled"


def test_ionq_core_cancel_of_a_job_read_completed_cancels_it(
    client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    job_id = submit(client)
    probabilities = get_job_probabilities.sync(job_id, client=client)
    assert isinstance(probabilities, GetResultsResponse)
    assert probabilities.additional_properties == pytest.approx(BELL_PROBABILITIES)
    assert job_status(client, job_id) == "completed"
    canceled = cancel_job.sync(job_id, client=client)
    assert isinstance(canceled, JobCanceledResponse)
    assert (canceled.id, canceled.status) == (job_id, "canceled")
    assert job_status(client, job_id) == "canceled"
    assert fake.job(job_id)["status"] == "canceled"


def test_ionq_core_async_cancel_before_and_after_a_read(fake: FakeIonQ, api_key: str) -> None:
    async def scenario() -> tuple[str, str]:
        async with make_client(fake.base_url, api_key) as client:
            created = await create_job.asyncio_detailed(client=client, body=payload())
            assert created.status_code == HTTPStatus.CREATED
            assert isinstance(created.parsed, JobCreationResponse)
            fresh = created.parsed.id
            answer = await cancel_job.asyncio_detailed(fresh, client=client)
            assert answer.status_code == HTTPStatus.OK
            assert isinstance(answer.parsed, JobCanceledResponse)
            assert (answer.parsed.id, answer.parsed.status) == (fresh, "canceled")
            job = await get_job.asyncio(fresh, client=client)
            assert isinstance(job, SingleCircuitJob)
            assert job.status == "canceled"

            second = await create_job.asyncio(client=client, body=payload())
            assert isinstance(second, JobCreationResponse)
            read = await get_job.asyncio(second.id, client=client)
            assert isinstance(read, SingleCircuitJob)
            assert read.status == "completed"
            late = await cancel_job.asyncio(second.id, client=client)
            assert isinstance(late, JobCanceledResponse)
            assert (late.id, late.status) == (second.id, "canceled")
            again = await get_job.asyncio(second.id, client=client)
            assert isinstance(again, SingleCircuitJob)
            assert again.status == "canceled"
            return fresh, second.id

    fresh, read = asyncio.run(scenario())
    assert fake.job(fresh)["status"] == "canceled"
    assert fake.job(read)["status"] == "canceled"


def test_ionq_core_bulk_cancel_of_a_just_submitted_job(
    client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    job_id = submit(client)
    answer = cancel_jobs.sync(client=client, body=JobsBulkOperationRequest(ids=[job_id]))
    assert isinstance(answer, JobsCanceledResponse)
    assert (answer.ids, answer.status) == ([job_id], "canceled")
    assert job_status(client, job_id) == "canceled"
    assert fake.job(job_id)["status"] == "canceled"


# -- qiskit-ionq --------------------------------------------------------------------------


def test_qiskit_cancel_right_after_run_cancels(provider: IonQProvider, fake: FakeIonQ) -> None:
    job = provider.get_backend("simulator").run(bell(), shots=SHOTS)
    job.cancel()
    with pytest.warns(UserWarning, match="Job was cancelled"):
        assert job.status() is JobStatus.CANCELLED
    assert fake.job(job.job_id())["status"] == "canceled"


def test_qiskit_cancel_after_the_result_was_read_raises_nothing(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    backend = provider.get_backend("simulator")
    job = backend.run(bell(), shots=SHOTS)
    counts = job.result().get_counts()
    assert sum(counts.values()) == SHOTS
    assert set(counts) <= {"00", "11"}
    job.cancel()  # raises nothing: the API answers 200
    # qiskit-ionq keeps a finished job's status; read afresh, it is canceled, as on IonQ v0.4.
    assert job.status() is JobStatus.DONE
    assert backend.retrieve_job(job.job_id()).status() is JobStatus.CANCELLED
    assert fake.job(job.job_id())["status"] == "canceled"


def test_qiskit_first_poll_sees_completed_and_result_needs_no_second_poll(
    provider: IonQProvider,
) -> None:
    backend = provider.get_backend("simulator")
    started = time.monotonic()
    job = backend.run(bell(), shots=SHOTS)
    assert job.status() is JobStatus.DONE
    counts = job.result().get_counts()
    elapsed = time.monotonic() - started
    assert sum(counts.values()) == SHOTS
    assert elapsed < ONE_POLL_S, f"{elapsed:.1f} s: qiskit-ionq had to poll again"


# -- cirq-ionq ----------------------------------------------------------------------------


@pytest.fixture
def service(fake: FakeIonQ, api_key: str) -> Any:
    return cirq_ionq.Service(remote_host=fake.origin, api_key=api_key, max_retry_seconds=5)


Q0, Q1 = cirq.LineQubit.range(2)


def cirq_bell() -> cirq.Circuit:
    return cirq.Circuit(cirq.H(Q0), cirq.CNOT(Q0, Q1), cirq.measure(Q0, Q1, key="m"))


def test_cirq_cancel_of_a_job_create_job_read_completed_cancels_it(
    service: Any, fake: FakeIonQ
) -> None:
    # cirq-ionq's create_job reads the job back at once (a GET): that first read
    # sees it completed; the cancel cancels it all the same, as cirq documents of v0.4.
    job = service.create_job(cirq_bell(), repetitions=SHOTS, target="simulator")
    job.cancel()
    assert job.status() == "canceled"  # cirq keeps the cancel's answer
    assert fake.job(job.job_id())["status"] == "canceled"
    assert service.get_job(job.job_id()).status() == "canceled"


def test_cirq_cancel_of_a_queued_qpu_job_cancels_it(service: Any, fake: FakeIonQ) -> None:
    # At IonQ's own times (scale 1) on the wall clock, aria-1's queue of the
    # fixture (about 20 minutes) keeps the job `ready` through the test.
    assert fixture_record("qpu.aria-1")["average_queue_time"] >= 60_000
    fake.clock.time_scale = 1
    job = service.create_job(cirq_bell(), repetitions=SHOTS, target="qpu.aria-1")
    assert job.status() == "ready"
    job.cancel()
    assert job.status() == "canceled"
    assert fake.job(job.job_id())["status"] == "canceled"
    assert service.get_job(job.job_id()).status() == "canceled"
