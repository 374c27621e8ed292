"""Which operation of openapi.yaml a request was, and what it may answer.

Response validation starts from a request that has been sent: a method and a
URL. This module turns the spec's `paths` into a lookup from those to the
operation and its documented responses, with `$ref`s to
`components/responses` already followed, so that the validation never walks
the raw description.

Requests are matched on the end of their path. Clients are pointed at
IonQ's service, at the fake, at proxies and at test doubles, whose base URLs
differ; the part of the path the spec describes does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ionq_contract.spec import HTTP_METHODS, Spec, SpecError, resolve_pointer

_PARAMETER = re.compile(r"\{([^{}/]+)\}")


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: where it lives and what it may answer."""

    operation_id: str
    method: str
    """Upper case, as on the wire."""
    path: str
    """The template of openapi.yaml, relative to the server URL: `/backends/{backend}`."""
    responses: Mapping[str, Mapping[str, Any]]
    """Status key (`"200"`, `"4XX"`, `"default"`) to the response object, refs followed."""
    pattern: re.Pattern[str] = field(repr=False, compare=False)
    """Matches a raw (still percent-encoded) URL path that ends with this template."""

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


def _path_pattern(template: str) -> re.Pattern[str]:
    """A pattern matching any path that ends with `template`, one segment per parameter."""
    parts = _PARAMETER.split(template)
    # split() alternates literal text and parameter names: even indexes are literal.
    regex = "".join(
        re.escape(part) if index % 2 == 0 else "[^/]+" for index, part in enumerate(parts)
    )
    return re.compile(f".*{regex}/?")


def _follow(spec: Spec, node: Mapping[str, Any]) -> Mapping[str, Any]:
    """`node`, or the object its local `$ref` points at (refs to refs included)."""
    seen: set[str] = set()
    while "$ref" in node:
        ref = str(node["$ref"])
        if ref in seen:
            raise SpecError(f"$ref cycle through {ref!r}")
        seen.add(ref)
        node = resolve_pointer(spec, ref)
    return node


def operations(spec: Spec) -> tuple[Operation, ...]:
    """Every operation of the spec, in the order of `paths`."""
    found: list[Operation] = []
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            found.append(
                Operation(
                    operation_id=str(operation.get("operationId", f"{method.upper()} {path}")),
                    method=method.upper(),
                    path=path,
                    responses={
                        str(status): _follow(spec, response)
                        for status, response in operation.get("responses", {}).items()
                    },
                    pattern=_path_pattern(path),
                )
            )
    return tuple(found)


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
