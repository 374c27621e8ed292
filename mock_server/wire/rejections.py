"""Why a request or a JSON document is refused, in the shape of IonQ's 400.

IonQ's 400 names the fields at fault (`validation.keys`) and where they were
(`validation.source`). Everything that checks input, the request validation
of each operation, the admin API's changes, fault rules and fixtures, states
its verdict with the records here, so every refusal reads the same way.
Errors of a JSON Schema are explained by ionq_contract.schema_errors, the
same explanation the client's response validation uses.
"""

from __future__ import annotations

import itertools
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
from mock_server.wire.compiled import CheckCache

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
        """The 400 for a JSON body with these problems: the fields at fault, their messages.

        `problems` are at most SHOWN_PROBLEMS (field_problems sees to it); a
        Problems also says how many more there were, and the message ends
        with that count.
        """
        message = "; ".join(str(problem) for problem in problems)
        if isinstance(problems, Problems) and problems.more:
            message += f"; and {problems.more_text()}"
        return cls(
            keys=tuple(dict.fromkeys(problem.key for problem in problems if problem.key)),
            source=SOURCES["body"],
            message=message,
        )


class DocumentError(ValueError):
    """A JSON document (an admin change, a fault rule) that its schema refuses."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems

    def rejection(self) -> Rejection:
        """The 400 body part naming the fields at fault."""
        return Rejection.of_body(self.problems)


# How many problems an answer shows, and how many more are counted at most:
# an error answer stays a few kilobytes, and finding the problems takes
# milliseconds, whatever the body (1,000,000 wrong gates once made a 52 MB
# answer after 40 s).
SHOWN_PROBLEMS = 20
COUNTED_PROBLEMS = 1000


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One way a JSON document breaks a schema, named by the JSON path of the field."""

    json_path: str
    key: str  # the top-level field it concerns; empty for the document itself
    message: str

    def __str__(self) -> str:
        return f"{self.json_path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Problems(Sequence[FieldProblem]):
    """The first problems of a document, in the document's order, and how many more it has."""

    shown: tuple[FieldProblem, ...]
    more: int = 0  # problems found beyond `shown`
    counted_all: bool = True  # False: counting stopped at COUNTED_PROBLEMS

    def __len__(self) -> int:
        return len(self.shown)

    def __getitem__(self, index: Any) -> Any:
        return self.shown[index]

    def more_text(self) -> str:
        """`3 more problems`, or `more than 980 more problems` when counting stopped."""
        count = f"{self.more:,}" if self.counted_all else f"more than {self.more:,}"
        return f"{count} more problem{'s' if self.more != 1 or not self.counted_all else ''}"


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
_PLAIN_ITEMS = OAS30Validator.VALIDATORS["items"]
# Arrays shorter than this are walked by jsonschema alone: compiling costs more.
_COMPILED_FROM = 64
_CHECKS = CheckCache()


def _checked_items(
    validator: Any, items: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """`items`, where jsonschema descends only into the items the compiled check refuses.

    An array longer than its `maxItems` is not walked at all: `maxItems` says
    what is wrong with it, at once (a 400,000-gate circuit took 10 s to be
    refused). The other items are checked by jsonschema-rs first
    (mock_server/wire/compiled.py), so a valid 150,000-gate circuit costs
    milliseconds, and the errors of the others are jsonschema's, as before.
    """
    if not isinstance(instance, list):
        return
    limit = schema.get("maxItems")
    if isinstance(limit, int) and len(instance) > limit:
        return
    check = (
        _CHECKS.check_for(items)
        if isinstance(items, Mapping) and len(instance) >= _COMPILED_FROM
        else None
    )
    if check is None:
        yield from _PLAIN_ITEMS(validator, items, instance, schema)
        return
    for index, item in enumerate(instance):
        if not check(item):
            yield from validator.descend(item, items, path=index)


_Validator = extend(OAS30Validator, {"oneOf": _mapped_one_of, "items": _checked_items})


def new_validator(schema: Mapping[str, Any]) -> OAS30Validator:
    """A validator that also checks formats (date-time), as clients parse them."""
    validator: OAS30Validator = _Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER)
    return validator


def field_problems(validator: OAS30Validator, document: Any) -> Problems:
    """What is wrong with `document`, each naming the field: the first SHOWN_PROBLEMS.

    jsonschema finds problems lazily; at most COUNTED_PROBLEMS are looked for.
    Those shown come first in the document (its keys' order, its arrays'
    indices), then by message, so the same document always gets the same answer.
    Each problem is named once: jsonschema reports a `required` list with n
    properties missing n times, and each time field_errors names all n.
    """
    errors = list(itertools.islice(validator.iter_errors(document), COUNTED_PROBLEMS + 1))
    counted_all = len(errors) <= COUNTED_PROBLEMS
    found = list(
        dict.fromkeys(
            (_document_order(document, field.path), _problem(field))
            for error in errors[:COUNTED_PROBLEMS]
            for field in field_errors(error)
        )
    )
    found.sort(key=lambda entry: (entry[0], entry[1].message))
    shown = tuple(problem for _, problem in found[:SHOWN_PROBLEMS])
    return Problems(shown, more=len(found) - len(shown), counted_all=counted_all)


def _document_order(document: Any, path: tuple[str | int, ...]) -> tuple[tuple[int, str], ...]:
    """Where a field is in the document: per level, its key's position (or index), then name.

    A field the document lacks (a required one) comes after the keys it has.
    """
    order = []
    node = document
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str):
            position = next((i for i, key in enumerate(node) if key == part), len(node))
            order.append((position, part))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            order.append((part, ""))
            node = node[part] if 0 <= part < len(node) else None
        else:
            order.append((0, str(part)))
            node = None
    return tuple(order)


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
        # The middle goes: what is wrong comes after the value ("... is too long").
        tail = _LONGEST_MESSAGE // 5
        message = message[: _LONGEST_MESSAGE - tail - 1] + "…" + message[-tail:]
    return FieldProblem(json_path, key, message)
