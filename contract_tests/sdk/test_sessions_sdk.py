"""Sessions through the real SDKs: ionq-core 0.2.0's SessionManager, get_sessions and
get_session_jobs, and qiskit-ionq 1.1.1's Session, against a fake on a socket.

ionq-core parses every Session strictly (each field IonQ's description
requires, `status` against its enum); qiskit-ionq reads `state` and
`usage_time`, which the fake serves beside them. Both are configured as in
the other SDK tests (test_ionq_core_jobs.py, qiskit_setup.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ionq_core import IonQClient, SessionManager, iter_session_jobs
from ionq_core.api.default import create_job, get_session_jobs, get_sessions
from ionq_core.client import AuthenticatedClient
from ionq_core.models import CircuitJobCreationPayload, JobCreationResponse, SessionsResponse
from qiskit_ionq import IonQProvider, Session
from qiskit_ionq.exceptions import IonQAPIError

from contract_tests.sdk.qiskit_setup import bell
from mock_server.harness.fake import FakeIonQ

pytestmark = [
    pytest.mark.filterwarnings("error:Failed to get qubits"),
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
]


@pytest.fixture
def client(fake: FakeIonQ, api_key: str) -> Iterator[AuthenticatedClient]:
    with pytest.warns(UserWarning, match="does not use HTTPS"):
        authenticated = IonQClient(api_key=api_key, base_url=fake.base_url, max_retries=0)
    with authenticated:
        yield authenticated


def bell_payload(session_id: str, backend: str = "qpu.aria-1") -> CircuitJobCreationPayload:
    return CircuitJobCreationPayload.from_dict(
        {
            "type": "ionq.circuit.v1",
            "backend": backend,
            "shots": 100,
            "session_id": session_id,
            "input": {
                "gateset": "qis",
                "qubits": 2,
                "circuit": [
                    {"gate": "h", "target": 0},
                    {"gate": "cnot", "control": 0, "target": 1},
                ],
            },
        }
    )


# -- ionq-core --------------------------------------------------------------------------


def test_ionq_core_session_manager_opens_starts_and_ends_a_session(
    client: AuthenticatedClient, fake: FakeIonQ
) -> None:
    with SessionManager(client, "qpu.aria-1", max_jobs=2) as session:
        session_id = session.session_id
        assert session_id is not None
        assert session.status() == "created"
        created = create_job.sync(client=client, body=bell_payload(session_id))
        assert isinstance(created, JobCreationResponse)
        assert created.session_id == session_id
        assert session.status() == "started"
    (stored,) = fake.sessions()
    assert (stored["id"], stored["status"], stored["active"]) == (session_id, "ended", False)
    assert stored["settings"] == {"job_count_limit": 2}
    assert SessionManager.from_id(client, session_id).status() == "ended"


def test_ionq_core_lists_sessions_and_a_sessions_jobs(client: AuthenticatedClient) -> None:
    with SessionManager(client, "qpu.aria-1") as session:
        session_id = session.session_id
        assert session_id is not None
        job_ids = []
        for _ in range(3):
            created = create_job.sync(client=client, body=bell_payload(session_id))
            assert isinstance(created, JobCreationResponse)
            job_ids.append(created.id)
        active = get_sessions.sync(client=client, active=True)
        assert isinstance(active, SessionsResponse)
        assert [listed.id for listed in active.sessions] == [session_id]
        page = get_session_jobs.sync(session_id, client=client, limit=2)
        assert page is not None
        assert [job.id for job in page.jobs] == job_ids[:0:-1]
        assert page.next_ is not None
        every = [job.id for job in iter_session_jobs(client, session_id, limit=2)]
        assert every == job_ids[::-1]
    ended = get_sessions.sync(client=client, active=False)
    assert isinstance(ended, SessionsResponse)
    assert [(listed.id, listed.status) for listed in ended.sessions] == [(session_id, "ended")]
    assert get_sessions.sync(client=client, active=True).sessions == []  # type: ignore[union-attr]


# -- qiskit-ionq ------------------------------------------------------------------------


def test_qiskit_jobs_run_in_a_session_which_ends_after_the_with_block(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    backend = provider.get_backend("simulator")
    with Session(backend, max_jobs=2) as session:
        assert session.status() == "created"
        job = backend.run(bell(), shots=100)
        counts = job.get_counts()
        assert sum(counts.values()) == 100
        assert set(counts) <= {"00", "11"}
        details = session.details()
        assert (details["status"], details["backend"]) == ("started", "simulator")
        assert session.status() == "started"
        assert session.usage() is not None
        assert session.usage() >= 0
    (stored,) = fake.sessions()
    assert (stored["id"], stored["state"], stored["active"]) == (session.session_id, "ended", False)
    (job_record,) = fake.jobs()
    assert job_record["session_id"] == session.session_id


def test_qiskit_max_jobs_is_enforced(provider: IonQProvider, fake: FakeIonQ) -> None:
    backend = provider.get_backend("simulator")
    with Session(backend, max_jobs=1) as session:
        backend.run(bell(), shots=100).get_counts()
        with pytest.raises(IonQAPIError) as refused:
            backend.run(bell(), shots=100)
        assert refused.value.status_code == 409
        assert "has reached its limit of 1 jobs" in str(refused.value)
    assert session.status() == "ended"
    assert len(fake.jobs()) == 1
