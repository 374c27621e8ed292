"""Any text at all either reads as a program or fails with CircuitError: never another exception.

The jobs API turns a CircuitError into a failed job with IonQ's failure
body; any other exception would be the fake's InternalError. So the reader
is fed programs made of OpenQASM's own tokens in random order (most of them
nonsense, some of them valid), and arbitrary text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.simulator import CircuitError
from mock_server.simulator.qasm3 import Program, read_program

HEADER = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\n'
TOKENS = [
    "h", "x", "cx", "rx", "U", "gphase", "ctrl", "negctrl", "inv", "pow", "@", "measure",
    "reset", "barrier", "gate", "if", "for", "while", "in", "const", "float", "int", "bit",
    "qubit", "q", "c", "q[0]", "q[1]", "q[2]", "q[5]", "c[0]", "c[1]", "->", "=", "==", ";",
    ",", "(", ")", "{", "}", "[", "]", ":", "pi", "tau", "1", "0", "-1", "2.5", "1e308",
    "1e999", "/", "*", "**", "+", "-", "%", "sin", "sqrt", "a", "b", "let", "def", "return",
]  # fmt: skip


CODES = {"InvalidInput", "UnsupportedGate", "CompilationError", "TooManyGates", "NotEnoughQubits"}


def read_or_error(text: str) -> Program | CircuitError:
    """The program, or the CircuitError it fails with (any other exception propagates)."""
    try:
        return read_program(text)
    except CircuitError as error:
        return error


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_token_soup_reads_or_fails_with_a_circuit_error(tokens: list[str]) -> None:
    outcome = read_or_error(HEADER + " ".join(tokens))
    if isinstance(outcome, CircuitError):
        assert outcome.message
        assert outcome.code in CODES
    else:
        assert outcome.qubits == 3


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_reads_or_fails_with_a_circuit_error(text: str) -> None:
    outcome = read_or_error(text)
    if isinstance(outcome, CircuitError):
        assert outcome.message
        assert outcome.code in CODES
    else:
        assert outcome.qubits >= 1
