"""The access log: granian's line for every request, written in batches.

granian's own access log formats each line through the logging module and
flushes the stream after every one: about 20 µs of a request's time, as much
as the rest of a fast-path answer (docs/performance.md). This writes the same
line, with the same fields in the same format,

    [2026-12-01 22:31:22 +0000] 127.0.0.1 - "GET /v0.4/backends PROTO" 200 0.042

but formats the time once a second and hands the lines to the stream
every `interval_s` (0.1 s) or every `batch` lines, whichever comes first,
from a thread of its own. A line is therefore on the terminal at most a
tenth of a second late; what is buffered when the process exits is written
then (a granian worker included, see _flush_at_exit).
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"  # granian's
DEFAULT_INTERVAL_S = 0.1
DEFAULT_BATCH = 1024
# Lines are handed over in writes of at most this many bytes, each ending
# with a line: a pipe takes a write up to PIPE_BUF (4096 on Linux) in one
# piece, so the lines of two workers sharing it never mix within a line.
CHUNK_BYTES = 4096


class AccessLog:
    """Lines for `stream`, batched; safe to use from several threads."""

    def __init__(
        self, stream: TextIO, interval_s: float = DEFAULT_INTERVAL_S, batch: int = DEFAULT_BATCH
    ) -> None:
        self._stream = stream
        self._interval_s = interval_s
        self._batch = batch
        self._clock: tuple[int, str] = (-1, "")  # (second, its formatted time), replaced whole
        self._reset()
        # The app is built before granian forks its workers, and a thread does
        # not survive a fork: the child starts its own writer on its first line.
        ref = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: _call(ref, AccessLog._reset))

    def _reset(self) -> None:
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._writer: threading.Thread | None = None

    def write(self, wall: float, environ: Mapping[str, Any], status: int, seconds: float) -> None:
        """Log one request that arrived at `wall` and took `seconds`."""
        second = int(wall)
        clock = self._clock
        if clock[0] != second:
            clock = (second, time.strftime(TIME_FORMAT, time.localtime(second)))
            self._clock = clock
        line = (
            f"[{clock[1]}] {environ.get('REMOTE_ADDR', '-')} - "
            f'"{environ["REQUEST_METHOD"]} {environ.get("PATH_INFO", "")} '
            f'{environ.get("SERVER_PROTOCOL", "")}" {status} {seconds * 1000:.3f}\n'
        )
        with self._lock:
            self._lines.append(line)
            full = len(self._lines) >= self._batch
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._run, name="ionq-mock access log", daemon=True
                )
                self._writer.start()
                _flush_at_exit(self)
        if full:
            self.flush()

    def flush(self) -> None:
        """Hand every buffered line to the stream now."""
        with self._write_lock:
            with self._lock:
                lines, self._lines = self._lines, []
            try:
                for chunk in _chunks(lines):
                    self._stream.write(chunk)
                    self._stream.flush()
            except (OSError, ValueError):  # closed: the log is lost, not the server
                pass

    def _run(self) -> None:
        while True:
            time.sleep(self._interval_s)
            self.flush()


def _chunks(lines: list[str]) -> Iterator[str]:
    """The lines joined into pieces of at most CHUNK_BYTES (a longer line is a piece alone)."""
    piece: list[str] = []
    size = 0
    for line in lines:
        if piece and size + len(line) > CHUNK_BYTES:
            yield "".join(piece)
            piece, size = [], 0
        piece.append(line)
        size += len(line)
    if piece:
        yield "".join(piece)


def _flush_at_exit(log: AccessLog) -> None:
    """Write what is buffered when this process ends, in the process that writes.

    A granian worker is a multiprocessing child: it ends with os._exit, which
    runs no atexit handler, but multiprocessing runs its own finalizers
    first (and, in a process that is no child, at interpreter exit).
    Registered with the first line, so that it is registered in the worker.
    """
    from multiprocessing import util  # noqa: PLC0415 - only a server that logs needs it

    util.Finalize(None, _call, args=(weakref.ref(log), AccessLog.flush), exitpriority=10)


def _call(ref: weakref.ref[AccessLog], method: Any) -> None:
    log = ref()
    if log is not None:
        method(log)
