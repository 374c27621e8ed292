"""The client's usage report: what get_usages sends, and what it makes of every answer.

Bodies are the spec's examples and bodies hypothesis draws from its schemas;
the query's names and forms are the spec's parameters.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import parse_qsl

import ionq_client.models
import pytest
from hypothesis import HealthCheck, given, settings
from ionq_client import authenticated_client
from ionq_client.api.usage import get_usages
from ionq_client.models import UsageGroupBy, UsageModality, Usages

from contract_tests.client.bodies import bodies
from contract_tests.client.contract import (
    auth_header_name,
    date_time_fields,
    documented_statuses,
    operation,
    response_examples,
    response_schema_name,
)
from contract_tests.client.same_body import assert_same_body
from contract_tests.client.stub import Stub
from contract_tests.rfc3339 import instant

KEY = "usage-key-7"
OPERATION = "getUsages"
ORGANIZATION = "com.my.org"
WEEKLY = response_examples(OPERATION, 200)["weeklyByProject"]
EXAMPLES = 25


def assert_same_report(sent: dict[str, Any], returned: dict[str, Any]) -> None:
    """assert_same_body, with each period's `from` (a date-time too) compared as an instant."""

    def periods_as_instants(body: dict[str, Any]) -> dict[str, Any]:
        if "usage_data" not in body:
            return body
        periods = [
            {**period, "from": str(instant(period["from"]))} for period in body["usage_data"]
        ]
        return {**body, "usage_data": periods}

    assert_same_body(
        periods_as_instants(sent), periods_as_instants(returned), date_time_fields("Usages")
    )


def fetch(stub: Stub, organization: str = ORGANIZATION) -> Any:
    return get_usages.sync_detailed(
        organization,
        client=authenticated_client(KEY, httpx_args=stub.httpx_args()),
        start_date=datetime.date(2026, 11, 25),
        end_date=datetime.date(2026, 12, 6),
        group_by=UsageGroupBy.PROJECT,
        modality=UsageModality.WEEKLY,
    )


def test_the_query_goes_out_as_the_spec_names_it() -> None:
    stub = Stub(json=WEEKLY)
    fetch(stub)
    method, path, op = operation(OPERATION)
    request = stub.request
    assert request.method == method.upper()
    assert request.url.path == "/v0.4" + path.replace("{organization_id}", ORGANIZATION)
    assert request.headers[auth_header_name()] == f"apiKey {KEY}"
    sent = dict(parse_qsl(request.url.query.decode()))
    assert sent == {
        "start_date": "2026-11-25",
        "end_date": "2026-12-06",
        "group_by": "project",
        "modality": "weekly",
    }
    assert {p["name"] for p in op["parameters"] if p["in"] == "query" and p["required"]} == set(
        sent
    )


def test_an_organization_id_stays_one_path_segment() -> None:
    stub = Stub(json=WEEKLY)
    fetch(stub, "org/with space")
    assert stub.request.url.raw_path.startswith(b"/v0.4/organizations/org%2Fwith%20space/usage?")


@pytest.mark.parametrize(
    ("status", "name", "body"),
    [
        (status, name, body)
        for status in documented_statuses(OPERATION)
        if status in (200, 400, 403)
        for name, body in response_examples(OPERATION, status).items()
    ],
)
def test_every_documented_answer_becomes_its_model(
    status: int, name: str, body: dict[str, Any]
) -> None:
    response = fetch(Stub(status=status, json=body))
    schema = response_schema_name(OPERATION, status)
    assert type(response.parsed) is getattr(ionq_client.models, schema), name
    if schema == "Usages":
        assert_same_report(body, response.parsed.to_dict())
    else:
        assert_same_body(body, response.parsed.to_dict())


def test_a_report_reads_as_dates_and_numbers() -> None:
    usages = fetch(Stub(json=WEEKLY)).parsed
    assert isinstance(usages, Usages)
    assert usages.group_type == UsageGroupBy.PROJECT
    assert usages.usage_from == datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC)
    assert isinstance(usages.usage_data, list)
    newest, oldest = usages.usage_data
    assert newest.from_ == datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)
    assert (oldest.amount, oldest.job_count, oldest.time_us) == (23.0, 1, 8150000)
    (project,) = newest.group_usages
    assert project.group_name == "ionq-mock project"


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(bodies("Usages"))
def test_usage_bodies_round_trip(body: dict[str, Any]) -> None:
    assert_same_report(body, Usages.from_dict(body).to_dict())


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(bodies("Usages", open_objects=True))
def test_fields_ionq_adds_later_are_kept(body: dict[str, Any]) -> None:
    assert_same_report(body, Usages.from_dict(body).to_dict())
