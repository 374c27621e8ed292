"""GET /jobs/{UUID}/artifacts/{artifactId}: what a job's descriptors point at, and nothing else.

That each artifact is an instance of its format's schema, and the v1/v2
documents agree, is test_format_schemas.py's; here: which artifacts a job
has when, that ids are stable per job and different between jobs, and
that another key never reaches them.
"""

from __future__ import annotations

import uuid
from typing import Any

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    ADMIN_JOBS,
    BELL,
    JOBS,
    admin,
    get_job,
    key_header,
    submit,
    wait_for_job,
)

KEY = "artifact-key-1"
OTHER_KEY = "artifact-key-2"
NOISY_BELL = {**BELL, "shots": 200, "noise": {"model": "aria-1", "seed": 3}}


def by_format(job: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The entries keyed by format (not the URL entries of the SDKs)."""
    return {name: entry for name, entry in (job["results"] or {}).items() if "url" not in entry}


def artifact(client: ContractClient, job_id: str, artifact_id: str, key: str = KEY) -> Any:
    return client.get(f"{JOBS}/{job_id}/artifacts/{artifact_id}", headers=key_header(key))


def test_ids_are_stable_per_job_and_differ_between_jobs(client: ContractClient) -> None:
    first = wait_for_job(client, submit(client, NOISY_BELL, KEY), KEY)
    second = wait_for_job(client, submit(client, NOISY_BELL, KEY), KEY)
    ids_first = {name: entry["id"] for name, entry in by_format(first).items()}
    assert len(ids_first) == 6
    assert len(set(ids_first.values())) == 6
    again = {
        name: entry["id"] for name, entry in by_format(get_job(client, first["id"], KEY)).items()
    }
    assert again == ids_first
    ids_second = {entry["id"] for entry in by_format(second).values()}
    assert not ids_second & set(ids_first.values())
    # The same seed, the same shots: the same documents under different ids.
    for name, artifact_id in ids_first.items():
        one = artifact(client, first["id"], artifact_id)
        two = artifact(client, second["id"], by_format(second)[name]["id"])
        assert one.status_code == two.status_code == 200
        assert one.get_json() == two.get_json()


def test_another_key_and_another_job_never_reach_an_artifact(client: ContractClient) -> None:
    job = wait_for_job(client, submit(client, NOISY_BELL, KEY), KEY)
    other = wait_for_job(client, submit(client, NOISY_BELL, OTHER_KEY), OTHER_KEY)
    artifact_id = by_format(job)["ionq.result.shots.json.v2"]["id"]
    for job_id, key in ((job["id"], OTHER_KEY), (other["id"], OTHER_KEY), (other["id"], KEY)):
        response = artifact(client, job_id, artifact_id, key)
        assert response.status_code == 404, (job_id, key)
        body = response.get_json()
        assert body["statusCode"] == 404
        assert body["error"] == "Not Found Error"


def test_an_unknown_id_is_a_404_with_ionq_s_body(client: ContractClient) -> None:
    job = wait_for_job(client, submit(client, BELL, KEY), KEY)
    for unknown in (str(uuid.uuid4()), "x", "results"):
        response = artifact(client, job["id"], unknown)
        assert response.status_code == 404
        assert response.get_json()["message"] == f"Job {job['id']} has no artifact {unknown}."


def test_a_job_has_no_result_artifacts_before_it_completes_or_as_a_dry_run(
    client: ContractClient,
) -> None:
    admin(client).put(f"{ADMIN_JOBS}/hold", json={"hold": True})
    held = submit(client, NOISY_BELL, KEY)
    admin(client).put(f"{ADMIN_JOBS}/hold", json={"hold": False})
    assert get_job(client, held, KEY)["results"] is None
    # A finished twin's ids are not this job's: nothing is served early.
    twin = wait_for_job(client, submit(client, NOISY_BELL, KEY), KEY)
    for entry in by_format(twin).values():
        assert artifact(client, held, entry["id"]).status_code == 404
    completed = admin(client).post(f"{ADMIN_JOBS}/{held}/complete")
    assert completed.status_code == 200
    job = wait_for_job(client, held, KEY)
    assert job["status"] == "completed"
    for entry in by_format(job).values():
        assert artifact(client, held, entry["id"]).status_code == 200
    dry = wait_for_job(client, submit(client, {**NOISY_BELL, "dry_run": True}, KEY), KEY)
    assert dry["status"] == "completed"
    assert dry["results"] is None
