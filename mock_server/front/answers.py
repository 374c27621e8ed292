"""Answers kept as the bytes they were sent as, for one revision of the state.

A kept answer is only ever served under the revision it was computed under
(mock_server/api/revision.py): the first request after a change finds the
table of the old revision and starts a new one. So nothing is ever
invalidated one answer at a time, and nothing stale survives a change.

Bounded: an answer larger than `max_answer_bytes` is not kept, and once the
table holds `max_bytes` or `max_answers`, the oldest answers make room. The
bytes counted are those of the key (a URL may carry a long query the
validator ignores), the body, the headers and the logged path, plus
ENTRY_OVERHEAD for the objects that hold them.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from dataclasses import dataclass

DEFAULT_MAX_ANSWERS = 4096
DEFAULT_MAX_BYTES = 16 * 2**20
DEFAULT_MAX_ANSWER_BYTES = 2**20
ENTRY_OVERHEAD = 512  # the Answer, its tuple key and the dict slot, measured roughly


@dataclass(frozen=True, slots=True)
class Answer:
    """What one request was answered, and what its request-log entry said."""

    status: str  # the WSGI status line, "200 OK"
    # The list handed to start_response; never changed once kept.
    headers: list[tuple[str, str]]
    body: bytes
    # Of the request log: the same for every request with the same key.
    path: str
    authorization: str | None
    job_id: str | None
    scenario: str | None = None  # the `Prefer` scenario that answered, if one did

    @property
    def nbytes(self) -> int:
        """What keeping it costs, roughly: body, header text, the logged path and objects."""
        headers = sum(len(name) + len(value) for name, value in self.headers)
        return len(self.body) + headers + len(self.path) + ENTRY_OVERHEAD


def key_bytes(key: Hashable) -> int:
    """The text a request key holds (its strings and bytes)."""
    parts = key if isinstance(key, tuple) else (key,)
    return sum(len(part) for part in parts if isinstance(part, str | bytes))


class AnswerCache:
    """The answers of the current revision, by request key. Reads take no lock."""

    def __init__(
        self,
        *,
        max_answers: int = DEFAULT_MAX_ANSWERS,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        self.max_answers = max_answers
        self.max_bytes = max_bytes
        self.max_answer_bytes = min(max_answer_bytes, max_bytes)
        self._lock = threading.Lock()
        # (revision, answers): replaced whole, so a reader sees one revision's table.
        self._table: tuple[int, dict[Hashable, Answer]] = (-1, {})
        self._bytes = 0

    def get(self, key: Hashable, revision: int) -> Answer | None:
        """The answer kept for `key` under `revision`, or None."""
        kept_revision, answers = self._table
        if kept_revision != revision:
            return None
        return answers.get(key)

    def put(self, key: Hashable, revision: int, answer: Answer) -> bool:
        """Keep `answer`, computed under `revision`; False when it is not kept.

        The caller checks that `revision` is still the current one; an
        answer of an older revision than the table's is refused here.
        """
        size = answer.nbytes + key_bytes(key)
        if size > self.max_answer_bytes:
            return False
        with self._lock:
            kept_revision, answers = self._table
            if revision < kept_revision:
                return False
            if revision > kept_revision:
                answers = {}
                self._table = (revision, answers)
                self._bytes = 0
            previous = answers.pop(key, None)
            if previous is not None:
                self._bytes -= previous.nbytes + key_bytes(key)
            while answers and (
                len(answers) >= self.max_answers or self._bytes + size > self.max_bytes
            ):
                oldest = next(iter(answers))
                self._bytes -= answers.pop(oldest).nbytes + key_bytes(oldest)
            answers[key] = answer
            self._bytes += size
            return True

    def __len__(self) -> int:
        return len(self._table[1])

    @property
    def nbytes(self) -> int:
        """The bytes of the answers kept now."""
        return self._bytes
