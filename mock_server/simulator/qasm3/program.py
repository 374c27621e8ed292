"""An OpenQASM 3 program as the simulator runs it: gates, measurements and resets in order.

The reader (reader.py) has resolved everything the text leaves symbolic:
registers to qubit and bit positions, user gates, modifiers and standard
gates to the simulator's own Gate records (mock_server/simulator/circuit.py),
expressions to numbers. What is left is a straight-line list a run walks
once, so both runners (exact.py, shots.py) share one meaning of a program.
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.simulator.circuit import Circuit, Gate
from mock_server.simulator.result import Register

__all__ = ["GateCall", "Measure", "Operation", "Program", "Reset"]


@dataclass(frozen=True, slots=True)
class Measure:
    """Measure `qubit` in the computational basis; record the outcome at `bit` (None: discard).

    `bit` is a position in the outcome integer (Register.bits say which
    register bit sits there).
    """

    qubit: int
    bit: int | None


@dataclass(frozen=True, slots=True)
class Reset:
    """Put `qubit` back to |0>: measure it, unrecorded, and flip it if it was 1."""

    qubit: int


Operation = Gate | Measure | Reset


@dataclass(frozen=True, slots=True)
class GateCall:
    """One gate the program applies, as written (after broadcasting), whatever it expands to.

    `last` is the index, among the program's gates (Program.gates), of the
    last simulator gate it became; `qubits` are the qubits of the call, in
    the order written (controls of `ctrl @` first). A noise model puts its
    channels after the call, one per gate as the program has it, and gate
    counts count calls: `U` is one one-qubit gate though it runs as three
    rotations, and qiskit's `rxx`, written as a definition of seven gates, is
    one two-qubit gate, as it is when qiskit-ionq sends it as JSON (`xx`).
    """

    last: int
    qubits: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Program:
    """What a run needs: the width, the classical registers, and the operations in order.

    `registers` pack the outcome in declaration order, the first declared
    register's bit 0 lowest. A program that records no measurement gets every
    qubit measured at the end into OUTPUT_ALL, as a JSON circuit is: the
    reader appends those measurements and leaves `registers` empty, so
    the Result's layout is a JSON circuit's.
    """

    qubits: int
    registers: tuple[Register, ...]
    operations: tuple[Operation, ...]
    calls: tuple[GateCall, ...] = ()

    @property
    def bits(self) -> int:
        """How many bits an outcome has."""
        if not self.registers:
            return self.qubits
        return sum(len(register.bits) for register in self.registers)

    @property
    def gates(self) -> tuple[Gate, ...]:
        """The gates alone, in order: where a noise model puts its channels."""
        return tuple(op for op in self.operations if isinstance(op, Gate))

    def circuit(self) -> Circuit:
        """The gates as a Circuit, for what reads circuits (noise locations, gate counts)."""
        return Circuit("qis", self.qubits, self.gates)

    def gate_counts(self) -> dict[str, int]:
        """IonQ's `stats.gate_counts`: the program's gate calls by how many qubits each touches.

        As for a JSON circuit, every call on two qubits or more counts as "2q".
        """
        one = sum(1 for call in self.calls if len(call.qubits) == 1)
        return {"1q": one, "2q": len(self.calls) - one}

    @property
    def pending_splits(self) -> int:
        """Measurements and resets before the final readout: the most branches a run keeps pending.

        A run goes depth first and leaves one branch pending per split on its
        path; the measurements after the last gate and reset split nothing.
        """
        operations = list(self.operations)
        while operations and isinstance(operations[-1], Measure):
            operations.pop()
        return sum(1 for op in operations if not isinstance(op, Gate))
