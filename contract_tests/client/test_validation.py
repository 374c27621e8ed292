"""The opt-in response validation layer: what it accepts, reports and tolerates."""

from __future__ import annotations

import asyncio
from typing import Any, NoReturn

import httpx
import pytest
from ionq_client import public_client
from ionq_client.api.backends import get_backend
from ionq_client.models import Backend, BackendName

from contract_tests.client.contract import (
    GET_BACKEND,
    documented_statuses,
    response_examples,
    response_schema_name,
)
from contract_tests.client.stub import Stub
from ionq_contract import validation
from ionq_contract.validation import (
    ContractViolation,
    ResponseValidator,
    default_validator,
    validate_response,
    validate_response_async,
)

SEED: dict[str, Any] = response_examples(GET_BACKEND, 200)["seed"]
NEWER: dict[str, Any] = {**SEED, "status": "retired", "max_shots": 10_000}
EXAMPLES = [
    pytest.param(status, body, id=f"{status}-{name}")
    for status in documented_statuses(GET_BACKEND)
    for name, body in response_examples(GET_BACKEND, status).items()
]


def answer(stub: Stub, hook: Any, *, asynchronous: bool = False) -> Any:
    client = public_client(httpx_args=stub.httpx_args(hook))
    if asynchronous:
        return asyncio.run(get_backend.asyncio(BackendName.QPU_ARIA_1, client=client))
    return get_backend.sync(BackendName.QPU_ARIA_1, client=client)


def check(validator: ResponseValidator, response: httpx.Response) -> ContractViolation:
    with pytest.raises(ContractViolation) as raised:
        validator.check(response)
    return raised.value


def response(
    status: int = 200,
    url: str = "https://api.ionq.co/v0.4/backends/qpu.aria-1",
    method: str = "GET",
    **kwargs: Any,
) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request(method, url), **kwargs)


@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.parametrize(("status", "body"), EXAMPLES)
def test_every_example_of_the_spec_passes(status: int, body: Any, asynchronous: bool) -> None:
    hook = validate_response_async if asynchronous else validate_response
    parsed = answer(Stub(status=status, json=body), hook, asynchronous=asynchronous)
    assert type(parsed).__name__ == response_schema_name(GET_BACKEND, status)


@pytest.mark.parametrize("asynchronous", [False, True])
def test_the_hooks_read_a_streamed_body_first(asynchronous: bool) -> None:
    """Over a network the hook sees the response before its body is read."""
    hook = validate_response_async if asynchronous else validate_response
    parsed = answer(Stub(json=SEED, streamed=True), hook, asynchronous=asynchronous)
    assert isinstance(parsed, Backend)
    assert parsed.qubits == SEED["qubits"]
    with pytest.raises(ContractViolation, match="qubits"):
        answer(Stub(json={**SEED, "qubits": -5}, streamed=True), hook, asynchronous=asynchronous)


def test_the_message_names_operation_request_status_and_field() -> None:
    with pytest.raises(ContractViolation) as raised:
        answer(Stub(json={**SEED, "qubits": "25"}), validate_response)
    message = str(raised.value)
    assert message.startswith("getBackend (GET https://api.ionq.co/v0.4/backends/qpu.aria-1)")
    assert "answered 200" in message
    assert "qubits: '25' is not of type 'integer'" in message
    assert raised.value.request == "GET https://api.ionq.co/v0.4/backends/qpu.aria-1"


def test_a_nested_field_is_named_by_its_path() -> None:
    body = response_examples(GET_BACKEND, 400)["invalidBackend"]
    bad = {**body, "validation": {"keys": ["backend", 7], "source": "params"}}
    with pytest.raises(ContractViolation) as raised:
        answer(Stub(status=400, json=bad), validate_response)
    assert raised.value.field == "validation.keys[1]"
    assert raised.value.status == 400


def test_strict_validation_reports_what_the_spec_does_not_list() -> None:
    found = check(default_validator(), response(json=NEWER))
    assert [(problem.field, problem.reason) for problem in found.problems] == [
        ("max_shots", "not in openapi.yaml, whose object here is closed"),
        ("status", "'retired' is not one of ['available', 'unavailable']"),
    ]


