"""A private redis-server for tests: started on a free port, stopped afterwards.

Each test session starts its own (each pytest-xdist worker too), never the
machine's: no port to share, no state left from another run, and nothing to
configure. Persistence is off (`--save ""`, `--appendonly no`): the tests
empty it between tests anyway. `make test` installs redis-server (Debian's).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

# How long a started server has to answer PING.
START_TIMEOUT_S = 10.0


@dataclass
class RedisServer:
    """A running redis-server process, listening on 127.0.0.1:`port`."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        """Its database 0, for redis-py's `from_url`."""
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it has not exited within 5 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_redis(directory: Path) -> RedisServer:
    """Start redis-server with its files (and its log, redis.log) in `directory`."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise RuntimeError(
            "redis-server is not installed: run `make test` (it installs it), or"
            " `apt-get install redis-server`"
        )
    # The port is free when asked for; another process taking it before
    # redis-server binds it is possible but rare, and shows in the log.
    port = _free_port()
    log_path = directory / "redis.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                executable,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(directory),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = RedisServer(process=process, port=port, log_path=log_path)
    try:
        _wait_for_ping(server)
    except BaseException:
        server.stop()
        raise
    return server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_ping(server: RedisServer) -> None:
    client = redis.Redis(host="127.0.0.1", port=server.port, socket_timeout=1)
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(
                    f"redis-server exited with {server.process.returncode} on port"
                    f" {server.port}: {server.log_path.read_text(errors='replace')[-2000:]}"
                )
            try:
                if client.ping():
                    return
            except redis.exceptions.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"redis-server did not answer PING on port {server.port} within"
                    f" {START_TIMEOUT_S:g} s; its log is {server.log_path}"
                )
            time.sleep(0.02)
    finally:
        client.close()
