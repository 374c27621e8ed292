"""Running console examples: a block's commands in one bash, `make` dry runs, `make serve`.

The rules (what is run how, and the matching of outputs) are in blocks.py's
docstring; this module carries them out.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from contract_tests.examples.blocks import FAKE_ADDRESS, ROOT, Command, CommandKind
from contract_tests.examples.processes import example_env, free_port, port_is_open, run

WILDCARD = re.compile(r"\.\.\.|…")
# curl as a terminal shows it: no progress meter (curl prints one when its output
# is not a terminal); with EXAMPLE_STRICT set, an HTTP status >= 400 fails it.
PRELUDE = """set -o pipefail
curl() { command curl --no-progress-meter ${EXAMPLE_STRICT:+--fail-with-body} "$@"; }
"""
RUN_BY_BASH = frozenset({CommandKind.SHELL, CommandKind.LOAD_RUN})  # the rest: `make`
NO_CANDIDATE = "(no candidate)"
BROKEN_FIXTURES = "my-fixtures"
SERVE_READY_PATH = "/v0.4/backends"
SERVE_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
START_ATTEMPTS = 3  # another process may take the free port before make binds it


@dataclass(frozen=True)
class Outcome:
    """What one command did: its exit status and everything it printed."""

    command: Command
    status: int
    output: str

    def problem(self) -> str | None:
        """Why this outcome breaks the doc's promise, or None if it keeps it."""
        if self.command.expected:
            if matches(self.command.expected, self.output):
                return None
            expected = "\n".join(self.command.expected)
            return f"printed:\n{self.output}\nthe doc shows:\n{expected}"
        if self.status != 0:
            return f"exited with {self.status}:\n{self.output}"
        return None


def normalized(text: str) -> str:
    """Lines without trailing spaces, and no trailing blank lines."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def matches(expected: Sequence[str], output: str) -> bool:
    """The matching rule: `output` equals the expected lines, each `...` or `…` of them
    standing for any text (newlines included) or none; trailing spaces and blank
    lines do not count."""
    parts = WILDCARD.split(normalized("\n".join(expected)))
    pattern = ".*?".join(re.escape(part) for part in parts)
    return re.fullmatch(pattern, normalized(output), re.DOTALL) is not None


def shell_text(command: Command, address: str | None) -> str:
    """The command as bash runs it: the fake's address in place of 127.0.0.1:8000, and a
    load run limited to no candidate."""
    if command.kind is CommandKind.LOAD_RUN:
        return shlex.join([*command.words, "--only", NO_CANDIDATE])
    if command.kind is not CommandKind.SHELL:
        raise ValueError(f"{command.id}: a {command.kind.value} command is not run by bash")
    return command.text.replace(FAKE_ADDRESS, address) if address else command.text


def script(commands: Sequence[Command], address: str | None, out: Path) -> str:
    """One bash script for a block: each command's output and status into its own files."""
    parts = [PRELUDE]
    for index, command in enumerate(commands):
        strict = "unset EXAMPLE_STRICT" if command.expected else "EXAMPLE_STRICT=1"
        parts.append(
            f"{strict}\n{{\n{shell_text(command, address)}\n}} >{out}/{index}.out 2>&1\n"
            f"echo $? >{out}/{index}.status\n"
        )
    return "".join(parts)


def run_commands(
    commands: Sequence[Command], address: str | None, cwd: Path, scratch: Path
) -> list[Outcome]:
    """Run a block's commands in one bash; what each did."""
    scratch.mkdir(parents=True, exist_ok=True)
    path = scratch / "block.sh"
    path.write_text(script(commands, address, scratch), "utf-8")
    finished = run(["bash", str(path)], cwd=cwd, env=example_env())
    outcomes = []
    for index, command in enumerate(commands):
        status_file = scratch / f"{index}.status"
        if not status_file.exists():
            raise AssertionError(f"{command.id} never finished:\n{finished.stderr}")
        output = (scratch / f"{index}.out").read_text("utf-8", errors="replace")
        outcomes.append(Outcome(command, int(status_file.read_text()), output))
    return outcomes


