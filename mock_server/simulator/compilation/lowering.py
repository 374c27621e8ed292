"""Each parsed gate, QIS or native, as exact ops of the intermediate circuit (ops.py).

A gate is lowered without its controls first, exactly, then ``controlled`` adds
them; so every gate takes any number of controls through one path. Two-qubit
rotations keep their cheap form (xx, yy, zz and native ms/zz are one ZZ
rotation between basis changes), and a pauliexp is a product of Pauli-string
rotations when its terms commute (then the product is exact).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from mock_server.simulator.circuit import Gate
from mock_server.simulator.compilation.ops import (
    SH_DAGGER,
    ZZ,
    Conjugated,
    H,
    Op,
    Phase,
    Single,
    controlled,
    cx,
    phase_gate,
    rz,
)
from mock_server.simulator.compilation.unitary import unitary_ops
from mock_server.simulator.gates import target_matrix

__all__ = ["CompilationTooLargeError", "lower", "paulis_commute"]

# A generic unitary over k targets with m controls costs about
# 2^(k-1)(2^k - 1) two-level gates of 2^(k+m) entanglers each, and about 0.2 ms
# an entangler to find (six targets: 72,354 entanglers, 13 s). 20,000 admits five
# targets without controls (about 16,000) or three with four controls, a second
# or two of compiling at most; more is refused, and the job reports no compiled
# circuit rather than hold its lane.
MAX_GENERIC_ENTANGLERS = 20_000


class CompilationTooLargeError(ValueError):
    """A gate whose exact compilation would take more entanglers than any QPU could run."""


def _basis_change(qubit: int, pauli: str) -> Single | None:
    """The one-qubit gate B with B^dagger Z B = the Pauli (None for Z)."""
    if pauli == "X":
        return Single(qubit, H)
    if pauli == "Y":
        return Single(qubit, SH_DAGGER)
    return None


def _pauli_rotation(qubits: Sequence[int], paulis: str, theta: float) -> list[Op]:
    """exp(-i theta/2 P) for the Pauli string ``paulis`` (one letter per qubit), exactly."""
    support = [(q, p) for q, p in zip(qubits, paulis, strict=True) if p != "I"]
    if not support:
        return [Phase(-theta / 2)]
    members = [q for q, _ in support]
    inner: list[Op]
    if len(members) == 1:
        inner = [Single(members[0], rz(theta))]
    elif len(members) == 2:
        inner = [ZZ(members[0], members[1], theta)]
    else:
        ladder = tuple(cx(members[i], members[i + 1]) for i in range(len(members) - 2))
        inner = [Conjugated(ladder, (ZZ(members[-2], members[-1], theta),))]
    changes = tuple(b for q, p in support if (b := _basis_change(q, p)) is not None)
    return [Conjugated(changes, tuple(inner))] if changes else inner


def paulis_commute(first: str, second: str) -> bool:
    """Pauli strings commute when they differ (both non-identity) on an even number of qubits."""
    clashes = sum(1 for a, b in zip(first, second, strict=True) if "I" not in (a, b) and a != b)
    return clashes % 2 == 0


def _pauliexp(gate: Gate) -> list[Op]:
    """exp(-i time sum_k c_k P_k); the last letter of a term acts on targets[0] (gates.py)."""
    (time,) = gate.params
    terms = [term[::-1] for term in gate.terms]  # now letter i acts on targets[i]
    if all(paulis_commute(a, b) for i, a in enumerate(terms) for b in terms[i + 1 :]):
        ops: list[Op] = []
        for term, coefficient in zip(terms, gate.coefficients, strict=True):
            ops.extend(_pauli_rotation(gate.targets, term, 2 * time * coefficient))
        return ops
    k, m = len(gate.targets), len(gate.controls)
    if (1 << (k - 1)) * ((1 << k) - 1) * (1 << (k + m)) > MAX_GENERIC_ENTANGLERS:
        raise CompilationTooLargeError(
            f"pauliexp over {k} targets and {m} controls has terms that do not commute; "
            "its exact compilation would exceed "
            f"{MAX_GENERIC_ENTANGLERS} entanglers"
        )
    # target_matrix is big-endian over targets; unitary_ops wants bit i = targets[i].
    size = 1 << k
    reverse = [int(format(i, f"0{k}b")[::-1], 2) for i in range(size)]
    big_endian = target_matrix(gate)
    return unitary_ops(gate.targets, big_endian[reverse][:, reverse])


def _native_ms(gate: Gate) -> list[Op]:
    """MS(phi0, phi1, angle) = exp(-i pi angle s(phi0) s(phi1)), s(phi) = cos 2pi phi X + sin 2pi
    phi Y = (P(phi) H) Z (P(phi) H)^dagger with P(phi) = diag(1, e^{2 pi i phi})."""
    phi0, phi1, angle = gate.params
    a, b = gate.targets
    changes = tuple(
        Single(q, (phase_gate(2 * math.pi * phi) @ H).conj().T) for q, phi in ((a, phi0), (b, phi1))
    )
    return [Conjugated(changes, (ZZ(a, b, 2 * math.pi * angle),))]


def _two_qubit(gate: Gate) -> list[Op]:
    a, b = gate.targets
    if gate.name == "swap":
        return [Conjugated((cx(a, b),), (cx(b, a),))]
    if gate.gateset == "native" and gate.name == "ms":
        return _native_ms(gate)
    if gate.gateset == "native":  # zz: exp(-i pi angle ZZ)
        return [ZZ(a, b, 2 * math.pi * gate.params[0])]
    rotation = ZZ(a, b, gate.params[0])
    if gate.name == "zz":
        return [rotation]
    basis = H if gate.name == "xx" else SH_DAGGER
    return [Conjugated((Single(a, basis), Single(b, basis)), (rotation,))]


def _uncontrolled(gate: Gate) -> list[Op]:
    if gate.name == "pauliexp":
        return _pauliexp(gate)
    if gate.name == "nop":
        return []
    if len(gate.targets) == 2:
        return _two_qubit(gate)
    return [Single(gate.targets[0], target_matrix(gate))]


def lower(gate: Gate) -> list[Op]:
    """``gate`` (controls included) as exact intermediate ops."""
    return controlled(_uncontrolled(gate), gate.controls)
