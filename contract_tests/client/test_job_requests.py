"""What the client sends for every job operation is what openapi.yaml describes.

Every operation tagged `jobs` must have a generated module, send the
method and path of the spec, carry the API key (they all need one), and
send a body exactly when the spec gives it one. Query parameters must go
out in the form the spec names: `ids` repeated (form, exploded), booleans
as `true`/`false`, `1q_gates` under its own name.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import uuid
from typing import Any
from urllib.parse import parse_qsl

import pytest
from ionq_client import authenticated_client
from ionq_client.api.jobs import (
    cancel_jobs,
    clone_job,
    delete_jobs,
    get_job,
    get_job_estimate,
    get_job_probabilities,
    get_jobs,
)
from ionq_client.models import (
    CircuitInput,
    CircuitJobCreationPayload,
    CircuitJobCreationPayloadType,
    Gate,
    GateName,
    Gateset,
    Job,
    JobBackend,
    JobIdList,
    JobPage,
    JobStatus,
    JobType,
)

from contract_tests.client.contract import (
    SPEC,
    auth_header_name,
    follow,
    response_examples,
    response_schema_name,
)
from contract_tests.client.stub import Stub
from contract_tests.rfc3339 import instant

KEY = "job-key-42"
JOB = uuid.UUID("4c2e1d7a-8f3b-4a6e-9c1d-2b7f5e8a9d01")
OTHER = uuid.UUID("4c2e1d7a-8f3b-4a6e-9c1d-2b7f5e8a9d02")
ARTIFACT = "9b0c6f1e-2d4a-5e8b-9c3f-7a1d2e4b6c80"


def path_args(path: str) -> list[Any]:
    """The positional arguments a generated function takes for the path's parameters."""
    return [JOB] * ("{UUID}" in path) + [ARTIFACT] * ("{artifactId}" in path)


JOB_OPERATIONS = [
    (path, method, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if "jobs" in op.get("tags", [])
]


def snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def success(op: dict[str, Any]) -> tuple[int, Any]:
    """The lowest documented 2xx status of an operation and its first example."""
    status = min(int(code) for code in op["responses"] if code.startswith("2"))
    media = follow(op["responses"][str(status)])["content"]["application/json"]
    return status, next(iter(media["examples"].values()))["value"]


def request_body(op: dict[str, Any]) -> Any:
    media = op["requestBody"]["content"]["application/json"]
    return next(iter(media["examples"].values()))["value"]


def call(path: str, op: dict[str, Any], *, asynchronous: bool = False) -> Stub:
    """Call the generated function of `op` with the spec's own example values."""
    status, answer = success(op)
    stub = Stub(status=status, json=answer)
    module = importlib.import_module(f"ionq_client.api.jobs.{snake(op['operationId'])}")
    kwargs: dict[str, Any] = {"client": authenticated_client(KEY, httpx_args=stub.httpx_args())}
    if "requestBody" in op:
        body_type = module._get_kwargs.__annotations__["body"]
        kwargs["body"] = _body_model(body_type, request_body(op))
    if op["operationId"] == "getJobEstimate":
        kwargs["backend"] = JobBackend.QPU_FORTE_1
    args = path_args(path)
    function = module.asyncio_detailed if asynchronous else module.sync_detailed
    result = function(*args, **kwargs)
    response = asyncio.run(result) if asynchronous else result
    assert response.status_code == status
    assert response.parsed is not None
    return stub


def _body_model(annotation: Any, example: dict[str, Any]) -> Any:
    """The model the generated signature takes for the body, built from the spec's example."""
    names = re.findall(r"[A-Z][A-Za-z0-9]+", str(annotation))
    models = importlib.import_module("ionq_client.models")
    for name in names:
        candidate = getattr(models, name, None)
        if candidate is None:
            continue
        try:
            model = candidate.from_dict(example)
        except (KeyError, TypeError, ValueError):
            continue
        if model.to_dict() == example:
            return model
    raise AssertionError(f"no model of {annotation} takes {example!r}")


def test_every_job_operation_has_a_generated_module() -> None:
    assert len(JOB_OPERATIONS) == 16
    for _, _, op in JOB_OPERATIONS:
        module = importlib.import_module(f"ionq_client.api.jobs.{snake(op['operationId'])}")
        for name in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, name)), (op["operationId"], name)
        assert op["security"] == [{"apiKeyAuth": []}]
        assert "401" in op["responses"]


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("path", "method", "op"), JOB_OPERATIONS, ids=[op["operationId"] for _, _, op in JOB_OPERATIONS]
)
def test_each_job_request_matches_the_spec(
    path: str, method: str, op: dict[str, Any], asynchronous: bool
) -> None:
    stub = call(path, op, asynchronous=asynchronous)
    request = stub.request
    assert request.method == method.upper()
    expected = path.replace("{UUID}", str(JOB)).replace("{artifactId}", ARTIFACT)
    assert request.url.path == "/v0.4" + expected
    assert request.headers.get_list(auth_header_name()) == [f"apiKey {KEY}"]
    if "requestBody" in op:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == request_body(op)
    else:
        assert request.content == b""


