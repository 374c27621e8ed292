"""The admin API changes a backend's current characterization; GET /v0.4 serves the change.

The current characterization of qpu.aria-1 is the `aria1` example of
openapi.yaml (test_characterizations.py checks it), so that example is
what a fresh fake, and a reset one, must serve. Every request goes through
the contract-checking client: admin answers are held to the
Characterization schema, refusals to BadRequestError and Error.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from flask import Flask

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import AppFactory
from ionq_contract.spec import load_spec
from mock_server.api import state as api
from mock_server.api.patches import PatchError
from mock_server.front.answers import AnswerCache
from mock_server.front.middleware import Front

API = "/v0.4/backends"
ADMIN = "/__admin/backends"
ARIA = "qpu.aria-1"


def aria_example() -> dict[str, Any]:
    """openapi.yaml's `aria1` example of getCharacterization: aria-1's current record."""
    operation = load_spec()["paths"]["/backends/{backend}/characterizations/{UUID}"]["get"]
    media = operation["responses"]["200"]["content"]["application/json"]
    value: dict[str, Any] = media["examples"]["aria1"]["value"]
    return value


ORIGINAL = aria_example()
BY_ID = f"{API}/{ARIA}/characterizations/{ORIGINAL['id']}"
FIRST_PAGE = f"{API}/{ARIA}/characterizations"
CURRENT = f"{ADMIN}/{ARIA}/characterization"


def served(client: ContractClient) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """aria-1's current characterization by id, and the first page of its history."""
    by_id = client.get(BY_ID)
    page = client.get(FIRST_PAGE)
    assert (by_id.status_code, page.status_code) == (200, 200)
    return by_id.get_json(), page.get_json()["characterizations"]


def kept_answers(app: Flask) -> AnswerCache:
    """The fast path's table of kept answers."""
    front = app.wsgi_app
    assert isinstance(front, Front)
    assert front.answers is not None
    return front.answers


def with_2q_median(median: float) -> dict[str, Any]:
    """The original record with another two-qubit median fidelity."""
    record = copy.deepcopy(ORIGINAL)
    record["fidelity"]["2q"]["median"] = median
    return record


def test_get_shows_the_current_characterization(client: ContractClient) -> None:
    response = client.get(CURRENT)
    assert response.status_code == 200
    assert response.get_json() == ORIGINAL
    by_id, page = served(client)
    assert by_id == ORIGINAL
    assert page[0] == ORIGINAL


def test_a_patch_shows_by_id_and_on_the_first_page_not_a_kept_answer(app: Flask) -> None:
    client = app.test_client()
    assert isinstance(client, ContractClient)
    answers = kept_answers(app)
    before_id, before_page = served(client)
    assert served(client) == (before_id, before_page)
    assert len(answers) == 2  # both reads are kept: a stale one could be served again

    response = client.patch(CURRENT, json={"fidelity": {"2q": {"median": 0.9512}}})

    expected = with_2q_median(0.9512)
    assert response.status_code == 200
    assert response.get_json() == expected
    by_id, page = served(client)
    assert by_id == expected
    assert page[0] == expected
    assert page[1:] == before_page[1:]  # older records are history: unchanged
    assert client.get(CURRENT).get_json() == expected


def test_a_change_made_on_the_store_itself_is_never_served_stale(app: Flask) -> None:
    """No request bumps the revision here: the store's own bump must."""
    client = app.test_client()
    assert isinstance(client, ContractClient)
    served(client)
    state: api.ApiState = app.extensions[api.EXTENSION]

    state.characterizations.patch(ARIA, {"timing": {"readout": 0.0005}})

    by_id, page = served(client)
    assert by_id["timing"]["readout"] == page[0]["timing"]["readout"] == 0.0005
    state.characterizations.reset()
    assert served(client) == (ORIGINAL, [ORIGINAL, *page[1:]])


def test_null_removes_an_optional_field(client: ContractClient) -> None:
    response = client.patch(CURRENT, json={"fidelity": {"2q": {"stderr": None}}})
    assert response.status_code == 200
    assert client.get(BY_ID).get_json()["fidelity"]["2q"] == {"median": 0.9868}


