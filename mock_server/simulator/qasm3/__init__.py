"""OpenQASM 3 programs (`ionq.qasm3.v1` jobs): read into a Program, run into a Result.

`read_program(text)` parses with openqasm3 (the reference AST, loaded on
first use: the fake's start-up never imports it) and resolves the program
into the simulator's gates, measurements and resets (reader.py);
`run_program` runs it, exactly on the ideal simulator (exact.py) or shot by
shot under a NoiseModel (shots.py). Failures are the simulator's
CircuitError, with IonQ's failure code.
"""

from __future__ import annotations

from mock_server.simulator.qasm3.exact import DEFAULT_MAX_BRANCHES
from mock_server.simulator.qasm3.program import Measure, Operation, Program, Reset
from mock_server.simulator.qasm3.run import run_program

__all__ = [
    "DEFAULT_MAX_BRANCHES",
    "Measure",
    "Operation",
    "Program",
    "Reset",
    "read_program",
    "run_program",
]


def read_program(text: str) -> Program:
    """The Program of OpenQASM 3 `text`; CircuitError naming what is wrong or not run."""
    from mock_server.simulator.qasm3.reader import read_program as read  # noqa: PLC0415

    return read(text)
