"""The docs' Python scripts, run by the test environment's python as their readers run them.

A script that talks to the fake (it names http://127.0.0.1:8000) runs against
this worker's fake on a socket (the plugin's `fake_ionq_socket`, reset before
and after each example), its port in place of 8000, with the environment
variables its comments name. What it prints is checked against what it must
print (printed.py): a Bell circuit's outcome for the IonQ SDKs, the fixture's
fields for this project's client. Any other Python block runs offline and
must exit 0 without printing.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from ionq_client.models import BackendName

from contract_tests.examples.blocks import (
    FAKE_ADDRESS,
    Block,
    PythonKind,
    comment_environment,
    examples,
    python_kind,
)
from contract_tests.examples.printed import (
    BELL_OUTPUTS,
    documented_output,
    odd_rate_of,
    printed_backend_fields,
    read_printed,
    shots_of,
)
from contract_tests.examples.processes import example_env, run
from contract_tests.fake.support import fixture_record
from mock_server.harness.fake import FakeIonQ

CLIENT = "ionq_client"
SCRIPTS = [block for block in examples("python") if python_kind(block) is PythonKind.SCRIPT]
OFFLINE = [block for block in examples("python") if python_kind(block) is PythonKind.OFFLINE]


def imported_sdk(block: Block) -> str:
    """The SDK an example uses: the one known package among the modules it imports."""
    modules = set()
    for node in ast.walk(ast.parse(block.text)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module.split(".")[0])
    known = modules & {*BELL_OUTPUTS, CLIENT}
    assert len(known) == 1, f"{block.id} imports {sorted(modules)}: teach printed.py its output"
    return known.pop()


def run_block(
    block: Block, tmp_path: Path, address: str | None
) -> subprocess.CompletedProcess[str]:
    """Write the block to a file and run it (the fake's address in place of 127.0.0.1:8000)."""
    code = block.text.replace(FAKE_ADDRESS, address) if address else block.text
    environment = {
        name: value.replace(FAKE_ADDRESS, address) if address else value
        for name, value in comment_environment(block).items()
    }
    script = tmp_path / "example.py"
    script.write_text(code, "utf-8")
    result = run([sys.executable, str(script)], cwd=tmp_path, env=example_env(environment))
    assert result.returncode == 0, f"{block.id} failed:\n{result.stderr}"
    return result


def check_client_output(block: Block, stdout: str) -> None:
    """This project's client prints fields of a backend's record, as the fixture has them."""
    member, fields = printed_backend_fields(block.text)
    record = fixture_record(BackendName[member].value)
    assert stdout.split() == [str(record[field]) for field in fields], (fields, stdout)


def check_bell_output(block: Block, sdk: str, stdout: str) -> None:
    """An IonQ SDK prints a Bell circuit's outcome; so does the output its doc shows."""
    bell = BELL_OUTPUTS[sdk]
    lines = stdout.strip().splitlines()
    assert lines, f"{block.id} printed nothing"
    printed = read_printed(lines[-1])
    odd_rate = odd_rate_of(block.text)
    bell.check(printed, shots_of(block.text), odd_rate)
    shown = documented_output(block.text)
    if shown is not None:
        documented = read_printed(shown)
        bell.check(documented, shots_of(block.text), odd_rate)
        assert printed.shape == documented.shape, (printed, documented)


@pytest.mark.parametrize("block", SCRIPTS, ids=[block.id for block in SCRIPTS])
def test_the_script_prints_what_it_should(
    block: Block, fake_ionq_socket: FakeIonQ, tmp_path: Path
) -> None:
    address = fake_ionq_socket.origin.removeprefix("http://")
    stdout = run_block(block, tmp_path, address).stdout
    sdk = imported_sdk(block)
    if sdk == CLIENT:
        check_client_output(block, stdout)
    else:
        check_bell_output(block, sdk, stdout)
        assert fake_ionq_socket.jobs(), f"{block.id} ran no job on the fake"


@pytest.mark.parametrize("block", OFFLINE, ids=[block.id for block in OFFLINE])
def test_the_offline_snippet_runs(block: Block, tmp_path: Path) -> None:
    assert run_block(block, tmp_path, address=None).stdout == ""
