"""Classical expressions of a program (gate angles, register sizes, indices), evaluated to numbers.

Only what gate arguments need: literals, the constants pi, tau and euler,
names bound by the program (gate parameters, `const` declarations), the
arithmetic operators and the math functions of the OpenQASM 3 standard
library. Everything is total: an overflow, a division by zero, a domain
error or a result that is not finite is an InvalidInput naming the line,
never an exception of Python's, and integers are kept within 2^62 so no
`2 ** 10 ** 9` can stall a worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from openqasm3 import ast

from mock_server.simulator.qasm3.errors import invalid

__all__ = ["CONSTANTS", "evaluate", "evaluate_index"]

CONSTANTS = {
    "pi": math.pi,
    "π": math.pi,
    "tau": math.tau,
    "τ": math.tau,
    "euler": math.e,
    "ℇ": math.e,
}
MAX_INTEGER = 2**62

_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "arcsin": math.asin,
    "arccos": math.acos,
    "arctan": math.atan,
    "exp": math.exp,
    "log": math.log,  # OpenQASM 3's natural logarithm
    "sqrt": math.sqrt,
    "floor": math.floor,
    "ceiling": math.ceil,
}

_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "%": math.fmod,
    "**": lambda a, b: a**b,
}


def evaluate(node: Any, scope: Mapping[str, float]) -> float:
    """The value of an expression, as a finite float."""
    try:
        value = _value(node, scope)
    except (ArithmeticError, ValueError):
        raise invalid(node, "the expression has no finite value") from None
    if isinstance(value, complex) or not math.isfinite(value):
        raise invalid(node, "the expression has no finite value")
    if abs(value) > MAX_INTEGER and float(value).is_integer():
        raise invalid(node, f"the number {value:g} is too large")
    return float(value)


def evaluate_index(node: Any, scope: Mapping[str, float]) -> int:
    """The value of an expression that must be an integer (a size, an index, a power)."""
    value = evaluate(node, scope)
    if not value.is_integer():
        raise invalid(node, f"expected an integer, got {value:g}")
    return int(value)


def _value(node: Any, scope: Mapping[str, float]) -> float:  # noqa: PLR0911, PLR0912 - per node kind
    if isinstance(node, ast.IntegerLiteral):
        if abs(node.value) > MAX_INTEGER:
            raise invalid(node, "the integer is too large")
        return float(node.value)
    if isinstance(node, ast.FloatLiteral):
        return float(node.value)
    if isinstance(node, ast.BooleanLiteral):
        return 1.0 if node.value else 0.0
    if isinstance(node, ast.Identifier):
        if node.name in scope:
            return scope[node.name]
        if node.name in CONSTANTS:
            return CONSTANTS[node.name]
        raise invalid(node, f"{node.name!r} is not a constant the program declared")
    if isinstance(node, ast.UnaryExpression):
        operand = _value(node.expression, scope)
        if node.op.name == "-":
            return -operand
        raise invalid(node, f"the operator {node.op.name!r} does not apply to an angle")
    if isinstance(node, ast.BinaryExpression):
        operator = _BINARY.get(node.op.name)
        if operator is None:
            raise invalid(node, f"the operator {node.op.name!r} does not give a number")
        lhs, rhs = _value(node.lhs, scope), _value(node.rhs, scope)
        if node.op.name == "**" and abs(rhs) > 1024:
            raise invalid(node, "the exponent is too large")
        return operator(lhs, rhs)
    if isinstance(node, ast.FunctionCall):
        function = _FUNCTIONS.get(node.name.name)
        if function is None or len(node.arguments) != 1:
            raise invalid(node, f"{node.name.name}(...) is not a function the fake evaluates")
        return function(_value(node.arguments[0], scope))
    if isinstance(node, ast.Cast):
        return _value(node.argument, scope)
    raise invalid(node, f"{type(node).__name__} is not a number the fake evaluates")
