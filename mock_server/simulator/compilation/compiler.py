"""compile_native: a parsed circuit to IonQ's ``ionq.native.v1`` document."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from mock_server.simulator.circuit import Circuit
from mock_server.simulator.compilation.controls import flatten
from mock_server.simulator.compilation.emit import NativeEmitter
from mock_server.simulator.compilation.lowering import CompilationTooLargeError, lower

__all__ = ["compile_native", "entangler_for"]


def compile_native(
    circuit: Circuit,
    entangler: str,
    *,
    max_gates: int | None = None,
    on_step: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """``circuit`` in IonQ's native gates: ``{"qubits": n, "circuit": [gates]}``.

    ``entangler`` is the backend family's two-qubit gate: ``"ms"`` (Aria) or
    ``"zz"`` (Forte), as its ``supported_native_gates`` say. One-qubit gates are
    ``gpi``/``gpi2`` (phase in turns, reduced to [0, 1)); ``ms`` has ``targets``,
    ``phases`` and ``angle`` in (0, 1/4]; ``zz`` has ``targets`` and a signed
    ``angle`` in [-1/4, 1/4]. The result has the source's measurement
    probabilities, not its final phases: z rotations left over at the end are
    dropped (emit.py says why that is safe). A QIS or native circuit is accepted;
    ``nop`` gates are dropped.

    ``max_gates`` bounds the native gates written (a multi-controlled gate
    becomes hundreds): past it, CompilationTooLargeError. ``on_step(done,
    total)`` is called after each source gate, as the simulator's is: raise
    in it to stop.
    """
    emitter = NativeEmitter(circuit.qubits, entangler)
    total = len(circuit.gates)
    for done, gate in enumerate(circuit.gates, 1):
        emitter.extend(flatten(lower(gate)))
        if max_gates is not None and len(emitter.gates) > max_gates:
            raise CompilationTooLargeError(f"the compiled circuit exceeds {max_gates} native gates")
        if on_step is not None:
            on_step(done, total)
    return {"qubits": circuit.qubits, "circuit": emitter.finish()}


def entangler_for(supported_native_gates: Collection[str]) -> str:
    """The entangler a backend record's ``supported_native_gates`` names.

    Aria lists ``ms``, Forte ``zz``; the simulator lists both, and then ``ms``
    is the answer, as qiskit-ionq's native backends default to it (a simulator
    job with a Forte noise model is the caller's to map to ``zz``).
    """
    listed = [gate for gate in ("ms", "zz") if gate in supported_native_gates]
    if not listed:
        raise ValueError(f"no entangling gate among {sorted(supported_native_gates)}")
    return listed[0]
