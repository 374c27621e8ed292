"""plain_json_schema: OpenAPI schemas in, self-contained JSON Schema out."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft4Validator  # type: ignore[import-untyped]

from contract_tests.client.contract import SPEC, required, response_examples
from contract_tests.json_schema import plain_json_schema
from ionq_contract.spec import component_schema

MINI: dict[str, Any] = {
    "$ref": "#/components/schemas/Outer",
    "components": {
        "schemas": {
            "Name": {"type": "string", "enum": ["a", "b"], "example": "a"},
            "Outer": {
                "type": "object",
                "required": ["name"],
                "example": {"name": "a"},
                "properties": {
                    "name": {"$ref": "#/components/schemas/Name", "description": "ignored"},
                    "example": {"type": "integer", "example": 3},
                    "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Name"}},
                    "note": {"type": "string", "nullable": True, "readOnly": True},
                    "either": {
                        "oneOf": [{"$ref": "#/components/schemas/Name"}, {"type": "integer"}]
                    },
                },
                "additionalProperties": False,
            },
        }
    },
}


def test_inlines_references_and_drops_openapi_keywords() -> None:
    name = {"type": "string", "enum": ["a", "b"]}
    assert plain_json_schema(MINI) == {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": name,
            "example": {"type": "integer"},
            "tags": {"type": "array", "items": name},
            "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "either": {"oneOf": [name, {"type": "integer"}]},
        },
        "additionalProperties": False,
    }


def test_leaves_its_input_alone() -> None:
    before = copy.deepcopy(MINI)
    plain_json_schema(MINI)
    assert before == MINI


def test_a_schema_without_a_reference_loses_only_the_components() -> None:
    schema = {"type": "object", "properties": {"n": {"$ref": "#/components/schemas/Name"}}}
    schema["components"] = MINI["components"]
    assert plain_json_schema(schema) == {
        "type": "object",
        "properties": {"n": {"type": "string", "enum": ["a", "b"]}},
    }


def test_refuses_a_recursive_schema() -> None:
    recursive = {
        "$ref": "#/components/schemas/Node",
        "components": {
            "schemas": {
                "Node": {
                    "type": "object",
                    "properties": {"next": {"$ref": "#/components/schemas/Node"}},
                }
            }
        },
    }
    with pytest.raises(ValueError, match="refers to itself"):
        plain_json_schema(recursive)


def test_refuses_a_remote_reference() -> None:
    with pytest.raises(ValueError, match="only local references"):
        plain_json_schema({"$ref": "https://example.com/schema.json"})


@pytest.mark.parametrize("name", ["Backend", "Error", "BadRequestError", "RequestValidation"])
def test_components_of_the_spec_become_self_contained(name: str) -> None:
    text = json.dumps(plain_json_schema(component_schema(SPEC, name)))
    assert '"$ref"' not in text
    assert '"example"' not in text
    assert '"components"' not in text


@pytest.mark.parametrize(
    ("status", "schema"), [(200, "Backend"), (400, "BadRequestError"), (404, "Error")]
)
def test_the_plain_schema_still_means_what_the_spec_says(status: int, schema: str) -> None:
    validator = Draft4Validator(plain_json_schema(component_schema(SPEC, schema)))
    for body in response_examples("getBackend", status).values():
        assert validator.is_valid(body), body
        assert not validator.is_valid({**body, "unexpected": 1}), "objects must stay closed"
        for name in required(schema):
            missing = {key: value for key, value in body.items() if key != name}
            assert not validator.is_valid(missing), f"{name} must stay required"
