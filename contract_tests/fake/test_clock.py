"""The clock: QPU queues and runs on it, virtual in tests, and a cancel that behaves as on IonQ.

Expected times come from the fixture files (the backend's
`average_queue_time`, the characterization's `timing`), never from the
fake's own functions: per shot, a reset, the gates and a readout.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    BELL,
    JOBS,
    PACKAGED_BACKENDS,
    AppFactory,
    admin,
    circuit_job,
    get_job,
    key_header,
    result,
    submit,
    wait_for_job,
)

KEY = "clock-test-key"
OTHER = "other-clock-test-key"
QPU = "qpu.aria-1"
THREE_HOURS_MS = 3 * 3600 * 1000
SHOTS = 1000


def aria_bell_ms(shots: int = SHOTS) -> int:
    """IonQ's time for a Bell circuit (one 1q and one 2q gate) on aria-1, from the fixture."""
    characterization = PACKAGED_BACKENDS.parent / "characterizations" / f"{QPU}.json"
    timing = json.loads(characterization.read_text())["timing"]
    per_shot: float = timing["reset"] + timing["1q"] + timing["2q"] + timing["readout"]
    return round(shots * per_shot * 1000)


def qpu_bell(shots: int = SHOTS) -> dict[str, Any]:
    return {**BELL, "backend": QPU, "shots": shots}


def clock(client: ContractClient, **settings: Any) -> dict[str, Any]:
    response = admin(client).put("/__admin/clock", json=settings)
    assert response.status_code == 200, response.get_data(as_text=True)
    state: dict[str, Any] = response.get_json()
    return state


def advance(client: ContractClient, seconds: float) -> datetime:
    response = admin(client).post("/__admin/clock/advance", json={"seconds": seconds})
    assert response.status_code == 200, response.get_data(as_text=True)
    return instant(response.get_json()["now"])


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def set_backend(client: ContractClient, **fields: Any) -> None:
    response = admin(client).patch(f"/__admin/backends/{QPU}", json=fields)
    assert response.status_code == 200, response.get_data(as_text=True)


def status(client: ContractClient, job_id: str) -> str:
    return str(get_job(client, job_id, KEY)["status"])


@pytest.fixture
def queued(client: ContractClient) -> ContractClient:
    """A fake on virtual time at IonQ's own times, with a three-hour queue on aria-1."""
    clock(client, virtual=True, time_scale=1)
    set_backend(client, average_queue_time=THREE_HOURS_MS)
    return client


# -- the admin API ----------------------------------------------------------------------


def test_the_clock_is_real_with_no_waiting_by_default(client: ContractClient) -> None:
    state = admin(client).get("/__admin/clock").get_json()
    assert (state["virtual"], state["time_scale"], state["scheduled"]) == (False, 0, 0)
    refused = admin(client).post("/__admin/clock/advance", json={"seconds": 1})
    assert refused.status_code == 409
    assert "only a virtual clock" in refused.get_json()["message"]


def test_virtual_time_stands_still_until_advanced(client: ContractClient) -> None:
    frozen = instant(clock(client, virtual=True)["now"])
    assert instant(admin(client).get("/__admin/clock").get_json()["now"]) == frozen
    assert advance(client, 90.5) == frozen + timedelta(seconds=90.5)
    assert advance(client, 0) == frozen + timedelta(seconds=90.5)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/clock", {"time_scale": -1}),
        ("/clock", {"virtual": "yes"}),
        ("/clock", {"speed": 2}),
        ("/clock/advance", {"seconds": -5}),
        ("/clock/advance", {}),
        ("/clock/advance", {"seconds": 1e12}),
    ],
)
def test_a_bad_clock_body_is_a_400_naming_the_field(
    client: ContractClient, path: str, body: dict[str, Any]
) -> None:
    clock(client, virtual=True)
    method = admin(client).put if path == "/clock" else admin(client).post
    response = method(f"/__admin{path}", json=body)
    assert response.status_code == 400
    assert set(response.get_json()) >= {"error", "message"}


def test_time_never_goes_back_to_the_wall_clock(client: ContractClient) -> None:
    clock(client, virtual=True)
    advance(client, 3600)
    refused = admin(client).put("/__admin/clock", json={"virtual": False})
    assert refused.status_code == 409
    assert admin(client).get("/__admin/clock").get_json()["virtual"] is True


# -- a QPU's queue and run --------------------------------------------------------------


