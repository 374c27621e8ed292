"""ionq_contract.operations: from a sent request back to the operation of the spec."""

from __future__ import annotations

from typing import Any

import pytest

from contract_tests.client.contract import SPEC
from ionq_contract.operations import Operation, find_operation, read_operations
from ionq_contract.spec import SpecError

MINI: dict[str, Any] = {
    "paths": {
        "/a/{x}": {
            "get": {
                "operationId": "getA",
                "responses": {"200": {"$ref": "#/components/responses/Ok"}},
            },
            "parameters": [],
        },
        "/a/b": {
            "get": {"responses": {"4XX": {"description": "x"}, "default": {"description": "y"}}}
        },
        "/c/{x}/d/{y}": {
            "post": {"operationId": "postD", "responses": {"201": {"description": "z"}}}
        },
    },
    "components": {
        "responses": {"Ok": {"$ref": "#/components/responses/Real"}, "Real": {"description": "ok"}}
    },
}
MINI_OPERATIONS = read_operations(MINI)
JOB = "4c2e1d7a-8f3b-4a6e-9c1d-2b7f5e8a9d01"


def by_id(operation_id: str) -> Operation:
    (found,) = (op for op in read_operations(SPEC) if op.operation_id == operation_id)
    return found


def test_reads_every_operation_of_the_spec() -> None:
    assert [op.operation_id for op in read_operations(SPEC)] == [
        "getBackends",
        "getBackend",
        "getCharacterizationsForBackend",
        "getCharacterization",
        "getWhoami",
        "getFormatSchema",
        # Within a path, in the order of ionq_contract.spec.HTTP_METHODS.
        "getJobs",
        "createJob",
        "deleteJobs",
        "cancelJobs",
        "getJobEstimate",
        "getJob",
        "deleteJob",
        "cancelJob",
        "cloneJob",
        "moveJob",
        "getJobCost",
        "getJobProbabilities",
        "getJobAggregatedProbabilities",
        "getJobHistogram",
        "getJobShots",
        "getJobArtifact",
        "getUsages",
        "getSessions",
        "createSession",
        "getSession",
        "endSession",
        "getSessionJobs",
    ]
    get_backend = by_id("getBackend")
    assert (get_backend.operation_id, get_backend.method, get_backend.path) == (
        "getBackend",
        "GET",
        "/backends/{backend}",
    )
    assert sorted(get_backend.responses) == ["200", "400", "404", "429", "500", "502", "503"]
    # The 400/404/500 refs to components/responses are followed.
    assert "application/json" in get_backend.responses["404"]["content"]


def test_operations_without_an_id_are_named_by_method_and_path() -> None:
    assert [operation.operation_id for operation in MINI_OPERATIONS] == [
        "getA",
        "GET /a/b",
        "postD",
    ]
    assert MINI_OPERATIONS[0].responses["200"] == {"description": "ok"}


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/v0.4/backends/qpu.aria-1", "getBackend"),
        ("get", "/backends/simulator", "getBackend"),
        ("GET", "/ionq/v0.4/backends/qpu%2Fodd", "getBackend"),
        ("GET", "/v0.4/backends/qpu.aria-1/", "getBackend"),
        ("GET", "/v0.4/backends/", "getBackends"),
        ("GET", "/v0.4/backends", "getBackends"),
        ("GET", "/v0.4/backends/qpu.aria-1/characterizations", "getCharacterizationsForBackend"),
        ("GET", "/v0.4/backends/qpu.aria-1/characterizations/x", "getCharacterization"),
        ("GET", "/v0.4/backends/qpu.aria-1/characterizations/x/y", None),
        ("GET", "/v0.4/whoami", "getWhoami"),
        ("POST", "/v0.4/jobs", "createJob"),
        ("GET", "/v0.4/jobs", "getJobs"),
        ("DELETE", "/v0.4/jobs", "deleteJobs"),
        ("PUT", "/v0.4/jobs/status/cancel", "cancelJobs"),
        # Fixed text wins over the job id: `estimate` and `status` are no job.
        ("GET", "/v0.4/jobs/estimate", "getJobEstimate"),
        ("GET", f"/v0.4/jobs/{JOB}", "getJob"),
        ("DELETE", f"/v0.4/jobs/{JOB}", "deleteJob"),
        ("PUT", f"/v0.4/jobs/{JOB}/status/cancel", "cancelJob"),
        ("POST", f"/v0.4/jobs/{JOB}/clone", "cloneJob"),
        ("POST", f"/v0.4/jobs/{JOB}/move", "moveJob"),
        ("GET", f"/v0.4/jobs/{JOB}/cost", "getJobCost"),
        ("GET", f"/v0.4/jobs/{JOB}/results/probabilities", "getJobProbabilities"),
        (
            "GET",
            f"/v0.4/jobs/{JOB}/results/probabilities/aggregated",
            "getJobAggregatedProbabilities",
        ),
        ("GET", f"/v0.4/jobs/{JOB}/results/histogram", "getJobHistogram"),
        ("GET", f"/v0.4/jobs/{JOB}/results/shots", "getJobShots"),
        ("GET", "/v0.4/organizations/com.my.org/usage", "getUsages"),
        ("GET", "/v0.4/organizations/com.my.org/usage/x", None),
        ("PUT", f"/v0.4/jobs/{JOB}", None),
        ("GET", f"/v0.4/jobs/{JOB}/artifacts/x", "getJobArtifact"),
        ("GET", f"/v0.4/jobs/{JOB}/artifacts", None),
        ("POST", "/v0.4/backends/qpu.aria-1", None),
        ("GET", "/v0.4/mybackends/qpu.aria-1", None),
    ],
)
def test_finds_the_operation_of_a_request(method: str, path: str, expected: str | None) -> None:
    found = find_operation(read_operations(SPEC), method, path)
    assert (found.operation_id if found else None) == expected


def test_fixed_text_wins_over_a_parameter() -> None:
    found = find_operation(MINI_OPERATIONS, "GET", "/v1/a/b")
    assert found is not None
    assert found.operation_id == "GET /a/b"
    found = find_operation(MINI_OPERATIONS, "GET", "/v1/a/z")
    assert found is not None
    assert found.operation_id == "getA"
    found = find_operation(MINI_OPERATIONS, "POST", "/c/1/d/2")
    assert found is not None
    assert found.operation_id == "postD"


@pytest.mark.parametrize(
    ("status", "key"), [(200, "200"), (404, "404"), (500, "500"), (201, None), (302, None)]
)
def test_response_key_of_the_spec(status: int, key: str | None) -> None:
    assert by_id("getBackend").response_key(status) == key


@pytest.mark.parametrize(
    ("status", "key"), [(404, "4XX"), (499, "4XX"), (500, "default"), (200, "default")]
)
def test_response_key_falls_back_to_ranges_then_default(status: int, key: str) -> None:
    assert MINI_OPERATIONS[1].response_key(status) == key


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        ("https://example.com/responses.yaml#/Ok", "only local"),
        ("#/components/responses/Loop", "cycle"),
    ],
)
def test_refuses_references_it_cannot_follow(ref: str, reason: str) -> None:
    spec = {
        "paths": {"/x": {"get": {"responses": {"200": {"$ref": ref}}}}},
        "components": {"responses": {"Loop": {"$ref": "#/components/responses/Loop"}}},
    }
    with pytest.raises(SpecError, match=reason):
        read_operations(spec)
