"""The test controls of jobs: hold, fail the next ones, fail or complete one, a backend
that goes away and comes back, reset; and the pytest plugin's handle on them.

The admin answers are read with a plain client (the contract client holds admin
answers to the Backend schema); the API's answers still go through the
contract client.
"""

from __future__ import annotations

import json
import textwrap
import time
import uuid
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    ADMIN_JOBS,
    BELL,
    FINAL_STATUSES,
    JOBS,
    admin,
    fixture_record,
    get_job,
    key_header,
    result,
    submit,
    wait_for_job,
)
from ionq_contract.spec import load_spec

KEY = "job-controls-test-key"
QPU_BELL = {**BELL, "backend": "qpu.aria-1"}


def controls(client: ContractClient) -> dict[str, Any]:
    response = admin(client).get(f"{ADMIN_JOBS}/controls")
    assert response.status_code == 200
    document: dict[str, Any] = response.get_json()
    return document


def hold(client: ContractClient, on: bool = True) -> None:
    response = admin(client).put(f"{ADMIN_JOBS}/hold", json={"hold": on})
    assert response.status_code == 200


def test_fail_next_fails_that_many_jobs_then_lets_them_run(client: ContractClient) -> None:
    chosen = {"code": "QuotaExhaustedError", "message": "No credit left.", "count": 2}
    response = admin(client).post(f"{ADMIN_JOBS}/fail-next", json=chosen)
    assert response.status_code == 200
    queued = {"code": "QuotaExhaustedError", "message": "No credit left."}
    assert response.get_json() == {"hold": False, "fail_next": [queued, queued]}
    first, second, third = (submit(client, BELL, KEY) for _ in range(3))
    for job_id in (first, second):
        job = wait_for_job(client, job_id, KEY)
        assert job["status"] == "failed"
        assert job["failure"] == {**queued, "error": "No credit left."}
        assert job["results"] is None
    assert wait_for_job(client, third, KEY)["status"] == "completed"
    assert controls(client) == {"hold": False, "fail_next": []}


def test_fail_next_fails_a_whole_batch(client: ContractClient) -> None:
    admin(client).post(f"{ADMIN_JOBS}/fail-next", json={"code": "TooManyGates"})
    batch = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": 1, "circuits": [{"circuit": []}, {"circuit": []}]},
    }
    parent = wait_for_job(client, submit(client, batch, KEY), KEY)
    assert parent["status"] == "failed"
    assert parent["failure"]["code"] == "TooManyGates"
    assert parent["failure"]["message"] == parent["failure"]["error"]
    for child_id in parent["child_job_ids"]:
        assert get_job(client, child_id, KEY)["status"] == "failed"


@pytest.mark.parametrize(
    ("body", "keys"),
    [
        ({"code": "Oops"}, ["code"]),  # not one of openapi.yaml's FailureCode values
        ({"code": "InvalidInput", "count": 0}, ["count"]),
        ({"code": "InvalidInput", "colour": "red"}, ["colour"]),
        ({}, ["code"]),
        ([], []),
    ],
)
def test_fail_next_refuses_a_failure_outside_the_contract(
    client: ContractClient, body: Any, keys: list[str]
) -> None:
    response = admin(client).post(f"{ADMIN_JOBS}/fail-next", json=body)
    assert response.status_code == 400
    document = response.get_json()
    assert document["statusCode"] == 400
    assert document["validation"] == {"keys": keys, "source": "payload"}
    assert controls(client)["fail_next"] == []


def test_every_failure_code_of_the_contract_can_be_injected(client: ContractClient) -> None:
    codes = load_spec()["components"]["schemas"]["FailureCode"]["enum"]
    for code in codes:
        admin(client).post(f"{ADMIN_JOBS}/fail-next", json={"code": code})
    failed = [wait_for_job(client, submit(client, BELL, KEY), KEY) for _ in codes]
    assert [job["failure"]["code"] for job in failed] == codes


def test_hold_refuses_what_is_not_a_boolean(client: ContractClient) -> None:
    for body in ({"hold": "yes"}, {}, {"hold": True, "also": 1}):
        response = admin(client).put(f"{ADMIN_JOBS}/hold", json=body)
        assert response.status_code == 400
        assert response.get_json()["validation"]["source"] == "payload"
    assert controls(client)["hold"] is False


