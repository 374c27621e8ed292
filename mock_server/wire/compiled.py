"""openapi.yaml's schemas compiled by jsonschema-rs: "valid" in microseconds, not seconds.

jsonschema walks a 150,000-gate circuit in about five seconds, holding the
GIL, so one large body stalled every other request. jsonschema-rs checks it
in tens of milliseconds. Its verdict is used one way only: what it calls
valid is valid, and everything it refuses goes to jsonschema, whose errors
are the ones the fake words (mock_server/wire/rejections.py). So the
translation of a schema from OpenAPI 3.0's dialect into JSON Schema Draft 4
must be exact, or stricter, never more lenient:

- `nullable: true` on a typed schema becomes the type list with "null",
  which is what openapi-schema-validator's type check allows;
- `format: int32` / `int64` on integers become their range;
- `format: float` / `double` are dropped: every JSON number passes them;
- `format: uuid` becomes the hyphenated pattern, stricter than jsonschema's
  UUID() (rarer spellings are left to jsonschema to judge);
- `discriminator` is dropped: with it, the branch of a `oneOf` whose enum
  holds the discriminating value is the only one that can be valid, so the
  plain `oneOf` finds the same branch;
- annotations (descriptions, examples, `x-` extensions) are dropped.

Any other format, `readOnly` or `writeOnly`, has no translation here, and
`compile_check` gives None: the schema is left to jsonschema alone rather
than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["compile_check", "plain_json_schema"]

Check = Callable[[Any], bool]

_INT_RANGES = {"int32": 31, "int64": 63}
_ALWAYS_PASSING = frozenset({"float", "double"})
_UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
_ANNOTATIONS = frozenset({"description", "example", "examples", "title", "default", "deprecated"})
_DROPPED = frozenset({"discriminator", "nullable", "externalDocs", *_ANNOTATIONS})
_UNTRANSLATED = frozenset({"readOnly", "writeOnly"})


class UntranslatableError(ValueError):
    """A schema with a keyword or format this module cannot translate exactly."""


def plain_json_schema(schema: Any) -> Any:
    """`schema` (OpenAPI 3.0, `$ref`s inlined) as Draft 4 JSON Schema, or UntranslatableError."""
    if isinstance(schema, Mapping):
        return _plain_object(schema)
    if isinstance(schema, list | tuple):
        return [plain_json_schema(item) for item in schema]
    return schema


def _plain_object(schema: Mapping[str, Any]) -> dict[str, Any]:
    untranslated = _UNTRANSLATED & set(schema)
    if untranslated:
        raise UntranslatableError(f"no translation of {sorted(untranslated)}")
    plain: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED or key.startswith("x-"):
            continue
        if key in ("properties", "patternProperties", "definitions"):
            plain[key] = {name: plain_json_schema(sub) for name, sub in value.items()}
        elif key in {"enum", "required"}:
            plain[key] = list(value)
        else:
            plain[key] = plain_json_schema(value)
    if schema.get("nullable") is True and "type" in plain:
        kinds = plain["type"] if isinstance(plain["type"], list) else [plain["type"]]
        plain["type"] = [*kinds, "null"]
    kind = plain.pop("format", None)
    if kind is None or kind in _ALWAYS_PASSING:
        return plain
    if kind in _INT_RANGES:
        bits = _INT_RANGES[kind]
        return {"allOf": [plain, {"minimum": -(2**bits), "maximum": 2**bits - 1}]}
    if kind == "uuid":
        return {"allOf": [plain, {"pattern": _UUID}]}
    raise UntranslatableError(f"no translation of format {kind!r}")


def compile_check(schema: Mapping[str, Any]) -> Check | None:
    """A compiled `is_valid` of the schema, or None when it has no exact translation."""
    try:
        plain = plain_json_schema(schema)
    except UntranslatableError:
        return None
    # Loaded with the first body checked, not at start-up (a tenth of the fake's start).
    import jsonschema_rs  # noqa: PLC0415

    validator = jsonschema_rs.Draft4Validator(plain, validate_formats=False)
    check: Check = validator.is_valid
    return check


class CheckCache:
    """The compiled checks of the schemas one validator descends into, made on first use.

    Kept by the schema's identity (the schemas of a running app never change
    and live as long as it), with the schema itself held, so that an id is
    never reused for another schema while its entry exists.
    """

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._checks: dict[int, tuple[Mapping[str, Any], Check | None]] = {}

    def check_for(self, schema: Mapping[str, Any]) -> Check | None:
        """The compiled check of `schema` (None: jsonschema alone judges it)."""
        entry = self._checks.get(id(schema))
        if entry is None or entry[0] is not schema:
            if len(self._checks) >= self._size:  # apps come and go in a test session
                self._checks.clear()
            entry = (schema, compile_check(schema))
            self._checks[id(schema)] = entry
        return entry[1]
