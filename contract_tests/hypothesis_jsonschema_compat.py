"""Let hypothesis-jsonschema 0.23.1 generate objects under Hypothesis 6.170.10 and later.

hypothesis-jsonschema builds objects with Hypothesis' private helper
`hypothesis.internal.conjecture.utils.many`, driven as
`while elements.more(): ... elements.reject()`. Hypothesis 6.170.10 rewrote
that helper as a context manager to iterate (`with many(...) as elements:
for _ in elements:`) and removed `more()`, so with the versions in
requirements.lock (hypothesis 6.170.17) every object schema fails with
`AttributeError: 'many' object has no attribute 'more'`. 0.23.1 is the newest
hypothesis-jsonschema release.

The real fix is in the lock: `hypothesis>=6.170,<6.170.10` (6.170.9 works
unpatched). Until then `install()` gives hypothesis-jsonschema the old
interface on top of the new helper. It does nothing when Hypothesis still has
the old one, so it turns inert by itself once the lock is fixed, and can then
be deleted with its one caller.
"""

from __future__ import annotations

import types
from typing import Any

from hypothesis.internal.conjecture import utils as conjecture_utils
from hypothesis_jsonschema import _from_schema

_END = object()


class LegacyMany:
    """`many` with the `more()`/`reject()` interface of Hypothesis before 6.170.10."""

    def __init__(self, data: Any, **sizes: Any) -> None:
        self._many: Any = conjecture_utils.many(data, **sizes)
        self._many.__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        """Whether to draw another element; the last False closes the collection."""
        if next(self._elements, _END) is _END:
            self._many.__exit__(None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        """Do not count the current element towards the collection's size."""
        self._many.reject(why)


def needed() -> bool:
    """True while the installed Hypothesis lacks the interface hypothesis-jsonschema uses."""
    return not hasattr(conjecture_utils.many, "more")


def install() -> None:
    """Point hypothesis-jsonschema at LegacyMany when needed. Safe to call repeatedly."""
    namespace = vars(_from_schema)
    if needed() and namespace.get("cu") is conjecture_utils:
        namespace["cu"] = types.SimpleNamespace(many=LegacyMany)
