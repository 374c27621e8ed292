"""The fake's sessions: opening, reading, listing and ending them, and the jobs they take.

Every answer is held to openapi.yaml by the contract client. The limits are
worked out here: a Bell pair of 100 shots on qpu.aria-1 costs the card's
minimum, 1.00 USD (rate-cards.json: 100 x (0.00022 + 0.000975) = 0.1195 is
below it), so a cost limit of 2.5 takes two such jobs and refuses a third.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import BELL, JOBS, admin, get_job, key_header, submit

KEY = "sessions-test-key-4711"
OTHER = "sessions-other-key-0815"
SESSIONS = "/v0.4/sessions"
ADMIN_SESSIONS = "/__admin/sessions"
QPU_BELL = {**BELL, "backend": "qpu.aria-1", "shots": 100}
# The IonQ Session fields ionq-core parses (IonQ's description marks them required).
IONQ_REQUIRED = {
    "id",
    "created_at",
    "organization_id",
    "backend",
    "project_id",
    "creator_id",
    "ended_at",
    "ender_id",
    "active",
    "status",
    "started_at",
}


def open_session(
    client: ContractClient, key: str = KEY, backend: str = "simulator", **settings: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"backend": backend}
    if settings:
        body["settings"] = settings
    response = client.post(SESSIONS, json=body, headers=key_header(key))
    assert response.status_code == 201, response.get_data(as_text=True)
    session: dict[str, Any] = response.get_json()
    return session


def read_session(client: ContractClient, session_id: str, key: str = KEY) -> dict[str, Any]:
    response = client.get(f"{SESSIONS}/{session_id}", headers=key_header(key))
    assert response.status_code == 200, response.get_data(as_text=True)
    session: dict[str, Any] = response.get_json()
    return session


def submit_into(
    client: ContractClient, session_id: str, body: dict[str, Any] = BELL, key: str = KEY
) -> tuple[int, dict[str, Any]]:
    response = client.post(JOBS, json={**body, "session_id": session_id}, headers=key_header(key))
    document: dict[str, Any] = response.get_json()
    return response.status_code, document


def session_job_ids(
    client: ContractClient, session_id: str, query: str = "", key: str = KEY
) -> list[str]:
    response = client.get(f"{SESSIONS}/{session_id}/jobs{query}", headers=key_header(key))
    assert response.status_code == 200, response.get_data(as_text=True)
    return [job["id"] for job in response.get_json()["jobs"]]


# -- the operations ---------------------------------------------------------------------


def test_a_new_session_is_created_active_and_has_every_field_ionq_requires(
    client: ContractClient,
) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    session = open_session(client, job_count_limit=3)
    assert set(session) >= IONQ_REQUIRED
    assert (session["status"], session["state"], session["active"]) == ("created", "created", True)
    assert (session["started_at"], session["ended_at"], session["ender_id"]) == (None, None, None)
    assert session["backend"] == "simulator"
    assert session["settings"] == {"job_count_limit": 3}
    assert session["usage_time"] == 0
    created = datetime.fromisoformat(session["created_at"])
    assert before <= created <= datetime.now(UTC) + timedelta(seconds=1)
    whoami = client.get("/v0.4/whoami", headers=key_header(KEY)).get_json()
    assert session["creator_id"] == whoami["key_id"]
    assert read_session(client, session["id"]) == session


def test_settings_are_echoed_with_when_the_duration_runs_out(client: ContractClient) -> None:
    session = open_session(
        client,
        backend="qpu.forte-1",
        duration_limit_min=60,
        cost_limit={"unit": "usd", "value": 100},
    )
    created = datetime.fromisoformat(session["created_at"])
    settings = session["settings"]
    assert settings["duration_limit_min"] == 60
    assert settings["cost_limit"] == {"unit": "usd", "value": 100}
    assert datetime.fromisoformat(settings["expires_at"]) == created + timedelta(minutes=60)


@pytest.mark.parametrize(
    ("asked", "kept"), [("ionq_simulator", "simulator"), ("qpu", "qpu.aria-1")]
)
def test_sdk_backend_names_are_kept_as_the_backend_they_mean(
    client: ContractClient, asked: str, kept: str
) -> None:
    assert open_session(client, backend=asked)["backend"] == kept


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"backend": "qpu.nowhere"},
        {"backend": "simulator", "settings": {"job_count_limit": 0}},
        {"backend": "simulator", "settings": {"cost_limit": {"unit": "usd", "value": "5"}}},
        {"backend": "simulator", "settings": {"priority": 1}},
    ],
)
def test_a_malformed_creation_is_refused_with_400(
    client: ContractClient, body: dict[str, Any]
) -> None:
    response = client.post(SESSIONS, json=body, headers=key_header(KEY))
    assert response.status_code == 400
    assert response.get_json()["statusCode"] == 400


def test_the_first_job_starts_a_session_and_ending_it_ends_it(client: ContractClient) -> None:
    session = open_session(client)
    status, created = submit_into(client, session["id"])
    assert status == 201
    assert created["session_id"] == session["id"]
    started = read_session(client, session["id"])
    assert (started["status"], started["state"], started["active"]) == ("started", "started", True)
    assert started["started_at"] is not None
    ended = client.post(f"{SESSIONS}/{session['id']}/end", headers=key_header(KEY))
    assert ended.status_code == 200
    document = ended.get_json()
    assert (document["status"], document["state"], document["active"]) == ("ended", "ended", False)
    assert document["ender_id"] == session["creator_id"]
    assert document["ended_at"] is not None
    assert document["usage_time"] >= 0
    assert read_session(client, session["id"]) == document


def test_ending_twice_answers_the_session_unchanged(client: ContractClient) -> None:
    session = open_session(client)
    first = client.post(f"{SESSIONS}/{session['id']}/end", headers=key_header(KEY)).get_json()
    again = client.post(f"{SESSIONS}/{session['id']}/end", headers=key_header(KEY))
    assert again.status_code == 200
    assert again.get_json() == first


def test_sessions_are_listed_newest_first_and_filtered_by_active(client: ContractClient) -> None:
    older = open_session(client)["id"]
    newer = open_session(client)["id"]
    client.post(f"{SESSIONS}/{older}/end", headers=key_header(KEY))

    def listed(query: str = "") -> list[str]:
        response = client.get(f"{SESSIONS}{query}", headers=key_header(KEY))
        assert response.status_code == 200
        listing = response.get_json()
        assert listing["organization_id"].startswith("com.ionq-mock.")
        return [session["id"] for session in listing["sessions"]]

    assert listed() == [newer, older]
    assert listed("?active=true") == [newer]
    assert listed("?active=false") == [older]


# -- ownership and 404s -----------------------------------------------------------------


def test_another_keys_session_is_unknown_everywhere(client: ContractClient) -> None:
    session_id = open_session(client)["id"]
    other = key_header(OTHER)
    assert client.get(f"{SESSIONS}/{session_id}", headers=other).status_code == 404
    assert client.post(f"{SESSIONS}/{session_id}/end", headers=other).status_code == 404
    assert client.get(f"{SESSIONS}/{session_id}/jobs", headers=other).status_code == 404
    assert client.get(SESSIONS, headers=other).get_json()["sessions"] == []
    status, refused = submit_into(client, session_id, key=OTHER)
    assert (status, refused["message"]) == (409, f"Session {session_id} was not found.")
    assert read_session(client, session_id)["status"] == "created"


@pytest.mark.parametrize("unknown", [str(uuid.uuid4()), "None"], ids=["uuid", "not-a-uuid"])
@pytest.mark.parametrize("path", ["", "/end", "/jobs"])
def test_an_unknown_session_answers_404(client: ContractClient, path: str, unknown: str) -> None:
    # Any string names a session, as in IonQ's description: one that is not this
    # key's is a 404, a UUID or not (a job's null session_id read as "None" too).
    method = client.post if path == "/end" else client.get
    response = method(f"{SESSIONS}/{unknown}{path}", headers=key_header(KEY))
    assert response.status_code == 404
    assert response.get_json()["message"] == f"Session {unknown} was not found."


def test_a_job_into_an_unknown_session_is_refused_and_not_created(
    client: ContractClient,
) -> None:
    status, refused = submit_into(client, str(uuid.uuid4()))
    # 409, not 404: on a clone or a move a 404 would say the job copied is gone.
    assert (status, refused["error"]) == (409, "Conflict")
    assert client.get(JOBS, headers=key_header(KEY)).get_json()["jobs"] == []


# -- the limits -------------------------------------------------------------------------


def _job_ids(client: ContractClient) -> list[str]:
    return [job["id"] for job in client.get(JOBS, headers=key_header(KEY)).get_json()["jobs"]]


def _refused(client: ContractClient, session_id: str, body: dict[str, Any] = BELL) -> str:
    before = _job_ids(client)
    status, refused = submit_into(client, session_id, body)
    assert status == 409, refused
    assert refused["statusCode"] == 409
    assert _job_ids(client) == before  # no job was created
    message: str = refused["message"]
    return message


def test_an_ended_session_takes_no_job(client: ContractClient) -> None:
    session_id = open_session(client)["id"]
    client.post(f"{SESSIONS}/{session_id}/end", headers=key_header(KEY))
    assert _refused(client, session_id) == f"Session {session_id} has ended."


def test_a_session_takes_jobs_of_its_own_backend_only(client: ContractClient) -> None:
    session_id = open_session(client, backend="qpu.aria-1")["id"]
    assert "runs on qpu.aria-1, not on simulator" in _refused(client, session_id)
    status, _ = submit_into(client, session_id, {**QPU_BELL, "backend": "qpu"})
    assert status == 201


def test_the_job_count_limit_refuses_the_job_past_it(client: ContractClient) -> None:
    session_id = open_session(client, job_count_limit=2)["id"]
    assert [submit_into(client, session_id)[0] for _ in range(2)] == [201, 201]
    assert "has reached its limit of 2 jobs" in _refused(client, session_id)
    assert len(session_job_ids(client, session_id)) == 2


def test_jobs_submitted_at_once_never_pass_the_job_count_limit(client: ContractClient) -> None:
    session_id = open_session(client, job_count_limit=3)["id"]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: submit_into(client, session_id)[0], range(8)))
    assert sorted(statuses) == [201] * 3 + [409] * 5
    assert len(session_job_ids(client, session_id)) == 3


def test_the_cost_limit_counts_each_jobs_estimate(client: ContractClient) -> None:
    session_id = open_session(
        client, backend="qpu.aria-1", cost_limit={"unit": "usd", "value": 2.5}
    )["id"]
    assert [submit_into(client, session_id, QPU_BELL)[0] for _ in range(2)] == [201, 201]
    message = _refused(client, session_id, QPU_BELL)
    assert message.endswith("cost limit of 2.5: its jobs cost 2 and this one 1.")


def test_a_free_job_fits_under_any_cost_limit(client: ContractClient) -> None:
    session_id = open_session(client, cost_limit={"value": 0})["id"]
    assert submit_into(client, session_id)[0] == 201  # the simulator's card is free


def _virtual_time(client: ContractClient) -> None:
    answer = admin(client).put("/__admin/clock", json={"virtual": True})
    assert answer.status_code == 200, answer.get_data(as_text=True)


def _advance(client: ContractClient, seconds: float) -> None:
    answer = admin(client).post("/__admin/clock/advance", json={"seconds": seconds})
    assert answer.status_code == 200, answer.get_data(as_text=True)


def test_the_duration_limit_counts_from_creation(client: ContractClient) -> None:
    _virtual_time(client)
    session = open_session(client, duration_limit_min=1)
    assert submit_into(client, session["id"])[0] == 201
    _advance(client, 59.9)
    assert submit_into(client, session["id"])[0] == 201
    _advance(client, 0.2)
    message = _refused(client, session["id"])
    assert message.endswith("has passed its duration limit of 1 minutes.")


def test_usage_time_counts_from_the_first_job(client: ContractClient) -> None:
    _virtual_time(client)
    session_id = open_session(client)["id"]
    _advance(client, 30)  # before its first job, a session is not in use
    assert submit_into(client, session_id)[0] == 201
    _advance(client, 90)
    assert read_session(client, session_id)["usage_time"] == 90
    client.post(f"{SESSIONS}/{session_id}/end", headers=key_header(KEY))
    _advance(client, 500)
    assert read_session(client, session_id)["usage_time"] == 90


# -- jobs by session --------------------------------------------------------------------


def test_a_sessions_jobs_are_listed_with_the_filters_and_paging_of_get_jobs(
    client: ContractClient,
) -> None:
    session_id = open_session(client)["id"]
    outside = submit(client, BELL, KEY)
    inside = [submit_into(client, session_id)[1]["id"] for _ in range(3)]
    assert outside not in session_job_ids(client, session_id)
    assert session_job_ids(client, session_id) == inside[::-1]
    assert session_job_ids(client, session_id, f"?ids={inside[0]}") == [inside[0]]
    first = client.get(f"{SESSIONS}/{session_id}/jobs?limit=2", headers=key_header(KEY))
    page = first.get_json()
    assert [job["id"] for job in page["jobs"]] == inside[:0:-1]
    rest = session_job_ids(client, session_id, f"?limit=2&next={page['next']}")
    assert rest == [inside[0]]
    assert get_job(client, inside[0], KEY)["session_id"] == session_id
    jobs_listing = client.get(f"{JOBS}?session_id={session_id}", headers=key_header(KEY))
    assert [job["id"] for job in jobs_listing.get_json()["jobs"]] == inside[::-1]


def test_an_ended_sessions_jobs_run_on_and_stay_listed(client: ContractClient) -> None:
    session_id = open_session(client)["id"]
    job_id = submit_into(client, session_id)[1]["id"]
    client.post(f"{SESSIONS}/{session_id}/end", headers=key_header(KEY))
    assert session_job_ids(client, session_id) == [job_id]
    assert get_job(client, job_id, KEY)["status"] != "canceled"


# -- admin and reset --------------------------------------------------------------------


def test_the_admin_api_lists_every_keys_sessions_and_clears_them(
    client: ContractClient,
) -> None:
    mine = open_session(client)["id"]
    theirs = open_session(client, key=OTHER)["id"]
    plain = admin(client)
    listed = plain.get(ADMIN_SESSIONS).get_json()
    assert [session["id"] for session in listed] == [theirs, mine]
    assert listed[1]["owner"] == listed[1]["creator_id"]
    assert plain.delete(ADMIN_SESSIONS).status_code == 204
    assert plain.get(ADMIN_SESSIONS).get_json() == []
    assert client.get(f"{SESSIONS}/{mine}", headers=key_header(KEY)).status_code == 404


def test_reset_forgets_the_sessions(client: ContractClient) -> None:
    session_id = open_session(client)["id"]
    assert admin(client).post("/__admin/reset").status_code == 204
    assert client.get(f"{SESSIONS}/{session_id}", headers=key_header(KEY)).status_code == 404
    assert client.get(SESSIONS, headers=key_header(KEY)).get_json()["sessions"] == []


# -- moves ------------------------------------------------------------------------------


def _held_job(client: ContractClient, session_id: str | None = None) -> str:
    assert admin(client).put("/__admin/jobs/hold", json={"hold": True}).status_code == 200
    body = {**BELL} if session_id is None else {**BELL, "session_id": session_id}
    return submit(client, body, KEY)


def test_a_move_into_an_ended_session_is_refused_and_changes_nothing(
    client: ContractClient,
) -> None:
    job_id = _held_job(client)
    session_id = open_session(client)["id"]
    client.post(f"{SESSIONS}/{session_id}/end", headers=key_header(KEY))
    moved = client.post(
        f"{JOBS}/{job_id}/move", json={"session_id": session_id}, headers=key_header(KEY)
    )
    assert (moved.status_code, moved.get_json()["message"]) == (
        409,
        f"Session {session_id} has ended.",
    )
    assert get_job(client, job_id, KEY)["status"] == "ready"


def test_a_move_within_its_session_is_not_counted_again(client: ContractClient) -> None:
    session_id = open_session(client, job_count_limit=1)["id"]
    job_id = _held_job(client, session_id)
    moved = client.post(f"{JOBS}/{job_id}/move", json={"shots": 10}, headers=key_header(KEY))
    assert moved.status_code == 201
    assert moved.get_json()["session_id"] == session_id
    onto_qpu = client.post(
        f"{JOBS}/{moved.get_json()['id']}/move",
        json={"backend": "qpu.aria-1"},
        headers=key_header(KEY),
    )
    assert onto_qpu.status_code == 409
