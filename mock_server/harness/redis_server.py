"""A private redis-server, as launcher.py starts private fakes: a free port, files in a
directory of the caller's, persistence off, stopped afterwards.

For the tests of the Redis store (contract_tests/conftest.py's `redis_server`) and the
bench (bench/stores.py): never the machine's own server, so no port or state is
shared with anything else. `make test` installs Debian's redis-server.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from mock_server.harness.launcher import HOST, free_port, stop

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
        """Its database 0, as `--store` and redis-py's `from_url` take it."""
        return f"redis://{HOST}:{self.port}/0"

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it has not exited within 5 s."""
        stop(self.process, 5.0)


def answers(port: int, host: str = HOST) -> bool:
    """Whether a redis-server on `port` answers PING (a raw RESP inline command)."""
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(directory: Path) -> RedisServer:
    """Start redis-server with its files (and its log, redis.log) in `directory`, in a
    session of its own (stopping it stops nothing else); once it answers PING."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise RuntimeError(
            "redis-server is not installed: run `make test` (it installs it), or"
            " `apt-get install redis-server`"
        )
    # The port is free when asked for; another process taking it before
    # redis-server binds it is possible but rare, and shows in the log.
    port = free_port(HOST)
    log_path = directory / "redis.log"
    argv = [executable, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            [*argv, "--dir", str(directory)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = RedisServer(process=process, port=port, log_path=log_path)
    try:
        _wait_for_ping(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_for_ping(server: RedisServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not answers(server.port):
        if server.process.poll() is not None:
            raise RuntimeError(
                f"redis-server exited with {server.process.returncode} on port"
                f" {server.port}: {server.log_path.read_text(errors='replace')[-2000:]}"
            )
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"redis-server did not answer PING on port {server.port} within"
                f" {START_TIMEOUT_S:g} s; its log is {server.log_path}"
            )
        time.sleep(0.02)
