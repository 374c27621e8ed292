"""The collector itself: every block is of a known language and run by some test, and
the rules of blocks.py (commands, expected output, matching, printed values) hold.

The synthetic documents here show that each check can fail: an unknown
language is reported, a wrong output does not match, a Bell outcome with
|01> is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_tests.examples import test_console_examples as console_tests
from contract_tests.examples import test_make_examples as make_tests
from contract_tests.examples import test_pytest_examples as pytest_tests
from contract_tests.examples import test_python_examples as python_tests
from contract_tests.examples.blocks import (
    EXAMPLE_LANGUAGES,
    KNOWN_LANGUAGES,
    ROOT,
    Block,
    CommandKind,
    all_blocks,
    all_commands,
    census,
    comment_environment,
    console_commands,
)
from contract_tests.examples.console import RUN_BY_BASH, matches
from contract_tests.examples.printed import BELL_OUTPUTS, documented_output, read_printed


def unknown_languages(root: Path) -> list[str]:
    """`file:line language` of each block whose language the collector does not know."""
    return [
        f"{block.id} {block.language}"
        for block in all_blocks(root)
        if block.language not in KNOWN_LANGUAGES
    ]


def test_every_block_is_of_a_language_the_collector_knows() -> None:
    assert unknown_languages(ROOT) == []


def test_a_block_of_a_new_language_is_reported(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("```python\nprint(1)\n```\n", "utf-8")
    (tmp_path / "docs" / "new.md").write_text("text\n\n  ```ruby\n  puts 1\n  ```\n", "utf-8")
    assert unknown_languages(tmp_path) == ["docs/new.md:3 ruby"]


def test_an_unclosed_fence_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("```console\n$ true\n", "utf-8")
    with pytest.raises(ValueError, match=r"README.md:1: the fence opened here is never closed"):
        all_blocks(tmp_path)


def test_every_example_is_run_by_a_test() -> None:
    """Each example block, and each command of a console block, is a parameter of a test."""
    examples = {block.id for block in all_blocks() if block.language in EXAMPLE_LANGUAGES}
    run = {
        block.id
        for block in [
            *python_tests.SCRIPTS,
            *python_tests.OFFLINE,
            *pytest_tests.BLOCKS,
            *console_tests.BLOCKS,
        ]
    }
    made = [*make_tests.DRY_RUNS, *make_tests.SERVES]
    run |= {command.block.id for command in made}
    assert run == examples
    commands = {command.id for command in all_commands()}
    by_bash = {
        command.id
        for block in console_tests.BLOCKS
        for command in console_commands(block)
        if command.kind in RUN_BY_BASH
    }
    assert by_bash | {command.id for command in made} == commands
    counts = census()
    print("\n".join(f"{count:4d}  {label}" for label, count in counts.items()))
    assert sum(count for label, count in counts.items() if label.startswith("```")) == len(
        all_blocks()
    )


def block(text: str) -> Block:
    return Block("docs/x.md", 10, "console", text)


def test_a_command_goes_on_after_a_backslash_or_inside_quotes() -> None:
    commands = console_commands(
        block(
            "$ curl -X POST \\\n"
            '    -d \'{"a": 1,\n'
            "         \"b\": 2}' http://x   # it's a comment\n"
            '{"ok":true}\n'
            "\n"
            "$ make serve &\n"
        )
    )
    assert [(c.line, c.expected, c.kind) for c in commands] == [
        (11, ('{"ok":true}',), CommandKind.SHELL),
        (16, (), CommandKind.MAKE_SERVE),
    ]
    assert commands[0].words == [
        "curl",
        "-X",
        "POST",
        "-d",
        '{"a": 1,\n         "b": 2}',
        "http://x",
    ]
    assert commands[1].words == ["make", "serve"]


def test_make_commands_and_load_runs_are_told_apart() -> None:
    commands = console_commands(
        block(
            "$ IONQ_API_KEY=... make contract URL=https://api.ionq.co/v0.4\n"
            "$ make\n"
            "$ .venv/bin/python -m bench.tune --app x:app\n"
        )
    )
    assert [(c.kind, c.program) for c in commands] == [
        (CommandKind.MAKE_DRY_RUN, "make"),
        (CommandKind.MAKE_DRY_RUN, "make"),
        (CommandKind.LOAD_RUN, ".venv/bin/python"),
    ]
    assert [commands[0].make_target, commands[1].make_target] == ["contract", None]


def test_output_before_any_command_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"docs/x.md:10: output before any command"):
        console_commands(block("hello\n$ true\n"))


@pytest.mark.parametrize(
    ("expected", "output", "matched"),
    [
        (['{"a":1,...}'], '{"a":1,"b":2}', True),
        (['{"a":1,…}'], '{"a":1,"b":2}', True),
        (["[{...}]"], "[{}]", True),
        (["one", "...", "three"], "one\ntwo\nthree\n\n", True),
        (["ionq-mock: Invalid fixtures:"], "ionq-mock: Invalid fixtures:   \n", True),
        (['{"a":1}'], '{"a":2}', False),
        (['{"a":1,...}'], '{"b":2}', False),
        (["one"], "one\ntwo", False),
        (["..."], "", True),
    ],
)
def test_the_matching_rule(expected: list[str], output: str, matched: bool) -> None:
    assert matches(expected, output) is matched


def test_comments_name_environment_variables() -> None:
    code = "# qiskit-ionq, with IONQ_API_URL=http://h:1/v0.4 and IONQ_API_KEY=any\nx = 'A=b'\n"
    assert comment_environment(Block("README.md", 1, "python", code)) == {
        "IONQ_API_URL": "http://h:1/v0.4",
        "IONQ_API_KEY": "any",
    }


def test_printed_values_read_back() -> None:
    pennylane = read_printed("{np.str_('00'): np.int64(496), np.str_('11'): np.int64(504)}")
    assert (pennylane.container, pennylane.items) == ("dict", {"00": 496, "11": 504})
    cirq = read_printed("Counter({0: 502, 3: 498})")
    assert (cirq.container, cirq.items) == ("Counter", {0: 502, 3: 498})
    assert pennylane.shape == read_printed("{'00': 1, '11': 2}").shape
    assert pennylane.shape != read_printed("{'00': 1.0, '11': 2.0}").shape
    assert documented_output("print(x)  # {'00': 497, '11': 503}\n") == "{'00': 497, '11': 503}"
    assert documented_output("print(x)  # 404, 500\n") is None


@pytest.mark.parametrize(
    ("sdk", "text"),
    [
        ("qiskit_ionq", "{'00': 500, '01': 10, '11': 490}"),  # a state a Bell pair never shows
        ("qiskit_ionq", "{'00': 500, '11': 499}"),  # one shot short
        ("cirq_ionq", "Counter({0: 1000})"),  # far from half and half
        ("cirq_ionq", "{0: 500, 3: 500}"),  # not cirq's Counter
        ("ionq_core", "{'0': 0.6, '3': 0.4}"),  # not the exact probabilities
    ],
)
def test_a_wrong_bell_outcome_is_refused(sdk: str, text: str) -> None:
    with pytest.raises(AssertionError):
        BELL_OUTPUTS[sdk].check(read_printed(text), shots=1000)


def test_a_right_bell_outcome_passes() -> None:
    BELL_OUTPUTS["cirq_ionq"].check(read_printed("Counter({0: 520, 3: 480})"), shots=1000)
    BELL_OUTPUTS["ionq_core"].check(read_printed("{'0': 0.4999999999999999, '3': 0.5}"), 1000)