def test_fail_and_complete_act_on_held_jobs(client: ContractClient) -> None:
    hold(client)
    assert controls(client)["hold"] is True
    doomed, released = submit(client, BELL, KEY), submit(client, BELL, KEY)
    failure = {"code": "QuantumComputerError", "message": "The trap lost its ions."}
    response = admin(client).post(f"{ADMIN_JOBS}/{doomed}/fail", json=failure)
    assert response.status_code == 200
    assert response.get_json()["status"] == "failed"
    job = get_job(client, doomed, KEY)
    assert job["status"] == "failed"
    assert job["failure"] == {**failure, "error": failure["message"]}
    assert get_job(client, released, KEY)["status"] == "ready"

    response = admin(client).post(f"{ADMIN_JOBS}/{released}/complete")
    assert response.status_code == 200
    assert response.get_json()["status"] == "completed"
    assert response.get_json()["owner"] == job["submitter_id"]
    job = get_job(client, released, KEY)
    assert job["status"] == "completed"
    probabilities = result(client, released, KEY, "probabilities")
    assert sorted(probabilities) == ["0", "3"]
    assert all(p == pytest.approx(0.5, abs=1e-12) for p in probabilities.values())

    # Neither works on a finished job, nor on one that is not there.
    assert admin(client).post(f"{ADMIN_JOBS}/{released}/fail", json=failure).status_code == 409
    assert admin(client).post(f"{ADMIN_JOBS}/{released}/complete").status_code == 409
    assert admin(client).post(f"{ADMIN_JOBS}/{doomed}/complete").status_code == 409
    assert admin(client).post(f"{ADMIN_JOBS}/{doomed}/cancel").status_code == 409
    unknown = str(uuid.uuid4())
    for action in ("fail", "complete", "cancel"):
        missing = admin(client).post(f"{ADMIN_JOBS}/{unknown}/{action}", json=failure)
        assert missing.status_code == 404
    bad = admin(client).post(f"{ADMIN_JOBS}/{doomed}/fail", json={"code": "Nope"})
    assert bad.status_code == 400


def test_holding_stops_for_new_jobs_only(client: ContractClient) -> None:
    hold(client)
    held = submit(client, BELL, KEY)
    hold(client, on=False)
    assert wait_for_job(client, submit(client, BELL, KEY), KEY)["status"] == "completed"
    time.sleep(0.05)
    assert get_job(client, held, KEY)["status"] == "ready"
    canceled = admin(client).post(f"{ADMIN_JOBS}/{held}/cancel")
    assert canceled.status_code == 200
    assert get_job(client, held, KEY)["status"] == "canceled"


def test_a_qpu_job_waits_while_its_backend_is_unavailable(client: ContractClient) -> None:
    changed = admin(client).patch("/__admin/backends/qpu.aria-1", json={"status": "unavailable"})
    assert changed.status_code == 200
    job_id = submit(client, QPU_BELL, KEY)
    simulated = submit(client, BELL, KEY)  # another backend is not held up
    assert wait_for_job(client, simulated, KEY)["status"] == "completed"
    for _ in range(3):
        assert get_job(client, job_id, KEY)["status"] == "ready"
        time.sleep(0.05)
    admin(client).patch("/__admin/backends/qpu.aria-1", json={"status": "available"})
    job = wait_for_job(client, job_id, KEY, timeout_s=5)
    assert job["status"] == "completed"
    assert sum(result(client, job_id, KEY, "histogram").values()) == 1000


def test_a_job_for_an_unavailable_backend_is_answered_at_once(client: ContractClient) -> None:
    """openapi.yaml, POST /jobs: "answers 201 with the new job's id at once: the job runs
    later". Waiting for a job that cannot start until an admin change gains nothing."""
    admin(client).patch("/__admin/backends/qpu.aria-1", json={"status": "unavailable"})
    started = time.monotonic()
    job_id = submit(client, QPU_BELL, KEY)
    assert time.monotonic() - started < 0.5
    assert get_job(client, job_id, KEY)["status"] == "ready"


def test_reset_forgets_jobs_and_controls(client: ContractClient) -> None:
    done = submit(client, BELL, KEY)
    hold(client)
    held = submit(client, BELL, KEY)
    admin(client).post(f"{ADMIN_JOBS}/fail-next", json={"code": "InternalError", "count": 3})
    admin(client).patch("/__admin/backends/qpu.aria-1", json={"status": "unavailable"})
    assert len(admin(client).get(ADMIN_JOBS).get_json()) == 2

    assert admin(client).post("/__admin/reset").status_code == 204
    for job_id in (done, held):
        assert client.get(f"{JOBS}/{job_id}", headers=key_header(KEY)).status_code == 404
    assert admin(client).get(ADMIN_JOBS).get_json() == []
    assert controls(client) == {"hold": False, "fail_next": []}
    assert client.get("/v0.4/backends/qpu.aria-1").get_json() == fixture_record("qpu.aria-1")
    page = client.get(JOBS, headers=key_header(KEY)).get_json()
    assert page == {"jobs": [], "next": None}
    assert wait_for_job(client, submit(client, QPU_BELL, KEY), KEY)["status"] == "completed"