def test_lenient_validation_lets_through_what_the_client_tolerates() -> None:
    lenient = ResponseValidator(lenient=True)
    lenient.check(response(json=NEWER))
    lenient.check(response(json={**NEWER, "backend": "qpu.tempo-1"}))
    parsed = answer(Stub(json=NEWER), lenient.hook)
    assert isinstance(parsed, Backend)
    assert parsed.status.known is False


def test_lenient_validation_still_catches_broken_types_and_gaps() -> None:
    lenient = ResponseValidator(lenient=True)
    found = check(lenient, response(json={**NEWER, "qubits": "25"}))
    assert found.field == "qubits"
    found = check(lenient, response(json={k: v for k, v in NEWER.items() if k != "degraded"}))
    assert found.field == "degraded"
    found = check(lenient, response(json={**NEWER, "status": 3}))
    assert found.field == "status"


@pytest.mark.parametrize("status", [401, 418, 504])
def test_an_undocumented_status_is_a_violation_unless_lenient(status: int) -> None:
    body = {"statusCode": status, "error": "Some Error", "message": "..."}
    found = check(default_validator(), response(status, json=body))
    assert (found.operation, found.status, found.field) == (GET_BACKEND, status, "(status)")
    documented = "documented: 200, 400, 404, 429, 500, 502, 503"
    assert f"(status): not documented for this operation ({documented})" in str(found)
    ResponseValidator(lenient=True).check(response(status, json=body))


def test_an_undocumented_content_type_is_a_violation() -> None:
    found = check(
        default_validator(),
        response(500, content=b"<h1>Bad gateway</h1>", headers={"Content-Type": "text/html"}),
    )
    assert found.field == "(Content-Type)"
    assert "text/html is not documented (documented: application/json)" in str(found)
    found = check(default_validator(), response(500, content=b"oops"))
    assert "(Content-Type): none is not documented" in str(found)


def test_a_body_that_is_not_json_is_a_violation() -> None:
    found = check(
        default_validator(),
        response(content=b"{'qubits': 25", headers={"Content-Type": "application/json"}),
    )
    assert found.field == "(body)"
    assert "not JSON" in found.problems[0].reason


def test_media_type_parameters_and_case_are_ignored() -> None:
    default_validator().check(
        response(
            content=httpx.Response(200, json=SEED).content,
            headers={"Content-Type": "Application/JSON; charset=utf-8"},
        )
    )


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "https://api.ionq.co/v0.4/calibrations"),
        ("PATCH", "https://api.ionq.co/v0.4/jobs"),
        ("GET", "https://api.ionq.co/v0.4/jobs/4c2e1d7a-8f3b-4a6e-9c1d-2b7f5e8a9d01/artifacts"),
        ("DELETE", "https://api.ionq.co/v0.4/backends/qpu.aria-1"),
    ],
)
def test_a_request_no_operation_describes_is_a_violation(method: str, url: str) -> None:
    found = check(default_validator(), response(url=url, method=method, json=SEED))
    assert (found.operation, found.field) == (None, "(request)")
    assert str(found).startswith(f"unknown operation ({method} {url})")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/v0.4/backends/qpu.aria-1",
        "https://proxy.example/ionq/v0.4/backends/simulator?trace=1",
        "https://api.ionq.co/v0.4/backends/qpu%2Fodd",
    ],
)
def test_any_base_url_is_matched_by_the_path_the_spec_describes(url: str) -> None:
    found = check(default_validator(), response(url=url, json={**SEED, "qubits": -1}))
    assert (found.operation, found.field) == (GET_BACKEND, "qubits")


def test_validators_are_built_once_not_per_response(monkeypatch: pytest.MonkeyPatch) -> None:
    validator = ResponseValidator()

    def no_building(*_args: object, **_kwargs: object) -> NoReturn:
        raise AssertionError("a schema validator was built while checking a response")

    monkeypatch.setattr(validation, "OAS30ReadValidator", no_building)
    monkeypatch.setattr(validation, "load_spec", no_building)
    validator.check(response(json=SEED))
    with pytest.raises(ContractViolation):
        validator.check(response(json={**SEED, "qubits": "25"}))
    assert default_validator() is default_validator()
