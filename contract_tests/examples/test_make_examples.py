"""The docs' `make` commands: dry runs, and `make serve` for real.

`make test`, `make bench`, `make generate`, `make contract URL=...` cannot run
inside `make test` (recursion, minutes, the network): `make -n` checks that
the target exists and its recipe expands with the variables the doc gives.
`make serve` is what the README tells every reader to start with, so it runs
for real on a free port, must answer `GET /v0.4/backends` with 200 within a
minute, and must stop on SIGTERM (its port closed, no process left).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from contract_tests.examples.blocks import Command, CommandKind, all_commands
from contract_tests.examples.console import make_dry_run, make_serve, wait_until_closed

DRY_RUNS = [command for command in all_commands() if command.kind is CommandKind.MAKE_DRY_RUN]
SERVES = [command for command in all_commands() if command.kind is CommandKind.MAKE_SERVE]


@pytest.mark.parametrize("command", DRY_RUNS, ids=[command.id for command in DRY_RUNS])
def test_the_make_target_exists_and_expands(command: Command) -> None:
    assert not command.expected, f"{command.id}: make output cannot be checked by a dry run"
    result = make_dry_run(command)
    assert result.returncode == 0, f"$ {command.text}\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip(), f"$ {command.text}: the dry run runs nothing"


@pytest.mark.parametrize("command", SERVES, ids=[command.id for command in SERVES])
def test_make_serve_serves_the_fake_until_sigterm(command: Command, tmp_path: Path) -> None:
    assert not command.expected, f"{command.id}: make serve's output is a log, not checked"
    with make_serve(command, tmp_path / "serve.log") as served:
        answer = httpx.get(f"http://127.0.0.1:{served.port}/v0.4/backends/qpu.aria-1")
        assert answer.status_code == 200
        assert answer.json()["backend"] == "qpu.aria-1"
    assert wait_until_closed(served.port), f"port {served.port} still open after SIGTERM"
