"""Hypothesis strategies for JSON bodies that follow a schema of openapi.yaml.

`bodies("Backend")` draws what a server keeping to the contract may send;
`open_objects=True` draws from the client's lenient copy of the schema
(codegen/client_spec.py), in which every object also carries properties the
spec does not know: what a newer IonQ sends.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from codegen.client_spec import open_objects as open_all_objects
from contract_tests import hypothesis_jsonschema_compat
from contract_tests.client.contract import plain_schema

hypothesis_jsonschema_compat.install()

from hypothesis_jsonschema import from_schema  # noqa: E402 - needs the compat shim first


def bodies(schema_name: str, *, open_objects: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    schema = plain_schema(schema_name)
    if open_objects:
        schema = open_all_objects(schema)
    return from_schema(schema).map(_as_object)


def _as_object(body: object) -> dict[str, Any]:
    assert isinstance(body, dict), f"an object schema gave {body!r}"
    return body
