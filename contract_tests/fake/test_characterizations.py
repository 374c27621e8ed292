"""GET /backends/{backend}/characterizations[/{UUID}]: histories, paging, filters, look-ups.

Expected values come from the fixture files, read here with `json` (the
backend records and the generator inputs of characterizations/), from
openapi.yaml, or are written in the tests. Every request goes through the
contract-checking client, so each answer is also held to the spec.
"""

from __future__ import annotations

import copy
import json
import math
import uuid
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    PACKAGED_BACKENDS,
    AppFactory,
    backend_names,
    fixture_record,
    response_example,
)
from ionq_contract.spec import load_spec
from mock_server.api.characterization_history import select_page
from mock_server.api.fixture_files import FixtureError
from mock_server.app import create_app

PACKAGED_INPUTS = PACKAGED_BACKENDS.parent / "characterizations"
QPUS = [name for name in backend_names() if name != "simulator"]
API = "/v0.4/backends"


def generator_input(name: str) -> dict[str, Any]:
    """The packaged generator input of a backend, as JSON."""
    document: dict[str, Any] = json.loads((PACKAGED_INPUTS / f"{name}.json").read_text("utf-8"))
    return document


def rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def expected_dates(name: str) -> list[str]:
    """The dates the input of `name` asks for, newest first, written as the service does."""
    spec = generator_input(name)
    newest = rfc3339(spec["newest"])
    step = timedelta(hours=spec["every_hours"])
    return [
        (newest - index * step).strftime("%Y-%m-%dT%H:%M:%SZ") for index in range(spec["count"])
    ]


@pytest.fixture
def plain_client() -> FlaskClient:
    """A test client that does not hold answers to the spec: for reading whole histories
    quickly (other tests check the same answers against the spec)."""
    return create_app().test_client()


def history(client: FlaskClient, name: str) -> list[dict[str, Any]]:
    """Every characterization of a backend, read page by page through the API."""
    records: list[dict[str, Any]] = []
    page = 1
    while True:
        body = client.get(f"{API}/{name}/characterizations?page={page}").get_json()
        records.extend(body["characterizations"])
        if body["pages"] == 0:
            return records
        page += 1


def test_every_qpu_has_a_generator_input_and_the_simulator_none() -> None:
    files = sorted(path.name for path in PACKAGED_INPUTS.iterdir())
    assert files == sorted(f"{name}.json" for name in QPUS)


@pytest.mark.parametrize("name", QPUS)
def test_the_current_characterization_is_the_newest_and_resolves(
    client: ContractClient, name: str
) -> None:
    backend = client.get(f"{API}/{name}").get_json()
    current = client.get(f"{API}/{name}/characterizations/{backend['characterization_id']}")
    assert current.status_code == 200
    record = current.get_json()
    assert record["id"] == fixture_record(name)["characterization_id"]
    assert record["date"] == expected_dates(name)[0]
    newest = client.get(f"{API}/{name}/characterizations?limit=1").get_json()
    assert newest["characterizations"] == [record]
    # The newest record carries the input's values unchanged.
    spec = generator_input(name)
    assert record["timing"] == spec["timing"]
    assert record["fidelity"] == {
        kind: {"median": values["median"], "stderr": values["stderr"]}
        for kind, values in spec["fidelity"].items()
    }


@pytest.mark.parametrize("name", QPUS)
def test_each_history_is_dated_consistent_and_plausible(
    plain_client: FlaskClient, name: str
) -> None:
    records = history(plain_client, name)
    spec = generator_input(name)
    qubits = fixture_record(name)["qubits"]
    assert 24 <= len(records) == spec["count"]
    assert [record["date"] for record in records] == expected_dates(name)
    ids = [record["id"] for record in records]
    assert len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(identifier)) == identifier for identifier in ids)
    every_pair = [list(pair) for pair in combinations(range(qubits), 2)]
    assert len(every_pair) == qubits * (qubits - 1) // 2
    for record in records:
        assert record["backend"] == name
        assert record["qubits"] == qubits
        assert record["connectivity"] == every_pair
        for kind, estimate in record["fidelity"].items():
            base = spec["fidelity"][kind]
            assert abs(estimate["median"] - base["median"]) <= base["spread"] + 1e-9
            assert 0 < estimate["median"] <= 1
            assert 0 < estimate["stderr"] < 2 * base["stderr"]
        for kind, seconds in record["timing"].items():
            assert seconds == pytest.approx(spec["timing"][kind], rel=spec["timing_spread"] + 1e-3)
        timing = record["timing"]
        assert timing["2q"] > timing["1q"] > 0
        assert timing["t1"] > timing["t2"] > timing["2q"]
    # Older records vary; a history of copies would hide paging mistakes.
    assert len({json.dumps(record["fidelity"]) for record in records}) == len(records)