def test_a_qpu_job_waits_its_queue_then_runs_its_execution_time(queued: ContractClient) -> None:
    run_ms = aria_bell_ms()
    job_id = submit(queued, qpu_bell(), KEY)
    job = get_job(queued, job_id, KEY)
    submitted = instant(job["submitted_at"])
    assert job["status"] == "ready"
    assert job["predicted_wait_time_ms"] == THREE_HOURS_MS
    assert job["predicted_execution_duration_ms"] == run_ms
    advance(queued, THREE_HOURS_MS / 1000 - 0.001)
    assert status(queued, job_id) == "ready"
    advance(queued, 0.001)
    job = get_job(queued, job_id, KEY)
    assert job["status"] == "started"
    assert instant(job["started_at"]) == submitted + timedelta(milliseconds=THREE_HOURS_MS)
    advance(queued, run_ms / 1000 - 0.001)
    assert status(queued, job_id) == "started"
    advance(queued, 0.001)
    job = get_job(queued, job_id, KEY)
    assert job["status"] == "completed"
    assert job["execution_duration_ms"] == run_ms
    assert instant(job["completed_at"]) - instant(job["started_at"]) == timedelta(
        milliseconds=run_ms
    )
    assert sum(result(queued, job_id, KEY, "probabilities").values()) == pytest.approx(1)


def test_a_three_hour_queue_is_one_advance(queued: ContractClient) -> None:
    job_id = submit(queued, qpu_bell(), KEY)
    advance(queued, 3 * 3600 + 60)
    assert status(queued, job_id) == "completed"


def test_the_estimate_predicts_what_the_clock_then_does(queued: ContractClient) -> None:
    estimate = queued.get(
        f"{JOBS}/estimate?backend={QPU}&shots={SHOTS}&1q_gates=1&2q_gates=1",
        headers=key_header(KEY),
    ).get_json()
    job = get_job(queued, submit(queued, qpu_bell(), KEY), KEY)
    assert estimate["current_predicted_queue_time"] == job["predicted_wait_time_ms"]
    assert estimate["estimated_execution_time"] == job["predicted_execution_duration_ms"]
    assert estimate["estimated_execution_time"] == aria_bell_ms()


def test_the_time_scale_shortens_queue_and_run_alike(client: ContractClient) -> None:
    clock(client, virtual=True, time_scale=0.01)
    set_backend(client, average_queue_time=THREE_HOURS_MS)
    job = get_job(client, submit(client, qpu_bell(), KEY), KEY)
    assert job["predicted_wait_time_ms"] == THREE_HOURS_MS // 100
    assert job["predicted_execution_duration_ms"] == round(aria_bell_ms() / 100)


def test_a_qpu_runs_one_job_at_a_time(queued: ContractClient) -> None:
    first = submit(queued, qpu_bell(), KEY)
    second = submit(queued, qpu_bell(), OTHER)
    waited = get_job(queued, second, OTHER)["predicted_wait_time_ms"]
    assert waited == THREE_HOURS_MS + aria_bell_ms()
    advance(queued, THREE_HOURS_MS / 1000 + aria_bell_ms() / 1000)
    assert status(queued, first) == "completed"
    assert get_job(queued, second, OTHER)["status"] == "started"


def test_simulator_jobs_take_no_time_on_the_clock(queued: ContractClient) -> None:
    job = get_job(queued, submit(queued, BELL, KEY), KEY)
    assert job["status"] == "completed"
    assert job["predicted_wait_time_ms"] is None


def test_a_batch_runs_its_circuits_one_after_another(queued: ContractClient) -> None:
    circuits = [{"circuit": BELL["input"]["circuit"]}] * 2
    body = {
        **qpu_bell(),
        "type": "ionq.multi-circuit.v1",
        "input": {"gateset": "qis", "qubits": 2, "circuits": circuits},
    }
    response = queued.post(JOBS, json=body, headers=key_header(KEY))
    assert response.status_code == 201, response.get_data(as_text=True)
    parent = get_job(queued, response.get_json()["id"], KEY)
    first, second = parent["child_job_ids"]
    assert get_job(queued, second, KEY)["predicted_wait_time_ms"] == THREE_HOURS_MS + aria_bell_ms()
    advance(queued, THREE_HOURS_MS / 1000 + aria_bell_ms() / 1000)
    assert (status(queued, first), status(queued, parent["id"])) == ("completed", "started")
    advance(queued, aria_bell_ms() / 1000)
    assert status(queued, parent["id"]) == "completed"


