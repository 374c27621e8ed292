"""The `x-ionq-differs` notes of openapi.yaml, and which differences they leave unexplained.

A note sits on the node a difference concerns (the document for operations
only IonQ's has, an operation, a schema, a property) and maps aspects to the
reason the fake takes the side it takes:

    x-ionq-differs:
      closed: Closed on purpose (info.description).
      added:
        lang: cirq-ionq sends it (x-sdk-notes).

`missing`, `added` and `required` map a member's name (a property, an
alternative's component name, `METHOD /path`) to its reason, or several
names joined by ", " to the reason they share; the other aspects
(compare.PLAIN_ASPECTS) take the reason directly. A note is as much
a claim as a difference is: one that no difference backs any longer is
stale, and reported like a difference without a note.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from contract_tests.ionq_description.compare import (
    KEYED_ASPECTS,
    PLAIN_ASPECTS,
    Difference,
    pointer,
)

__all__ = ["EXTENSION", "Audit", "MalformedNoteError", "Note", "audit", "read_notes"]

EXTENSION = "x-ionq-differs"

Note = tuple[str, str, str | None]
"""Where a note is, which aspect it explains, and of which member for a keyed aspect."""


class MalformedNoteError(ValueError):
    """A note this module cannot read: not a mapping, an unknown aspect, an empty reason."""


def _walk(node: Any, location: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, Mapping):
        if EXTENSION in node:
            yield location, node[EXTENSION]
        for key, value in node.items():
            if key != EXTENSION:
                yield from _walk(value, location + pointer(str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{location}/{index}")


def _reason(value: Any, where: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise MalformedNoteError(f"{where}: a reason must be a non-empty string")


def read_notes(spec: Mapping[str, Any]) -> set[Note]:
    """Every note of the document; MalformedNoteError for a malformed one, naming it."""
    notes: set[Note] = set()
    for location, body in _walk(spec, ""):
        where = f"{location or '/'} {EXTENSION}"
        if not isinstance(body, Mapping):
            raise MalformedNoteError(f"{where}: a mapping of aspects is expected")
        if not body:
            raise MalformedNoteError(f"{where}: an empty note explains nothing")
        for aspect, value in body.items():
            if aspect in PLAIN_ASPECTS:
                _reason(value, f"{where}.{aspect}")
                notes.add((location, aspect, None))
            elif aspect in KEYED_ASPECTS:
                if not isinstance(value, Mapping) or not value:
                    raise MalformedNoteError(
                        f"{where}.{aspect}: a mapping of names to reasons is expected"
                    )
                for key, reason in value.items():
                    _reason(reason, f"{where}.{aspect}.{key}")
                    notes.update((location, aspect, name) for name in str(key).split(", "))
            else:
                known = ", ".join((*KEYED_ASPECTS, *PLAIN_ASPECTS))
                raise MalformedNoteError(f"{where}: unknown aspect {aspect!r} (known: {known})")
    return notes


@dataclass(frozen=True)
class Audit:
    """What the notes and the differences leave unmatched: both should be empty."""

    unexplained: Sequence[Difference]
    stale: Sequence[Note]


def audit(found: Sequence[Difference], notes: set[Note]) -> Audit:
    """Match differences with notes, both ways."""
    claimed = {(d.location, d.aspect, d.key) for d in found}
    return Audit(
        unexplained=[d for d in found if (d.location, d.aspect, d.key) not in notes],
        stale=sorted(notes - claimed, key=lambda note: (note[0], note[1], note[2] or "")),
    )
