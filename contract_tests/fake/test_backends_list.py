"""GET /v0.4/backends: every backend, consistent with the single view and the admin API."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import AppFactory, backend_names, fixture_record

API = "/v0.4/backends"
ADMIN = "/__admin/backends"


def test_lists_every_backend_sorted_by_name(client: ContractClient) -> None:
    response = client.get(API)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json() == [fixture_record(name) for name in sorted(backend_names())]


def test_the_list_and_the_single_view_agree(client: ContractClient) -> None:
    for record in client.get(API).get_json():
        assert client.get(f"{API}/{record['backend']}").get_json() == record


def test_admin_changes_show_in_the_list_and_the_single_view(client: ContractClient) -> None:
    client.patch(f"{ADMIN}/qpu.aria-2", json={"status": "unavailable", "qubits": 23})
    client.delete(f"{ADMIN}/simulator")
    listed = {record["backend"]: record for record in client.get(API).get_json()}
    assert "simulator" not in listed
    assert listed["qpu.aria-2"] == {
        **fixture_record("qpu.aria-2"),
        "status": "unavailable",
        "qubits": 23,
    }
    assert client.get(f"{API}/qpu.aria-2").get_json() == listed["qpu.aria-2"]
    client.post("/__admin/reset")
    assert len(client.get(API).get_json()) == len(backend_names())


def test_an_empty_fixtures_directory_lists_nothing(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    for path in (fixtures_dir / "backends").iterdir():
        path.unlink()
    client = make_app(FIXTURES_DIR=fixtures_dir).test_client()
    assert client.get(API).get_json() == []


@pytest.mark.parametrize("header", ["example=twoBackends", "example=none"])
def test_prefer_answers_the_named_examples(client: ContractClient, header: str) -> None:
    response = client.get(API, headers={"Prefer": header})
    assert response.status_code == 200
    body = response.get_json()
    assert isinstance(body, list)
    assert [record["backend"] for record in body] == (
        ["qpu.aria-1", "simulator"] if header.endswith("twoBackends") else []
    )


def test_the_list_needs_no_key_and_ignores_a_wrong_one(make_app: AppFactory) -> None:
    client = make_app(API_KEYS="only-this-key").test_client()
    for headers in ({}, {"Authorization": "apiKey not-this-one"}, {"Authorization": "Bearer x"}):
        assert client.get(API, headers=headers).status_code == 200
