"""The operations of openapi.yaml as small immutable records: the one reader of `paths`.

Both sides of the contract start here. The fake (mock_server) routes,
validates, authenticates and answers scenarios and faults from these
records; the response validation (ionq_contract.validation) finds the
operation a sent request was and the responses it may get. Reading the
description once, with every local `$ref` inlined, means neither side ever
walks the raw document while it serves or checks a request, and both agree
on what an operation is.

Requests are matched on the end of their path: clients are pointed at
IonQ's service, at the fake, at proxies and at test doubles, whose base URLs
differ; the part of the path the spec describes does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ionq_contract.spec import HTTP_METHODS, Spec, SpecError, inline_refs

__all__ = [
    "JSON_MEDIA_TYPE",
    "Operation",
    "Parameter",
    "find_operation",
    "read_operations",
]

JSON_MEDIA_TYPE = "application/json"

_PARAMETER = re.compile(r"\{([^{}/]+)\}")


@dataclass(frozen=True, slots=True)
class Parameter:
    """One documented request parameter, with its schema's `$ref`s inlined."""

    name: str
    location: str  # path, query, header or cookie, as in the description
    required: bool
    schema: Mapping[str, Any]
    style: str | None = None  # the serialization the description asks for, if any
    explode: bool | None = None


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the description: where it lives, what it takes, what it may answer."""

    operation_id: str
    """The operationId, or `GET /path` for an operation the description leaves unnamed."""
    method: str
    """Upper case, as on the wire."""
    path: str
    """The template of openapi.yaml, relative to the server URL: `/backends/{backend}`."""
    parameters: tuple[Parameter, ...]
    body_schema: Mapping[str, Any] | None
    body_required: bool
    responses: Mapping[str, Mapping[str, Any]]
    """Status key (`"200"`, `"4XX"`, `"default"`) to the response object, refs inlined."""
    secured: bool = False
    """Its effective `security` asks for credentials."""
    named: bool = True
    """The description gives it an operationId (the fake needs one to find its handler)."""
    pattern: re.Pattern[str] = field(default=re.compile(""), repr=False, compare=False)
    """Matches a raw (still percent-encoded) URL path that ends with this template."""

    @property
    def label(self) -> str:
        """`GET /backends/{backend}`: how messages name the operation."""
        return f"{self.method} {self.path}"

    @property
    def statuses(self) -> tuple[int, ...]:
        """The exact statuses documented (ranges and `default` have no single code)."""
        return tuple(sorted(int(key) for key in self.responses if key.isdigit()))

    @property
    def success_status(self) -> int:
        """The lowest documented 2xx status: what a request gets when all goes well."""
        return min(status for status in self.statuses if 200 <= status < 300)

    def examples(self, status: int) -> Mapping[str, Any]:
        """The named JSON examples documented for `status`, in spec order.

        An `externalValue` is a URL the fake will not fetch, so it is left out;
        a lone `example` counts as one named `example`.
        """
        response = self.responses.get(str(status), {})
        media = response.get("content", {}).get(JSON_MEDIA_TYPE, {})
        examples = {
            name: example["value"]
            for name, example in media.get("examples", {}).items()
            if "value" in example
        }
        if not examples and "example" in media:
            examples = {"example": media["example"]}
        return MappingProxyType(examples)

    def response_key(self, status: int) -> str | None:
        """The key documenting `status`: exact, then range (`4XX`), then `default`."""
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in self.responses:
                return key
        return None

    @property
    def literal_length(self) -> int:
        """How much of the template is fixed text, to prefer `/a/b` over `/a/{x}`."""
        return len(_PARAMETER.sub("", self.path))


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


def find_operation(
    candidates: tuple[Operation, ...], method: str, raw_path: str
) -> Operation | None:
    """The operation a request was, from its method and raw path (no query string).

    When several templates match, the one with the most fixed text wins.
    """
    matches = [
        operation
        for operation in candidates
        if operation.method == method.upper() and operation.pattern.fullmatch(raw_path)
    ]
    return max(matches, key=lambda operation: operation.literal_length, default=None)


def _operation(
    path: str,
    method: str,
    raw: Mapping[str, Any],
    shared: list[Mapping[str, Any]],
    default_security: list[Mapping[str, Any]],
) -> Operation:
    label = f"{method.upper()} {path}"
    operation_id = raw.get("operationId")
    body_schema, body_required = _request_body(raw.get("requestBody"), label)
    return Operation(
        operation_id=str(operation_id) if operation_id else label,
        method=method.upper(),
        path=path,
        parameters=_parameters(shared, raw.get("parameters", []), label),
        body_schema=body_schema,
        body_required=body_required,
        responses=MappingProxyType(
            {str(status): response for status, response in raw.get("responses", {}).items()}
        ),
        secured=_needs_credentials(raw.get("security", default_security)),
        named=bool(operation_id),
        pattern=_path_pattern(path),
    )


def _path_pattern(template: str) -> re.Pattern[str]:
    """A pattern matching any path that ends with `template`, one segment per parameter."""
    parts = _PARAMETER.split(template)
    # split() alternates literal text and parameter names: even indexes are literal.
    regex = "".join(
        re.escape(part) if index % 2 == 0 else "[^/]+" for index, part in enumerate(parts)
    )
    return re.compile(f".*{regex}/?")


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
                style=raw.get("style"),
                explode=raw.get("explode"),
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
