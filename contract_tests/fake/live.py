"""Run `ionq-mock serve` as a real server on a free port, for tests and `make contract-self`.

The server gets its own session (process group), so stopping it stops the
granian workers it forked, and only those. Output goes to a file, not a pipe:
an access log line per request would fill a pipe nobody reads and stall the
server.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from mock_server.harness.launcher import HOST, free_port, stop
from mock_server.harness.launcher import serve_argv as serve_command

__all__ = ["ROOT", "LiveFake", "failed_start", "running_fake", "serve_command"]

ROOT = Path(__file__).resolve().parents[2]
READY_PATH = "/__admin/backends"


@dataclass(frozen=True)
class LiveFake:
    """A running fake: where it listens and where its output goes."""

    origin: str
    process: subprocess.Popen[bytes]
    log_path: Path
    started_in_s: float

    @property
    def base_url(self) -> str:
        """The API's base URL, as clients are configured with it."""
        return f"{self.origin}/v0.4"

    def output(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def wait_until_ready(fake: LiveFake, timeout_s: float = 30.0) -> float:
    """Poll until the fake answers 200; the seconds since launch. Fails if it exits."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline:
            if fake.process.poll() is not None:
                raise RuntimeError(
                    f"ionq-mock exited with {fake.process.returncode}:\n{fake.output()}"
                )
            try:
                if client.get(fake.origin + READY_PATH).status_code == 200:
                    return time.monotonic()
            except httpx.TransportError:
                time.sleep(0.01)
    raise TimeoutError(f"ionq-mock did not answer within {timeout_s} s:\n{fake.output()}")


@contextmanager
def running_fake(
    extra_args: Sequence[str] = (), env: dict[str, str] | None = None
) -> Iterator[LiveFake]:
    """A fake serving on a free port for the duration of the block, stopped even on failure."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ionq-mock-") as tmp:
        log_path = Path(tmp) / "server.log"
        with log_path.open("wb") as log:
            launched = time.monotonic()
            process = subprocess.Popen(
                serve_command(port, extra_args),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, **(env or {})},
            )
            fake = LiveFake(f"http://{HOST}:{port}", process, log_path, 0.0)
            try:
                ready = wait_until_ready(fake)
                yield LiveFake(fake.origin, process, log_path, ready - launched)
            finally:
                stop(process)


def failed_start(extra: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run `ionq-mock serve` with `extra` arguments that should stop it before it listens."""
    return subprocess.run(
        serve_command(free_port(), extra),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
