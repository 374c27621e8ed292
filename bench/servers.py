"""The servers under test, as command lines, and how to start and stop them.

Every server is just an argv template with {host}, {port} and {root}
placeholders plus the path prefix its routes live under. That keeps the fake
pluggable: `make bench` runs it exactly as `make serve` does, and any other
command line (a different worker setting, gunicorn) can be measured the same
way. Each server gets its own process group, so stopping it stops the
workers it forked, and only those.
"""

from __future__ import annotations

import http.client
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ionq_contract.spec import base_path, load_spec
from mock_server.harness.launcher import HOST, free_port, stop

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# The fake's base path comes from openapi.yaml's `servers`; Prism ignores
# the path of `servers` (it serves `paths` at the root), so it has none.
API_PREFIX = base_path(load_spec())

# The fake and the bare route both run on `ionq-mock serve`'s own server
# settings (chosen with bench/tune.py), so neither copies them.
FAKE_COMMAND = "{bin}/ionq-mock serve --host {host} --port {port}"
# The same fake with every request through the whole pipeline (what the fast path saves).
FULL_COMMAND = "{bin}/ionq-mock serve --host {host} --port {port} --no-fast-path"
BARE_COMMAND = "{bin}/python -m bench.bare_serve --host {host} --port {port}"
RAW_COMMAND = "{bin}/python -m bench.bare_serve --raw --host {host} --port {port}"
PRISM_BIN = ROOT / "bench" / "node_modules" / ".bin" / "prism"
# `fatal` keeps Prism's start-up failures on stderr but drops its per-request
# log lines, which would otherwise cost it more than the mocking does.
PRISM_COMMAND = f"{PRISM_BIN} mock --host {{host}} --port {{port}} --verboseLevel fatal {{spec}}"


@dataclass(frozen=True)
class ServerSpec:
    """A server to benchmark: its name, command line and route prefix."""

    name: str
    command: str
    prefix: str = API_PREFIX
    description: str = ""
    # Requests (method, absolute path) sent once the server is up, before the
    # load: how the fake is put in the state a scenario needs.
    setup: tuple[tuple[str, str], ...] = ()
    # Scenario name -> status this server answers instead of the contract's.
    expected_overrides: tuple[tuple[str, int], ...] = ()

    def argv(self, host: str, port: int) -> list[str]:
        """The command line for one launch."""
        return [
            part.format(host=host, port=port, bin=BIN, root=ROOT, spec=ROOT / "openapi.yaml")
            for part in shlex.split(self.command)
        ]

    def url(self, host: str, port: int, path: str) -> str:
        """The URL of an API path (relative to the base path) on this server."""
        return f"http://{host}:{port}{self.prefix}{path}"


def get_status(
    host: str, port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> int:
    """The status of one request on a fresh connection (raises OSError if none)."""
    conn = http.client.HTTPConnection(host, port, timeout=2)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@dataclass
class RunningServer:
    """A launched server: its process (group leader), port and log file."""

    spec: ServerSpec
    host: str
    port: int
    process: subprocess.Popen[bytes]
    launched_at: float
    log_path: Path
    _log: IO[bytes] = field(repr=False)

    @property
    def pid(self) -> int:
        """The pid of the launched command, root of the process tree."""
        return self.process.pid

    def url(self, path: str) -> str:
        """The URL of an API path on this server."""
        return self.spec.url(self.host, self.port, path)

    def wait_ready(self, path: str, timeout_s: float = 30.0, poll_s: float = 0.005) -> float:
        """Poll `path` until it answers 200; return seconds since launch.

        This is the cold start: from the fork of the command to the first
        200, polled every few milliseconds on fresh connections.
        """
        full_path = self.spec.prefix + path
        deadline = self.launched_at + timeout_s
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.spec.name} exited with {self.process.returncode} before answering; "
                    f"see {self.log_path}"
                )
            try:
                if get_status(self.host, self.port, full_path) == 200:
                    return time.perf_counter() - self.launched_at
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(poll_s)
        raise TimeoutError(
            f"{self.spec.name} answered no 200 within {timeout_s} s; see {self.log_path}"
        )

    def stop(self, grace_s: float = 5.0) -> None:
        """SIGTERM the server's process group, then SIGKILL what is left."""
        try:
            stop(self.process, grace_s)
        finally:
            self._log.close()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def launch(
    spec: ServerSpec, log_dir: Path, host: str = HOST, port: int | None = None
) -> RunningServer:
    """Start `spec` on a free port in its own session; output goes to a log file."""
    port = port or free_port(host)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{spec.name}.log"
    log = log_path.open("wb")
    argv = spec.argv(host, port)
    launched_at = time.perf_counter()
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return RunningServer(spec, host, port, process, launched_at, log_path, log)
