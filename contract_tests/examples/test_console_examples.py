"""The docs' console blocks: each block's commands run by bash, outputs matched.

A block that names 127.0.0.1:8000 gets a fake of its own, started for it
(`start_fake("socket")`, a free port): the docs show what a fake just
started by `make serve` answers (the first fault rule is `"id":1`), and a
reset keeps counters such as the rule ids. `make` commands are left to
test_make_examples.py. Rules and matching: blocks.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.examples.blocks import (
    FAKE_ADDRESS,
    ROOT,
    Block,
    console_commands,
    examples,
)
from contract_tests.examples.console import (
    RUN_BY_BASH,
    make_broken_fixtures,
    needs_broken_fixtures,
    run_commands,
)
from contract_tests.fake.support import PACKAGED_BACKENDS
from mock_server.harness import start_fake

BLOCKS = [
    block
    for block in examples("console")
    if any(command.kind in RUN_BY_BASH for command in console_commands(block))
]


@contextlib.contextmanager
def fake_address(block: Block) -> Iterator[str | None]:
    """host:port of a fake started for this block, if the block talks to one."""
    if FAKE_ADDRESS not in block.text:
        yield None
        return
    with start_fake("socket") as fake:
        yield fake.origin.removeprefix("http://")


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_every_command_does_what_the_doc_shows(block: Block, tmp_path: Path) -> None:
    commands = [command for command in console_commands(block) if command.kind in RUN_BY_BASH]
    workdir = ROOT
    if needs_broken_fixtures(commands):
        workdir = make_broken_fixtures(tmp_path / "workdir", PACKAGED_BACKENDS)
    with fake_address(block) as address:
        outcomes = run_commands(commands, address, workdir, tmp_path / "outputs")
    problems = [
        f"{outcome.command.id}: $ {outcome.command.text}\n{problem}"
        for outcome in outcomes
        if (problem := outcome.problem()) is not None
    ]
    assert not problems, "\n\n".join(problems)