def test_histories_are_the_same_in_every_app(make_app: AppFactory) -> None:
    first, second = make_app().test_client(), make_app().test_client()
    url = f"{API}/qpu.forte-1/characterizations?page=3&limit=7"
    assert first.get(url).get_data() == second.get(url).get_data()


def test_the_spec_example_is_aria_1s_current_characterization(client: ContractClient) -> None:
    media = load_spec()["paths"]["/backends/{backend}/characterizations/{UUID}"]["get"]
    example = media["responses"]["200"]["content"]["application/json"]["examples"]["aria1"]
    record = client.get(f"{API}/qpu.aria-1/characterizations/{example['value']['id']}")
    assert record.get_json() == example["value"]


@pytest.mark.parametrize(
    ("limit", "page", "indexes", "pages"),
    [
        (None, None, range(10), 3),
        (10, 1, range(10), 3),
        (10, 4, range(30, 40), 0),
        (10, 5, range(0), 0),
        (7, 6, range(35, 40), 0),
        (7, 5, range(28, 35), 1),
        (1, 1, range(1), 39),
        (1, 40, range(39, 40), 0),
        (3, 999999999999, range(0), 0),
    ],
)
def test_pages_split_the_history(
    client: ContractClient, limit: int | None, page: int | None, indexes: range, pages: int
) -> None:
    assert generator_input("qpu.aria-1")["count"] == 40
    query = "&".join(
        f"{key}={value}" for key, value in {"limit": limit, "page": page}.items() if value
    )
    body = client.get(f"{API}/qpu.aria-1/characterizations?{query}").get_json()
    dates = expected_dates("qpu.aria-1")
    assert [record["date"] for record in body["characterizations"]] == [dates[i] for i in indexes]
    assert body["pages"] == pages


@pytest.mark.parametrize(
    ("query", "first", "count"),
    [
        # aria-1's history: daily at midnight UTC, 2025-06-16 back to 2025-05-08.
        ("start=2025-06-10", "2025-06-16", 7),
        ("start=2025-06-10T00:00:00Z", "2025-06-16", 7),
        ("start=2025-06-10T00:00:01Z", "2025-06-16", 6),
        ("start=2025-06-10T02:00:00%2B03:00", "2025-06-16", 7),
        ("end=2025-06-10", "2025-06-09", 33),
        ("end=2025-06-10T00:00:00.000001Z", "2025-06-10", 34),
        ("start=2025-06-01&end=2025-06-03", "2025-06-02", 2),
        ("start=2025-06-01t00:00:00z&end=2025-06-03", "2025-06-02", 2),
        ("start=2025-06-03&end=2025-06-01", None, 0),
        ("start=2025-06-17", None, 0),
        ("end=2025-05-08", None, 0),
        ("start=1900-01-01&end=2999-12-31", "2025-06-16", 40),
    ],
)
def test_dates_filter_the_history(
    client: ContractClient, query: str, first: str | None, count: int
) -> None:
    records = []
    page = 1
    while True:
        body = client.get(f"{API}/qpu.aria-1/characterizations?{query}&page={page}").get_json()
        records.extend(body["characterizations"])
        assert body["pages"] == max(math.ceil(count / 10) - page, 0)
        if not body["pages"]:
            break
        page += 1
    assert len(records) == count
    if first is not None:
        assert records[0]["date"] == f"{first}T00:00:00Z"


def test_the_simulator_has_no_characterizations(client: ContractClient) -> None:
    body = client.get(f"{API}/simulator/characterizations").get_json()
    assert body == {"characterizations": [], "pages": 0}
    assert "characterization_id" not in client.get(f"{API}/simulator").get_json()


