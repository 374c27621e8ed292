"""Expected values for the fake's tests, read from openapi.yaml and the fixture files.

Nothing here asks the code under test: the spec is read as YAML and the
fixtures as JSON, so a test compares the fake with its sources, not with itself.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from ionq_contract.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
PACKAGED_BACKENDS = ROOT / "mock_server" / "api" / "fixtures" / "backends"
ORIGIN = "http://127.0.0.1:8000"

AppFactory = Callable[..., Flask]


def backend_names() -> list[str]:
    """The backend names openapi.yaml lists, in its order."""
    return list(load_spec()["components"]["schemas"]["BackendName"]["enum"])


def fixture_record(name: str) -> dict[str, Any]:
    """The packaged fixture file of a backend, as JSON."""
    record: dict[str, Any] = json.loads((PACKAGED_BACKENDS / f"{name}.json").read_text("utf-8"))
    return record


def success_examples() -> dict[str, Any]:
    """The named examples of getBackend's 200 response in openapi.yaml."""
    media = load_spec()["paths"]["/backends/{backend}"]["get"]["responses"]["200"]["content"]
    return {
        name: example["value"] for name, example in media["application/json"]["examples"].items()
    }


def response_example(component: str, name: str) -> Any:
    """A named example of a response of `components/responses`."""
    media = load_spec()["components"]["responses"][component]["content"]["application/json"]
    return media["examples"][name]["value"]


# -- jobs ---------------------------------------------------------------------------------
# Helpers of test_jobs.py, test_job_input.py and test_job_controls.py. The client is any
# Flask test client (a ContractClient in those tests, which checks every answer).

JOBS = "/v0.4/jobs"
ADMIN_JOBS = "/__admin/jobs"
FINAL_STATUSES = frozenset({"completed", "failed", "canceled"})
RATE_CARDS = ROOT / "mock_server" / "api" / "fixtures" / "rate-cards.json"


def rate_cards() -> dict[str, Any]:
    """mock_server/api/fixtures/rate-cards.json, as JSON."""
    document: dict[str, Any] = json.loads(RATE_CARDS.read_text("utf-8"))
    return document


def schema_required(name: str) -> list[str]:
    """The `required` list of a schema of openapi.yaml's components."""
    return list(load_spec()["components"]["schemas"][name]["required"])


def key_header(key: str) -> dict[str, str]:
    """IonQ's Authorization header for `key`."""
    return {"Authorization": f"apiKey {key}"}


def wide_batch(circuits: int = 20) -> dict[str, Any]:
    """A batch of 12-qubit circuits whose every one has 4,096 states to keep (about 96 KiB):
    20 of them outgrow the 1 MiB one job may keep under JOB_RESULTS_BYTES=4 MiB."""
    wide = [{"gate": "h", "target": q} for q in range(12)]
    return {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 10,
        "input": {"gateset": "qis", "qubits": 12, "circuits": [{"circuit": wide}] * circuits},
    }


def circuit_job(
    circuit: list[dict[str, Any]],
    *,
    qubits: int,
    backend: str = "simulator",
    shots: int | str = 1000,
    gateset: str = "qis",
    **fields: Any,
) -> dict[str, Any]:
    """An `ionq.circuit.v1` creation body; `fields` are more top-level fields."""
    return {
        "type": "ionq.circuit.v1",
        "backend": backend,
        "shots": shots,
        "input": {"gateset": gateset, "qubits": qubits, "circuit": circuit},
        **fields,
    }


# The job most tests submit: a Bell pair on the ideal simulator, 1000 shots.
BELL_CIRCUIT: list[dict[str, Any]] = [
    {"gate": "h", "target": 0},
    {"gate": "cnot", "control": 0, "target": 1},
]
BELL = circuit_job(BELL_CIRCUIT, qubits=2)


def submit(client: FlaskClient, body: Any, key: str) -> str:
    """POST /jobs, which must answer 201; the new job's id."""
    response = client.post(JOBS, json=body, headers=key_header(key))
    assert response.status_code == 201, response.get_data(as_text=True)
    job_id: str = response.get_json()["id"]
    return job_id


def get_job(client: FlaskClient, job_id: str, key: str) -> dict[str, Any]:
    """GET /jobs/{id}, which must answer 200; the job."""
    response = client.get(f"{JOBS}/{job_id}", headers=key_header(key))
    assert response.status_code == 200, response.get_data(as_text=True)
    job: dict[str, Any] = response.get_json()
    return job


def wait_for_job(
    client: FlaskClient,
    job_id: str,
    key: str,
    statuses: frozenset[str] = FINAL_STATUSES,
    timeout_s: float = 10.0,
) -> dict[str, Any]:
    """Poll GET /jobs/{id} until its status is one of `statuses`; fail after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        job = get_job(client, job_id, key)
        if job["status"] in statuses:
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['status']}"
        time.sleep(0.01)


def result(client: FlaskClient, job_id: str, key: str, kind: str) -> Any:
    """GET /jobs/{id}/results/<kind>, which must answer 200; its JSON."""
    response = client.get(f"{JOBS}/{job_id}/results/{kind}", headers=key_header(key))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def admin(client: FlaskClient) -> FlaskClient:
    """A plain client of the same app, for the admin API's job and log endpoints: the
    contract client holds every admin answer to the Backend schema."""
    return FlaskClient(client.application, client.application.response_class)
