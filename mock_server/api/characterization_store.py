"""The characterizations one app serves: generated at start-up, the current one changeable.

The histories come from the fixtures (characterization_history.py). Code
that adapts to a backend's noise, the fake's own job runner among it, reads
the backend's current (newest) characterization, so tests need to put
other numbers there: a worse two-qubit fidelity, a slower readout. The
admin API may therefore replace or merge-patch the current record, as it
patches backends (mock_server/api/patches.py): the result is held to the
spec's Characterization schema, keeps its `id` (the backend's
`characterization_id` names it) and its `backend`, and stays the newest of
its history. Older records are history and never change.

State is per app, as in BackendStore, and so is the way it is shared:
readers (every request, and the job runner's thread through `current`)
take no lock, because the table of histories is never mutated; a change
builds a new table, with the changed record encoded once, and swaps it in
under a lock, so a reader sees the old record or the new one, never half
of each. Every change bumps the app's Revision once it can be read, so the
fast path (mock_server/front) never serves an answer of the old record.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from mock_server.api.characterization_history import (
    History,
    Page,
    format_instant,
    parse_instant,
    select_page,
)
from mock_server.api.patches import Checker, Record, checked, merge_patch
from mock_server.api.revision import Revision
from mock_server.shared.replica import Replica
from mock_server.wire.rejections import FieldProblem


class CharacterizationStore:
    """Every backend's history, newest first; the newest record may be changed and reset."""

    def __init__(
        self,
        histories: Mapping[str, History],
        check: Checker,
        revision: Revision | None = None,
    ) -> None:
        self._generated: Mapping[str, History] = MappingProxyType(dict(histories))
        self._histories: Mapping[str, History] = self._generated
        self._check = check
        self.revision = revision if revision is not None else Revision()
        self._lock = threading.Lock()
        self.replica = Replica()  # create_app's, when other processes share the state

    def shared_state(self) -> dict[str, bytes]:
        """The changed backends' current characterizations, as served: what other processes
        read (only the newest record of a history ever changes)."""
        histories = self._histories
        return {
            backend: history.bodies[0]
            for backend, history in histories.items()
            if history is not self._generated.get(backend)
        }

    def restore(self, changed: dict[str, bytes]) -> None:
        """Take the current characterizations another process set."""
        histories = {
            backend: self._generated[backend].with_newest(json.loads(body))
            for backend, body in changed.items()
            if backend in self._generated
        }
        with self._lock:
            self._histories = MappingProxyType({**self._generated, **histories})
        self.revision.bump()

    def page(
        self,
        backend: str,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 10,
        page: int = 1,
    ) -> Page:
        """One page of a backend's history; a backend without one has only empty pages."""
        history = self._histories.get(backend)
        if history is None:
            return Page((), 0)
        indexes, remaining = select_page(history.dates, start, end, limit, page)
        return Page(tuple(history.bodies[index] for index in indexes), remaining)

    def body(self, backend: str, identifier: str) -> bytes | None:
        """One characterization's JSON, or None when this backend has none with this id."""
        history = self._histories.get(backend)
        if history is None:
            return None
        return history.by_id.get(identifier.lower())

    def current(self, backend: str) -> dict[str, Any] | None:
        """The backend's current (newest) characterization as served, changes included.

        A new dict on every call, which the caller may keep or change; None
        when the backend has no characterization (the simulator, a name
        without a history). Lock-free and safe from any thread.
        """
        history = self._histories.get(backend)
        if history is None:
            return None
        record: dict[str, Any] = json.loads(history.bodies[0])
        return record

    def replace(self, backend: str, record: Mapping[str, Any]) -> Record | None:
        """Make `record` the backend's current characterization (what PUT does).

        `id` and `backend` may be left out: they are the current record's.
        Given, they must be the same. None when the backend has no
        characterization; PatchError when the result breaks the contract.
        """
        return self._change(
            backend, lambda current: {"id": current["id"], "backend": backend, **record}
        )

    def patch(self, backend: str, changes: Mapping[str, Any]) -> Record | None:
        """Merge `changes` (RFC 7396) into the backend's current characterization.

        None when the backend has no characterization; PatchError when the
        result breaks the contract, changes `id` or `backend`, or dates the
        record before the one it follows. Either way nothing is changed.
        """
        return self._change(backend, lambda current: merge_patch(current, changes))

    def reset(self) -> None:
        """Back to the generated histories."""
        with self.replica.writing(self), self._lock:
            self._histories = self._generated
        self.revision.bump()

    def _change(self, backend: str, change: Callable[[Record], Record]) -> Record | None:
        with self.replica.writing(self), self._lock:
            history = self._histories.get(backend)
            if history is None:
                return None
            current: Record = json.loads(history.bodies[0])
            candidate = change(current)
            record = checked(
                candidate,
                self._check,
                {"id": current["id"], "backend": backend},
                _order_problems(candidate, history),
            )
            self._histories = MappingProxyType(
                {**self._histories, backend: history.with_newest(record)}
            )
        self.revision.bump()
        return record


def _order_problems(record: Record, history: History) -> list[FieldProblem]:
    """A date before the previous characterization's: the current one must stay the newest.

    A date that is not one is left to the schema, which says why.
    """
    date = record.get("date")
    if len(history.dates) < 2 or not isinstance(date, str):
        return []
    try:
        instant = parse_instant(date)
    except ValueError:
        return []
    previous = history.dates[1]
    if instant.tzinfo is None or instant >= previous:
        return []
    return [
        FieldProblem(
            "$.date",
            "date",
            f"{date!r} is before {format_instant(previous)!r}, the date of the characterization "
            "before it; the current characterization must stay the newest",
        )
    ]
