"""The collector: every fenced block of README.md and docs/*.md, as an example to run.

A doc's example that nobody runs goes stale without a sound, so `make test`
runs them all (the tests beside this module). The rules, in one place:

Which blocks. Every fenced block (``` or ~~~, indented ones in lists too) of
README.md and docs/*.md. ```python and ```console blocks are examples; a plain
fence (no language: layout trees, formulas) is not. Any other language fails
test_collector.py until this module learns it, so nothing is skipped in silence.
Each block is named by its file and the line of its opening fence
(`docs/jobs.md:62`), and so are the tests that run it.

Python blocks are of three kinds:
- a pytest file (it defines `test_...` functions): run by pytester with the
  real `my_code.py` beside it (test_pytest_examples.py);
- a script that talks to the fake (it names http://127.0.0.1:8000): run by the
  test environment's python against a fake on a free port, the port put in
  place of 8000, with the environment variables its comments name
  (`IONQ_API_URL=...`) set; what it prints is checked (printed.py);
- any other block: run the same way, offline; it must exit 0 and print nothing.

Console blocks. A line starting with `$ ` is a command; it goes on over the
lines that end with `\\` or leave a quote open (as bash reads it). The lines
after a command, up to the next `$ `, are its expected output. Every command
of a block runs in one bash (so `job=$(...)` carries over), from the
repository root, against a fake started for that block when the block names
127.0.0.1:8000, with 8000 replaced by its port:
- matching: the output (stdout and stderr, as a terminal shows them; curl
  without its progress meter) with trailing spaces and blank lines removed
  must equal the expected lines, where each `...` or `…` in them stands for
  any text, newlines included, or none;
- a command with no expected output must exit 0; curl runs with
  `--fail-with-body` added for it, so an HTTP status of 400 or more fails too;
- `make ...` commands cannot run inside `make test` (they would recurse, or
  take minutes): each is checked with `make -n` (a dry run: the target exists
  and its recipe expands, `-n` inserted after `make`, from the repository
  root). GNU make still runs the recipe lines that invoke `$(MAKE)`, so
  `make -n test` starts a fake for a moment to dry-run the inner `make
  contract`. The exception is `make serve` (also as `make serve &`), run
  for real with PORT= a free port until `GET /v0.4/backends` answers 200
  and stopped with SIGTERM (to make, which passes it on), as the README
  promises;
- `python -m bench.tune` loads server candidates with wrk for minutes: it runs
  with `--only` naming no candidate, so its options are parsed and nothing is
  loaded.
A block naming `my-fixtures` runs in a scratch directory holding
`my-fixtures/`, a copy of the packaged fixtures with qpu.aria-1's qubits set
to -1: the broken fixture docs/fake.md shows.

`python -m contract_tests.examples.blocks` prints how many blocks of each kind there are.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAKE_ORIGIN = "http://127.0.0.1:8000"
FAKE_ADDRESS = "127.0.0.1:8000"
EXAMPLE_LANGUAGES = frozenset({"python", "console"})
NOT_EXAMPLES = frozenset({""})  # plain fences: trees, formulas
KNOWN_LANGUAGES = EXAMPLE_LANGUAGES | NOT_EXAMPLES

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
ENV_IN_COMMENT = re.compile(r"\b(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>\S+)")
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
PROMPT = "$ "


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its language and its text (dedented)."""

    path: str  # relative to the repository root
    line: int  # of the opening fence, from 1
    language: str
    text: str

    @property
    def id(self) -> str:
        """`file:line`, the name of the block and of its tests."""
        return f"{self.path}:{self.line}"


def documents(root: Path = ROOT) -> list[Path]:
    """README.md and docs/*.md, the documents whose examples must run."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def fenced_blocks(path: Path, root: Path = ROOT) -> list[Block]:
    """The fenced blocks of one Markdown file, in order."""
    name = path.relative_to(root).as_posix()
    lines = path.read_text("utf-8").splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        start = index
        while index < len(lines) and not _closes(lines[index], fence):
            index += 1
        if index == len(lines):
            raise ValueError(f"{name}:{start}: the fence opened here is never closed")
        body = "\n".join(_dedent(line, indent) for line in lines[start:index])
        language = opening["info"].strip().split(" ")[0]
        blocks.append(Block(name, start, language, body + "\n"))
        index += 1
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {fence[0]}


def _dedent(line: str, indent: int) -> str:
    return line[min(indent, len(line) - len(line.lstrip())) :]


def all_blocks(root: Path = ROOT) -> list[Block]:
    """Every fenced block of every document."""
    return [block for path in documents(root) for block in fenced_blocks(path, root)]


def examples(language: str, root: Path = ROOT) -> list[Block]:
    """The blocks of one example language."""
    return [block for block in all_blocks(root) if block.language == language]


# -- Python -------------------------------------------------------------------------------


class PythonKind(Enum):
    """How a Python block is run."""

    PYTEST = "pytest file"
    SCRIPT = "script against the fake"
    OFFLINE = "offline script"


def python_kind(block: Block) -> PythonKind:
    """Which of the three kinds of Python example a block is."""
    if defined_tests(block):
        return PythonKind.PYTEST
    if FAKE_ADDRESS in block.text:
        return PythonKind.SCRIPT
    return PythonKind.OFFLINE


def defined_tests(block: Block) -> list[str]:
    """The test functions a Python block defines at top level."""
    tree = ast.parse(block.text, filename=block.id)
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]


def comment_environment(block: Block) -> dict[str, str]:
    """The environment variables the block's comment lines name, as `NAME=value`."""
    found: dict[str, str] = {}
    for line in block.text.splitlines():
        if line.lstrip().startswith("#"):
            found |= {m["name"]: m["value"] for m in ENV_IN_COMMENT.finditer(line)}
    return found


