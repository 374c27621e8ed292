"""openapi.yaml documents every status the fake can send, so faults keep the contract.

Read from the spec as YAML (never from the fake): every operation, including
ones added later, must document the statuses any request may get from the
fake's test tools and error handling. Then schemathesis drives the fake with
faults switched on, and every answer must still conform to the spec.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import settings
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from contract_tests.fake.support import ROOT
from ionq_contract.spec import load_spec, spec_path
from mock_server.app import create_app
from mock_server.controls import faults
from mock_server.controls import state as controls

# 400: a Prefer header the fake cannot honour (any operation); 429: the rate
# limit and fault rules; 500: an unexpected failure; 502, 503: fault rules.
EVERY_OPERATION_CAN_GET = {400, 429, 500, 502, 503}
COMPONENTS = {
    429: "TooManyRequests",
    500: "InternalServerError",
    502: "BadGateway",
    503: "ServiceUnavailable",
}
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def operations() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in load_spec()["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_the_fault_statuses_of_the_fake_are_the_ones_checked_here() -> None:
    assert set(faults.FAULT_STATUSES) <= EVERY_OPERATION_CAN_GET


@pytest.mark.parametrize(("label", "operation"), operations(), ids=[o[0] for o in operations()])
def test_every_operation_documents_every_status_the_fake_can_send(
    label: str, operation: dict[str, Any]
) -> None:
    documented = {int(status) for status in operation["responses"] if status.isdigit()}
    missing = EVERY_OPERATION_CAN_GET - documented
    assert not missing, f"{label} does not document {sorted(missing)}"
    for status, component in COMPONENTS.items():
        assert operation["responses"][str(status)] == {
            "$ref": f"#/components/responses/{component}"
        }, f"{label}: {status} should use the shared component"


def test_the_fault_responses_are_ionq_s_error_body() -> None:
    components = load_spec()["components"]
    for status, name in COMPONENTS.items():
        media = components["responses"][name]["content"]["application/json"]
        assert media["schema"] == {"$ref": "#/components/schemas/Error"}
        for example in media["examples"].values():
            assert example["value"]["statusCode"] == status
            assert set(example["value"]) == {"statusCode", "error", "message"}


def test_a_429_documents_a_required_retry_after_in_seconds() -> None:
    components = load_spec()["components"]
    header = components["responses"]["TooManyRequests"]["headers"]["Retry-After"]
    assert header == {"$ref": "#/components/headers/RetryAfter"}
    retry_after = components["headers"]["RetryAfter"]
    assert retry_after["required"] is True
    assert retry_after["schema"]["type"] == "integer"


# schemathesis against a fake that fails half of the time, in every way it can.
schema = schemathesis.openapi.from_path(
    spec_path(), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
)
faulty = create_app({"RATE_LIMIT": {"rate": 200, "burst": 20}})
for rule in (
    {"error": {"status": 429, "rate": 0.15}, "seed": 1, "retry_after": 3},
    {"error": {"status": 500, "rate": 0.15}, "seed": 2},
    {"error": {"status": 502, "rate": 0.15}, "seed": 3},
    {"error": {"status": 503, "rate": 0.15}, "seed": 4},
):
    faulty.extensions[controls.EXTENSION].faults.add(rule)
schema.app = faulty
# The checks about what an answer looks like. Those about which status a
# request deserves (no 5xx, reject invalid data) cannot hold while faults
# answer regardless of the request, which is their point.
CONFORMANCE = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


# The statuses the faulty fake answered, over the cases above. make test runs
# this file without pytest-xdist (schemathesis collapses its cases under it),
# in file order, so the test after them sees them all.
STATUSES_SEEN: Counter[int] = Counter()


@schema.parametrize()
@settings(max_examples=25)
def test_answers_with_faults_switched_on_keep_the_contract(case: Case[Any]) -> None:
    response = case.call()
    case.validate_response(response, checks=CONFORMANCE)
    STATUSES_SEEN[response.status_code] += 1


def test_every_fault_status_was_answered() -> None:
    """Runs after the cases above (same file, same worker, file order)."""
    seen = set(STATUSES_SEEN)
    assert set(faults.FAULT_STATUSES) <= seen, f"statuses seen: {dict(STATUSES_SEEN)}"