@pytest.mark.parametrize(
    ("query", "key", "message"),
    [
        ("limit=0", "limit", '"limit" 0 is less than the minimum of 1'),
        ("limit=11", "limit", '"limit" 11 is greater than the maximum of 10'),
        ("limit=ten", "limit", '"limit" must be an integer'),
        ("page=0", "page", '"page" 0 is less than the minimum of 1'),
        ("page=-2", "page", '"page" -2 is less than the minimum of 1'),
        ("page=1.5", "page", '"page" must be an integer'),
        ("start=yesterday", "start", None),
        ("start=2025-13-01", "start", None),
        ("end=2025-06-10T25:00:00Z", "end", None),
        ("end=2025-06-10T10:00:00", "end", None),
    ],
)
def test_bad_query_values_are_refused(
    client: ContractClient, query: str, key: str, message: str | None
) -> None:
    response = client.get(f"{API}/qpu.forte-1/characterizations?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["validation"] == {"keys": [key], "source": "query"}
    if message is not None:
        assert body["message"] == message


def test_a_backend_outside_the_spec_is_a_bad_request(client: ContractClient) -> None:
    for path in ("characterizations", f"characterizations/{uuid.uuid4()}"):
        response = client.get(f"{API}/qpu.aria-9/{path}")
        assert response.status_code == 400
        assert response.get_json() == response_example("BadRequest", "invalidBackend")


def test_an_id_that_is_no_uuid_is_a_bad_request(client: ContractClient) -> None:
    response = client.get(f"{API}/qpu.aria-1/characterizations/latest")
    assert response.status_code == 400
    assert response.get_json()["validation"] == {"keys": ["UUID"], "source": "params"}


def test_ids_are_read_in_any_case(client: ContractClient) -> None:
    current = fixture_record("qpu.forte-1")["characterization_id"]
    response = client.get(f"{API}/qpu.forte-1/characterizations/{current.upper()}")
    assert response.status_code == 200
    assert response.get_json()["id"] == current


def test_an_unknown_id_is_not_found(client: ContractClient) -> None:
    unknown = "0b7c1e52-0c8a-4f7e-9a43-1c7d5e0b8f21"
    response = client.get(f"{API}/qpu.aria-1/characterizations/{unknown}")
    assert response.status_code == 404
    assert response.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": f"Characterization {unknown} of backend qpu.aria-1 was not found.",
    }


def test_an_id_of_another_backend_is_not_found(client: ContractClient) -> None:
    aria_2 = fixture_record("qpu.aria-2")["characterization_id"]
    assert client.get(f"{API}/qpu.aria-2/characterizations/{aria_2}").status_code == 200
    for other in ("qpu.aria-1", "simulator"):
        response = client.get(f"{API}/{other}/characterizations/{aria_2}")
        assert response.status_code == 404


def test_a_removed_backend_has_no_characterizations(client: ContractClient) -> None:
    current = fixture_record("qpu.forte-1")["characterization_id"]
    assert client.delete("/__admin/backends/qpu.forte-1").status_code == 204
    for path in ("characterizations", f"characterizations/{current}"):
        response = client.get(f"{API}/qpu.forte-1/{path}")
        assert response.status_code == 404
        assert response.get_json()["message"] == "Backend qpu.forte-1 was not found."
    client.post("/__admin/reset")
    assert client.get(f"{API}/qpu.forte-1/characterizations/{current}").status_code == 200


def test_prefer_answers_the_named_examples(client: ContractClient) -> None:
    empty = client.get(
        f"{API}/qpu.forte-1/characterizations", headers={"Prefer": "example=emptyPage"}
    )
    assert empty.get_json() == {"characterizations": [], "pages": 0}
    first = client.get(f"{API}/qpu.aria-1/characterizations", headers={"Prefer": "code=200"})
    assert first.get_json()["pages"] == 39


@pytest.mark.parametrize(
    ("count", "start", "end", "limit", "page", "expected"),
    [
        (0, None, None, 10, 1, (range(0), 0)),
        (5, None, None, 10, 1, (range(5), 0)),
        (10, None, None, 10, 1, (range(10), 0)),
        (11, None, None, 10, 2, (range(10, 11), 0)),
        (11, None, None, 10, 3, (range(0), 0)),
        # From 7 hours ago (inclusive) until 1 hour ago (exclusive): indexes 2 to 7.
        (10, 7, 1, 3, 1, (range(2, 5), 1)),
        (10, 7, 1, 3, 2, (range(5, 8), 0)),
        (10, 7, 1, 3, 3, (range(0), 0)),
        (10, 1, 7, 3, 1, (range(0), 0)),
    ],
)
def test_select_page_counts_from_the_newest(  # noqa: PLR0917 - one per parameter
    count: int,
    start: int | None,
    end: int | None,
    limit: int,
    page: int,
    expected: tuple[range, int],
) -> None:
    """Record i is i hours older than the newest; `start` and `end` are hours ago."""
    newest = datetime(2026, 1, 1, tzinfo=UTC)

    def hours_ago(hours: int | None) -> datetime | None:
        return None if hours is None else newest - timedelta(hours=hours)

    dates = [newest - timedelta(hours=i) for i in range(count)]
    assert select_page(dates, hours_ago(start), hours_ago(end), limit, page) == expected


def write_input(fixtures_dir: Path, name: str, document: Any) -> Path:
    folder = fixtures_dir / "characterizations"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def changed_input(name: str, path: tuple[str, ...], value: Any) -> dict[str, Any]:
    document = generator_input(name)
    node = document
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return document


