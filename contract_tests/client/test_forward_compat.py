"""Answers newer than the spec: the client keeps what it does not know.

IonQ's service already sends backends, statuses and fields that openapi.yaml
(following IonQ's seed documentation) does not list: status `retired`, new
QPUs, `supported_gates`, `noise_models` on the simulator. The client is
generated to keep them (codegen/templates/str_enum.py.jinja and the opened
objects of codegen/client_spec.py); these bodies are written by hand in the
newer style.
"""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest
from ionq_client import public_client
from ionq_client.api.backends import get_backend
from ionq_client.models import Backend, BackendName, BackendStatus

from contract_tests.client.contract import SPEC, enum, required
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
    "supported_gates": ["gpi", "gpi2", "ms", "zz"],
    "supported_native_gates": ["gpi", "gpi2", "ms"],
    "supported_error_mitigations": {"debiasing": {"default": True, "min_shots": 500}},
}
SIMULATOR: dict[str, Any] = {
    "average_queue_time": 0,
    "backend": "simulator",
    "degraded": False,
    "last_updated": "2026-11-24T00:00:00Z",
    "qubits": 29,
    "status": "available",
    "noise_models": [
        {"name": "ideal", "qubits": 29},
        {"name": "aria-1", "qubits": 25, "fidelity": {"1q": 0.9998, "2q": None}},
    ],
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


def test_a_backend_without_optional_fields_leaves_them_unset() -> None:
    body = {key: TEMPO[key] for key in required("Backend")}
    parsed = fetch(body, "sync", BackendName("qpu.tempo-1"))
    assert isinstance(parsed, Backend)
    assert parsed.additional_properties == {}
    assert sorted(parsed.to_dict()) == sorted(body)