def test_put_replaces_the_record_and_fills_in_id_and_backend(client: ContractClient) -> None:
    replacement = {
        "date": "2025-06-17T12:00:00Z",
        "qubits": 3,
        "connectivity": [[0, 1], [0, 2], [1, 2]],
        "fidelity": {"spam": {"median": 0.99}, "1q": {"median": 0.999}, "2q": {"median": 0.95}},
        "timing": {"t1": 10, "t2": 1, "1q": 1e-05, "2q": 0.0002, "readout": 0.0001, "reset": 1e-06},
    }
    response = client.put(CURRENT, json=replacement)

    expected = {"id": ORIGINAL["id"], "backend": ARIA, **replacement}
    assert response.status_code == 200
    assert response.get_json() == expected
    by_id, page = served(client)
    assert by_id == expected
    assert page[0] == expected
    assert page[1]["date"] == "2025-06-15T00:00:00Z"


def test_put_accepts_its_own_id_and_backend(client: ContractClient) -> None:
    response = client.put(CURRENT, json=with_2q_median(0.97))
    assert response.status_code == 200
    assert client.get(BY_ID).get_json() == with_2q_median(0.97)


@pytest.mark.parametrize(
    ("method", "body", "keys", "message"),
    [
        (
            "PATCH",
            {"fidelity": {"2q": {"median": 1.5}}},
            ["fidelity"],
            "$.fidelity['2q'].median: 1.5 is greater than the maximum of 1",
        ),
        (
            "PATCH",
            {"id": "00000000-0000-4000-8000-000000000000"},
            ["id"],
            "$.id: cannot be changed from '617a1f8b-59d4-435d-aa33-695433d7155e'",
        ),
        (
            "PATCH",
            {"backend": "qpu.aria-2"},
            ["backend"],
            "$.backend: cannot be changed from 'qpu.aria-1'",
        ),
        ("PATCH", {"qubits": 0}, ["qubits"], "$.qubits: 0 is less than the minimum of 1"),
        ("PATCH", {"timing": None}, ["timing"], "$.timing: is required"),
        ("PATCH", {"bogus": 1}, ["bogus"], "$.bogus: is not a documented field"),
        ("PATCH", {"date": "yesterday"}, ["date"], "$.date: 'yesterday' is not a 'date-time'"),
        (
            "PATCH",
            {"date": "2025-06-14T00:00:00Z"},
            ["date"],
            "$.date: '2025-06-14T00:00:00Z' is before '2025-06-15T00:00:00Z'",
        ),
        (
            "PUT",
            {"date": "2025-06-17T00:00:00Z"},
            ["connectivity", "fidelity", "qubits", "timing"],
            "$.connectivity: is required; $.fidelity: is required; $.qubits: is required; "
            "$.timing: is required",
        ),
        (
            "PUT",
            {**aria_example(), "id": "00000000-0000-4000-8000-000000000000"},
            ["id"],
            "$.id: cannot be changed from '617a1f8b-59d4-435d-aa33-695433d7155e'",
        ),
        (
            "PUT",
            {**aria_example(), "fidelity": {"spam": {"median": 1.5}}},
            ["fidelity"],
            "$.fidelity.spam.median: 1.5 is greater than the maximum of 1",
        ),
    ],
)
def test_a_change_that_breaks_the_contract_is_refused(
    client: ContractClient, method: str, body: dict[str, Any], keys: list[str], message: str
) -> None:
    response = client.open(CURRENT, method=method, json=body)
    assert response.status_code == 400
    refusal = response.get_json()
    assert {key: refusal[key] for key in ("statusCode", "error", "validation")} == {
        "statusCode": 400,
        "error": "Bad Request",
        "validation": {"keys": keys, "source": "payload"},
    }
    assert message in refusal["message"]
    by_id, page = served(client)
    assert by_id == page[0] == ORIGINAL
    assert client.get(CURRENT).get_json() == ORIGINAL


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_a_body_that_is_not_an_object_is_refused(client: ContractClient, method: str) -> None:
    response = client.open(CURRENT, method=method, data=b"[1]", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": "The body must be a JSON object of Characterization fields",
        "validation": {"keys": [], "source": "payload"},
    }


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH"])
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("qpu.nope", "Backend qpu.nope is not loaded."),
        ("simulator", "Backend simulator has no characterization."),
    ],
)
def test_a_backend_without_a_characterization_is_not_found(
    client: ContractClient, method: str, name: str, message: str
) -> None:
    body = None if method == "GET" else {"qubits": 3}
    response = client.open(f"{ADMIN}/{name}/characterization", method=method, json=body)
    assert response.status_code == 404
    assert response.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": message,
    }


