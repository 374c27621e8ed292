"""Input that looks numeric or JSON to a quick check but is not: always a 400, never a 500.

`str.isdigit()` accepts digits like "²" that int() refuses, and json.loads
raises RecursionError (not ValueError) on deeply nested input; both once
reached the client as a 500.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.faults.conftest import API

DEEP_JSON = b"[" * 100_000


@pytest.mark.parametrize("header", ["code=\u00b2", "delay=\u00b2", "code=\u0663"])
def test_a_prefer_number_that_is_not_ascii_digits_is_a_400(
    api: ContractClient, header: str
) -> None:
    answer = api.get(API, headers={"Prefer": header})
    assert answer.status_code == 400
    body = answer.get_json()
    assert body["validation"] == {"keys": ["Prefer"], "source": "headers"}


@pytest.mark.parametrize("limit", ["%C2%B2", "%D9%A3", "-1", "1.5"])
def test_a_request_log_limit_that_is_not_a_whole_number_is_a_400(
    admin: FlaskClient, limit: str
) -> None:
    answer = admin.get(f"/__admin/requests?limit={limit}")
    assert answer.status_code == 400
    assert answer.get_json()["validation"] == {"keys": ["limit"], "source": "query"}


@pytest.mark.parametrize(
    ("method", "path"),
    [("PATCH", "/__admin/backends/qpu.aria-1"), ("POST", "/__admin/faults")],
)
def test_deeply_nested_json_to_the_admin_api_is_a_400(
    admin: FlaskClient, method: str, path: str
) -> None:
    answer = admin.open(path, method=method, data=DEEP_JSON, content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["message"] == "The body is not valid JSON"
    assert answer.content_type == "application/json"
