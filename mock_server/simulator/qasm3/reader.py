"""The syntax tree of an OpenQASM 3 program -> a Program: every name resolved, every gate expanded.

What it runs: qubit and bit registers (`qubit[n] q;`, `bit[n] c;`, and
OpenQASM 2's `qreg`/`creg`), `include "stdgates.inc"`, the standard and
built-in gates (stdgates.py), gate definitions (`gate name(params) qubits
{ ... }`, inlined), the modifiers `ctrl @`, `negctrl @`, `inv @` and integer
`pow(k) @`, `gphase`, broadcasting over registers, measurement in its three
spellings (`c[0] = measure q[0];`, `measure q -> c;`, `c = measure q;`, or
unrecorded `measure q;`), `reset`, `barrier` (no-op), `const` values and
pragmas (ignored). Everything else fails the job with a message that names
it (errors.py): classical control flow (`if`, `while`, `for`, `switch`, ...)
as IonQ does not run it server-side, the rest as what the fake does not run.

Bounds, so no program can stall a worker: at most MAX_QUBITS qubits and
MAX_BITS bits, at most MAX_GATES gates once expanded (IonQ's job limit:
TooManyGates), gate definitions nested at most MAX_DEPTH calls deep (which
also stops a gate that calls itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openqasm3 import ast

from mock_server.simulator.circuit import CircuitError, Gate
from mock_server.simulator.qasm3 import errors
from mock_server.simulator.qasm3.expressions import evaluate, evaluate_index
from mock_server.simulator.qasm3.program import GateCall, Measure, Operation, Program, Reset
from mock_server.simulator.qasm3.stdgates import BUILTIN, STANDARD, standard_gate
from mock_server.simulator.qasm3.syntax import parse
from mock_server.simulator.qasm3.unitary import Unitary, gate
from mock_server.simulator.result import Register

__all__ = ["MAX_BITS", "MAX_DEPTH", "MAX_GATES", "MAX_QUBITS", "read_program"]

MAX_QUBITS = 64  # the widest input the spec takes for a JSON circuit
# A declared name at most this long: a register's name is written in every shot of the
# ionq.result.shots.json.v2 artifact (a guess: IonQ documents no limit).
MAX_NAME_LENGTH = 64
MAX_BITS = 63  # an outcome is an int64
MAX_GATES = 150_000  # IonQ's limit of gates in a job
MAX_DEPTH = 64
STDGATES = "stdgates.inc"

_CONTROL_FLOW: dict[type, str] = {
    ast.BranchingStatement: "if",
    ast.WhileLoop: "while",
    ast.ForInLoop: "for",
    ast.SwitchStatement: "switch",
    ast.BreakStatement: "break",
    ast.ContinueStatement: "continue",
    ast.EndStatement: "end",
    ast.ReturnStatement: "return",
}
_NOT_RUN: dict[type, str] = {
    ast.SubroutineDefinition: "subroutines (`def`)",
    ast.ExternDeclaration: "`extern` functions",
    ast.IODeclaration: "`input`/`output` declarations",
    ast.ClassicalAssignment: "classical assignments",
    ast.ExpressionStatement: "classical expression statements",
    ast.DelayInstruction: "`delay`",
    ast.Box: "`box`",
    ast.CalibrationGrammarDeclaration: "`defcalgrammar`",
    ast.CalibrationStatement: "`cal` blocks",
    ast.CalibrationDefinition: "`defcal`",
    ast.AliasStatement: "aliases (`let`)",
}


@dataclass(frozen=True, slots=True)
class _Definition:
    """A gate the program defined: its parameter and qubit names, and its body."""

    parameters: tuple[str, ...]
    qubits: tuple[str, ...]
    body: tuple[Any, ...]


def read_program(text: str) -> Program:
    """The Program of OpenQASM 3 text; CircuitError (with IonQ's failure code) if it cannot run."""
    return _Reader().read(parse(text))


class _Reader:
    def __init__(self) -> None:
        self.qubit_registers: dict[str, tuple[int, ...]] = {}
        self.bit_registers: dict[str, tuple[int, ...]] = {}
        self.registers: list[Register] = []
        self.constants: dict[str, float] = {}
        self.definitions: dict[str, _Definition] = {}
        self.standard = False
        self.qubits = 0
        self.bits = 0
        self.operations: list[Operation] = []
        self.calls: list[GateCall] = []
        self.gate_count = 0

    def read(self, program: ast.Program) -> Program:
        version = (program.version or "3").strip()
        if not version.startswith("3"):
            raise errors.invalid(None, f"OPENQASM {version} is not an OpenQASM 3 program.")
        for statement in program.statements:
            self._statement(statement)
        if self.qubits == 0:
            raise errors.invalid(None, "The program declares no qubits.")
        if not any(isinstance(op, Measure) and op.bit is not None for op in self.operations):
            # Guess (x-guessed): measured at the end into output_all, as a JSON circuit is.
            finals = [Measure(qubit, qubit) for qubit in range(self.qubits)]
            return Program(self.qubits, (), (*self.operations, *finals), tuple(self.calls))
        return Program(
            self.qubits, tuple(self.registers), tuple(self.operations), tuple(self.calls)
        )

    # -- statements ----------------------------------------------------------------------

    def _statement(self, node: Any) -> None:  # noqa: PLR0912 - one branch per statement kind
        if type(node) in _CONTROL_FLOW:
            raise errors.control_flow(node, _CONTROL_FLOW[type(node)])
        if type(node) in _NOT_RUN:
            raise errors.not_run(node, _NOT_RUN[type(node)])
        if isinstance(node, ast.Include):
            if node.filename != STDGATES:
                raise errors.invalid(node, f"the fake has no include file {node.filename!r}")
            self.standard = True
        elif isinstance(node, ast.QubitDeclaration):
            self._declare_qubits(node)
        elif isinstance(node, ast.ClassicalDeclaration):
            self._classical(node)
        elif isinstance(node, ast.ConstantDeclaration):
            self._declare_name(node.identifier)
            self.constants[node.identifier.name] = evaluate(node.init_expression, self.constants)
        elif isinstance(node, ast.QuantumGateDefinition):
            self._define(node)
        elif isinstance(node, ast.QuantumGate | ast.QuantumPhase):
            for qubits, unitary in self._calls(node):
                self._append(unitary.gates, node)
                if unitary.gates:  # a call that is no gate (id, gphase) has no channel
                    self.calls.append(GateCall(self.gate_count - 1, qubits))
        elif isinstance(node, ast.QuantumMeasurementStatement):
            self._measure(node.measure, node.target, node)
        elif isinstance(node, ast.QuantumReset):
            for qubit in self._qubit_operand(node.qubits):
                self._append((Reset(qubit),), node)
        elif isinstance(node, ast.QuantumBarrier | ast.Pragma):
            return
        else:
            raise errors.not_run(node, f"`{type(node).__name__}` statements")

    def _declare_name(self, identifier: ast.Identifier) -> None:
        name = identifier.name
        if len(name) > MAX_NAME_LENGTH:  # it is repeated in every shot of shots.json.v2
            raise errors.invalid(identifier, f"a name has at most {MAX_NAME_LENGTH} characters")
        if name in self.qubit_registers or name in self.bit_registers or name in self.constants:
            raise errors.invalid(identifier, f"{name!r} is declared twice")

    def _size(self, node: Any, size: Any) -> int:
        count = 1 if size is None else evaluate_index(size, self.constants)
        if count < 1:
            raise errors.invalid(node, f"a register has at least one element, not {count}")
        return count

    def _declare_qubits(self, node: ast.QubitDeclaration) -> None:
        self._declare_name(node.qubit)
        count = self._size(node, node.size)
        if self.qubits + count > MAX_QUBITS:
            raise CircuitError(
                "NotEnoughQubits",
                f"{errors.line_of(node)}the program declares more than {MAX_QUBITS} qubits.",
            )
        self.qubit_registers[node.qubit.name] = tuple(range(self.qubits, self.qubits + count))
        self.qubits += count

    def _classical(self, node: ast.ClassicalDeclaration) -> None:
        self._declare_name(node.identifier)
        if not isinstance(node.type, ast.BitType):
            if node.init_expression is None:
                raise errors.not_run(node, "classical variables other than bits")
            self.constants[node.identifier.name] = evaluate(node.init_expression, self.constants)
            return
        count = self._size(node, node.type.size)
        if self.bits + count > MAX_BITS:
            raise errors.invalid(node, f"the program declares more than {MAX_BITS} bits")
        positions = tuple(range(self.bits, self.bits + count))
        self.bits += count
        self.bit_registers[node.identifier.name] = positions
        self.registers.append(Register(node.identifier.name, positions))
        if isinstance(node.init_expression, ast.QuantumMeasurement):
            self._measure(node.init_expression, node.identifier, node)
        elif node.init_expression is not None:
            raise errors.not_run(node, "bits initialised to a value")

    def _define(self, node: ast.QuantumGateDefinition) -> None:
        name = node.name.name
        if name in self.definitions:
            raise errors.invalid(node, f"the gate {name!r} is defined twice")
        self.definitions[name] = _Definition(
            tuple(p.name for p in node.arguments),
            tuple(q.name for q in node.qubits),
            tuple(node.body),
        )

    def _append(self, operations: Sequence[Operation], node: Any) -> None:
        self.gate_count += sum(1 for op in operations if isinstance(op, Gate))
        if self.gate_count > MAX_GATES:
            raise CircuitError(
                "TooManyGates",
                f"{errors.line_of(node)}the program expands to more than {MAX_GATES} gates.",
            )
        self.operations.extend(operations)

    # -- measurement -----------------------------------------------------------------------

    def _measure(self, measurement: ast.QuantumMeasurement, target: Any, node: Any) -> None:
        qubits = self._qubit_operand(measurement.qubit)
        if target is None:
            self._append([Measure(qubit, None) for qubit in qubits], node)
            return
        bits = self._bit_operand(target)
        if len(bits) != len(qubits):
            raise errors.invalid(node, f"measures {len(qubits)} qubit(s) into {len(bits)} bit(s)")
        self._append([Measure(q, b) for q, b in zip(qubits, bits, strict=True)], node)

    # -- operands --------------------------------------------------------------------------

    def _qubit_operand(self, operand: Any) -> tuple[int, ...]:
        return self._operand(operand, self.qubit_registers, "qubit")

    def _bit_operand(self, operand: Any) -> tuple[int, ...]:
        return self._operand(operand, self.bit_registers, "bit")

    def _operand(
        self, operand: Any, registers: dict[str, tuple[int, ...]], kind: str
    ) -> tuple[int, ...]:
        name_node = operand.name if isinstance(operand, ast.IndexedIdentifier) else operand
        if not isinstance(name_node, ast.Identifier):
            raise errors.invalid(operand, f"expected a {kind} register or {kind}")
        name = name_node.name
        if name.startswith("$"):
            raise errors.not_run(operand, f"physical qubits ({name})")
        if name not in registers:
            raise errors.invalid(operand, f"{name!r} is not a declared {kind} register")
        register = registers[name]
        if isinstance(operand, ast.Identifier):
            return register
        if len(operand.indices) != 1:
            raise errors.invalid(operand, f"{name} is indexed more than once")
        return self._select(operand, register, operand.indices[0], name)

    def _select(
        self, node: Any, register: tuple[int, ...], index: Any, name: str
    ) -> tuple[int, ...]:
        size = len(register)
        if isinstance(index, ast.DiscreteSet):
            positions = [evaluate_index(value, self.constants) for value in index.values]
        else:
            positions = []
            for element in index:
                if isinstance(element, ast.RangeDefinition):
                    positions += self._range(element, size)
                else:
                    positions.append(evaluate_index(element, self.constants))
        chosen = []
        for position in positions:
            if not -size <= position < size:
                raise errors.invalid(
                    node, f"{name}[{position}] is out of range: {name} has {size} element(s)"
                )
            chosen.append(register[position])
        return tuple(chosen)

    def _range(self, element: ast.RangeDefinition, size: int) -> list[int]:
        def bound(value: Any, default: int) -> int:
            return default if value is None else evaluate_index(value, self.constants)

        step = bound(element.step, 1)
        if step == 0:
            raise errors.invalid(element, "a range's step is not 0")
        start = bound(element.start, 0 if step > 0 else size - 1)
        end = bound(element.end, size - 1 if step > 0 else 0)  # inclusive, as OpenQASM's ranges
        if abs(end - start) // abs(step) > size:
            raise errors.invalid(element, "the range is longer than its register")
        return list(range(start, end + (1 if step > 0 else -1), step))

    # -- gate calls ------------------------------------------------------------------------

    def _calls(self, node: Any) -> list[tuple[tuple[int, ...], Unitary]]:
        """Each broadcast application of a top-level gate call: its qubits and its Unitary."""
        operands = [self._qubit_operand(q) for q in node.qubits]
        lengths = {len(o) for o in operands if len(o) != 1}
        if len(lengths) > 1:
            raise errors.invalid(node, "the registers of a broadcast gate differ in size")
        times = lengths.pop() if lengths else 1
        applications = [
            tuple(o[0] if len(o) == 1 else o[i] for o in operands) for i in range(times)
        ]
        return [(qubits, self._call(node, qubits, self.constants, 0)) for qubits in applications]

    def _call(  # noqa: PLR0912 - one branch per modifier kind
        self, node: Any, qubits: tuple[int, ...], scope: dict[str, float], depth: int
    ) -> Unitary:
        """A gate call on these (resolved) qubits, its modifiers applied, as a Unitary."""
        if depth > MAX_DEPTH:
            raise errors.invalid(node, f"gate definitions nest more than {MAX_DEPTH} deep")
        if len(set(qubits)) != len(qubits):
            raise errors.invalid(node, "a gate is applied to the same qubit twice")
        controls: list[tuple[tuple[int, ...], bool]] = []
        plan: list[tuple[str, int]] = []
        rest = qubits
        for modifier in node.modifiers:
            kind = modifier.modifier.name
            if kind in {"ctrl", "negctrl"}:
                count = 1 if modifier.argument is None else evaluate_index(modifier.argument, scope)
                if count < 1 or count > len(rest):
                    raise errors.invalid(node, f"{kind}({count}) needs that many control qubits")
                controls.append((rest[:count], kind == "negctrl"))
                plan.append(("ctrl", len(controls) - 1))
                rest = rest[count:]
            elif kind == "inv":
                plan.append(("inv", 0))
            else:
                exponent = evaluate(modifier.argument, scope)
                if not exponent.is_integer():
                    raise errors.unsupported_gate(
                        node, f"pow({exponent:g}) @: the fake applies integer powers only"
                    )
                plan.append(("pow", int(exponent)))
        unitary = self._base(node, rest, scope, depth)
        for kind, value in reversed(plan):
            if kind == "inv":
                unitary = unitary.inverse()
            elif kind == "pow":
                if len(unitary.gates) * abs(value) > MAX_GATES:
                    raise CircuitError(
                        "TooManyGates",
                        f"{errors.line_of(node)}pow({value}) expands to more than "
                        f"{MAX_GATES} gates.",
                    )
                unitary = unitary.power(value)
            else:
                unitary = _control(unitary, *controls[value])
        return unitary

    def _base(
        self, node: Any, qubits: tuple[int, ...], scope: dict[str, float], depth: int
    ) -> Unitary:
        """The unmodified gate on `qubits`."""
        if isinstance(node, ast.QuantumPhase):
            if qubits:
                raise errors.invalid(node, "gphase takes qubits only as the controls of ctrl @")
            return Unitary((), evaluate(node.argument, scope))
        name = node.name.name
        params = tuple(evaluate(argument, scope) for argument in node.arguments)
        definition = self.definitions.get(name)
        if definition is not None:
            _check(node, name, (len(definition.parameters), len(definition.qubits)), params, qubits)
            return self._inline(definition, params, qubits, depth)
        signature = BUILTIN.get(name) or (STANDARD.get(name) if self.standard else None)
        if signature is None:
            hint = " (the program does not include stdgates.inc)" if name in STANDARD else ""
            raise errors.unsupported_gate(node, f"the gate {name!r} is not defined{hint}")
        _check(node, name, signature, params, qubits)
        return standard_gate(name, params, qubits)

    def _inline(
        self,
        definition: _Definition,
        params: tuple[float, ...],
        qubits: tuple[int, ...],
        depth: int,
    ) -> Unitary:
        scope = {**self.constants, **dict(zip(definition.parameters, params, strict=True))}
        where = dict(zip(definition.qubits, qubits, strict=True))
        result = Unitary()
        for statement in definition.body:
            if isinstance(statement, ast.QuantumBarrier):
                continue
            if not isinstance(statement, ast.QuantumGate | ast.QuantumPhase):
                raise errors.invalid(statement, "a gate's body holds gate calls only")
            resolved = []
            for operand in statement.qubits:
                if not isinstance(operand, ast.Identifier) or operand.name not in where:
                    raise errors.invalid(statement, "a gate's body names its own qubits only")
                resolved.append(where[operand.name])
            result = result.then(self._call(statement, tuple(resolved), scope, depth + 1))
            if len(result.gates) > MAX_GATES:
                raise CircuitError(
                    "TooManyGates",
                    f"{errors.line_of(statement)}the program expands to more than "
                    f"{MAX_GATES} gates.",
                )
        return result


def _check(
    node: Any,
    name: str,
    signature: tuple[int, int],
    params: tuple[float, ...],
    qubits: tuple[int, ...],
) -> None:
    parameters, width = signature
    if len(params) != parameters:
        raise errors.invalid(node, f"{name} takes {parameters} parameter(s), got {len(params)}")
    if len(qubits) != width:
        raise errors.invalid(node, f"{name} acts on {width} qubit(s), got {len(qubits)}")


def _control(unitary: Unitary, controls: tuple[int, ...], negated: bool) -> Unitary:
    """`ctrl @` (or `negctrl @`: the controls flipped before and after)."""
    controlled = unitary.controlled(controls)
    if not negated:
        return controlled
    flips = Unitary(tuple(gate("x", (qubit,)) for qubit in controls))
    return flips.then(controlled).then(flips)