# -- console ------------------------------------------------------------------------------


class CommandKind(Enum):
    """How a console command is run."""

    SHELL = "run by bash"
    MAKE_DRY_RUN = "make -n"
    MAKE_SERVE = "make serve, for real"
    LOAD_RUN = "a load run, options only"


@dataclass(frozen=True)
class Command:
    """One `$ ` command of a console block and the output shown after it."""

    block: Block
    line: int  # in the document
    text: str  # as typed, continuation lines included, without the prompt
    expected: tuple[str, ...]

    @property
    def id(self) -> str:
        """`file:line` of the command."""
        return f"{self.block.path}:{self.line}"

    @property
    def words(self) -> list[str]:
        """The command's words as bash splits them, without comments or a final `&`."""
        joined = self.text.replace("\\\n", " ")  # bash drops a backslash-newline
        words = shlex.split(joined, comments=True)
        return words[:-1] if words and words[-1] == "&" else words

    @property
    def program(self) -> str:
        """The program run, after any leading `NAME=value` assignments."""
        programs = [word for word in self.words if not ASSIGNMENT.match(word)]
        return programs[0] if programs else ""

    @property
    def kind(self) -> CommandKind:
        """How this command is run (see the module's docstring)."""
        if self.program == "make":
            return (
                CommandKind.MAKE_SERVE if self.make_target == "serve" else CommandKind.MAKE_DRY_RUN
            )
        if "bench.tune" in self.words:
            return CommandKind.LOAD_RUN
        return CommandKind.SHELL

    @property
    def make_target(self) -> str | None:
        """The first target a `make` command names (None: the default goal)."""
        after = self.words[self.words.index("make") + 1 :]
        targets = [word for word in after if not word.startswith("-") and "=" not in word]
        return targets[0] if targets else None


def console_commands(block: Block) -> list[Command]:
    """The commands of a console block, each with its expected output."""
    lines = block.text.splitlines()
    commands: list[Command] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith(PROMPT):
            raise ValueError(f"{block.id}: output before any command: {line!r}")
        first = index
        text = line[len(PROMPT) :]
        index += 1
        while _goes_on(text):
            if index == len(lines):
                raise ValueError(f"{block.id}: the command of line {first + 1} never ends")
            text += "\n" + lines[index]
            index += 1
        expected = []
        while index < len(lines) and not lines[index].startswith(PROMPT):
            expected.append(lines[index])
            index += 1
        while expected and not expected[-1].strip():
            expected.pop()
        commands.append(Command(block, block.line + 1 + first, text, tuple(expected)))
    return commands


def _goes_on(text: str) -> bool:
    """True while bash would read another line: after a `\\`, or inside a quote."""
    if text.endswith("\\"):
        return True
    try:
        shlex.split(text, comments=True)
    except ValueError as error:
        if "No closing quotation" in str(error):
            return True
        raise
    return False


def all_commands(root: Path = ROOT) -> list[Command]:
    """Every command of every console block."""
    return [command for block in examples("console", root) for command in console_commands(block)]


def census(root: Path = ROOT) -> dict[str, int]:
    """How many blocks of each language, Python blocks and console commands of each kind."""
    blocks = all_blocks(root)
    languages = Counter(
        f"```{block.language or ' (plain: not an example)'} blocks" for block in blocks
    )
    kinds = Counter(
        f"  python: {python_kind(block).value}" for block in blocks if block.language == "python"
    )
    commands = Counter(f"  console command: {command.kind.value}" for command in all_commands(root))
    return {
        **dict(sorted(languages.items())),
        **dict(sorted(kinds.items())),
        **dict(sorted(commands.items())),
    }


if __name__ == "__main__":
    for label, count in census().items():
        print(f"{count:4d}  {label}")
