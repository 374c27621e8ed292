"""Request validation against openapi.yaml, compiled once per operation.

Every schema becomes an `OAS30Validator` when the app is created, never while
a request is served: a valid request costs one `is_valid` call per parameter,
and the slower error reporting only runs for what is refused. A body is
checked by jsonschema-rs first (mock_server/wire/compiled.py): a 10 MB job
is accepted in tens of milliseconds, and jsonschema only says why a body is
refused, at most 20 reasons of it (mock_server/wire/rejections.py). A parameter
whose schema is a plain string enum (the backend name) is checked by set
membership instead, which is exactly what the schema means at a tenth of the
cost: `is_valid` was the largest share of the fake's own time in the profile
of `python -m bench.profile`. Messages follow IonQ's wording (`"backend"
must be one of [...]`), because SDKs and people compare them with what the
real service says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from flask import Request
from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]
from openapi_schema_validator import OAS30Validator

from ionq_contract.operations import Operation, Parameter
from ionq_contract.spec import SpecError
from mock_server.wire.compiled import CheckCache
from mock_server.wire.rejections import (
    SOURCES,
    Rejection,
    field_problems,
    new_validator,
    request_document,
)


class _Values(Protocol):
    """Query arguments or headers: whatever can look a parameter up by name."""

    def get(self, key: str) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


# A parameter's value as it came: one text, or the texts of an array parameter.
Text = str | tuple[str, ...]


# Keywords that describe a schema without constraining what it accepts.
_ANNOTATIONS = frozenset(
    {"description", "example", "title", "default", "deprecated", "externalDocs"}
)


def _string_enum(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """The allowed values when `schema` is exactly a string enum, else None.

    Only then is membership the whole of what the schema asks; any other
    keyword (a format, a pattern, `nullable`, an extension) leaves the check
    to the validator.
    """
    constraints = {key for key in schema if key not in _ANNOTATIONS}
    enum = schema.get("enum")
    if constraints != {"type", "enum"} or schema.get("type") != "string":
        return None
    if not isinstance(enum, list) or not all(isinstance(value, str) for value in enum):
        return None
    return frozenset(enum)


def _coercer(parameter: Parameter, label: str) -> Callable[[Any], Any] | None:
    """How a parameter's text on the wire becomes the value its schema describes."""
    kind = parameter.schema.get("type")
    if kind == "array":
        items = Parameter(
            parameter.name, parameter.location, False, parameter.schema.get("items", {})
        )
        item = _coercer(items, label)
        if items.schema.get("type") == "array":
            raise SpecError(f"{label}: parameter {parameter.name!r} is an array of arrays")
        return (lambda texts: [item(text) for text in texts]) if item else list
    if kind in (None, "string"):
        return None  # already the right type: nothing to do on the hot path
    if kind == "integer":
        return int
    if kind == "number":
        return float
    if kind == "boolean":
        return _boolean
    raise SpecError(f"{label}: parameter {parameter.name!r} of type {kind} is not supported")


# How a message names the type a parameter's text failed to parse as.
_KINDS = {"integer": "an integer", "number": "a number", "boolean": "true or false"}


def _boolean(text: str) -> bool:
    # Case-insensitive: qiskit-ionq, cirq-ionq and pennylane-ionq send Python's
    # `True`/`False` (openapi.yaml's `sharpen` says so), httpx `true`/`false`.
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise ValueError(text)


# How many distinct values of one parameter keep their verdict, and how long
# one may be (see _CompiledParameter): at most about 256 KiB per parameter.
_VERDICTS_KEPT = 1024
_LONGEST_KEPT = 256


