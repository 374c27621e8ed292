"""`Prefer` scenarios: answer a documented response instead of the stored state.

Compatible with Stoplight Prism, so that tests written against Prism keep
working: `Prefer: code=404` answers that status's documented example,
`Prefer: example=degraded` a named example of the success response, and
`Prefer: code=400, example=invalidBackend` both. The examples are the ones
in openapi.yaml; a field named like a path parameter (`backend`) is set to
the value of the request, so a response never contradicts its URL. Anything
openapi.yaml does not document is refused with a 400 that lists the choices.

Two more preferences inject faults into one request (mock_server/controls/faults.py
has the rules that do it for many): `delay=<ms>` answers that much later,
and `drop` cuts the connection after the headers. They combine with the
others: `Prefer: delay=2000, code=503` is a slow 503.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Response, request

from ionq_contract.operations import Operation
from mock_server.controls.faults import DROP, retry_after_headers
from mock_server.controls.interruptions import pause
from mock_server.wire import notes
from mock_server.wire.errors import rejection_response
from mock_server.wire.rejections import SOURCES, Rejection, whole_number
from mock_server.wire.responses import encode, json_response

PREFER_HEADER = "Prefer"
PREFERENCES = ("code", "example", "delay")
MAX_DELAY_MS = 60_000
_CHOICES = "use code=<status>, example=<name>, delay=<ms> and/or drop"


@dataclass(frozen=True, slots=True)
class Preference:
    """What a `Prefer` header asks for; None where it does not say."""

    code: int | None = None
    example: str | None = None
    delay_ms: int | None = None  # answer this much later
    drop: bool = False  # cut the connection after the headers

    @property
    def picks_a_response(self) -> bool:
        """Whether a documented response answers instead of the handler."""
        return self.code is not None or self.example is not None


class ScenarioError(ValueError):
    """A `Prefer` header the fake cannot honour, with a message listing the choices."""

    def rejection(self) -> Rejection:
        """The 400 body part that names the header as the culprit."""
        return Rejection(keys=(PREFER_HEADER,), source=SOURCES["header"], message=str(self))


def parse_prefer(header: str) -> Preference:
    """Read `code=404, example=notFound, delay=500, drop` (`,` or `;` between
    preferences, values may be quoted)."""
    values: dict[str, str] = {}
    for token in header.replace(";", ",").split(","):
        token = token.strip()  # noqa: PLW2901 - the stripped token is the token
        if not token:
            continue
        name, equals, value = token.partition("=")
        name = name.strip().lower()
        if name == DROP and not equals:
            value = "true"
        elif not equals or name not in PREFERENCES:
            raise ScenarioError(f"Prefer {token!r} is not supported; {_CHOICES}")
        if name in values:
            raise ScenarioError(f"Prefer names {name} more than once")
        values[name] = value.strip().strip('"')
    code_text = values.get("code")
    code = whole_number(code_text) if code_text is not None else None
    if code_text is not None and code is None:
        raise ScenarioError(f"Prefer code must be an HTTP status, not {code_text!r}")
    delay_text = values.get("delay")
    delay = whole_number(delay_text) if delay_text is not None else None
    if delay_text is not None and (delay is None or delay > MAX_DELAY_MS):
        raise ScenarioError(
            f"Prefer delay must be a whole number of milliseconds up to {MAX_DELAY_MS}, "
            f"not {delay_text!r}"
        )
    return Preference(
        code=code,
        example=values.get("example"),
        delay_ms=delay,
        drop=DROP in values,
    )


def scenario_response(
    operation: Operation, prefer: str, path_values: Mapping[str, str]
) -> Response | None:
    """The answer a `Prefer` header asks for: a documented response (after a
    delay, or cut off by `drop`), a 400 listing the choices, or None when the
    handler answers (possibly delayed or cut off too)."""
    try:
        preference = parse_prefer(prefer)
        if preference == Preference():
            return None
        picked = documented_response(operation, preference, path_values)
    except ScenarioError as exc:
        return rejection_response(exc.rejection())
    environ = request.environ
    notes.note_scenario(environ, f"Prefer: {prefer.strip()}")
    if preference.delay_ms:
        timed_out = pause(preference.delay_ms / 1000, environ)
        if timed_out is not None:
            return timed_out
    if preference.drop:
        notes.note_drop(environ, "Prefer: drop")
    if picked is None:
        return None
    status, body = picked
    return json_response(encode(body), status, retry_after_headers(status))


def is_pure(prefer: str) -> bool:
    """Whether the answer to this `Prefer` is a function of the request alone.

    A documented example (`code=`, `example=`) or the 400 of a header the
    fake cannot honour is; a `delay=` (it sleeps) or a `drop` (it cuts the
    connection) is not, so the fast path never keeps what they answer.
    """
    try:
        preference = parse_prefer(prefer)
    except ScenarioError:
        return True
    return preference.delay_ms is None and not preference.drop


def documented_response(
    operation: Operation, preference: Preference, path_values: Mapping[str, str]
) -> tuple[int, Any] | None:
    """The status and body openapi.yaml documents for this preference; None
    when it picks none (only `delay` or `drop`)."""
    if not preference.picks_a_response:
        return None
    documented = {status: operation.examples(status) for status in operation.statuses}
    choices = {status: examples for status, examples in documented.items() if examples}
    status = operation.success_status if preference.code is None else preference.code
    if status not in choices:
        listed = ", ".join(str(code) for code in sorted(choices))
        raise ScenarioError(
            f"Prefer code={status} is not documented for {operation.operation_id}; "
            f"choose one of [{listed}]"
        )
    examples = choices[status]
    name = preference.example if preference.example is not None else next(iter(examples))
    if name not in examples:
        listed = ", ".join(examples)
        raise ScenarioError(
            f"Prefer example={name} is not documented for status {status} of "
            f"{operation.operation_id}; choose one of [{listed}]"
        )
    return status, with_path_values(examples[name], path_values)


def with_path_values(example: Any, path_values: Mapping[str, str]) -> Any:
    """The example with each top-level field named like a path parameter set from the URL."""
    if not isinstance(example, Mapping):
        return example
    overrides = {name: value for name, value in path_values.items() if name in example}
    return {**example, **overrides} if overrides else example
