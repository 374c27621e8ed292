"""Changing a stored record through the admin API: JSON Merge Patch, then the contract.

Backends and characterizations are changed the same way, so that a refusal
reads the same whichever record it concerns: the change is merged into the
record (RFC 7396), the result is held to its schema of openapi.yaml and to
the fields that identify it (a backend's name, a characterization's id),
and every problem found is reported at once in PatchError, with nothing
stored. The stores decide what to do with a record that passes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from mock_server.wire.rejections import DocumentError, FieldProblem

Record = dict[str, Any]
# What a record's schema finds wrong with it (field_problems with the schema's validator).
Checker = Callable[[Record], Sequence[FieldProblem]]


class PatchError(DocumentError):
    """A change that would make a record break the contract; nothing was changed."""


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON Merge Patch: objects merge recursively and null removes a field."""
    if not isinstance(patch, Mapping):
        return copy.deepcopy(patch)
    merged = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def checked(
    record: Record,
    check: Checker,
    fixed: Mapping[str, Any],
    more: Iterable[FieldProblem] = (),
) -> Record:
    """`record` itself when it keeps the contract and the values of `fixed`.

    Otherwise PatchError with the schema's problems, then one per field of
    `fixed` that differs ("cannot be changed from ..."), then `more` (rules
    of the store beyond the schema).
    """
    problems = list(check(record))
    problems += [
        FieldProblem(f"$.{key}", key, f"cannot be changed from {value!r}")
        for key, value in fixed.items()
        if record.get(key) != value
    ]
    problems += more
    if problems:
        raise PatchError(problems)
    return record
