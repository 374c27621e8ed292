"""OpenQASM 3 programs (`ionq.qasm3.v1` jobs): read into a Program, run into a Result.

`read_program(text)` parses with openqasm3 (the reference AST, loaded on
first use: the fake's start-up never imports it) and resolves the program
into the simulator's gates, measurements and resets (reader.py);
`run_program` runs it, exactly on the ideal simulator (exact.py) or shot by
shot under a NoiseModel (shots.py). Failures are the simulator's
CircuitError, with IonQ's failure code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.simulator.qasm3.program import Measure, Operation, Program, Reset

if TYPE_CHECKING:
    pass

__all__ = ["Measure", "Operation", "Program", "Reset", "read_program"]


def read_program(text: str) -> Program:
    """The Program of OpenQASM 3 `text`; CircuitError naming what is wrong or not run."""
    from mock_server.simulator.qasm3.reader import read_program as read  # noqa: PLC0415

    return read(text)
