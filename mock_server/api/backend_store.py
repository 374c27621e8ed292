"""The backends one app serves: fixtures at first, then whatever the admin API changed.

State lives in a BackendStore per app (never in a module), so two apps in one
process, such as two tests, cannot see each other's changes. Reads happen on
every request and take no lock: each record is kept with its encoded JSON and
the whole table is replaced, never mutated, when a write (under a lock)
changes it. A reader therefore sees either the old table or the new one.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any

from mock_server.api.fixture_files import NAME_FIELD
from mock_server.api.patches import Checker, Record, checked, merge_patch
from mock_server.api.revision import Revision
from mock_server.shared.replica import Replica
from mock_server.wire.responses import encode


@dataclass(frozen=True, slots=True)
class _Entry:
    record: Mapping[str, Any]
    body: bytes


def _entries(records: Mapping[str, Record]) -> Mapping[str, _Entry]:
    return MappingProxyType(
        {name: _Entry(MappingProxyType(dict(r)), encode(r)) for name, r in records.items()}
    )


class BackendStore:
    """Thread-safe table of backend records, reset-able to the fixtures it started from."""

    def __init__(
        self, fixtures: Mapping[str, Record], check: Checker, revision: Revision | None = None
    ) -> None:
        self._fixtures = copy.deepcopy(dict(fixtures))
        self._check = check
        self.revision = revision if revision is not None else Revision()
        self._lock = threading.Lock()
        self._entries = _entries(self._fixtures)
        self._listeners: list[Callable[[str], None]] = []
        self.replica = Replica()  # create_app's, when other processes share the state

    def shared_state(self) -> dict[str, Record]:
        """Every record as it is: what other processes sharing the state read."""
        return {name: dict(entry.record) for name, entry in self._entries.items()}

    def restore(self, records: dict[str, Record]) -> Callable[[], None]:
        """Take the records another process wrote; what wakes this process's listeners."""
        with self._lock:
            old = self._entries
            self._entries = _entries(records)
            names = [
                name
                for name in {*old, *self._entries}
                if _body(old, name) != _body(self._entries, name)
            ]
        self.revision.bump()
        return partial(self._changed, names)

    def subscribe(self, listener: Callable[[str], None]) -> None:
        """Call `listener(name)` after every change of a record (the job runner waits on them)."""
        self._listeners.append(listener)

    def _changed(self, names: Iterable[str]) -> None:
        self.revision.bump()
        for name in names:
            for listener in self._listeners:
                listener(name)

    def body(self, name: str) -> bytes | None:
        """The record's JSON as served, or None when no record has this name. Lock-free."""
        entry = self._entries.get(name)
        return entry.body if entry is not None else None

    def list_body(self) -> bytes:
        """Every record's JSON in one array, sorted by name, as GET /backends serves it.

        Joined from the bodies GET /backends/{backend} serves, so an admin
        change shows in the list and the single view alike. Lock-free.
        """
        entries = self._entries
        return b"[" + b",".join(entries[name].body for name in sorted(entries)) + b"]"

    def view(self, name: str) -> Mapping[str, Any] | None:
        """The record, read-only and not copied (for reads on a request's path). Lock-free."""
        entry = self._entries.get(name)
        return entry.record if entry is not None else None

    def get(self, name: str) -> Record | None:
        """A copy of one record, or None."""
        entry = self._entries.get(name)
        return copy.deepcopy(dict(entry.record)) if entry is not None else None

    def all(self) -> list[Record]:
        """Copies of all records, sorted by name."""
        entries = self._entries
        return [copy.deepcopy(dict(entries[name].record)) for name in sorted(entries)]

    def patch(self, name: str, changes: Mapping[str, Any]) -> Record:
        """Merge `changes` into the record `name` (creating it from nothing if absent).

        The result must satisfy the contract and keep its name; otherwise
        PatchError (mock_server/api/patches.py) names the fields and the
        record stays as it was.
        """
        with self.replica.writing(self), self._lock:
            current = self._entries.get(name)
            base = dict(current.record) if current is not None else {NAME_FIELD: name}
            merged = checked(merge_patch(base, changes), self._check, {NAME_FIELD: name})
            self._entries = MappingProxyType(
                {**self._entries, name: _entries({name: merged})[name]}
            )
        self._changed([name])
        return copy.deepcopy(merged)

    def remove(self, name: str) -> bool:
        """Forget a record until the next reset; False when there was none."""
        with self.replica.writing(self), self._lock:
            if name not in self._entries:
                return False
            self._entries = MappingProxyType({k: v for k, v in self._entries.items() if k != name})
        self._changed([name])
        return True

    def reset(self) -> None:
        """Back to the fixtures the app started with."""
        with self.replica.writing(self), self._lock:
            self._entries = _entries(self._fixtures)
        self._changed(self._fixtures)


def _body(entries: Mapping[str, _Entry], name: str) -> bytes | None:
    entry = entries.get(name)
    return entry.body if entry is not None else None
