"""Answers newer than the spec: the client keeps what it does not know.

IonQ's service already sends backends, statuses and fields that openapi.yaml
(following IonQ's seed documentation) does not list: status `retired`, new
QPUs; and jobs whose results are named by artifact format (IonQ's description
of 2026). The client is generated to keep them (codegen/templates/str_enum.py.jinja
and the opened objects of codegen/client_spec.py); these bodies are written by
hand in the newer style. The spec now lists `supported_gates`,
`supported_native_gates`, `supported_error_mitigations` and `noise_models`, so
the backends carry fields invented for this test (`max_shots`, `regions`) to
stand for whatever IonQ adds next.
"""

from __future__ import annotations

import asyncio
import copy
import uuid
from typing import Any

import pytest
from ionq_client import authenticated_client, public_client
from ionq_client.api.backends import get_backend
from ionq_client.api.jobs import get_job
from ionq_client.models import (
    Backend,
    BackendName,
    BackendStatus,
    CostModel,
    FailureCode,
    GateName,
    Job,
)

from contract_tests.client.contract import SPEC, enum, required, response_examples
from contract_tests.client.same_body import assert_same_body
from contract_tests.client.stub import Stub

TEMPO: dict[str, Any] = {
    "average_queue_time": 3_600_000,
    "backend": "qpu.tempo-1",
    "degraded": False,
    "last_updated": "2026-11-20T08:30:00Z",
    "qubits": 64,
    "status": "retired",
    "characterization_id": "0b7c1e52-0c8a-4f7e-9a43-1c7d5e0b8f21",
    # Known fields now, with a gate name the spec does not list (kept, marked unknown).
    "supported_gates": ["x", "h", "cnot", "cz"],
    "supported_native_gates": ["gpi", "gpi2", "ms"],
    "supported_error_mitigations": ["debiasing"],
    # Newer than the spec: invented, standing for what IonQ adds next.
    "max_shots": 10_000,
    "regions": ["us-east-1"],
}
SIMULATOR: dict[str, Any] = {
    "average_queue_time": 0,
    "backend": "simulator",
    "degraded": False,
    "last_updated": "2026-11-24T00:00:00Z",
    "qubits": 29,
    "status": "available",
    # Listed by the spec now, as names; a model the spec does not name is newer than it.
    "noise_models": ["ideal", "aria-1", "tempo-1"],
    "supported_gates": ["x", "y", "z", "h", "cnot"],
    "max_shots": 1_000_000,
}
NEWER_BODIES = [pytest.param(TEMPO, id="retired-tempo"), pytest.param(SIMULATOR, id="simulator")]
KNOWN = set(SPEC["components"]["schemas"]["Backend"]["properties"])


def fetch(body: dict[str, Any], mode: str, name: BackendName) -> Any:
    client = public_client(httpx_args=Stub(json=body).httpx_args())
    if mode == "sync":
        return get_backend.sync(name, client=client)
    if mode == "sync_detailed":
        return get_backend.sync_detailed(name, client=client).parsed
    if mode == "asyncio":
        return asyncio.run(get_backend.asyncio(name, client=client))
    return asyncio.run(get_backend.asyncio_detailed(name, client=client)).parsed


@pytest.mark.parametrize("mode", ["sync", "sync_detailed", "asyncio", "asyncio_detailed"])
@pytest.mark.parametrize("body", NEWER_BODIES)
def test_newer_bodies_parse_and_keep_everything(body: dict[str, Any], mode: str) -> None:
    sent = copy.deepcopy(body)
    parsed = fetch(body, mode, BackendName(body["backend"]))
    assert isinstance(parsed, Backend)
    assert parsed.backend == body["backend"]
    assert parsed.status == body["status"]
    assert parsed.qubits == body["qubits"]
    extra = {key: value for key, value in body.items() if key not in KNOWN}
    assert extra, "the body must carry fields the spec does not list"
    assert parsed.additional_properties == extra
    for key, value in extra.items():
        assert key in parsed
        assert parsed[key] == value
    assert_same_body(sent, parsed.to_dict(), {"last_updated"})


def test_unknown_enum_values_are_kept_and_marked() -> None:
    parsed = fetch(TEMPO, "sync", BackendName("qpu.tempo-1"))
    assert isinstance(parsed, Backend)
    assert parsed.status.value == "retired"
    assert str(parsed.status) == "retired"
    assert parsed.status.known is False
    assert parsed.backend.value == "qpu.tempo-1"
    assert parsed.backend.known is False
    assert isinstance(parsed.status, BackendStatus)
    assert isinstance(parsed.backend, BackendName)
    assert parsed.to_dict()["status"] == "retired"
    assert parsed.to_dict()["backend"] == "qpu.tempo-1"


def test_unknown_values_do_not_join_the_enum() -> None:
    BackendStatus("retired")
    BackendName("qpu.tempo-1")
    assert [member.value for member in BackendStatus] == enum("BackendStatus")
    assert [member.value for member in BackendName] == enum("BackendName")
    assert all(member.known for member in BackendName)
    assert BackendName("qpu.aria-1") is BackendName.QPU_ARIA_1


def test_only_strings_become_enum_values() -> None:
    with pytest.raises(ValueError, match="not a valid BackendStatus"):
        BackendStatus(1)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["sync", "asyncio"])
