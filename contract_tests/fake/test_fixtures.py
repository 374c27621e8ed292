"""Fixture files: the packaged ones are realistic and valid; broken ones stop start-up.

A broken fixture must name its file and the JSON path of the field, because
that is what a user editing their own fixtures needs to find the mistake.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from contract_tests.fake.support import (
    PACKAGED_BACKENDS,
    AppFactory,
    backend_names,
    fixture_record,
)
from ionq_contract.spec import component_schema, load_spec
from mock_server.api.fixture_files import FixtureError
from mock_server.settings import config_from_env
from mock_server.simulator.parse import NATIVE, QIS

# What each backend is, written by hand from IonQ's published systems.
QUBITS = {"aria": 25, "forte": 36, "simulator": 29}
LOCATIONS = {"aria": "College Park, MD, USA", "forte": "Seattle, WA, USA"}
# The entangling native gate of each family, as qiskit-ionq's NATIVE_2Q_BY_FAMILY has it.
ENTANGLING = {"aria": ["ms"], "forte": ["zz"], "simulator": ["ms", "zz"]}
A_DAY_MS = 24 * 60 * 60 * 1000


def family(name: str) -> str:
    """aria, forte or simulator."""
    return "simulator" if name == "simulator" else name.removeprefix("qpu.").split("-")[0]


def test_there_is_one_fixture_per_backend_name_of_the_spec() -> None:
    files = sorted(path.name for path in PACKAGED_BACKENDS.iterdir())
    assert files == sorted(f"{name}.json" for name in backend_names())
    assert len(files) == 7


@pytest.mark.parametrize("name", backend_names())
def test_packaged_fixture_is_valid_and_plausible(name: str) -> None:
    record = fixture_record(name)
    validator = OAS30Validator(
        component_schema(load_spec(), "Backend"), format_checker=OAS30Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(record)) == []
    assert record["backend"] == name
    assert record["qubits"] == QUBITS[family(name)]
    assert isinstance(record["average_queue_time"], int)
    assert 0 <= record["average_queue_time"] < A_DAY_MS
    updated = datetime.fromisoformat(record["last_updated"])
    assert record["last_updated"].endswith("Z")
    assert 2025 <= updated.year <= 2026
    if name == "simulator":
        assert "kw" not in record
    else:
        assert str(uuid.UUID(record["characterization_id"])) == record["characterization_id"]
        assert record["kw"] > 0
        assert record["location"] == LOCATIONS[family(name)]


@pytest.mark.parametrize("name", backend_names())
def test_a_backend_lists_the_gates_the_fake_runs(name: str) -> None:
    """`supported_gates` is every qis gate the simulator parses, on every backend;
    `supported_native_gates` gpi, gpi2 and the family's entangling gate, all of them
    gates the simulator runs; the QPUs offer debiasing, the simulator nothing."""
    record = fixture_record(name)
    assert sorted(record["supported_gates"]) == sorted(QIS)
    assert len(record["supported_gates"]) == len(QIS)
    assert record["supported_native_gates"] == ["gpi", "gpi2", *ENTANGLING[family(name)]]
    assert set(record["supported_native_gates"]) <= NATIVE
    expected = [] if name == "simulator" else ["debiasing"]
    assert record["supported_error_mitigations"] == expected


def write_record(fixtures_dir: Path, name: str, record: Any) -> Path:
    path = fixtures_dir / "backends" / f"{name}.json"
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return path


def changed(name: str, **changes: Any) -> dict[str, Any]:
    record = fixture_record(name)
    record.update(changes)
    return {key: value for key, value in record.items() if value is not None}


BROKEN = [
    pytest.param(changed("qpu.aria-2", qubits=-1), "$.qubits", id="negative-qubits"),
    pytest.param(changed("qpu.aria-2", qubits="25"), "$.qubits", id="qubits-as-text"),
    pytest.param(changed("qpu.aria-2", status=None), "$.status: is required", id="missing-status"),
    pytest.param(changed("qpu.aria-2", status="retired"), "$.status", id="status-outside-enum"),
    pytest.param(changed("qpu.aria-2", last_updated="yesterday"), "$.last_updated", id="date"),
    pytest.param(changed("qpu.aria-2", degraded="no"), "$.degraded", id="degraded-as-text"),
    pytest.param(
        changed("qpu.aria-2", noise_model="aria"),
        "$.noise_model: is not a documented field",
        id="undocumented-field",
    ),
    pytest.param(changed("qpu.aria-2", backend="qpu.aria-1"), "$.backend", id="other-name"),
    pytest.param(
        changed("qpu.aria-2", supported_native_gates="gpi"),
        "$.supported_native_gates",
        id="gates-as-text",
    ),
    pytest.param(
        changed("qpu.aria-2", supported_gates=["x", "toffoli"]),
        "$.supported_gates[1]",
        id="gate-outside-enum",
    ),
    pytest.param(["qpu.aria-2"], "$: ", id="not-an-object"),
]


@pytest.mark.parametrize(("record", "field"), BROKEN)
def test_a_broken_fixture_stops_start_up_naming_file_and_field(
    make_app: AppFactory, fixtures_dir: Path, record: Any, field: str
) -> None:
    path = write_record(fixtures_dir, "qpu.aria-2", record)
    with pytest.raises(FixtureError) as caught:
        make_app(FIXTURES_DIR=fixtures_dir)
    assert f"{path}: {field}" in str(caught.value)


def test_a_file_named_after_no_backend_is_refused(make_app: AppFactory, fixtures_dir: Path) -> None:
    path = write_record(fixtures_dir, "qpu.tempo-1", changed("qpu.aria-1", backend="qpu.tempo-1"))
    with pytest.raises(
        FixtureError, match=r"qpu\.tempo-1\.json: \$\.backend: 'qpu\.tempo-1' is not one of"
    ):
        make_app(FIXTURES_DIR=fixtures_dir)
    assert path.exists()


def test_every_problem_of_every_file_is_listed(make_app: AppFactory, fixtures_dir: Path) -> None:
    write_record(fixtures_dir, "qpu.aria-1", changed("qpu.aria-1", qubits=-1, status=None))
    write_record(fixtures_dir, "simulator", changed("simulator", degraded=1))
    with pytest.raises(FixtureError) as caught:
        make_app(FIXTURES_DIR=fixtures_dir)
    message = str(caught.value)
    assert "qpu.aria-1.json: $.qubits: -1 is less than the minimum of 0" in message
    assert "qpu.aria-1.json: $.status: is required" in message
    assert "simulator.json: $.degraded: 1 is not of type 'boolean'" in message


def test_bad_json_is_reported_with_file_and_line(make_app: AppFactory, fixtures_dir: Path) -> None:
    path = fixtures_dir / "backends" / "qpu.forte-1.json"
    path.write_text('{\n  "backend": "qpu.forte-1",\n  "qubits": 36\n  "status": "available"\n}\n')
    with pytest.raises(FixtureError) as caught:
        make_app(FIXTURES_DIR=fixtures_dir)
    assert f"{path}, line 4, column 3: not valid JSON" in str(caught.value)


def test_a_missing_directory_is_reported(make_app: AppFactory, tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="does not exist"):
        make_app(FIXTURES_DIR=tmp_path / "nowhere")


def test_a_directory_without_backends_folder_is_reported(
    make_app: AppFactory, tmp_path: Path
) -> None:
    with pytest.raises(FixtureError, match="has no backends/ folder"):
        make_app(FIXTURES_DIR=tmp_path)


def test_a_user_directory_with_fewer_backends_serves_those(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    for name in ("qpu.forte-enterprise-3", "simulator"):
        (fixtures_dir / "backends" / f"{name}.json").unlink()
    write_record(fixtures_dir, "qpu.aria-1", changed("qpu.aria-1", status="unavailable"))
    client = make_app(FIXTURES_DIR=str(fixtures_dir)).test_client()

    assert client.get("/v0.4/backends/qpu.aria-1").get_json()["status"] == "unavailable"
    assert client.get("/v0.4/backends/qpu.forte-1").get_json() == fixture_record("qpu.forte-1")
    missing = client.get("/v0.4/backends/simulator")
    assert missing.status_code == 404
    assert missing.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": "Backend simulator was not found.",
    }


def test_the_environment_names_the_fixtures_directory() -> None:
    assert config_from_env({"IONQ_MOCK_FIXTURES": "/srv/fixtures"}) == {
        "FIXTURES_DIR": "/srv/fixtures"
    }
    assert config_from_env({}) == {"FIXTURES_DIR": None}