def test_ids_go_out_as_a_repeated_parameter() -> None:
    param = SPEC["components"]["parameters"]["JobIdsQuery"]
    assert (param["style"], param["explode"]) == ("form", True)
    stub = Stub(json=response_examples("getJobs", 200)["lastPage"])
    client = authenticated_client(KEY, httpx_args=stub.httpx_args())
    page = get_jobs.sync(
        client=client, ids=[JOB, OTHER], status=JobStatus.COMPLETED, target=JobBackend.SIMULATOR
    )
    assert isinstance(page, JobPage)
    assert [job.id for job in page.jobs] == [JOB, OTHER]
    assert page.next_ is None
    sent = parse_qsl(stub.request.url.query.decode())
    assert [value for name, value in sent if name == "ids"] == [str(JOB), str(OTHER)]
    assert ("status", "completed") in sent
    assert ("target", "simulator") in sent


def test_a_cursor_goes_back_as_next() -> None:
    stub = Stub(json=response_examples("getJobs", 200)["morePages"])
    client = authenticated_client(KEY, httpx_args=stub.httpx_args())
    page = get_jobs.sync(client=client, limit=1)
    assert isinstance(page, JobPage)
    assert isinstance(page.next_, str)
    get_jobs.sync(client=client, limit=1, next_=page.next_)
    assert ("next", page.next_) in parse_qsl(stub.requests[-1].url.query.decode())
    assert ("limit", "1") in parse_qsl(stub.requests[-1].url.query.decode())


@pytest.mark.parametrize(("value", "text"), [(True, "true"), (False, "false")])
def test_sharpen_goes_out_as_a_json_boolean(value: bool, text: str) -> None:
    stub = Stub(json=response_examples("getJobProbabilities", 200)["bell"])
    client = authenticated_client(KEY, httpx_args=stub.httpx_args())
    probabilities = get_job_probabilities.sync(JOB, client=client, sharpen=value)
    assert probabilities is not None
    assert probabilities.to_dict() == {"0": 0.5, "3": 0.5}
    assert stub.request.url.query.decode() == f"sharpen={text}"
    stub = Stub(json=response_examples("getJob", 200)["completed"])
    job = get_job.sync(
        JOB, client=authenticated_client(KEY, httpx_args=stub.httpx_args()), sharpen=value
    )
    assert isinstance(job, Job)
    assert stub.request.url.query.decode() == f"sharpen={text}"


def test_estimate_parameters_keep_their_names_and_defaults() -> None:
    stub = Stub(json=response_examples("getJobEstimate", 200)["forte"])
    client = authenticated_client(KEY, httpx_args=stub.httpx_args())
    get_job_estimate.sync(
        client=client,
        backend=JobBackend.QPU_FORTE_1,
        type_=JobType.IONQ_CIRCUIT_V1,
        field_1q_gates=120,
        field_2q_gates=40,
        session=True,
    )
    sent = dict(parse_qsl(stub.request.url.query.decode()))
    defaults = {
        param["name"]: param["schema"].get("default")
        for param in SPEC["paths"]["/jobs/estimate"]["get"]["parameters"]
    }
    assert sent == {
        "backend": "qpu.forte-1",
        "type": "ionq.circuit.v1",
        "qubits": str(defaults["qubits"]),
        "shots": str(defaults["shots"]),
        "1q_gates": "120",
        "2q_gates": "40",
        "error_mitigation": "false",
        "session": "true",
    }


