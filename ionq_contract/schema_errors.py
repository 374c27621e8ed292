"""What a jsonschema error says about a document, named by the field at fault.

jsonschema reports `required` and `additionalProperties` on the enclosing
object; a person (and IonQ's `validation.keys`) looks for the missing or
unexpected property instead. Both the response validation of the client
(ionq_contract.validation) and the request validation of the fake
(mock_server) explain errors through `field_errors`, and only word them
differently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

PathPart = str | int


class Kind(Enum):
    """How a field breaks its schema."""

    MISSING = "missing"  # a required property is absent
    UNDOCUMENTED = "undocumented"  # a property a closed object does not list
    INVALID = "invalid"  # any other keyword; `message` says which


@dataclass(frozen=True, slots=True)
class FieldError:
    """One field at fault: where it is in the document, and how it breaks the schema."""

    path: tuple[PathPart, ...]
    kind: Kind
    message: str  # jsonschema's message for INVALID; empty otherwise


def field_errors(error: Any) -> list[FieldError]:
    """The fields one jsonschema ValidationError is about (one or more)."""
    path = tuple(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, Mapping):
        return [
            FieldError((*path, name), Kind.MISSING, "")
            for name in error.validator_value
            if name not in error.instance
        ]
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = set(error.schema.get("properties", {}))
        return [
            FieldError((*path, name), Kind.UNDOCUMENTED, "")
            for name in sorted(str(name) for name in error.instance if name not in known)
        ]
    return [FieldError(path, Kind.INVALID, str(error.message))]
