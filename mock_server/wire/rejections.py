"""Why a request or a JSON document is refused, in the shape of IonQ's 400.

IonQ's 400 names the fields at fault (`validation.keys`) and where they were
(`validation.source`). Everything that checks input, the request validation
of each operation, the admin API's changes, fault rules and fixtures, states
its verdict with the records here, so every refusal reads the same way.
Errors of a JSON Schema are explained by ionq_contract.schema_errors, the
same explanation the client's response validation uses.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft4Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from jsonschema.validators import extend  # type: ignore[import-untyped]
from openapi_schema_validator import OAS30Validator

from ionq_contract.schema_errors import FieldError, Kind, field_errors
from mock_server.wire import notes

# IonQ's name for the part of a request a rejected key was found in.
SOURCES = {"path": "params", "query": "query", "header": "headers", "body": "payload"}


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a request is refused: the `validation` part of IonQ's 400 body and its message."""

    keys: tuple[str, ...]
    source: str
    message: str

    @classmethod
    def of_body(cls, problems: Sequence[FieldProblem]) -> Rejection:
        """The 400 for a JSON body with these problems: the fields at fault, every message."""
        return cls(
            keys=tuple(dict.fromkeys(problem.key for problem in problems if problem.key)),
            source=SOURCES["body"],
            message="; ".join(str(problem) for problem in problems),
        )


class DocumentError(ValueError):
    """A JSON document (an admin change, a fault rule) that its schema refuses."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems

    def rejection(self) -> Rejection:
        """The 400 body part naming the fields at fault."""
        return Rejection.of_body(self.problems)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One way a JSON document breaks a schema, named by the JSON path of the field."""

    json_path: str
    key: str  # the top-level field it concerns; empty for the document itself
    message: str

    def __str__(self) -> str:
        return f"{self.json_path}: {self.message}"


NOT_JSON = Rejection(keys=(), source=SOURCES["body"], message="The body is not valid JSON")


def json_body(data: bytes) -> Any | Rejection:
    """The JSON document of a request body, or the 400 saying it is not JSON.

    json.loads raises RecursionError, not ValueError, on deeply nested
    arrays; both are the client's mistake, so both are a 400.
    """
    try:
        return json.loads(data, parse_constant=_not_json, parse_float=_finite)
    except (ValueError, RecursionError):
        return NOT_JSON


def _not_json(constant: str) -> float:
    # NaN and Infinity are Python's, not JSON's: accepted, they would come back
    # in answers that are no longer JSON.
    raise ValueError(f"{constant} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400: a JSON number no float can hold
        raise ValueError(f"{text} is out of range")
    return value


def request_document(environ: dict[str, Any], data: bytes) -> Any | Rejection:
    """The JSON document of a request's body (`data`), parsed once per request.

    Validation and the handler both read it; a 10 MB job body takes a
    noticeable time to parse.
    """
    cached = notes.body_of(environ)
    if cached is None:
        cached = json_body(data or b"null")
        notes.note_body(environ, cached)
    return cached


def whole_number(text: str) -> int | None:
    """`text` as a non-negative integer when it is ASCII digits only, else None.

    str.isdigit() alone also accepts digits such as "²", which int() refuses.
    """
    return int(text) if text.isascii() and text.isdigit() else None


def _mapped_one_of(
    validator: Any, one_of: list[Mapping[str, Any]], instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """oneOf with a discriminator: the one branch the body names, or why it names none.

    The branch is found among the (inlined) branches by the enum its
    discriminating property allows, so nothing is resolved by reference while
    a request is validated; errors then name fields inside that branch. Left
    to openapi-schema-validator, any value is looked up as a schema name: a
    list crashed it (a 500), `"type": "Backend"` validated the body as a
    Backend, and a `$ref` was resolved on every request.
    """
    discriminator = schema.get("discriminator")
    if discriminator is None or not isinstance(instance, Mapping):
        yield from _PLAIN_ONE_OF(validator, one_of, instance, schema)
        return
    name = discriminator.get("propertyName")
    value = instance.get(name)
    named = [branch for branch in one_of if _allows(branch, name, value)]
    if len(named) == 1:
        yield from validator.descend(instance, named[0])
        return
    listed = ", ".join(discriminator.get("mapping", {}))
    yield ValidationError(f"must be one of [{listed}]", path=[name])


def _allows(branch: Mapping[str, Any], name: str, value: Any) -> bool:
    allowed = branch.get("properties", {}).get(name, {}).get("enum", ())
    return isinstance(value, str) and value in allowed


_PLAIN_ONE_OF = Draft4Validator.VALIDATORS["oneOf"]
_Validator = extend(OAS30Validator, {"oneOf": _mapped_one_of})


def new_validator(schema: Mapping[str, Any]) -> OAS30Validator:
    """A validator that also checks formats (date-time), as clients parse them."""
    validator: OAS30Validator = _Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER)
    return validator


def field_problems(validator: OAS30Validator, document: Any) -> list[FieldProblem]:
    """Everything wrong with `document`, each naming the field, in a stable order."""
    problems = [
        _problem(found)
        for error in validator.iter_errors(document)
        for found in field_errors(error)
    ]
    return sorted(problems, key=lambda problem: (problem.json_path, problem.message))


_LONGEST_MESSAGE = 300

# How the fake words each kind of field error, after IonQ's own messages.
_MESSAGES = {Kind.MISSING: "is required", Kind.UNDOCUMENTED: "is not a documented field"}


# A property that can follow a dot in a JSON path; others are written as ['name'].
_PLAIN_PROPERTY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _path_part(part: str | int) -> str:
    if isinstance(part, int):
        return f"[{part}]"
    if _PLAIN_PROPERTY.fullmatch(part):
        return f".{part}"
    escaped = part.replace("\\", "\\\\").replace("'", "\\'")
    return f"['{escaped}']"


def _problem(found: FieldError) -> FieldProblem:
    json_path = "$" + "".join(_path_part(part) for part in found.path)
    key = str(found.path[0]) if found.path and isinstance(found.path[0], str) else ""
    message = _MESSAGES.get(found.kind, found.message)
    if len(message) > _LONGEST_MESSAGE:  # jsonschema quotes the value, which may be megabytes
        message = message[: _LONGEST_MESSAGE - 1] + "…"
    return FieldProblem(json_path, key, message)
