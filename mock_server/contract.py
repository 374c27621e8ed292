"""What the fake needs from openapi.yaml, read once when an app is created.

The fake never looks at the description while it serves a request:
`read_operations` turns it into small immutable records first, with every
`$ref` already inlined, so that the request path only touches precompiled
data. Everything here is a pure function of the parsed description.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ionq_contract.spec import HTTP_METHODS, Spec, SpecError, inline_refs

__all__ = [
    "HTTP_METHODS",
    "DocumentedResponse",
    "Operation",
    "Parameter",
    "SpecError",
    "inline_refs",
    "read_operations",
]

JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True, slots=True)
class Parameter:
    """One documented request parameter, with its schema's `$ref`s inlined."""

    name: str
    location: str  # path, query, header or cookie, as in the description
    required: bool
    schema: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class DocumentedResponse:
    """A status an operation documents, with its named JSON examples in spec order."""

    status: int
    examples: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the description, as the fake routes and validates it."""

    operation_id: str
    method: str  # upper case, as HTTP sends it
    path: str  # the template of the description, e.g. /backends/{backend}
    parameters: tuple[Parameter, ...]
    body_schema: Mapping[str, Any] | None
    body_required: bool
    responses: Mapping[int, DocumentedResponse]
    secured: bool = False  # its effective `security` asks for credentials

    @property
    def success_status(self) -> int:
        """The lowest documented 2xx status: what a request gets when all goes well."""
        return min(status for status in self.responses if 200 <= status < 300)


def read_operations(spec: Spec) -> tuple[Operation, ...]:
    """Every operation of the description, in the order it lists them."""
    operations = []
    default_security = spec.get("security", [])
    for path, path_item in spec.get("paths", {}).items():
        item = inline_refs(path_item, spec)
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method in item:
                operations.append(_operation(path, method, item[method], shared, default_security))
    return tuple(operations)


def _operation(
    path: str,
    method: str,
    raw: Mapping[str, Any],
    shared: list[Mapping[str, Any]],
    default_security: list[Mapping[str, Any]],
) -> Operation:
    label = f"{method.upper()} {path}"
    operation_id = raw.get("operationId")
    if not operation_id:
        raise SpecError(f"{label} has no operationId, which the fake needs to find its handler")
    body_schema, body_required = _request_body(raw.get("requestBody"), label)
    return Operation(
        operation_id=operation_id,
        method=method.upper(),
        path=path,
        parameters=_parameters(shared, raw.get("parameters", []), label),
        body_schema=body_schema,
        body_required=body_required,
        responses=MappingProxyType(_responses(raw.get("responses", {}))),
        secured=_needs_credentials(raw.get("security", default_security)),
    )


def _needs_credentials(requirements: list[Mapping[str, Any]]) -> bool:
    # `[]`, or a `{}` among the alternatives, means no credentials are needed.
    return bool(requirements) and all(requirements)


def _parameters(
    shared: list[Mapping[str, Any]], own: list[Mapping[str, Any]], label: str
) -> tuple[Parameter, ...]:
    # Operation-level parameters override path-level ones of the same name and place.
    merged = {(p["name"], p["in"]): p for p in shared}
    merged.update({(p["name"], p["in"]): p for p in own})
    parameters = []
    for (name, location), raw in merged.items():
        if "schema" not in raw:
            raise SpecError(f"{label}: parameter {name!r} has no schema (content is not supported)")
        parameters.append(
            Parameter(
                name=name,
                location=location,
                required=bool(raw.get("required", location == "path")),
                schema=MappingProxyType(dict(raw["schema"])),
            )
        )
    return tuple(parameters)


def _request_body(
    raw: Mapping[str, Any] | None, label: str
) -> tuple[Mapping[str, Any] | None, bool]:
    if raw is None:
        return None, False
    content = raw.get("content", {})
    if JSON_MEDIA_TYPE not in content:
        raise SpecError(f"{label}: only {JSON_MEDIA_TYPE} request bodies are supported")
    schema = content[JSON_MEDIA_TYPE].get("schema", {})
    return MappingProxyType(dict(schema)), bool(raw.get("required", False))


def _responses(raw: Mapping[str, Any]) -> dict[int, DocumentedResponse]:
    # Only exact statuses can be answered; ranges ("4XX") and "default" have no single code.
    responses = {}
    for key, response in raw.items():
        if not str(key).isdigit():
            continue
        media = response.get("content", {}).get(JSON_MEDIA_TYPE, {})
        examples = {
            name: example["value"]
            for name, example in media.get("examples", {}).items()
            if "value" in example  # an externalValue is a URL the fake will not fetch
        }
        if not examples and "example" in media:
            examples = {"example": media["example"]}
        responses[int(key)] = DocumentedResponse(
            status=int(key), examples=MappingProxyType(examples)
        )
    return responses
