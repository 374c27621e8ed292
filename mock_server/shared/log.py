"""The shared log: what a Replica (replica.py) needs of the place the state is kept.

An entry is a value (bytes, or None once deleted) under a part (a store's
name: "jobs", "sessions") and a key (a job's id; "" for a store kept whole).
Every write is stamped with one more revision, so a process that has read
everything up to revision R reads only what was written after it. Deleted
entries stay as tombstones for a while, so that a reader learns of the
deletion; a reader that fell behind the oldest tombstone kept (`horizon`)
reads the whole state again instead (`Changes.whole`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

# How many revisions of tombstones are kept before the oldest are dropped.
TOMBSTONES_KEPT = 20_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One value of a part; None: the entry was deleted."""

    part: str
    key: str
    value: bytes | None


@dataclass(frozen=True, slots=True)
class Changes:
    """What was written after a revision, up to `revision`.

    `whole`: the reader was too far behind, and these are every live entry,
    which replace everything it held.
    """

    revision: int
    entries: Sequence[Entry]
    whole: bool = False


class SharedLog(Protocol):
    """Entries under revisions, a lock over writers, kept where several processes reach them."""

    @property
    def url(self) -> str:
        """Where the log is (the --store URL), for messages."""
        ...

    def revision(self) -> int:
        """The revision of the latest write (0 before any)."""
        ...

    def changes(self, since: int) -> Changes:
        """Every entry written after revision `since`, as one consistent view."""
        ...

    def lock(self) -> AbstractContextManager[None]:
        """Hold the one writer's place across every process (not re-entrant)."""
        ...

    def write(self, entries: Sequence[Entry]) -> int:
        """Write entries (while holding `lock`) under one new revision; that revision."""
        ...

    def close(self) -> None:
        """Let go of connections and files."""
        ...
