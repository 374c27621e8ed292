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
then.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import weakref
from collections.abc import Mapping
from typing import Any, TextIO

TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"  # granian's
DEFAULT_INTERVAL_S = 0.1
DEFAULT_BATCH = 1024


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
        atexit.register(_call, ref, AccessLog.flush)

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
        if full:
            self.flush()

    def flush(self) -> None:
        """Hand every buffered line to the stream now."""
        with self._write_lock:
            with self._lock:
                lines, self._lines = self._lines, []
            if lines:
                try:
                    self._stream.write("".join(lines))
                    self._stream.flush()
                except (OSError, ValueError):  # closed: the log is lost, not the server
                    pass

    def _run(self) -> None:
        while True:
            time.sleep(self._interval_s)
            self.flush()


def _call(ref: weakref.ref[AccessLog], method: Any) -> None:
    log = ref()
    if log is not None:
        method(log)
