"""Turn a schema of openapi.yaml into plain JSON Schema that generic tools accept.

OpenAPI 3.0 schemas are almost JSON Schema (draft 4), but not quite: they
point into `#/components/...` with `$ref`, and carry keywords of their own
(`example`, `nullable`, ...). Tools such as hypothesis-jsonschema know none of
that. `plain_json_schema` inlines every reference and translates or drops the
OpenAPI-only keywords, walking only where schemas can be, so that a property
that happens to be *named* `example` survives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OPENAPI_ONLY = frozenset(
    {"example", "externalDocs", "xml", "discriminator", "readOnly", "writeOnly", "deprecated"}
)
"""Annotations of OpenAPI 3.0 that constrain nothing a JSON Schema tool should check."""

_NAMED_SCHEMAS = ("properties", "patternProperties")  # name -> schema
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")  # [schema, ...]
_ONE_SCHEMA = ("not", "items", "additionalProperties")  # schema (or a boolean)


def _resolve(root: Mapping[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references can be inlined, not {ref!r}")
    node: Any = root
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def _plain(root: Mapping[str, Any], node: Any, trail: tuple[str, ...]) -> Any:
    if not isinstance(node, Mapping):
        return node  # `additionalProperties: true/false`
    if "$ref" in node:
        # OpenAPI 3.0 ignores the siblings of a $ref; so does the inlined copy.
        ref = str(node["$ref"])
        if ref in trail:
            raise ValueError(f"{ref} refers to itself; a recursive schema cannot be inlined")
        return _plain(root, _resolve(root, ref), (*trail, ref))
    plain: dict[str, Any] = {}
    for key, value in node.items():
        if key in OPENAPI_ONLY or key == "nullable":
            continue
        if key in _NAMED_SCHEMAS:
            plain[key] = {name: _plain(root, schema, trail) for name, schema in value.items()}
        elif key in _SCHEMA_LISTS:
            plain[key] = [_plain(root, schema, trail) for schema in value]
        elif key in _ONE_SCHEMA:
            plain[key] = _plain(root, value, trail)
        else:
            plain[key] = value
    if node.get("nullable") is True:
        return {"anyOf": [plain, {"type": "null"}]}
    return plain


def plain_json_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A self-contained JSON Schema equivalent to `schema`, which must not be recursive.

    `schema` is resolved against itself: pass what
    `ionq_contract.spec.component_schema` returns (a `$ref` plus the spec's
    `components`), or any schema whose references point into itself. The
    input is not changed.
    """
    # The root's `components` are the definitions refs point to, not a constraint.
    body = {key: value for key, value in schema.items() if key != "components"}
    plain = _plain(schema, body, ())
    if not isinstance(plain, dict):
        raise TypeError(f"a schema object was expected, not {plain!r}")
    return plain
