"""What bounds the jobs one fake keeps, and what no client can do to another's jobs.

The fake must not run out of memory whatever its clients send, and one key's
jobs (waiting for ever on an unavailable backend, or with huge results) must
never make another key's completed job disappear.
"""

from __future__ import annotations

from typing import Any

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    BELL_CIRCUIT,
    AppFactory,
    admin,
    circuit_job,
    get_job,
    key_header,
    submit,
    wait_for_job,
    wide_batch,
)

JOBS = "/v0.4/jobs"
MINE, THEIRS = "bounds-mine", "bounds-theirs"
UNAVAILABLE = "qpu.forte-enterprise-3"  # unavailable in the packaged fixtures


def bell(backend: str = "simulator") -> dict[str, Any]:
    return circuit_job(BELL_CIRCUIT, qubits=2, backend=backend)


def _client(make_app: AppFactory, **config: Any) -> ContractClient:
    client = make_app(**config).test_client()
    assert isinstance(client, ContractClient)
    return client


def test_waiting_jobs_never_push_out_another_key_s_completed_job(make_app: AppFactory) -> None:
    client = _client(make_app, JOBS_KEPT=3)
    for _ in range(3):
        submit(client, bell(UNAVAILABLE), THEIRS)
    mine = submit(client, bell(), MINE)
    assert wait_for_job(client, mine, MINE)["status"] == "completed"
    assert get_job(client, mine, MINE)["status"] == "completed"


def test_a_job_with_too_large_results_fails_instead_of_evicting(make_app: AppFactory) -> None:
    # 4 MiB kept in all, so 1 MiB for one job; 20 circuits of 4096 states take about 2 MiB.
    client = _client(make_app, JOB_RESULTS_BYTES=4 * 2**20)
    earlier = submit(client, bell(), MINE)
    big = submit(client, wide_batch(), THEIRS)
    job = wait_for_job(client, big, THEIRS)
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "SimulationError"
    assert get_job(client, earlier, MINE)["status"] == "completed"


def test_a_store_full_of_unfinished_jobs_answers_429(make_app: AppFactory) -> None:
    client = _client(make_app, JOBS_UNFINISHED=2)
    for _ in range(2):
        submit(client, bell(UNAVAILABLE), THEIRS)
    refused = client.post(JOBS, json=bell(), headers=key_header(MINE))
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "5"
    assert refused.get_json()["statusCode"] == 429


def test_one_key_s_flood_never_refuses_another_key_s_job(make_app: AppFactory) -> None:
    client = _client(make_app, JOBS_UNFINISHED=10, JOBS_UNFINISHED_PER_KEY=2)
    for _ in range(2):
        submit(client, bell(UNAVAILABLE), THEIRS)
    refused = client.post(JOBS, json=bell(UNAVAILABLE), headers=key_header(THEIRS))
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "5"
    assert "This API key has 2 unfinished jobs" in refused.get_json()["message"]
    mine = submit(client, bell(), MINE)
    assert wait_for_job(client, mine, MINE)["status"] == "completed"


def test_a_key_s_share_comes_back_as_its_jobs_end(make_app: AppFactory) -> None:
    client = _client(make_app, JOBS_UNFINISHED=10, JOBS_UNFINISHED_PER_KEY=2)
    waiting = [submit(client, bell(UNAVAILABLE), THEIRS) for _ in range(2)]
    assert client.post(JOBS, json=bell(), headers=key_header(THEIRS)).status_code == 429
    canceled = client.put(f"{JOBS}/{waiting[0]}/status/cancel", headers=key_header(THEIRS))
    assert canceled.get_json()["status"] == "canceled"
    deleted = client.delete(f"{JOBS}/{waiting[1]}", headers=key_header(THEIRS))
    assert deleted.status_code == 200
    again = [submit(client, bell(UNAVAILABLE), THEIRS) for _ in range(2)]
    assert all(get_job(client, job_id, THEIRS)["status"] == "ready" for job_id in again)
    assert client.post(JOBS, json=bell(), headers=key_header(THEIRS)).status_code == 429


def test_nan_and_infinity_are_not_json(client: ContractClient) -> None:
    for text in ('{"opt": NaN}', '{"opt": Infinity}', '{"opt": 1e400}'):
        body = '{"type": "ionq.circuit.v1", "backend": "simulator", "input": {"gateset": "qis",'
        body += ' "qubits": 1, "circuit": []}, "settings": {"compilation": ' + text + "}}"
        response = client.post(JOBS, data=body, headers=key_header(MINE))
        assert response.status_code == 400, text
        assert response.get_json()["message"] == "The body is not valid JSON"


def test_a_dry_run_batch_has_no_aggregated_results(client: ContractClient) -> None:
    batch = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "dry_run": True,
        "input": {"gateset": "qis", "qubits": 1, "circuits": [{"circuit": []}] * 2},
    }
    job_id = submit(client, batch, MINE)
    assert wait_for_job(client, job_id, MINE)["results"] is None
    aggregated = client.get(
        f"{JOBS}/{job_id}/results/probabilities/aggregated", headers=key_header(MINE)
    )
    assert aggregated.status_code == 404


def test_a_job_waiting_for_a_removed_backend_fails(client: ContractClient) -> None:
    job_id = submit(client, bell(UNAVAILABLE), MINE)
    assert get_job(client, job_id, MINE)["status"] == "ready"
    assert admin(client).delete(f"/__admin/backends/{UNAVAILABLE}").status_code == 204
    job = get_job(client, job_id, MINE)
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "InvalidInput"