def test_bulk_operations_send_the_ids_in_a_body() -> None:
    for module, answer in ((delete_jobs, "deleteJobs"), (cancel_jobs, "cancelJobs")):
        stub = Stub(json=next(iter(response_examples(answer, 200).values())))
        client = authenticated_client(KEY, httpx_args=stub.httpx_args())
        module.sync(client=client, body=JobIdList(ids=[str(JOB), str(OTHER)]))
        assert json.loads(stub.request.content) == {"ids": [str(JOB), str(OTHER)]}


def test_a_clone_without_changes_sends_no_body() -> None:
    stub = Stub(status=201, json=response_examples("cloneJob", 201)["submitted"])
    clone_job.sync(JOB, client=authenticated_client(KEY, httpx_args=stub.httpx_args()))
    assert stub.request.content == b""
    assert SPEC["paths"]["/jobs/{UUID}/clone"]["post"]["requestBody"]["required"] is False


def test_a_job_built_in_code_goes_out_as_the_sdks_write_it() -> None:
    payload = CircuitJobCreationPayload(
        type_=CircuitJobCreationPayloadType.IONQ_CIRCUIT_V1,
        backend=JobBackend.SIMULATOR,
        input_=CircuitInput(
            gateset=Gateset.QIS,
            qubits=2,
            circuit=[
                Gate(gate=GateName.H, target=0),
                Gate(gate=GateName.CNOT, control=0, target=1),
            ],
        ),
        shots=1000,
        name="bell",
    )
    assert payload.to_dict() == request_body(SPEC["paths"]["/jobs"]["post"])


def examples_of(op: dict[str, Any], status: str) -> dict[str, Any]:
    media = follow(op["responses"][status])["content"]["application/json"]
    return {name: example["value"] for name, example in media["examples"].items()}


ANSWERS = [
    pytest.param(path, op, status, body, id=f"{op['operationId']}-{status}-{name}")
    for path, _, op in JOB_OPERATIONS
    for status in op["responses"]
    for name, body in examples_of(op, status).items()
]


@pytest.mark.parametrize(("path", "op", "status", "body"), ANSWERS)
def test_every_documented_job_answer_becomes_the_model_the_spec_names(
    path: str, op: dict[str, Any], status: str, body: Any
) -> None:
    stub = Stub(status=int(status), json=body)
    module = importlib.import_module(f"ionq_client.api.jobs.{snake(op['operationId'])}")
    kwargs: dict[str, Any] = {"client": authenticated_client(KEY, httpx_args=stub.httpx_args())}
    if "requestBody" in op:
        kwargs["body"] = _body_model(module._get_kwargs.__annotations__["body"], request_body(op))
    if op["operationId"] == "getJobEstimate":
        kwargs["backend"] = JobBackend.SIMULATOR
    response = module.sync_detailed(*path_args(path), **kwargs)
    if op["operationId"] == "getJobArtifact" and status == "200":
        assert response.parsed == body  # any JSON: its format's schema says which
        return
    schema = response_schema_name(op["operationId"], int(status))
    if SPEC["components"]["schemas"][schema].get("type") == "array":
        assert response.parsed == body
        return
    models = importlib.import_module("ionq_client.models")
    assert type(response.parsed) is getattr(models, schema)
    assert as_instants(response.parsed.to_dict()) == as_instants(body)


DATE_TIMES = frozenset({"submitted_at", "started_at", "completed_at", "estimated_at"})


def as_instants(node: Any) -> Any:
    """A body with every date-time of the job schemas read as an instant, at any depth."""
    if isinstance(node, dict):
        return {
            key: instant(value) if key in DATE_TIMES and value is not None else as_instants(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [as_instants(item) for item in node]
    return node
