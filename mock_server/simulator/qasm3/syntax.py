"""OpenQASM 3 text -> the reference AST (openqasm3), bounded, quiet, and failing as IonQ fails.

The parser is openqasm3's ANTLR one, built here rather than through
`openqasm3.parse` for two reasons: ANTLR's default listener prints every
syntax error to stderr (the fake's log is not the place), and its bail-out
error carries no message, where a user needs the line and the token. The
text is bounded before the parse: the ANTLR runtime is pure Python, about
36 KB of program a second on this 2-core machine under load, so a 10 MB body
would hold a worker for minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server.simulator.circuit import CircuitError

if TYPE_CHECKING:
    from openqasm3 import ast

__all__ = ["MAX_PROGRAM_CHARS", "parse"]

# The longest program the fake parses (a guess of its own: IonQ documents
# none). 2^20 characters is about 70,000 gates as qiskit writes them, and
# some 30 s of parsing on a loaded 2-core machine.
MAX_PROGRAM_CHARS = 2**20


def parse(text: str) -> ast.Program:
    """The program's syntax tree; CircuitError (InvalidInput) naming the line if it has none."""
    if len(text) > MAX_PROGRAM_CHARS:
        raise CircuitError(
            "InvalidInput",
            f"The program has {len(text)} characters; the fake parses at most {MAX_PROGRAM_CHARS}.",
        )
    if not text.strip():
        raise CircuitError("InvalidInput", "The program is empty.")
    # Loaded with the first qasm3 job, never at the fake's start-up.
    from antlr4 import CommonTokenStream, InputStream  # noqa: PLC0415
    from antlr4.error.ErrorListener import ErrorListener  # noqa: PLC0415
    from antlr4.error.Errors import ParseCancellationException  # noqa: PLC0415
    from antlr4.error.ErrorStrategy import BailErrorStrategy  # noqa: PLC0415
    from openqasm3 import parser as typed_parser  # noqa: PLC0415

    parser: Any = typed_parser  # the generated lexer and parser it holds are untyped

    class _Raise(ErrorListener):  # type: ignore[misc]
        def syntaxError(  # noqa: N802 - ANTLR's interface
            self, _recognizer: Any, _symbol: Any, line: int, column: int, msg: str, _exc: Any
        ) -> None:
            raise CircuitError("InvalidInput", f"line {line}, column {column + 1}: {msg}")

    lexer = parser.qasm3Lexer(InputStream(text))
    lexer.removeErrorListeners()
    lexer.addErrorListener(_Raise())
    syntax = parser.qasm3Parser(CommonTokenStream(lexer))
    syntax.removeErrorListeners()
    syntax._errHandler = BailErrorStrategy()
    try:
        tree = syntax.program()
        program: ast.Program = parser.QASMNodeVisitor().visitProgram(tree)
    except ParseCancellationException as exc:
        raise CircuitError("InvalidInput", _bail_message(exc)) from None
    except parser.QASM3ParsingError as exc:
        raise CircuitError("InvalidInput", str(exc) or "The program is not OpenQASM 3.") from None
    except RecursionError:
        raise CircuitError("InvalidInput", "The program is nested too deeply.") from None
    except (ValueError, TypeError, AttributeError) as exc:  # the AST builder's own checks
        raise CircuitError("InvalidInput", f"The program is not OpenQASM 3: {exc}") from None
    return program


def _bail_message(exc: Exception) -> str:
    """Where the parse stopped, from the RecognitionException the bail-out carries."""
    cause = exc.args[0] if exc.args else None
    token = getattr(cause, "offendingToken", None)
    if token is None:
        return "The program is not OpenQASM 3."
    text = token.text if token.text != "<EOF>" else "the end of the program"
    return f"line {token.line}, column {token.column + 1}: unexpected {text!r}"