def test_a_backend_down_keeps_its_queue_waiting(queued: ContractClient) -> None:
    set_backend(queued, average_queue_time=60_000)
    job_id = submit(queued, qpu_bell(), KEY)
    set_backend(queued, status="unavailable")
    advance(queued, 3600)
    assert status(queued, job_id) == "ready"
    back = advance(queued, 10)
    set_backend(queued, status="available")
    job = get_job(queued, job_id, KEY)
    assert job["status"] == "started"
    assert instant(job["started_at"]) == back
    advance(queued, aria_bell_ms() / 1000)
    assert status(queued, job_id) == "completed"


def test_a_backend_down_before_submission_holds_the_job_until_it_is_back(
    queued: ContractClient,
) -> None:
    set_backend(queued, status="unavailable", average_queue_time=60_000)
    job_id = submit(queued, qpu_bell(), KEY)
    advance(queued, 3600)
    assert status(queued, job_id) == "ready"
    set_backend(queued, status="available")
    advance(queued, 60 + aria_bell_ms() / 1000)
    assert status(queued, job_id) == "completed"


def test_a_job_canceled_in_the_queue_stays_canceled(queued: ContractClient) -> None:
    job_id = submit(queued, qpu_bell(), KEY)
    answer = queued.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert answer.get_json() == {"id": job_id, "status": "canceled"}
    advance(queued, 4 * 3600)
    job = get_job(queued, job_id, KEY)
    assert (job["status"], job["results"]) == ("canceled", None)


def test_a_real_clock_at_a_small_scale_runs_the_queue_by_itself(client: ContractClient) -> None:
    clock(client, time_scale=1e-5)  # a three-hour queue: 108 ms
    set_backend(client, average_queue_time=THREE_HOURS_MS)
    job_id = submit(client, qpu_bell(), KEY)
    assert status(client, job_id) == "ready"
    job = wait_for_job(client, job_id, KEY, timeout_s=10)
    assert job["status"] == "completed"
    waited = instant(job["started_at"]) - instant(job["submitted_at"])
    assert waited >= timedelta(milliseconds=THREE_HOURS_MS / 100_000)


# -- cancel as on IonQ ------------------------------------------------------------------