def needs_broken_fixtures(commands: Sequence[Command]) -> bool:
    """True if a block's commands name the broken fixtures directory of docs/fake.md."""
    return any(BROKEN_FIXTURES in command.text for command in commands)


def make_broken_fixtures(workdir: Path, packaged: Path) -> Path:
    """`my-fixtures/` in `workdir`: the packaged backends, qpu.aria-1 with -1 qubits."""
    backends = workdir / BROKEN_FIXTURES / "backends"
    shutil.copytree(packaged, backends)
    record_path = backends / "qpu.aria-1.json"
    record = json.loads(record_path.read_text("utf-8"))
    record["qubits"] = -1
    record_path.write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    return workdir


# -- make ---------------------------------------------------------------------------------


def _assignments_and_argv(command: Command) -> tuple[dict[str, str], list[str]]:
    words = command.words
    start = words.index("make")
    assignments = dict(word.split("=", 1) for word in words[:start])
    return assignments, words[start:]


def make_dry_run(command: Command) -> subprocess.CompletedProcess[str]:
    """`make -n` with the command's targets and variables, from the repository root."""
    assignments, argv = _assignments_and_argv(command)
    return run(["make", "-n", *argv[1:]], cwd=ROOT, env=example_env(assignments))


@dataclass(frozen=True)
class Served:
    """A `make serve` that answered: its port, and how long it took."""

    port: int
    ready_after_s: float


@contextmanager
def make_serve(command: Command, log_path: Path) -> Iterator[Served]:
    """Run `make serve` for real with PORT= a free port until it answers; stop it after.

    Stopped as a supervisor stops it: SIGTERM to make, which passes it on to
    ionq-mock, which stops granian's workers. Not SIGTERM to the whole process
    group: when a worker gets it straight, granian's main process sometimes
    (about one run in twenty here) reports an "Unexpected exit from worker-1"
    and waits forever. make gets its own process group, so that whatever is left
    of it on a failure is SIGKILLed, and nothing else."""
    assignments, argv = _assignments_and_argv(command)
    for _ in range(START_ATTEMPTS):
        port = free_port()
        started = time.monotonic()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [*argv, f"PORT={port}"],
                cwd=ROOT,
                env=example_env(assignments),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            if _served(process, port, log_path):
                yield Served(port, time.monotonic() - started)
                _stop(process, log_path)
                return
        finally:
            _kill_group(process)
    raise AssertionError(f"make serve exited with {process.returncode}:\n{log_path.read_text()}")


def _stop(process: subprocess.Popen[bytes], log_path: Path) -> None:
    """SIGTERM to make; fail unless make and everything it started end."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"make serve ignored SIGTERM:\n{log_path.read_text()}") from None
    if not _group_ends(process.pid):
        raise AssertionError(f"make serve left processes behind:\n{log_path.read_text()}")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL whatever is left of make's process group (nothing, after a clean stop)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(STOP_TIMEOUT_S)


def _group_ends(group: int, timeout_s: float = STOP_TIMEOUT_S) -> bool:
    """True once no process of the group is left."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _served(process: subprocess.Popen[bytes], port: int, log_path: Path) -> bool:
    """True once the fake answers on the port; False if make exited first (another
    process may have taken the free port in the meantime)."""
    deadline = time.monotonic() + SERVE_TIMEOUT_S
    url = f"http://127.0.0.1:{port}{SERVE_READY_PATH}"
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                if client.get(url).status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise AssertionError(
        f"make serve did not answer in {SERVE_TIMEOUT_S} s:\n{log_path.read_text()}"
    )


def wait_until_closed(port: int, timeout_s: float = STOP_TIMEOUT_S) -> bool:
    """True once nothing accepts connections on the port any more."""
    deadline = time.monotonic() + timeout_s
    while port_is_open(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
