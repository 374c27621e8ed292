"""Property: every body the spec allows parses, and serialises back to itself.

Bodies are drawn from the spec's own schemas by hypothesis-jsonschema (see
contract_tests/json_schema.py for the translation to plain JSON Schema).
Date-times are compared as instants, everything else exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from ionq_client.models import Backend, BadRequestError, Error

from contract_tests.client.bodies import bodies
from contract_tests.client.contract import SPEC, date_time_fields
from contract_tests.client.same_body import assert_same_body

EXAMPLES = 300


@settings(max_examples=EXAMPLES)
@given(bodies("Backend"))
def test_backend_bodies_round_trip(body: dict[str, Any]) -> None:
    assert_same_body(body, Backend.from_dict(body).to_dict(), date_time_fields("Backend"))


@settings(max_examples=EXAMPLES)
@given(bodies("Backend", open_objects=True))
def test_backend_bodies_with_unknown_fields_round_trip(body: dict[str, Any]) -> None:
    backend = Backend.from_dict(body)
    known = set(SPEC["components"]["schemas"]["Backend"]["properties"])
    assert set(backend.additional_properties) == set(body) - known
    assert_same_body(body, backend.to_dict(), date_time_fields("Backend"))


@settings(max_examples=EXAMPLES)
@given(bodies("Error"))
def test_error_bodies_round_trip(body: dict[str, Any]) -> None:
    error = Error.from_dict(body)
    assert (error.status_code, error.error, error.message) == (
        body["statusCode"],
        body["error"],
        body["message"],
    )
    assert_same_body(body, error.to_dict())


@settings(max_examples=EXAMPLES)
@given(bodies("BadRequestError"))
def test_bad_request_bodies_round_trip(body: dict[str, Any]) -> None:
    error = BadRequestError.from_dict(body)
    assert error.status_code == body["statusCode"]
    assert_same_body(body, error.to_dict())


@settings(max_examples=EXAMPLES)
@given(bodies("BadRequestError", open_objects=True))
def test_bad_request_bodies_with_unknown_fields_round_trip(body: dict[str, Any]) -> None:
    assert_same_body(body, BadRequestError.from_dict(body).to_dict())


def test_the_strategies_reach_the_cases_that_matter() -> None:
    """Guard against vacuous properties: the bodies do vary where the client could slip."""
    known = set(SPEC["components"]["schemas"]["Backend"]["properties"])
    cases: list[tuple[st.SearchStrategy[dict[str, Any]], Callable[[dict[str, Any]], bool]]] = [
        (bodies("Backend", open_objects=True), lambda body: bool(set(body) - known)),
        (bodies("Backend"), lambda body: {"characterization_id", "kw", "location"} <= set(body)),
        (bodies("Backend"), lambda body: not body["last_updated"].endswith("Z")),
        (bodies("BadRequestError"), lambda body: "validation" in body),
    ]
    no_shrinking = settings(phases=[Phase.generate], max_examples=EXAMPLES)
    for strategy, condition in cases:
        assert condition(find(strategy, condition, settings=no_shrinking))
