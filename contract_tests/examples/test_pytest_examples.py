"""The docs' pytest examples, run as the pytest files they are, with a real `my_code`.

Each block is written to a test file beside my_code.py (this package's
stand-in for the reader's module) and run by pytester in a subprocess, the
plugin found through its entry point as a user's suite finds it. Every test
the block defines must pass: none failed, skipped or erroring. A block that
hands my_code `fake_ionq.base_url` (my_code connects to it itself) runs
with `--fake-ionq=socket`, as the docs say such code needs. The test
environment's other pytest plugins (schemathesis, hypothesis, xdist, anyio)
are switched off in the inner run: a reader's suite need not have them, and
loading them would triple the run's time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_tests.examples.blocks import Block, PythonKind, defined_tests, examples, python_kind

MY_CODE = Path(__file__).with_name("my_code.py")
OTHER_PLUGINS = ("schemathesis", "hypothesispytest", "anyio", "xdist", "xdist.looponfail")
BLOCKS = [block for block in examples("python") if python_kind(block) is PythonKind.PYTEST]


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_every_test_of_the_example_passes(pytester: pytest.Pytester, block: Block) -> None:
    pytester.makepyfile(my_code=MY_CODE.read_text("utf-8"), test_example=block.text)
    options = ["-p", "no:cacheprovider"]
    for plugin in OTHER_PLUGINS:
        options += ["-p", f"no:{plugin}"]
    if "fake_ionq.base_url" in block.text:
        options.append("--fake-ionq=socket")
    result = pytester.runpytest_subprocess(*options, timeout=120)
    result.assert_outcomes(passed=len(defined_tests(block)))
