"""Which processes are alive: each beats its lease in the shared log, and a lease left to
lapse names a process that is gone.

A server's runs (small jobs, its own simulation processes, held and waiting
jobs, planned QPU queues) live in its memory; when it dies (killed, out of
memory, a worker granian replaces), the jobs it ran would stay `started`
for good. So every serving process beats its lease every BEAT_S (a small
write), jobs name the process that runs them, and any other process that
finds a lease older than LAPSED_S fails that process's unfinished jobs and
forgets the lease (mock_server/shared/replica.py runs both from its follower).
The wall clock is every host's own: hosts whose clocks are apart by more
than LAPSED_S - BEAT_S would see each other as gone.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Sequence

BEAT_S = 1.0
LAPSED_S = 10.0


def process_name() -> str:
    """A name no other process has, on any host: the host's, the pid, and a nonce."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class Leases:
    """The last beat of every process, by name (a Part of the replica)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._beats: dict[str, float] = {}
        self._changed: set[str] = set()

    def beat(self, name: str) -> None:
        """This process is alive now."""
        with self._lock:
            self._beats[name] = time.time()
            self._changed.add(name)

    def lapsed(self, own: str) -> list[str]:
        """The processes, other than `own`, whose last beat is older than LAPSED_S."""
        cutoff = time.time() - LAPSED_S
        with self._lock:
            return [name for name, at in self._beats.items() if at < cutoff and name != own]

    def forget(self, names: Sequence[str]) -> None:
        """These processes are gone and dealt with."""
        with self._lock:
            for name in names:
                self._beats.pop(name, None)
                self._changed.add(name)

    def pending(self) -> list[tuple[str, bytes | None]]:
        """The beats and forgettings since the replica last asked."""
        with self._lock:
            entries = [
                (name, None if at is None else repr(at).encode())
                for name in self._changed
                for at in (self._beats.get(name),)
            ]
            self._changed.clear()
            return entries

    def load(self, entries: Sequence[tuple[str, bytes | None]], whole: bool) -> None:
        """Take in the beats other processes wrote."""
        with self._lock:
            if whole:
                self._beats.clear()
            for name, value in entries:
                if value is None:
                    self._beats.pop(name, None)
                else:
                    self._beats[name] = float(value)
