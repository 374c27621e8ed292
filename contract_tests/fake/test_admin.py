"""The admin API changes what GET /v0.4 serves, keeps the contract, and resets."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import AppFactory, backend_names, fixture_record
from ionq_contract.spec import component_schema, load_spec
from mock_server.api.backend_store import BackendStore
from mock_server.api.patches import merge_patch
from mock_server.wire.rejections import field_problems

API = "/v0.4/backends"
ADMIN = "/__admin/backends"


def test_lists_every_loaded_backend(client: ContractClient) -> None:
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert response.get_json() == [fixture_record(name) for name in sorted(backend_names())]


def test_shows_one_backend(client: ContractClient) -> None:
    assert client.get(f"{ADMIN}/qpu.forte-1").get_json() == fixture_record("qpu.forte-1")
    missing = client.get(f"{ADMIN}/qpu.nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"] == "Not Found Error"


def test_a_patch_shows_in_the_api_and_keeps_the_other_fields(client: ContractClient) -> None:
    changes = {"status": "unavailable", "degraded": True, "average_queue_time": 0}
    response = client.patch(f"{ADMIN}/qpu.aria-2", json=changes)
    expected = {**fixture_record("qpu.aria-2"), **changes}
    assert response.status_code == 200
    assert response.get_json() == expected
    assert client.get(f"{API}/qpu.aria-2").get_json() == expected
    assert client.get(f"{API}/qpu.aria-1").get_json() == fixture_record("qpu.aria-1")


def test_null_removes_an_optional_field(client: ContractClient) -> None:
    client.patch(f"{ADMIN}/qpu.forte-1", json={"kw": None, "location": None})
    served = client.get(f"{API}/qpu.forte-1").get_json()
    assert "kw" not in served
    assert "location" not in served
    assert served["qubits"] == 36


def test_a_patch_without_content_type_is_read_as_json(client: ContractClient) -> None:
    response = client.patch(f"{ADMIN}/simulator", data=b'{"qubits": 32}')
    assert response.status_code == 200
    assert client.get(f"{API}/simulator").get_json()["qubits"] == 32


@pytest.mark.parametrize(
    ("changes", "keys", "message"),
    [
        ({"qubits": -3}, ["qubits"], "$.qubits: -3 is less than the minimum of 0"),
        ({"qubits": 2.5}, ["qubits"], "$.qubits: 2.5 is not of type 'integer'"),
        ({"status": None}, ["status"], "$.status: is required"),
        ({"status": "retired"}, ["status"], "$.status: 'retired' is not one of"),
        ({"last_updated": "now"}, ["last_updated"], "$.last_updated: 'now' is not a 'date-time'"),
        ({"bogus": 1}, ["bogus"], "$.bogus: is not a documented field"),
        ({"backend": "qpu.aria-1"}, ["backend"], "$.backend: cannot be changed from 'qpu.aria-2'"),
        ({"qubits": -1, "degraded": "x"}, ["degraded", "qubits"], "$.degraded: 'x' is not of type"),
    ],
)
def test_a_patch_that_breaks_the_contract_is_refused(
    client: ContractClient, changes: dict[str, Any], keys: list[str], message: str
) -> None:
    response = client.patch(f"{ADMIN}/qpu.aria-2", json=changes)
    assert response.status_code == 400
    body = response.get_json()
    assert body["validation"] == {"keys": keys, "source": "payload"}
    assert message in body["message"]
    assert client.get(f"{API}/qpu.aria-2").get_json() == fixture_record("qpu.aria-2")


def test_patching_backend_to_its_own_name_is_allowed(client: ContractClient) -> None:
    response = client.patch(f"{ADMIN}/qpu.aria-2", json={"backend": "qpu.aria-2", "qubits": 24})
    assert response.status_code == 200
    assert response.get_json()["qubits"] == 24


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[1, 2]", "The body must be a JSON object of Backend fields"),
        (b'"qubits"', "The body must be a JSON object of Backend fields"),
        (b"", "The body must be a JSON object of Backend fields"),
        (b"{qubits: 3}", "The body is not valid JSON"),
    ],
)
def test_a_body_that_is_not_an_object_is_refused(
    client: ContractClient, data: bytes, message: str
) -> None:
    response = client.patch(f"{ADMIN}/qpu.aria-2", data=data, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"keys": [], "source": "payload"},
    }


def test_a_missing_backend_can_be_added_whole(make_app: AppFactory, fixtures_dir: Path) -> None:
    (fixtures_dir / "backends" / "simulator.json").unlink()
    client = make_app(FIXTURES_DIR=fixtures_dir).test_client()
    partial = client.patch(f"{ADMIN}/simulator", json={"qubits": 29})
    assert partial.status_code == 400
    assert partial.get_json()["validation"]["keys"] == [
        "average_queue_time",
        "degraded",
        "last_updated",
        "status",
    ]
    assert client.get(f"{API}/simulator").status_code == 404

    added = client.patch(f"{ADMIN}/simulator", json=fixture_record("simulator"))
    assert added.status_code == 200
    assert client.get(f"{API}/simulator").get_json() == fixture_record("simulator")


def test_each_missing_field_is_named_once(client: ContractClient) -> None:
    response = client.patch(
        f"{ADMIN}/qpu.aria-2", json={"status": None, "degraded": None, "last_updated": None}
    )
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        "$.degraded: is required; $.last_updated: is required; $.status: is required"
    )


def test_a_name_outside_the_spec_cannot_be_added(client: ContractClient) -> None:
    record = {**fixture_record("qpu.aria-1"), "backend": "qpu.tempo-1"}
    response = client.patch(f"{ADMIN}/qpu.tempo-1", json=record)
    assert response.status_code == 400
    assert response.get_json()["validation"]["keys"] == ["backend"]


def test_delete_makes_the_api_answer_not_found(client: ContractClient) -> None:
    assert client.delete(f"{ADMIN}/qpu.forte-enterprise-1").status_code == 204
    missing = client.get(f"{API}/qpu.forte-enterprise-1")
    assert missing.status_code == 404
    assert missing.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": "Backend qpu.forte-enterprise-1 was not found.",
    }
    assert client.delete(f"{ADMIN}/qpu.forte-enterprise-1").status_code == 404


def test_reset_brings_back_the_fixtures(client: ContractClient) -> None:
    client.patch(f"{ADMIN}/qpu.aria-1", json={"status": "unavailable"})
    client.delete(f"{ADMIN}/simulator")
    response = client.post("/__admin/reset")
    assert response.status_code == 204
    assert response.get_data() == b""
    for name in backend_names():
        assert client.get(f"{API}/{name}").get_json() == fixture_record(name)


def test_state_belongs_to_one_app(make_app: AppFactory) -> None:
    first, second = make_app().test_client(), make_app().test_client()
    first.patch(f"{ADMIN}/qpu.aria-1", json={"qubits": 11})
    assert first.get(f"{API}/qpu.aria-1").get_json()["qubits"] == 11
    assert second.get(f"{API}/qpu.aria-1").get_json()["qubits"] == 25


def test_a_wrong_method_on_the_admin_api_is_not_allowed(client: ContractClient) -> None:
    response = client.get("/__admin/reset")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["Allow"].split(",")} == {"POST", "OPTIONS"}


def test_a_preflight_for_patch_lists_patch(client: ContractClient) -> None:
    response = client.options(
        f"{ADMIN}/qpu.aria-1",
        headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "PATCH"},
    )
    assert response.status_code == 204
    methods = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS", "PATCH", "DELETE"}


@pytest.mark.parametrize(
    ("target", "patch", "result"),
    [
        ({"a": 1, "b": 2}, {"b": None, "c": 3}, {"a": 1, "c": 3}),
        ({"a": {"x": 1, "y": 2}}, {"a": {"y": None, "z": 3}}, {"a": {"x": 1, "z": 3}}),
        ({"a": [1, 2]}, {"a": [3]}, {"a": [3]}),
        ({"a": 1}, [1], [1]),
        ({"a": 1}, {}, {"a": 1}),
    ],
)
def test_merge_patch_follows_rfc_7396(target: Any, patch: Any, result: Any) -> None:
    assert merge_patch(target, patch) == result


def test_concurrent_patches_lose_no_update_and_reads_stay_valid() -> None:
    validator = OAS30Validator(
        component_schema(load_spec(), "Backend"), format_checker=OAS30Validator.FORMAT_CHECKER
    )
    store = BackendStore(
        {"qpu.aria-1": fixture_record("qpu.aria-1")},
        lambda record: field_problems(validator, record),
    )
    rounds = 200
    fields = ["qubits", "average_queue_time", "kw"]
    start = threading.Barrier(len(fields) + 1)
    bad_reads: list[Any] = []

    def writer(field: str) -> None:
        start.wait()
        for value in range(1, rounds + 1):
            store.patch("qpu.aria-1", {field: value})

    def reader() -> None:
        start.wait()
        for _ in range(rounds * 2):
            body = store.body("qpu.aria-1")
            record = json.loads(body or b"null")
            if list(validator.iter_errors(record)):
                bad_reads.append(record)

    threads = [threading.Thread(target=writer, args=(f,)) for f in fields]
    threads.append(threading.Thread(target=reader))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    final = json.loads(store.body("qpu.aria-1") or b"null")
    assert {field: final[field] for field in fields} == dict.fromkeys(fields, rounds)
    assert bad_reads == []
