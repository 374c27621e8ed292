"""The request log: what the fake received, how it answered, keys redacted, bounded."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.faults.conftest import API
from mock_server.app import create_app
from mock_server.controls.request_log import redact

REQUESTS = "/__admin/requests"
SECRET = "s3cr3t-key-value"  # noqa: S105 - a made-up key that must not be logged


def test_each_request_is_logged_with_how_it_was_answered(
    api: ContractClient, admin: FlaskClient
) -> None:
    api.get(API)
    api.get("/v0.4/backends/nope?verbose=1")
    api.get(API, headers={"Prefer": "code=404"})
    admin.post("/__admin/faults", json={"sequence": [503]})
    api.get(API)
    log = admin.get(REQUESTS).get_json()
    assert [(e["method"], e["path"], e["query"], e["status"], e["scenario"]) for e in log] == [
        ("GET", API, "", 200, None),
        ("GET", "/v0.4/backends/nope", "verbose=1", 400, None),
        ("GET", API, "", 404, "Prefer: code=404"),
        ("GET", API, "", 503, "fault rule 1: 503"),
    ]
    for entry in log:
        assert set(entry) == {
            "time",
            "method",
            "path",
            "query",
            "status",
            "duration_ms",
            "scenario",
            "authorization",
            "job_id",
        }
        assert entry["job_id"] is None  # none of these requests concerned a job
        assert entry["time"].endswith("Z")
        datetime.fromisoformat(entry["time"])
        assert entry["duration_ms"] >= 0


def test_unknown_paths_and_wrong_methods_are_logged_too(
    api: ContractClient, admin: FlaskClient
) -> None:
    api.get("/v0.4/nothing")
    api.post(API)
    assert [(e["path"], e["status"]) for e in admin.get(REQUESTS).get_json()] == [
        ("/v0.4/nothing", 404),
        (API, 405),
    ]


def test_the_admin_api_is_not_logged(admin: FlaskClient) -> None:
    admin.get("/__admin/backends")
    admin.get(REQUESTS)
    assert admin.get(REQUESTS).get_json() == []


def test_rate_limited_requests_say_so(api: ContractClient, admin: FlaskClient) -> None:
    admin.put("/__admin/rate-limit", json={"rate": 0.01, "burst": 1})
    api.get(API)
    api.get(API)
    assert [e["scenario"] for e in admin.get(REQUESTS).get_json()] == [
        None,
        "rate limit: retry after 100 s",
    ]


@pytest.mark.parametrize(
    ("header", "logged"),
    [
        (f"apiKey {SECRET}", "apiKey <redacted>"),
        (f"Bearer {SECRET}", "Bearer <redacted>"),
        (SECRET, "<redacted>"),
        (None, None),
    ],
)
def test_the_authorization_value_is_redacted(
    api: ContractClient, admin: FlaskClient, header: str | None, logged: str | None
) -> None:
    api.get(API, headers={"Authorization": header} if header else {})
    response = admin.get(REQUESTS)
    assert SECRET not in response.get_data(as_text=True)
    assert response.get_json()[0]["authorization"] == logged


def test_redact_keeps_nothing_of_the_credential() -> None:
    assert redact("apiKey  spaced key") == "apiKey <redacted>"
    assert redact("") == "<redacted>"


def test_the_log_is_bounded_and_keeps_the_newest() -> None:
    app = create_app({"REQUEST_LOG_SIZE": 3})
    client = app.test_client()
    for name in ["qpu.aria-1", "qpu.aria-2", "qpu.forte-1", "simulator"]:
        client.get(f"/v0.4/backends/{name}")
    paths = [entry["path"] for entry in client.get(REQUESTS).get_json()]
    assert paths == [
        "/v0.4/backends/qpu.aria-2",
        "/v0.4/backends/qpu.forte-1",
        "/v0.4/backends/simulator",
    ]


def test_limit_returns_the_last_requests(api: ContractClient, admin: FlaskClient) -> None:
    for name in ["qpu.aria-1", "qpu.aria-2", "simulator"]:
        api.get(f"/v0.4/backends/{name}")
    assert [e["path"] for e in admin.get(f"{REQUESTS}?limit=2").get_json()] == [
        "/v0.4/backends/qpu.aria-2",
        "/v0.4/backends/simulator",
    ]
    assert admin.get(f"{REQUESTS}?limit=0").get_json() == []
    refused = admin.get(f"{REQUESTS}?limit=-1")
    assert refused.status_code == 400
    assert refused.get_json()["validation"] == {"keys": ["limit"], "source": "query"}


def test_the_log_can_be_cleared_and_reset_clears_it(
    api: ContractClient, admin: FlaskClient
) -> None:
    api.get(API)
    assert admin.delete(REQUESTS).status_code == 204
    assert admin.get(REQUESTS).get_json() == []
    api.get(API)
    admin.post("/__admin/reset")
    assert admin.get(REQUESTS).get_json() == []


def test_each_app_has_its_own_log() -> None:
    first, second = create_app(), create_app()
    first.test_client().get(API)
    assert second.test_client().get(REQUESTS).get_json() == []
    assert len(first.test_client().get(REQUESTS).get_json()) == 1


def test_a_request_still_running_at_a_reset_is_not_logged_after_it() -> None:
    """A slow request of one test must not turn up in the next test's log.

    The request starts before the reset and finishes after it, as a request
    whose client gave up on an injected delay does.
    """
    app = create_app()
    log_seen_inside: list[int] = []

    @app.get("/v0.4/__test_slow")
    def slow() -> str:
        app.test_client().post("/__admin/reset")  # another test's reset, mid-request
        log_seen_inside.append(len(app.test_client().get(REQUESTS).get_json()))
        return "done"

    client = app.test_client()
    assert client.get("/v0.4/__test_slow").status_code == 200
    assert log_seen_inside == [0]
    assert client.get(REQUESTS).get_json() == []
    client.get(API)
    assert [entry["path"] for entry in client.get(REQUESTS).get_json()] == [API]
