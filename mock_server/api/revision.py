"""The revision of what the API answers from: a number that grows with every change.

The front of the server (mock_server/front) keeps answers that are a pure
function of the request and of the state, and serves them again only while
the revision they were computed under is still the current one. So every
store bumps it *after* a change is visible to readers: a reader that saw the
old number may have read the new state, and its answer is then filed under a
number that is already gone, never served. A bump under a lock never loses an
increment, so two concurrent changes cannot leave the number where one of
them put it.
"""

from __future__ import annotations

import threading


class Revision:
    """A counter shared by the stores of one app; reading it takes no lock."""

    __slots__ = ("_lock", "value")

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        """Note a change of state (call it once the change can be read)."""
        with self._lock:
            self.value += 1