def test_an_unknown_backend_can_be_asked_for(mode: str) -> None:
    stub = Stub(json=TEMPO)
    client = public_client(httpx_args=stub.httpx_args())
    name = BackendName("qpu.tempo-1")
    if mode == "sync":
        parsed = get_backend.sync(name, client=client)
    else:
        parsed = asyncio.run(get_backend.asyncio(name, client=client))
    assert stub.request.url.raw_path == b"/v0.4/backends/qpu.tempo-1"
    assert isinstance(parsed, Backend)
    assert parsed.backend == name


def test_a_gate_name_the_spec_does_not_list_is_kept_and_marked() -> None:
    parsed = fetch(TEMPO, "sync", BackendName("qpu.tempo-1"))
    assert isinstance(parsed, Backend)
    assert isinstance(parsed.supported_gates, list)
    assert [gate.value for gate in parsed.supported_gates] == TEMPO["supported_gates"]
    assert [gate.known for gate in parsed.supported_gates] == [True, True, True, False]
    assert isinstance(parsed.supported_native_gates, list)
    assert parsed.supported_native_gates == [GateName.GPI, GateName.GPI2, GateName.MS]
    assert parsed.supported_error_mitigations == ["debiasing"]


def test_error_mitigations_in_another_shape_are_kept_unchanged() -> None:
    """IonQ's description lists `supported_error_mitigations` as names; should the service
    send them as an object of settings instead, as this test once guessed, the client
    keeps the value as it came rather than fail."""
    settings = {"debiasing": {"default": True, "min_shots": 500}}
    body = {**TEMPO, "supported_error_mitigations": copy.deepcopy(settings)}
    parsed = fetch(body, "sync", BackendName("qpu.tempo-1"))
    assert isinstance(parsed, Backend)
    kept: Any = parsed.supported_error_mitigations  # typed as names, holding what came
    assert kept == settings
    assert parsed.to_dict()["supported_error_mitigations"] == settings


def test_a_backend_without_optional_fields_leaves_them_unset() -> None:
    body = {key: TEMPO[key] for key in required("Backend")}
    parsed = fetch(body, "sync", BackendName("qpu.tempo-1"))
    assert isinstance(parsed, Backend)
    assert parsed.additional_properties == {}
    assert sorted(parsed.to_dict()) == sorted(body)


# Jobs as IonQ's newer descriptions (ionq-core 0.2.0) shape them: results named
# by artifact format instead of URLs, a status, failure code and backend this
# contract does not list, and fields it does not describe.
COMPLETED_JOB: dict[str, Any] = response_examples("getJob", 200)["completed"]
ARTIFACT_JOB: dict[str, Any] = {
    **COMPLETED_JOB,
    "backend": "qpu.tempo-1",
    "status": "archived",
    "cost_model": "per_shot",
    "results": {
        "ionq.result.probabilities.json.v2": {
            "id": "probabilities",
            "format": "ionq.result.probabilities.json.v2",
            "media_type": "application/json",
        }
    },
    "output": {
        "compilation": {"compiled_circuits": {}},
        "error_mitigation": {"debiasing": False},
        "timing": {"queued_ms": 12},
    },
    "stats": {**COMPLETED_JOB["stats"], "billed_quantum_compute_time_us": 12, "kwh_total": 0.1},
    "organization_id": "org-1",
}
FAILED_JOB: dict[str, Any] = {
    **response_examples("getJob", 200)["failed"],
    "failure": {"code": "QuantumVolumeExceeded", "message": "too deep", "error": "too deep"},
}


def fetch_job(body: dict[str, Any]) -> Any:
    client = authenticated_client("k", httpx_args=Stub(json=body).httpx_args())
    return get_job.sync(uuid.UUID(body["id"]), client=client)


def test_a_job_in_ionq_s_newer_shape_parses_and_keeps_everything() -> None:
    sent = copy.deepcopy(ARTIFACT_JOB)
    job = fetch_job(ARTIFACT_JOB)
    assert isinstance(job, Job)
    assert (job.status.value, job.status.known) == ("archived", False)
    assert (job.backend.value, job.backend.known) == ("qpu.tempo-1", False)
    assert isinstance(job.cost_model, CostModel)
    assert job.cost_model.known is False
    assert job.additional_properties == {"organization_id": "org-1"}
    assert job.stats.additional_properties == {"kwh_total": 0.1}
    assert job.output.additional_properties == {"timing": {"queued_ms": 12}}
    # Without the URL entries this contract requires, `results` stays the raw mapping.
    assert job.results == ARTIFACT_JOB["results"]
    assert_same_body(sent, job.to_dict(), {"submitted_at", "started_at", "completed_at"})


def test_an_unknown_failure_code_is_kept_and_marked() -> None:
    job = fetch_job(FAILED_JOB)
    assert isinstance(job, Job)
    assert job.failure is not None
    assert isinstance(job.failure.code, FailureCode)
    assert (job.failure.code.value, job.failure.code.known) == ("QuantumVolumeExceeded", False)
    assert job.failure.error == job.failure.message
    assert job.to_dict()["failure"] == FAILED_JOB["failure"]
    assert [member.value for member in FailureCode] == enum("FailureCode")


def test_a_job_without_its_required_keys_fails_as_ionq_core_would() -> None:
    """The client, like ionq-core, reads every required key; a server must send them all."""
    for name in required("Job"):
        body = {key: value for key, value in COMPLETED_JOB.items() if key != name}
        with pytest.raises(KeyError):
            fetch_job(body)
