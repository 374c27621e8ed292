"""Run `ionq-mock serve` (granian) on a free port in a child process, and stop it.

The pytest plugin's socket mode uses it: a real server, so that timeouts,
dropped connections and concurrency behave as they do in production. The
child gets its own session (process group): stopping it stops granian's
workers too, and nothing else. Its output goes to a file, never a pipe that
could fill up and stall it; on a failed start the file is in the error.
No thread is started here, and the port is free again once `running_server`
returns.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

HOST = "127.0.0.1"
READY_PATH = "/__admin/rate-limit"
THREADS = 4
START_ATTEMPTS = 3  # another process may take the free port between pick and bind


@dataclass(frozen=True)
class Server:
    """A running fake: its origin (http://127.0.0.1:PORT) and its process."""

    origin: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    def output(self) -> str:
        """What the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


class ServerError(RuntimeError):
    """The fake did not start; the message has its output."""


def free_port(host: str = HOST) -> int:
    """A port nothing listens on right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def serve_argv(port: int, extra: Sequence[str] = ()) -> list[str]:
    """`ionq-mock serve` on `port` with this interpreter, as a user would run it."""
    command = ["-m", "mock_server.cli", "serve", "--host", HOST, "--port", str(port)]
    return [sys.executable, *command, *extra]


def serve_command(port: int, extra: Sequence[str] = ()) -> list[str]:
    """`serve_argv` for the plugin: without an access log, and with several
    threads, so that a request an injected delay holds up does not hold up
    the others (or the admin API's reset)."""
    return serve_argv(port, ["--no-access-log", "--threads", str(THREADS), *extra])


def _wait_until_ready(server: Server, timeout_s: float) -> bool:
    """True once the server answers; False if it exited (e.g. the port was taken)."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                return False
            try:
                if client.get(server.origin + READY_PATH).status_code == 200:
                    return True
            except httpx.TransportError:
                time.sleep(0.02)
    raise ServerError(f"ionq-mock did not answer within {timeout_s} s:\n{server.output()}")


def stop(process: subprocess.Popen[bytes], grace_s: float = 10.0) -> int:
    """SIGTERM the server's process group, SIGKILL it if it lingers; its exit status."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(grace_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(grace_s)
    with contextlib.suppress(ProcessLookupError, PermissionError):  # workers may outlive it
        os.killpg(process.pid, signal.SIGKILL)
    return process.returncode


@contextmanager
def running_server(
    fixtures: Path | None = None, timeout_s: float = 30.0, *, virtual_clock: bool = False
) -> Iterator[Server]:
    """A fake serving on a free port for the duration of the block, stopped even on failure."""
    extra = ["--fixtures", str(fixtures)] if fixtures is not None else []
    if virtual_clock:
        extra.append("--virtual-clock")
    with tempfile.TemporaryDirectory(prefix="ionq-fake-") as tmp:
        for attempt in range(1, START_ATTEMPTS + 1):
            port = free_port()
            log_path = Path(tmp) / f"server-{attempt}.log"
            with log_path.open("wb") as log:
                process = subprocess.Popen(  # noqa: S603 - our own command line
                    serve_command(port, extra),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            server = Server(f"http://{HOST}:{port}", port, process, log_path)
            try:
                if _wait_until_ready(server, timeout_s):
                    yield server
                    return
            finally:
                stop(process)
            if attempt == START_ATTEMPTS:
                raise ServerError(f"ionq-mock exited with {process.returncode}:\n{server.output()}")
