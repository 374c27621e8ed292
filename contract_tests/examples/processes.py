"""Running an example as its reader would: a new process, with only the settings it names.

Examples run in child processes of the test environment's interpreter (or
bash), never in the test process: an import the doc gets wrong must fail
the way it fails for a reader, and an SDK's global state (pennylane's class
attribute, qiskit's environment) must not leak into the next example.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

BIN = Path(sys.executable).parent
TIMEOUT_S = 120.0
# Set by an enclosing `make pytest`; they would turn the examples' own make
# commands into sub-makes of it (and print "Entering directory" lines).
MAKE_VARIABLES = frozenset({"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"})


def example_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of an example: this one without IONQ_* settings (an example gets
    those its text names, no others) or make's, the test environment's bin/ first on
    PATH (`ionq-mock`, `python3`), then `extra`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("IONQ_") and name not in MAKE_VARIABLES
    }
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.update(extra or {})
    return env


def run(
    argv: Sequence[str], *, cwd: Path, env: Mapping[str, str], timeout_s: float = TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    """Run to completion; output captured as text, never an exception for a failure."""
    return subprocess.run(
        list(argv),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_is_open(port: int, host: str = "127.0.0.1") -> bool:
    """True while something accepts connections on the port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex((host, port)) == 0
