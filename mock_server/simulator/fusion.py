"""Fusing runs of gates into few-qubit blocks, so each costs one pass over the state.

At 24 qubits one pass over the 256 MiB state costs about as much as a 4-qubit
matrix product over it, so the engine wants as few, as wide (up to FUSE_LIMIT)
operations as possible. Noise must not use this: a noisy run inserts a channel
after every gate, so it calls ``op_for_gate`` gate by gate instead of ``fuse``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator import gates as g
from mock_server.simulator.circuit import Gate

__all__ = ["FUSE_LIMIT", "Block", "Op", "fuse", "fuse_blocks", "op_for_gate", "over"]

# Widest fused block. Measured at 24 qubits with numpy's matmul on this 2-core
# machine: a 4-qubit block costs 0.066 s (about one memory pass), a 5-qubit
# one 0.15 s; limits 3 and 5 made the 24-qubit benchmark slower.
FUSE_LIMIT = 4


@dataclass(frozen=True, slots=True)
class Op:
    """What the engine applies: a matrix (or its diagonal) over ``qubits``, big-endian.

    The first ``controls`` qubits are controls that ``data`` leaves out; only ops
    too wide to expand into a full matrix have any. ``diagonal`` means ``data``
    is the 1-D diagonal rather than the square matrix.
    """

    qubits: tuple[int, ...]
    data: NDArray[np.complex128]
    diagonal: bool = False
    controls: int = 0


def op_for_gate(gate: Gate, limit: int = FUSE_LIMIT) -> Op:
    """One gate as an op: a full (controlled) matrix if that is at most ``limit`` qubits wide."""
    diagonal = g.is_diagonal(gate)
    if len(gate.qubits) <= limit:
        data = g.diagonal(gate) if diagonal else g.matrix(gate)
        return Op(gate.qubits, data, diagonal)
    target = g.target_matrix(gate)
    data = np.ascontiguousarray(np.diagonal(target)) if diagonal else target
    return Op(gate.qubits, data, diagonal, len(gate.controls))


@dataclass(slots=True)
class _Block:
    qubits: list[int]
    gates: list[Gate] = field(default_factory=list)
    fusable: bool = True
    indices: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Block:
    """One fused op, and which gates of the circuit (their indices, in order) it is made of.

    A noisy run needs to know where a gate went: an error after a gate
    becomes a correction after its block (mock_server/simulator/noise/).
    """

    op: Op
    qubits: tuple[int, ...]
    gates: tuple[Gate, ...]
    indices: tuple[int, ...]


def over(qubits: list[int], op: Op) -> NDArray[np.complex128]:
    """``op`` (over a subset of ``qubits``) as a full matrix over ``qubits``, big-endian."""
    return _apply_into(np.eye(2 ** len(qubits), dtype=np.complex128), qubits, op)


def _apply_into(block: NDArray[np.complex128], qubits: list[int], op: Op) -> NDArray[np.complex128]:
    """``op`` (over a subset of ``qubits``) times ``block`` (a matrix over ``qubits``)."""
    k, m = len(qubits), len(op.qubits)
    where = [qubits.index(q) for q in op.qubits]
    tensor = block.reshape((2,) * 2 * k)
    gate = op.data if not op.diagonal else np.diag(op.data)
    result = np.tensordot(gate.reshape((2,) * 2 * m), tensor, axes=(list(range(m, 2 * m)), where))
    return np.moveaxis(result, list(range(m)), where).reshape(2**k, 2**k)


def _diagonal_into(
    diag: NDArray[np.complex128], qubits: list[int], op: Op
) -> NDArray[np.complex128]:
    k = len(qubits)
    where = [qubits.index(q) for q in op.qubits]
    factor = op.data.reshape((2,) * len(op.qubits))
    order = sorted(range(len(where)), key=where.__getitem__)
    shape = [2 if axis in where else 1 for axis in range(k)]
    factor = factor.transpose(order).reshape(shape)
    return (diag.reshape((2,) * k) * factor).reshape(-1)


def _block_op(block: _Block) -> Op:
    if len(block.gates) == 1 or not block.fusable:
        return op_for_gate(block.gates[0], len(block.qubits) if block.fusable else 0)
    ops = [op_for_gate(gate, len(gate.qubits)) for gate in block.gates]
    size = 2 ** len(block.qubits)
    if all(op.diagonal for op in ops):
        diag = np.ones(size, dtype=np.complex128)
        for op in ops:
            diag = _diagonal_into(diag, block.qubits, op)
        return Op(tuple(block.qubits), diag, diagonal=True)
    full = np.eye(size, dtype=np.complex128)
    for op in ops:
        full = _apply_into(full, block.qubits, op)
    return Op(tuple(block.qubits), np.ascontiguousarray(full))


def fuse(gates: Iterable[Gate], limit: int = FUSE_LIMIT) -> list[Op]:
    """Greedy, order-preserving fusion into ops of at most ``limit`` qubits (fuse_blocks)."""
    return [block.op for block in fuse_blocks(gates, limit)]


def fuse_blocks(gates: Iterable[Gate], limit: int = FUSE_LIMIT) -> list[Block]:
    """Greedy, order-preserving fusion into blocks of at most ``limit`` qubits.

    A gate joins the most recent block that touches any of its qubits, if the
    union stays within ``limit``. That is always legal: every later block is
    disjoint from the gate's qubits (else it would be the most recent), and the
    earlier ones already ran before that block.
    """
    blocks: list[_Block] = []
    latest: dict[int, int] = {}
    for index, gate in enumerate(gates):
        qubits = gate.qubits
        touching = [latest[q] for q in qubits if q in latest]
        candidate = max(touching) if touching else None
        if candidate is not None and blocks[candidate].fusable:
            union = blocks[candidate].qubits + [
                q for q in qubits if q not in blocks[candidate].qubits
            ]
            if len(union) <= limit:
                blocks[candidate].qubits = union
                blocks[candidate].gates.append(gate)
                blocks[candidate].indices.append(index)
                for q in qubits:
                    latest[q] = candidate
                continue
        blocks.append(_Block(list(qubits), [gate], len(qubits) <= limit, [index]))
        for q in qubits:
            latest[q] = len(blocks) - 1
    return [
        Block(_block_op(block), tuple(block.qubits), tuple(block.gates), tuple(block.indices))
        for block in blocks
    ]