def test_a_user_directory_falls_back_to_the_packaged_inputs(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    assert not (fixtures_dir / "characterizations").exists()
    client = make_app(FIXTURES_DIR=fixtures_dir).test_client()
    current = fixture_record("qpu.aria-2")["characterization_id"]
    assert client.get(f"{API}/qpu.aria-2/characterizations/{current}").status_code == 200


def test_a_user_input_replaces_the_packaged_one(make_app: AppFactory, fixtures_dir: Path) -> None:
    write_input(fixtures_dir, "qpu.aria-2", changed_input("qpu.aria-2", ("count",), 3))
    client = make_app(FIXTURES_DIR=fixtures_dir).test_client()
    body = client.get(f"{API}/qpu.aria-2/characterizations").get_json()
    assert len(body["characterizations"]) == 3
    assert len(client.get(f"{API}/qpu.aria-1/characterizations").get_json()) == 2


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("count",), 0, "$.count: 0 is less than the minimum of 1"),
        (("newest",), "last week", "$.newest: 'last week' is not a 'date-time'"),
        (("fidelity", "2q", "median"), 1.5, "$.fidelity['2q'].median: 1.5 is greater than"),
        (("fidelity", "spam"), None, "$.fidelity.spam: is required"),
        (("timing", "t3"), 1, "$.timing.t3: is not a documented field"),
        (("timing", "reset"), "fast", "$.timing.reset: 'fast' is not of type 'number'"),
    ],
)
def test_a_broken_input_stops_start_up_naming_file_and_field(
    make_app: AppFactory,
    fixtures_dir: Path,
    path: tuple[str, ...],
    value: Any,
    field: str,
) -> None:
    written = write_input(fixtures_dir, "qpu.forte-1", changed_input("qpu.forte-1", path, value))
    with pytest.raises(FixtureError) as caught:
        make_app(FIXTURES_DIR=fixtures_dir)
    assert f"{written}: {field}" in str(caught.value)


def test_a_generated_record_outside_the_spec_names_file_date_and_field(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    # The input is fine, but a backend of 0 qubits gives records the spec refuses.
    record = {**fixture_record("qpu.forte-1"), "qubits": 0}
    (fixtures_dir / "backends" / "qpu.forte-1.json").write_text(json.dumps(record))
    with pytest.raises(FixtureError) as caught:
        make_app(FIXTURES_DIR=fixtures_dir)
    newest = generator_input("qpu.forte-1")["newest"]
    assert (
        f"{PACKAGED_INPUTS / 'qpu.forte-1.json'}: the characterization of {newest}: "
        "$.qubits: 0 is less than the minimum of 1"
    ) in str(caught.value)


def test_bad_json_in_an_input_names_file_and_line(make_app: AppFactory, fixtures_dir: Path) -> None:
    folder = fixtures_dir / "characterizations"
    folder.mkdir()
    (folder / "qpu.aria-1.json").write_text('{\n  "count": 3,\n}\n', encoding="utf-8")
    with pytest.raises(FixtureError, match=r"qpu\.aria-1\.json, line 3, column 1: not valid JSON"):
        make_app(FIXTURES_DIR=fixtures_dir)


def test_a_characterization_id_that_is_no_uuid_is_refused(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    record = {**fixture_record("qpu.aria-1"), "characterization_id": "current"}
    (fixtures_dir / "backends" / "qpu.aria-1.json").write_text(json.dumps(record))
    with pytest.raises(
        FixtureError, match=r"backends/qpu\.aria-1\.json: \$\.characterization_id: 'current'"
    ):
        make_app(FIXTURES_DIR=fixtures_dir)


def test_a_backend_naming_a_characterization_needs_an_input(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    record = {**fixture_record("simulator"), "characterization_id": str(uuid.uuid4())}
    (fixtures_dir / "backends" / "simulator.json").write_text(json.dumps(record))
    with pytest.raises(FixtureError, match=r"backends/simulator\.json: \$\.characterization_id"):
        make_app(FIXTURES_DIR=fixtures_dir)


def test_a_connectivity_the_spec_refuses_stops_start_up(
    make_app: AppFactory, tmp_path: Path
) -> None:
    # Connectivity lists are checked once per distinct list, apart from the
    # records: a spec that allows qubit indexes up to 20 only must still
    # refuse the 25- and 36-qubit backends' pairs, naming file, date and pair.
    spec = copy.deepcopy(load_spec())
    spec["components"]["schemas"]["QubitPair"]["items"]["maximum"] = 20
    edited = tmp_path / "openapi.yaml"
    edited.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(FixtureError) as caught:
        make_app(SPEC_PATH=edited)
    message = str(caught.value)
    newest = generator_input("qpu.aria-1")["newest"]
    # Pairs are in order (0, 1), (0, 2) ...: the first index over 20 is (0, 21), the 20th pair.
    assert (
        f"{PACKAGED_INPUTS / 'qpu.aria-1.json'}: the characterization of {newest}: "
        "$.connectivity[20][1]: 21 is greater than the maximum of 20"
    ) in message
    assert "qpu.forte-1.json" in message
