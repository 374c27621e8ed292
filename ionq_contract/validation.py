"""Opt-in checking of every answer the generated client receives against openapi.yaml.

The generated client parses leniently and checks no types: a `qubits` of
`"25"` reaches the caller as a string, and a missing field surfaces as a bare
KeyError. Switch this on to be told instead, at the response, which operation
answered which status with which field wrong::

    from ionq_client import public_client
    from ionq_contract.validation import validate_response

    client = public_client(httpx_args={"event_hooks": {"response": [validate_response]}})

For `asyncio` calls use `validate_response_async`. The generated client hands
the same `httpx_args` to its sync and its async httpx client, so one that is
used both ways gets the async hook on its async side directly:
`client.get_async_httpx_client().event_hooks["response"] = [validate_response_async]`.

By default the contract is checked as written, closed objects and enums
included: right for tests against a server that should answer exactly the
spec. Against IonQ's service, which adds fields and values first, use
`ResponseValidator(lenient=True).hook`: it lets through what the generated
client tolerates (unknown properties, unknown string enum values) and still
flags wrong types, missing fields and values out of range.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker

from ionq_contract.operations import Operation, find_operation, read_operations
from ionq_contract.schema_errors import Kind, field_errors
from ionq_contract.spec import Spec, load_spec

BODY = "(body)"
"""The `field` of a problem with the body as a whole (not JSON, not an object)."""
STATUS = "(status)"
"""The `field` of a status the operation does not document."""
CONTENT_TYPE = "(Content-Type)"
"""The `field` of a media type the response does not document."""
REQUEST = "(request)"
"""The `field` when no operation of the spec matches the request at all."""


@dataclass(frozen=True)
class Problem:
    """One way a response breaks the contract."""

    field: str
    """Dotted path into the body (`validation.keys[0]`), or BODY, STATUS, CONTENT_TYPE, REQUEST."""
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class ContractViolation(Exception):  # noqa: N818 - named for what it reports, as the issue asks
    """A response that openapi.yaml does not allow.

    `operation` is the operationId (None when no operation matches the
    request), `status` the HTTP status, `field` the first failing field and
    `problems` all of them.
    """

    def __init__(
        self, *, operation: str | None, request: str, status: int, problems: Iterable[Problem]
    ) -> None:
        self.operation = operation
        self.request = request
        self.status = status
        self.problems = tuple(problems)
        listed = "; ".join(str(problem) for problem in self.problems)
        super().__init__(
            f"{operation or 'unknown operation'} ({request}) answered {status}, "
            f"which breaks openapi.yaml: {listed}"
        )

    @property
    def field(self) -> str:
        """The first failing field: what a caller usually wants to see."""
        return self.problems[0].field


def _render(path: Iterable[Any]) -> str:
    """`["validation", "keys", 0]` as `validation.keys[0]`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or BODY


# How the client words each kind of field error (ionq_contract.schema_errors).
_REASONS = {
    Kind.MISSING: "required, but missing",
    Kind.UNDOCUMENTED: "not in openapi.yaml, whose object here is closed",
}


def _describe(error: Any) -> list[Problem]:
    """Problems of one jsonschema error, named by the field at fault."""
    return [
        Problem(_render(found.path), _REASONS.get(found.kind, found.message))
        for found in field_errors(error)
    ]


def _tolerated(error: Any) -> bool:
    """What the generated client copes with: extra properties, unknown string enum values."""
    return error.validator == "additionalProperties" or (
        error.validator == "enum" and isinstance(error.instance, str)
    )


def _media_type(response: httpx.Response) -> str:
    header = str(response.headers.get("content-type", ""))
    return header.split(";", 1)[0].strip().lower()


def _documented(content: Mapping[str, Any], media_type: str) -> str | None:
    """The key of `content` that covers `media_type`: exact, `type/*`, then `*/*`."""
    family = media_type.split("/", 1)[0]
    for key in (media_type, f"{family}/*", "*/*"):
        if media_type and key in content:
            return key
    return None


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


class ResponseValidator:
    """Checks responses against a spec; build one and reuse it.

    All schema validators are built here, once, so that checking a response
    costs a lookup and a validation, never a parse of the spec.
    """

    def __init__(self, spec: Spec | None = None, *, lenient: bool = False) -> None:
        self.spec: Spec = load_spec() if spec is None else spec
        self.lenient = lenient
        self._operations = read_operations(self.spec)
        components = self.spec.get("components", {})
        self._validators: dict[tuple[str, str, str], Any] = {
            (operation.operation_id, status, media_type): OAS30ReadValidator(
                # The components ride along so that `#/components/...` refs resolve.
                {**entry["schema"], "components": components},
                # Formats are only checked when asked for; `last_updated` that is no
                # date-time is what makes the generated client fail, far from the cause.
                format_checker=oas30_format_checker,
            )
            for operation in self._operations
            for status, response in operation.responses.items()
            for media_type, entry in response.get("content", {}).items()
            if "schema" in entry
        }

    def check(self, response: httpx.Response) -> None:
        """Raise ContractViolation unless `response` (already read) is one the spec allows."""
        request = response.request
        raw_path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
        operation = find_operation(self._operations, request.method, raw_path)

        def violation(*problems: Problem) -> ContractViolation:
            return ContractViolation(
                operation=operation.operation_id if operation else None,
                request=f"{request.method} {request.url}",
                status=response.status_code,
                problems=problems,
            )

        if operation is None:
            raise violation(Problem(REQUEST, "no operation of openapi.yaml matches it"))
        key = operation.response_key(response.status_code)
        if key is None:
            if self.lenient:
                return
            documented = ", ".join(operation.responses)
            raise violation(
                Problem(STATUS, f"not documented for this operation (documented: {documented})")
            )
        problems = self._body_problems(operation, key, response)
        if problems:
            raise violation(*problems)

    def _body_problems(
        self, operation: Operation, key: str, response: httpx.Response
    ) -> list[Problem]:
        content = operation.responses[key].get("content", {})
        if not content:
            return []
        media_type = _media_type(response)
        documented = _documented(content, media_type)
        if documented is None:
            return [
                Problem(
                    CONTENT_TYPE,
                    f"{media_type or 'none'} is not documented (documented: {', '.join(content)})",
                )
            ]
        validator = self._validators.get((operation.operation_id, key, documented))
        if validator is None or not _is_json(media_type):
            return []
        try:
            body = json.loads(response.content)
        except ValueError:
            return [Problem(BODY, f"not JSON, although the Content-Type is {media_type}")]
        errors = (e for e in validator.iter_errors(body) if not (self.lenient and _tolerated(e)))
        found = {problem for error in errors for problem in _describe(error)}
        return sorted(found, key=lambda problem: (problem.field, problem.reason))

    def hook(self, response: httpx.Response) -> None:
        """httpx response event hook for `httpx.Client`: reads the body, then checks."""
        response.read()
        self.check(response)

    async def async_hook(self, response: httpx.Response) -> None:
        """httpx response event hook for `httpx.AsyncClient`."""
        await response.aread()
        self.check(response)


@functools.cache
def default_validator() -> ResponseValidator:
    """The strict validator of the packaged spec, built on first use and then kept."""
    return ResponseValidator()


def validate_response(response: httpx.Response) -> None:
    """Event hook for sync clients: raise ContractViolation for an answer the spec forbids."""
    default_validator().hook(response)


async def validate_response_async(response: httpx.Response) -> None:
    """Event hook for async clients, otherwise as `validate_response`."""
    await default_validator().async_hook(response)
