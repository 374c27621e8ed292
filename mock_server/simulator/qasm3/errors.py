"""The failures of reading an OpenQASM 3 program, each with the IonQ failure code the job reports.

One place decides which code each kind of problem gets, so the reader's
many checks only say what is wrong and where.

- `InvalidInput`: the text is not a program (syntax, an undeclared name, a
  qubit out of range, a bad argument count);
- `UnsupportedGate`: a gate that is neither standard (stdgates.inc, `U`,
  `gphase`) nor defined by the program, or a modifier the fake cannot apply;
- `CompilationError` (guessed, `x-guessed` in openapi.yaml): a construct the
  fake does not run, classical control flow first (qiskit-ionq's own comment
  says IonQ does not run it server-side yet), and timing, calibration,
  subroutines and classical computation;
- `TooManyGates`: a program that expands to more gates than IonQ's job limit;
- `NotEnoughQubits`: more qubits than any backend offers.
"""

from __future__ import annotations

from typing import Any

from mock_server.simulator.circuit import CircuitError

__all__ = ["control_flow", "invalid", "not_run", "unsupported_gate"]

CONTROL_FLOW_CODE = "CompilationError"


def line_of(node: Any) -> str:
    """'line N: ' for a node with a source span, else ''."""
    span = getattr(node, "span", None)
    line = getattr(span, "start_line", None)
    return f"line {line}: " if isinstance(line, int) else ""


def invalid(node: Any, message: str) -> CircuitError:
    """The text is not a valid program."""
    return CircuitError("InvalidInput", f"{line_of(node)}{message}")


def unsupported_gate(node: Any, message: str) -> CircuitError:
    """A gate the fake does not know, or cannot apply as modified."""
    return CircuitError("UnsupportedGate", f"{line_of(node)}{message}")


def control_flow(node: Any, construct: str) -> CircuitError:
    """Classical control flow: IonQ does not run it server-side (qiskit-ionq says so)."""
    return CircuitError(
        CONTROL_FLOW_CODE,
        f"{line_of(node)}IonQ does not run classical control flow (`{construct}`) server-side yet.",
    )


def not_run(node: Any, construct: str) -> CircuitError:
    """A construct of OpenQASM 3 that the fake does not run (timing, calibration, ...)."""
    return CircuitError(
        CONTROL_FLOW_CODE, f"{line_of(node)}the fake IonQ does not run {construct}."
    )