def test_a_deleted_backend_is_not_found_until_the_reset(client: ContractClient) -> None:
    assert client.delete(f"{ADMIN}/{ARIA}").status_code == 204
    assert client.get(CURRENT).status_code == 404
    assert client.patch(CURRENT, json={"qubits": 3}).status_code == 404
    client.post("/__admin/reset")
    assert client.get(CURRENT).get_json() == ORIGINAL


def test_reset_restores_the_generated_record(client: ContractClient) -> None:
    client.put(CURRENT, json={**aria_example(), "date": "2026-01-01T00:00:00Z"})
    client.patch(f"{ADMIN}/qpu.forte-1/characterization", json={"qubits": 2})
    forte_before = client.get(f"{API}/qpu.forte-1/characterizations?limit=1").get_json()
    assert forte_before["characterizations"][0]["qubits"] == 2

    assert client.post("/__admin/reset").status_code == 204

    assert served(client)[0] == ORIGINAL
    assert served(client)[1][0] == ORIGINAL
    assert client.get(CURRENT).get_json() == ORIGINAL
    forte = client.get(f"{API}/qpu.forte-1/characterizations?limit=1").get_json()
    assert forte["characterizations"][0]["qubits"] == 36


def test_changes_belong_to_one_app(make_app: AppFactory) -> None:
    first, second = make_app().test_client(), make_app().test_client()
    first.patch(CURRENT, json={"qubits": 5})
    assert first.get(BY_ID).get_json()["qubits"] == 5
    assert second.get(BY_ID).get_json() == ORIGINAL


# -- current(): what the job runner reads --------------------------------------------------


def test_current_is_the_served_record_as_a_new_dict(app: Flask) -> None:
    store = app.extensions[api.EXTENSION].characterizations
    record = store.current(ARIA)
    assert record == ORIGINAL
    assert record is not None
    record["fidelity"]["2q"]["median"] = 0.5  # the caller's own copy
    assert store.current(ARIA) == ORIGINAL
    store.patch(ARIA, {"fidelity": {"2q": {"median": 0.93}}})
    assert store.current(ARIA) == with_2q_median(0.93)
    assert store.current("simulator") is None
    assert store.current("qpu.nope") is None


def test_a_refused_change_raises_and_changes_nothing(app: Flask) -> None:
    state: api.ApiState = app.extensions[api.EXTENSION]
    revision = state.revision.value
    with pytest.raises(PatchError) as refused:
        state.characterizations.replace(ARIA, {"id": ORIGINAL["id"]})
    assert [problem.key for problem in refused.value.problems] == [
        "connectivity",
        "date",
        "fidelity",
        "qubits",
        "timing",
    ]
    assert state.characterizations.current(ARIA) == ORIGINAL
    assert state.revision.value == revision
    assert state.characterizations.patch("simulator", {"qubits": 3}) is None


def test_readers_on_other_threads_see_one_whole_record_or_the_other(app: Flask) -> None:
    store = app.extensions[api.EXTENSION].characterizations
    first, second = with_2q_median(0.91), {**with_2q_median(0.92), "qubits": 7}
    rounds = 300
    start = threading.Barrier(3)
    seen: list[dict[str, Any] | None] = []

    def writer() -> None:
        start.wait()
        for index in range(rounds):
            store.replace(ARIA, first if index % 2 else second)

    def reader() -> None:
        start.wait()
        seen.extend(store.current(ARIA) for _ in range(rounds))

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()

    assert len(seen) == rounds
    assert all(record in (ORIGINAL, first, second) for record in seen)
    assert store.current(ARIA) == first
