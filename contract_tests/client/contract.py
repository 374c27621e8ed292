"""What the client tests expect, read straight from openapi.yaml.

Expected values come from the spec, never from the code under test, so a
client that drifts from the contract fails. This module walks the raw
description on its own (it does not use ionq_contract.operations, which the
validation layer under test is built on).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from contract_tests.json_schema import plain_json_schema
from ionq_contract.spec import component_schema, load_spec

SPEC = load_spec()
GET_BACKEND = "getBackend"


def operation(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """(method, path template, operation object) of the operation with this id."""
    for path, item in SPEC["paths"].items():
        for method, candidate in item.items():
            if isinstance(candidate, dict) and candidate.get("operationId") == operation_id:
                return method, path, candidate
    raise LookupError(f"openapi.yaml has no operation {operation_id!r}")


def follow(node: dict[str, Any]) -> dict[str, Any]:
    """`node`, or what its local `$ref` points at."""
    while "$ref" in node:
        target: Any = SPEC
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target[token]
        node = target
    return node


def documented_statuses(operation_id: str) -> list[int]:
    return [int(status) for status in operation(operation_id)[2]["responses"]]


def response_schema_name(operation_id: str, status: int) -> str:
    """The component name of the JSON body documented for `status` (e.g. `Backend`)."""
    response = follow(operation(operation_id)[2]["responses"][str(status)])
    ref: str = response["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[1]


def response_examples(operation_id: str, status: int) -> dict[str, Any]:
    """Name to body of every example the spec gives for `status`."""
    response = follow(operation(operation_id)[2]["responses"][str(status)])
    examples = response["content"]["application/json"]["examples"]
    return {name: example["value"] for name, example in examples.items()}


def media_types(operation_id: str) -> set[str]:
    """Every media type any documented response of the operation can have."""
    return {
        media_type
        for response in operation(operation_id)[2]["responses"].values()
        for media_type in follow(response).get("content", {})
    }


def enum(schema_name: str) -> list[str]:
    return list(SPEC["components"]["schemas"][schema_name]["enum"])


def required(schema_name: str) -> list[str]:
    return list(SPEC["components"]["schemas"][schema_name]["required"])


def date_time_fields(schema_name: str) -> set[str]:
    properties = SPEC["components"]["schemas"][schema_name]["properties"]
    return {name for name, schema in properties.items() if schema.get("format") == "date-time"}


def plain_schema(schema_name: str) -> dict[str, Any]:
    """The component as plain JSON Schema, closed objects and all."""
    return plain_json_schema(component_schema(SPEC, schema_name))


def server_urls() -> list[str]:
    """Every server of the spec, variables at their defaults."""
    urls = []
    for server in SPEC["servers"]:
        url: str = server["url"]
        for name, variable in server.get("variables", {}).items():
            url = url.replace("{" + name + "}", str(variable["default"]))
        urls.append(url)
    return urls


def base_path(url: str) -> str:
    return urlsplit(url).path.rstrip("/")


def auth_header_name() -> str:
    scheme = SPEC["components"]["securitySchemes"]["apiKeyAuth"]
    assert scheme["in"] == "header"
    return str(scheme["name"])
