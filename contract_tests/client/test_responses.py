"""What the client makes of each answer: typed values, errors, timeouts.

Bodies are the examples of openapi.yaml, and the model each status must
become is the schema the spec names for it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import ionq_client.models
import pytest
from ionq_client import Client, errors, public_client
from ionq_client.api.backends import get_backend
from ionq_client.models import BackendName, BadRequestError, Error, RequestValidation
from ionq_client.types import Response

from contract_tests.client.contract import (
    GET_BACKEND,
    date_time_fields,
    documented_statuses,
    response_examples,
    response_schema_name,
)
from contract_tests.client.same_body import assert_same_body
from contract_tests.client.stub import Stub

EXAMPLES = [
    pytest.param(status, body, id=f"{status}-{name}")
    for status in documented_statuses(GET_BACKEND)
    for name, body in response_examples(GET_BACKEND, status).items()
]
UNDOCUMENTED = [401, 403, 405, 418, 504, 507]


@pytest.mark.parametrize(("status", "body"), EXAMPLES)
def test_every_documented_answer_becomes_the_model_the_spec_names(
    status: int, body: dict[str, Any]
) -> None:
    stub = Stub(status=status, json=body)
    response = get_backend.sync_detailed(
        BackendName.QPU_ARIA_1, client=public_client(httpx_args=stub.httpx_args())
    )
    schema = response_schema_name(GET_BACKEND, status)
    assert response.status_code == status
    assert type(response.parsed) is getattr(ionq_client.models, schema)
    assert response.parsed is not None
    assert_same_body(body, response.parsed.to_dict(), date_time_fields(schema))


def test_a_400_keeps_the_validation_details() -> None:
    body = response_examples(GET_BACKEND, 400)["invalidBackend"]
    stub = Stub(status=400, json=body)
    parsed = get_backend.sync(
        BackendName("qpu.nope"), client=public_client(httpx_args=stub.httpx_args())
    )
    assert isinstance(parsed, BadRequestError)
    assert parsed.status_code == 400
    assert parsed.error == "Bad Request"
    assert isinstance(parsed.validation, RequestValidation)
    assert parsed.validation.keys == ["backend"]
    assert parsed.validation.source == "params"


@pytest.mark.parametrize(
    ("status", "error"), [(404, "Not Found Error"), (500, "Internal Server Error")]
)
def test_404_and_500_are_errors_sync_and_async(status: int, error: str) -> None:
    (body,) = response_examples(GET_BACKEND, status).values()
    stub = Stub(status=status, json=body)
    client = public_client(httpx_args=stub.httpx_args())
    for parsed in (
        get_backend.sync(BackendName.QPU_FORTE_ENTERPRISE_3, client=client),
        asyncio.run(get_backend.asyncio(BackendName.QPU_FORTE_ENTERPRISE_3, client=client)),
    ):
        assert isinstance(parsed, Error)
        assert (parsed.status_code, parsed.error) == (status, error)
        assert parsed.message == body["message"]


@pytest.mark.parametrize("status", UNDOCUMENTED)
def test_an_undocumented_status_raises_when_asked_to(status: int) -> None:
    assert status not in documented_statuses(GET_BACKEND)
    body = {"statusCode": status, "error": "Whatever", "message": "not in the spec"}
    stub = Stub(status=status, json=body)
    client = public_client(raise_on_unexpected_status=True, httpx_args=stub.httpx_args())
    with pytest.raises(errors.UnexpectedStatus) as raised:
        get_backend.sync(BackendName.QPU_ARIA_1, client=client)
    assert raised.value.status_code == status
    assert json.loads(raised.value.content) == body
    with pytest.raises(errors.UnexpectedStatus):
        asyncio.run(get_backend.asyncio(BackendName.QPU_ARIA_1, client=client))


@pytest.mark.parametrize("status", UNDOCUMENTED)
def test_an_undocumented_status_is_none_by_default(status: int) -> None:
    stub = Stub(status=status, content=b"rate limited", headers={"Retry-After": "3"})
    client = public_client(httpx_args=stub.httpx_args())
    assert get_backend.sync(BackendName.QPU_ARIA_1, client=client) is None
    detailed: Response[Any] = get_backend.sync_detailed(BackendName.QPU_ARIA_1, client=client)
    assert (detailed.status_code, detailed.parsed, detailed.content) == (
        status,
        None,
        b"rate limited",
    )
    assert detailed.headers["Retry-After"] == "3"


def sync_asyncio(backend: BackendName, *, client: Client) -> Any:
    """`get_backend.asyncio`, run to completion: the async code path, called like `sync`."""
    return asyncio.run(get_backend.asyncio(backend, client=client))


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_timeout_reaches_the_caller(mode: str) -> None:
    stub = Stub(error=httpx.ReadTimeout)
    client = public_client(timeout=0.25, httpx_args=stub.httpx_args())
    call = get_backend.sync if mode == "sync" else sync_asyncio
    with pytest.raises(httpx.TimeoutException):
        call(BackendName.QPU_ARIA_1, client=client)
    assert stub.request.extensions["timeout"]["read"] == 0.25


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        ({}, {"connect": 30.0, "read": 30.0, "write": 30.0, "pool": 30.0}),
        ({"timeout": 2.5}, {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}),
        (
            {"timeout": httpx.Timeout(10.0, connect=1.0)},
            {"connect": 1.0, "read": 10.0, "write": 10.0, "pool": 10.0},
        ),
        ({"timeout": None}, {"connect": None, "read": None, "write": None, "pool": None}),
    ],
)
def test_every_request_carries_the_configured_timeout(
    timeout: dict[str, Any], expected: dict[str, float | None]
) -> None:
    stub = Stub(json=response_examples(GET_BACKEND, 200)["seed"])
    get_backend.sync(
        BackendName.QPU_ARIA_1, client=public_client(**timeout, httpx_args=stub.httpx_args())
    )
    assert stub.request.extensions["timeout"] == expected
