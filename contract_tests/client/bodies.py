"""Hypothesis strategies for JSON bodies that follow a schema of openapi.yaml.

`bodies("Backend")` draws what a server keeping to the contract may send;
`open_objects=True` draws from the client's lenient copy of the schema
(codegen/client_spec.py), in which every object also carries properties the
spec does not know: what a newer IonQ sends. hypothesis-jsonschema does
not know the `uuid` format the job schemas use, so it is taught here: ids
must be real UUIDs, which the client parses.

Every `oneOf` of the spec chooses between branches no value can match
twice (an integer or a string; a payload of one `type` or the other:
test_job_models.py checks it), so it means the same as `anyOf`, which
hypothesis-jsonschema draws from directly instead of filtering every draw
through a validator. Bodies are drawn from the `anyOf` form.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from codegen.client_spec import open_objects as open_all_objects
from contract_tests import hypothesis_jsonschema_compat
from contract_tests.client.contract import plain_schema

hypothesis_jsonschema_compat.install()

from hypothesis_jsonschema import from_schema  # noqa: E402 - needs the compat shim first

FORMATS = {"uuid": st.uuids().map(str)}


def bodies(schema_name: str, *, open_objects: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    schema = plain_schema(schema_name)
    if open_objects:
        schema = open_all_objects(schema)
    return from_schema(one_of_as_any_of(schema), custom_formats=FORMATS).map(_as_object)


def one_of_as_any_of(node: Any) -> Any:
    """A copy of a plain JSON Schema with every `oneOf` spelled `anyOf`."""
    if isinstance(node, dict):
        return {
            ("anyOf" if key == "oneOf" else key): one_of_as_any_of(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [one_of_as_any_of(item) for item in node]
    return node


def _as_object(body: object) -> dict[str, Any]:
    assert isinstance(body, dict), f"an object schema gave {body!r}"
    return body