def test_a_cancel_right_after_submission_cancels(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    answer = client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert answer.get_json() == {"id": job_id, "status": "canceled"}
    job = get_job(client, job_id, KEY)
    assert (job["status"], job["results"]) == ("canceled", None)


def test_the_first_poll_sees_completed(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    first = get_job(client, job_id, KEY)
    assert first["status"] == "completed"
    assert first["completed_at"] >= first["submitted_at"]


def test_a_listing_is_a_read_too(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    listed = client.get(f"{JOBS}?status=completed", headers=key_header(KEY)).get_json()
    assert [job["id"] for job in listed["jobs"]] == [job_id]
    moved = client.post(f"{JOBS}/{job_id}/move", json={}, headers=key_header(KEY))
    assert moved.status_code == 409
    assert status(client, job_id) == "completed"


def test_bulk_cancel_and_move_right_after_submission_act_on_the_job(
    client: ContractClient,
) -> None:
    canceled = submit(client, BELL, KEY)
    answer = client.put(f"{JOBS}/status/cancel", json={"ids": [canceled]}, headers=key_header(KEY))
    assert answer.get_json() == {"ids": [canceled], "status": "canceled"}
    assert status(client, canceled) == "canceled"
    moved = submit(client, BELL, KEY)
    response = client.post(f"{JOBS}/{moved}/move", json={"shots": 10}, headers=key_header(KEY))
    assert response.status_code == 201, response.get_data(as_text=True)
    assert status(client, moved) == "canceled"
    assert get_job(client, response.get_json()["id"], KEY)["shots"] == 10


def test_a_move_of_a_job_seen_completed_is_refused(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    assert status(client, job_id) == "completed"
    response = client.post(f"{JOBS}/{job_id}/move", json={}, headers=key_header(KEY))
    assert response.status_code == 409
    assert set(response.get_json()) >= {"error", "message"}


def test_runs_nobody_read_do_not_count_toward_the_bound_on_unfinished_jobs(
    make_app: AppFactory,
) -> None:
    client = make_app(JOBS_UNFINISHED_PER_KEY=2).test_client()
    assert isinstance(client, ContractClient)
    ids = [submit(client, BELL, KEY) for _ in range(5)]
    assert [status(client, job_id) for job_id in ids] == ["completed"] * 5


def test_a_failed_job_is_failed_at_once_and_stays_failed(client: ContractClient) -> None:
    job_id = submit(client, circuit_job([{"gate": "gpi", "target": 0, "phase": 0}], qubits=1), KEY)
    client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert status(client, job_id) == "failed"


# -- found in review: bounds, resets, restarts ------------------------------------------


def test_a_huge_queue_at_the_largest_scale_is_a_long_wait_never_a_500(
    client: ContractClient,
) -> None:
    clock(client, virtual=True, time_scale=1000)
    set_backend(client, average_queue_time=10**15)
    job = get_job(client, submit(client, qpu_bell(1_000_000), KEY), KEY)
    assert job["status"] == "ready"
    month_ms = 30 * 24 * 3600 * 1000  # the longest wait and run the fake plans
    assert job["predicted_wait_time_ms"] == month_ms
    assert job["predicted_execution_duration_ms"] == min(aria_bell_ms(1_000_000) * 1000, month_ms)
    estimate = client.get(f"{JOBS}/estimate?backend={QPU}&shots=1000000", headers=key_header(KEY))
    assert estimate.status_code == 200
    assert estimate.get_json()["current_predicted_queue_time"] >= month_ms
    assert admin(client).put("/__admin/clock", json={"time_scale": 1001}).status_code == 400


def test_virtual_time_has_an_end_that_is_a_409(client: ContractClient) -> None:
    clock(client, virtual=True)
    ten_years = 10 * 365 * 24 * 3600
    answers = {
        admin(client).post("/__admin/clock/advance", json={"seconds": ten_years}).status_code
        for _ in range(800)
    }
    assert answers == {200, 409}


def test_a_reset_after_virtual_time_ran_ahead_puts_a_real_clock_back(
    client: ContractClient,
) -> None:
    clock(client, virtual=True, time_scale=1)
    advance(client, 3600)
    assert admin(client).post("/__admin/reset").status_code == 204
    state = admin(client).get("/__admin/clock").get_json()
    assert (state["virtual"], state["time_scale"], state["scheduled"]) == (False, 0, 0)


def test_a_reset_leaves_nothing_scheduled(queued: ContractClient) -> None:
    set_backend(queued, status="unavailable")
    for _ in range(3):
        submit(queued, qpu_bell(), KEY)
    assert admin(queued).post("/__admin/reset").status_code == 204
    assert admin(queued).get("/__admin/clock").get_json()["scheduled"] == 0
    assert admin(queued).get("/__admin/jobs").get_json() == []


def test_a_queued_job_failed_by_the_admin_api_is_failed(queued: ContractClient) -> None:
    job_id = submit(queued, qpu_bell(), KEY)
    failed = admin(queued).post(f"/__admin/jobs/{job_id}/fail", json={"code": "SystemCancel"})
    assert failed.status_code == 200, failed.get_data(as_text=True)
    job = get_job(queued, job_id, KEY)
    assert (job["status"], job["started_at"], job["results"]) == ("failed", None, None)
    assert instant(job["completed_at"]) == instant(job["submitted_at"])


def test_a_job_back_after_an_outage_does_not_wait_behind_its_own_old_run(
    queued: ContractClient,
) -> None:
    set_backend(queued, average_queue_time=3_600_000)
    job_id = submit(queued, qpu_bell(1_000_000), KEY)  # a run of 1,055 s
    advance(queued, 3599)
    set_backend(queued, status="unavailable")
    back = advance(queued, 2)
    set_backend(queued, status="available")
    job = get_job(queued, job_id, KEY)
    assert job["status"] == "started"
    assert instant(job["started_at"]) == back
    assert job["predicted_wait_time_ms"] == 3_601_000


def test_canceled_jobs_give_back_their_place_on_the_qpu(queued: ContractClient) -> None:
    for _ in range(20):
        job_id = submit(queued, qpu_bell(1_000_000), OTHER)
        queued.delete(f"{JOBS}/{job_id}", headers=key_header(OTHER))
    job = get_job(queued, submit(queued, qpu_bell(), KEY), KEY)
    assert job["predicted_wait_time_ms"] == THREE_HOURS_MS
    assert admin(queued).get("/__admin/clock").get_json()["scheduled"] == 2  # this job's


def test_queued_jobs_count_as_unfinished_and_are_never_forgotten(make_app: AppFactory) -> None:
    client = make_app(JOBS_UNFINISHED_PER_KEY=3, JOBS_KEPT=5).test_client()
    assert isinstance(client, ContractClient)
    clock(client, virtual=True, time_scale=1)
    kept = submit(client, qpu_bell(), OTHER)
    answers = [client.post(JOBS, json=qpu_bell(), headers=key_header(KEY)) for _ in range(10)]
    assert [answer.status_code for answer in answers] == [201] * 3 + [429] * 7
    assert get_job(client, kept, OTHER)["status"] == "ready"
