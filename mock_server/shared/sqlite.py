"""The shared log in an SQLite file: several processes of one machine, and restarts.

SQLite is in the standard library and needs no server. In WAL mode readers
never wait for the writer, and `BEGIN IMMEDIATE` gives the one writer's
place across processes (others wait for it, up to `BUSY_TIMEOUT_S`). Each
thread keeps a connection of its own, as sqlite3 asks. `synchronous=NORMAL`:
a power cut may lose the last changes, never corrupt the file, and a
process that dies loses nothing that was committed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mock_server.shared import log
from mock_server.shared.log import Changes, Entry

BUSY_TIMEOUT_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    part TEXT NOT NULL,
    key TEXT NOT NULL,
    value BLOB,
    revision INTEGER NOT NULL,
    PRIMARY KEY (part, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_revision ON entries (revision);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('revision', 0), ('horizon', 0);
"""


class SqliteLog:
    """The log in one SQLite file (created with its tables if missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Only this user reads or writes it: the entries are the fake's pickles.
        path.touch(mode=0o600, exist_ok=True)
        # A connection must not cross a fork: a server's workers, forked from the process
        # that built the app, open their own.
        os.register_at_fork(after_in_child=self._forget_connections)
        with self._connection() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)

    def _forget_connections(self) -> None:
        self._local = threading.local()

    @property
    def url(self) -> str:
        """The --store URL of this log."""
        return f"sqlite:///{self.path}"

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=True
            )
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    def revision(self) -> int:
        """The revision of the latest write."""
        row = self._connection().execute("SELECT value FROM meta WHERE name='revision'").fetchone()
        return int(row[0])

    def changes(self, since: int) -> Changes:
        """What was written after `since`, read in one transaction (one snapshot of the file)."""
        connection = self._connection()
        # A read transaction of its own, unless this thread holds the writer's place.
        own = not connection.in_transaction
        if own:
            connection.execute("BEGIN")
        try:
            meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
            if meta["revision"] == since:  # nothing new: the common case of a change
                return Changes(since, ())
            whole = since < meta["horizon"]
            rows = connection.execute(
                "SELECT part, key, value FROM entries WHERE value IS NOT NULL"
                if whole
                else "SELECT part, key, value FROM entries WHERE revision > ? ORDER BY revision",
                () if whole else (since,),
            ).fetchall()
        finally:
            if own:
                connection.execute("COMMIT")
        return Changes(int(meta["revision"]), [Entry(*row) for row in rows], whole)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """The writer's place: an immediate transaction, committed when the block ends."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # a failed COMMIT too leaves it open
                connection.execute("ROLLBACK")
            raise

    def write(self, entries: Sequence[Entry]) -> int:
        """Write entries under one new revision (inside `lock`); that revision."""
        connection = self._connection()
        (revision,) = connection.execute(
            "UPDATE meta SET value = value + 1 WHERE name='revision' RETURNING value"
        ).fetchone()
        connection.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?) ON CONFLICT (part, key) "
            "DO UPDATE SET value = excluded.value, revision = excluded.revision",
            [(entry.part, entry.key, entry.value, revision) for entry in entries],
        )
        if revision % 1000 == 0:  # now and then, not on every write
            self._compact(connection, revision)
        return int(revision)

    @staticmethod
    def _compact(connection: sqlite3.Connection, revision: int) -> None:
        # Tombstones older than the ones kept go; a reader behind them reads everything.
        horizon = revision - log.TOMBSTONES_KEPT
        if horizon <= 0:
            return
        connection.execute("DELETE FROM entries WHERE value IS NULL AND revision <= ?", (horizon,))
        connection.execute("UPDATE meta SET value = ? WHERE name='horizon'", (horizon,))

    def close(self) -> None:
        """Close this thread's connection (the others close with their threads)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