@dataclass(frozen=True, slots=True)
class _CompiledParameter:
    name: str
    required: bool
    validator: OAS30Validator
    coerce: Callable[[Any], Any] | None
    source: str
    # An array: its texts are the repeated parameter (explode) or one comma-separated value.
    many: bool = False
    explode: bool = True
    # The schema's values when it is a plain string enum (see _string_enum).
    allowed: frozenset[str] | None = None
    # Verdicts already reached, by text: the schema never changes, so neither
    # does the verdict, and clients repeat the same values (and the same
    # mistakes) over and over. Bounded, so odd values cannot grow it forever.
    verdicts: dict[Text, Rejection | None] = field(default_factory=dict)

    def texts(self, values: _Values) -> Text | None:
        """The parameter's value in `values`, None when it is absent."""
        if not self.many:
            return values.get(self.name)
        found = values.getlist(self.name)
        if not self.explode:
            found = [part for text in found for part in text.split(",")]
        return tuple(found) if found else None

    def check(self, text: Text) -> Rejection | None:
        if self.allowed is not None and text in self.allowed:
            return None
        try:
            return self.verdicts[text]
        except KeyError:
            pass
        verdict = self._judge(text)
        if len(self.verdicts) < _VERDICTS_KEPT and len(text) <= _LONGEST_KEPT:
            self.verdicts[text] = verdict
        return verdict

    def _judge(self, text: Text) -> Rejection | None:
        value: Any = text
        if self.coerce is not None:
            try:
                value = self.coerce(text)
            except ValueError:
                kind = _KINDS.get(self.validator.schema.get("type"), "valid")
                return self.reject(f'"{self.name}" must be {kind}')
        if self.validator.is_valid(value):
            return None
        return self.reject(
            _parameter_message(self.name, best_match(self.validator.iter_errors(value)))
        )

    def reject(self, message: str) -> Rejection:
        return Rejection(keys=(self.name,), source=self.source, message=message)


def _parameter_message(name: str, error: ValidationError | None) -> str:
    if error is not None and error.validator == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return f'"{name}" must be one of [{choices}]'
    return f'"{name}" {error.message if error is not None else "is invalid"}'


# The compiled body checks, made when an operation's first body arrives.
_BODY_CHECKS = CheckCache()


class RequestValidator:
    """The checks openapi.yaml asks of one operation's requests, precompiled."""

    __slots__ = ("_body", "_body_required", "_headers", "_path", "_query")

    def __init__(self, operation: Operation) -> None:
        label = f"{operation.method} {operation.path}"
        compiled: dict[str, list[_CompiledParameter]] = {"path": [], "query": [], "header": []}
        for parameter in operation.parameters:
            if parameter.location not in compiled:
                raise SpecError(f"{label}: {parameter.location} parameters are not supported")
            compiled[parameter.location].append(
                _CompiledParameter(
                    name=parameter.name,
                    required=parameter.required,
                    validator=new_validator(parameter.schema),
                    coerce=_coercer(parameter, label),
                    source=SOURCES[parameter.location],
                    allowed=_string_enum(parameter.schema),
                    many=parameter.schema.get("type") == "array",
                    explode=parameter.explode if parameter.explode is not None else True,
                )
            )
        self._path = tuple(compiled["path"])
        self._query = tuple(compiled["query"])
        self._headers = tuple(compiled["header"])
        self._body = new_validator(operation.body_schema) if operation.body_schema else None
        self._body_required = operation.body_required

    def check(self, path_values: Mapping[str, str], request: Request) -> Rejection | None:
        """The first reason to refuse the request, in IonQ's order (path, query, headers, body)."""
        for parameter in self._path:
            rejection = parameter.check(path_values[parameter.name])
            if rejection is not None:
                return rejection
        if self._query or self._headers:
            rejection = self._check_optional(self._query, request.args)
            if rejection is None:
                rejection = self._check_optional(self._headers, request.headers)
            if rejection is not None:
                return rejection
        if self._body is not None:
            return self._check_body(self._body, request)
        return None

    @staticmethod
    def _check_optional(
        parameters: tuple[_CompiledParameter, ...], values: _Values
    ) -> Rejection | None:
        for parameter in parameters:
            text = parameter.texts(values)
            if text is None:
                if parameter.required:
                    return parameter.reject(f'"{parameter.name}" is required')
                continue
            rejection = parameter.check(text)
            if rejection is not None:
                return rejection
        return None

    def _check_body(self, validator: OAS30Validator, request: Request) -> Rejection | None:
        if not request.get_data(cache=True):
            if self._body_required:
                return Rejection(keys=(), source=SOURCES["body"], message="A JSON body is required")
            return None
        document = request_document(request.environ, request.get_data(cache=True))
        if isinstance(document, Rejection):
            return document
        # A valid body is accepted on the compiled check's word alone; jsonschema
        # looks only at what it refuses, to say why (mock_server/wire/compiled.py).
        check = _BODY_CHECKS.check_for(validator.schema)
        if check is not None and check(document):
            return None
        problems = field_problems(validator, document)
        return Rejection.of_body(problems) if problems else None