def test_clearing_jobs_keeps_the_controls(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    assert admin(client).delete(ADMIN_JOBS).status_code == 204
    assert client.get(f"{JOBS}/{job_id}", headers=key_header(KEY)).status_code == 404
    assert controls(client)["hold"] is True


# -- the pytest plugin ------------------------------------------------------------------------

INNER_SUITE = """
import json, time
from pathlib import Path

REPORTS = Path({reports!r})
KEY = {{"Authorization": "apiKey plugin-jobs-key"}}
BELL = {bell}
FINAL = {final}

def report(**seen):
    with REPORTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(seen) + "\\n")

def poll(http, job_id, until=FINAL, timeout_s=5.0):
    deadline = time.monotonic() + timeout_s
    statuses = []
    while True:
        status = http.get(f"/jobs/{{job_id}}").json()["status"]
        if not statuses or statuses[-1] != status:
            statuses.append(status)
        if status in until or time.monotonic() > deadline:
            return statuses
        time.sleep(0.01)

def test_held_until_completed(fake_ionq):
    fake_ionq.hold_jobs()
    http = fake_ionq.http(headers=KEY)
    job_id = http.post("/jobs", json=BELL).json()["id"]
    waiting = [http.get(f"/jobs/{{job_id}}").json()["status"] for _ in range(3)]
    completed = fake_ionq.complete_job(job_id)
    probabilities = http.get(f"/jobs/{{job_id}}/results/probabilities").json()
    report(test="held", waiting=waiting, admin=completed["status"], polled=poll(http, job_id),
           probabilities=probabilities)

def test_failed_and_canceled(fake_ionq):
    fake_ionq.hold_jobs()
    http = fake_ionq.http(headers=KEY)
    doomed = http.post("/jobs", json=BELL).json()["id"]
    dropped = http.post("/jobs", json=BELL).json()["id"]
    failed = fake_ionq.fail_job(doomed, "TooManyShots", "Far too many.")
    canceled = fake_ionq.cancel_job(dropped)
    fake_ionq.hold_jobs(False)
    fake_ionq.fail_next_jobs("SimulationTimeout", count=1)
    injected = http.post("/jobs", json=BELL).json()["id"]
    jobs = {{job["id"]: job for job in fake_ionq.jobs()}}
    report(test="failed", failed=failed["failure"], canceled=canceled["status"],
           polled=[poll(http, doomed), poll(http, dropped), poll(http, injected)],
           injected=jobs[injected]["failure"],
           statuses=[jobs[i]["status"] for i in (doomed, dropped)], count=len(jobs))

def test_controls_were_reset(fake_ionq):
    http = fake_ionq.http(headers=KEY)
    admin = fake_ionq.http(base_url=fake_ionq.origin)
    before = {{"jobs": fake_ionq.jobs(), "controls": admin.get("/__admin/jobs/controls").json()}}
    job_id = http.post("/jobs", json=BELL).json()["id"]
    report(test="reset", before=before, polled=poll(http, job_id))
"""


def test_the_plugin_drives_jobs_and_resets_their_controls(pytester: pytest.Pytester) -> None:
    reports = pytester.path / "reports.jsonl"
    suite = INNER_SUITE.format(
        reports=str(reports), bell=repr(BELL), final=repr(sorted(FINAL_STATUSES))
    )
    pytester.makepyfile(test_suite=textwrap.dedent(suite))
    outcome = pytester.runpytest_subprocess("-q")
    outcome.assert_outcomes(passed=3)
    held, failed, reset = (json.loads(line) for line in reports.read_text("utf-8").splitlines())

    assert held["test"] == "held"
    assert held["waiting"] == ["ready"] * 3
    assert held["admin"] == "completed"
    assert held["polled"] == ["completed"]
    assert sorted(held["probabilities"]) == ["0", "3"]

    assert failed["test"] == "failed"
    assert failed["failed"] == {
        "code": "TooManyShots",
        "message": "Far too many.",
        "error": "Far too many.",
    }
    assert failed["canceled"] == "canceled"
    assert failed["polled"] == [["failed"], ["canceled"], ["failed"]]
    assert failed["injected"]["code"] == "SimulationTimeout"
    assert failed["statuses"] == ["failed", "canceled"]
    assert failed["count"] == 3

    assert reset["test"] == "reset"
    assert reset["before"] == {"jobs": [], "controls": {"hold": False, "fail_next": []}}
    assert reset["polled"] == ["completed"]
