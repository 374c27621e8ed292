"""The numpy state-vector engine: apply ops to a state, and simulate() as the loop over them.

The state is a flat complex128 vector viewed as an n-dimensional (2, ..., 2)
tensor whose axes are kept in a *permuted* layout (``_order``): moving the
qubits of an awkward op to the last axes costs one copy, after which that op
and the following ones on the same qubits are single BLAS matrix products. The
layout is put back to IonQ's (qubit 0 least significant) only when reading out.

Every large operation is a numpy ufunc, copy or BLAS call, which releases the
GIL, so a simulation in a web server's background thread does not stall the
requests being served.

Seams: ``StateVector.apply(op)`` takes any op, a gate's or another matrix on
the same qubits, and ``StateVector.copy()`` gives a run a fresh state to
change; ``simulate(on_step=...)`` is called after every op with (done,
total), so the caller can time, report progress or cancel by raising.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Circuit, Gate
from mock_server.simulator.fusion import FUSE_LIMIT, Op, fuse, op_for_gate

__all__ = ["StateVector", "simulate"]

# An op whose qubits lie within the last (or first) EXTEND_LIMIT axes is padded
# with identities to cover that whole range: one 2**EXTEND_LIMIT-wide matrix
# product beats moving the qubits.
EXTEND_LIMIT = 4
# A batched product (A, 2**k, B) is BLAS-efficient only when B is at least this.
MIN_INNER = 2**8


def _runs(axes: Sequence[int]) -> list[list[int]]:
    """Split a permutation into runs of consecutive source axes (they move together)."""
    runs: list[list[int]] = []
    for axis in axes:
        if runs and runs[-1][-1] + 1 == axis:
            runs[-1].append(axis)
        else:
            runs.append([axis])
    return runs


def _permute_copy(
    src: NDArray[np.complex128], dst: NDArray[np.complex128], axes: list[int], rows: int = 1
) -> None:
    """dst (flat) = src (flat, ``rows`` (2,)*n tensors) with each one's axes permuted to ``axes``.

    Adjacent axes that stay together are merged first, so numpy iterates over a
    few large dimensions instead of n of size 2.
    """
    runs = _runs(axes)
    by_source = sorted(runs)
    shape = [2 ** len(run) for run in by_source]
    permutation = [by_source.index(run) for run in runs]
    moved = src.reshape([rows, *shape]).transpose([0] + [1 + i for i in permutation])
    np.copyto(dst.reshape([rows] + [shape[i] for i in permutation]), moved)


def _reorder(matrix: NDArray[np.complex128], order: list[int]) -> NDArray[np.complex128]:
    """The same operator with its qubits listed in ``order`` (indices into the old list)."""
    k = len(order)
    tensor = matrix.reshape((2,) * 2 * k)
    return tensor.transpose(order + [k + i for i in order]).reshape(2**k, 2**k)


def _embed(matrix: NDArray[np.complex128], axes: list[int], span: range) -> NDArray[np.complex128]:
    """A matrix over sorted ``axes`` padded with identities to every axis of ``span``."""
    missing = [a for a in span if a not in axes]
    if not missing:
        return matrix
    identity = np.eye(2 ** len(missing), dtype=np.complex128)
    padded = np.asarray(np.kron(matrix, identity), dtype=np.complex128)
    listed = axes + missing
    return _reorder(padded, [listed.index(a) for a in span])


class StateVector:
    """A pure state of ``qubits`` qubits, starting in |0...0>; or ``rows`` of them side by side.

    Rows are independent states (a noisy run's trajectories): every op applies
    to all of them in one numpy call, and ``apply_to_row`` to one alone. They
    share the layout, and the row index is the most significant part of the
    flat index, so a row is always one contiguous slice.
    """

    def __init__(self, qubits: int) -> None:
        self.qubits = qubits
        self.rows = 1
        self._psi = np.zeros(2**qubits, dtype=np.complex128)
        self._psi[0] = 1
        # Allocated on first need and dropped before the probabilities are made,
        # so the peak is two state vectors (see memory.py).
        self._buf: NDArray[np.complex128] | None = None
        self._order = list(range(qubits - 1, -1, -1))  # qubit on each axis, most significant first

    @classmethod
    def from_amplitudes(cls, amplitudes: NDArray[np.complex128]) -> StateVector:
        """A state with these amplitudes (IonQ's index order); a 2-D array gives one per row."""
        rows = amplitudes.shape[0] if amplitudes.ndim == 2 else 1
        size = amplitudes.size // rows
        qubits = int(size).bit_length() - 1
        if amplitudes.ndim not in (1, 2) or size != 2**qubits or qubits < 1:
            raise ValueError("amplitudes must be 2**qubits long, or rows of that length")
        state = cls.__new__(cls)
        state.qubits, state.rows, state._buf = qubits, rows, None
        state._psi = np.array(amplitudes, dtype=np.complex128).reshape(-1)
        state._order = list(range(qubits - 1, -1, -1))
        return state

    def amplitudes(self) -> NDArray[np.complex128]:
        """A copy of the amplitudes in IonQ's index order (qubit 0 least significant)."""
        self._move_to_bottom(list(range(self.qubits - 1, -1, -1)))
        return self._psi.copy()

    def copy(self) -> StateVector:
        """An independent state with the same rows."""
        return self.repeated(1)

    def repeated(self, times: int) -> StateVector:
        """An independent state whose rows are ``times`` copies of this one's rows, in order."""
        other = StateVector.__new__(StateVector)
        other.qubits, other.rows, other._buf = self.qubits, self.rows * times, None
        other._psi = np.empty(self._psi.size * times, dtype=np.complex128)
        other._psi.reshape(times, self._psi.size)[...] = self._psi
        other._order = list(self._order)
        return other

    def _spare(self) -> NDArray[np.complex128]:
        if self._buf is None:
            self._buf = np.empty_like(self._psi)
        return self._buf

    def _swap(self) -> None:
        """The buffer (just written) becomes the state; the old state is the next scratch."""
        self._psi, self._buf = self._spare(), self._psi

    def _move_to_bottom(self, qubits: Sequence[int]) -> None:
        """Permute the layout so ``qubits`` are the last axes, in this order."""
        tail = list(qubits)
        if self._order[len(self._order) - len(tail) :] == tail:
            return
        chosen = set(tail)
        new_order = [q for q in self._order if q not in chosen] + tail
        axes = [self._order.index(q) for q in new_order]
        _permute_copy(self._psi, self._spare(), axes, self.rows)
        self._swap()
        self._order = new_order

    def _matmul_low(self, matrix: NDArray[np.complex128], width: int) -> None:
        out = self._spare().reshape(-1, 2**width)
        np.matmul(self._psi.reshape(-1, 2**width), matrix.T, out=out)
        self._swap()

    def _matmul_at(self, matrix: NDArray[np.complex128], span: range) -> None:
        shape = (self.rows << span.start, 2 ** len(span), 2 ** (self.qubits - span.stop))
        np.matmul(matrix, self._psi.reshape(shape), out=self._spare().reshape(shape))
        self._swap()

    def _multiply_diagonal(self, diag: NDArray[np.complex128], qubits: Sequence[int]) -> None:
        axes = [self._order.index(q) for q in qubits]
        order = sorted(range(len(axes)), key=axes.__getitem__)
        axes_sorted = [axes[i] for i in order]
        factor = diag.reshape((2,) * len(axes)).transpose(order)
        # Merge the untouched axes between the touched ones into single dimensions.
        state_shape: list[int] = []
        factor_shape: list[int] = []
        previous = -1
        for axis in axes_sorted:
            state_shape += [2 ** (axis - previous - 1), 2]
            factor_shape += [1, 2]
            previous = axis
        state_shape.append(2 ** (self.qubits - previous - 1))
        factor_shape.append(1)
        state_shape[0] *= self.rows
        view = self._psi.reshape(state_shape)
        view *= factor.reshape(factor_shape)

    def _apply_dense(self, matrix: NDArray[np.complex128], qubits: Sequence[int]) -> None:
        n = self.qubits
        axes = [self._order.index(q) for q in qubits]
        order = sorted(range(len(axes)), key=axes.__getitem__)
        axes_sorted = [axes[i] for i in order]
        lo, hi = axes_sorted[0], axes_sorted[-1]
        if (
            n - lo <= EXTEND_LIMIT
            or hi + 1 <= EXTEND_LIMIT
            or (hi - lo < EXTEND_LIMIT and 2 ** (n - 1 - hi) >= MIN_INNER)
        ):
            if n - lo <= EXTEND_LIMIT:
                span = range(lo, n)
            elif hi + 1 <= EXTEND_LIMIT:
                span = range(hi + 1)
            else:
                span = range(lo, hi + 1)
            self._matmul_at(_embed(_reorder(matrix, order), axes_sorted, span), span)
            return
        self._move_to_bottom(qubits)
        self._matmul_low(matrix, len(axes))

    def _apply_controlled(self, op: Op) -> None:
        """An op too wide for a full matrix: act on the slice where every control is 1."""
        c, t = op.controls, len(op.qubits) - op.controls
        if op.diagonal:
            full = np.ones(2 ** len(op.qubits), dtype=np.complex128)
            full[-(2**t) :] = op.data
            self._multiply_diagonal(full, op.qubits)
            return
        self._move_to_bottom(op.qubits)
        block = self._psi.reshape(-1, 2**c, 2**t)[:, -1, :]
        out = self._spare()[: block.size].reshape(block.shape)
        np.matmul(block, op.data.T, out=out)
        block[...] = out

    def apply(self, op: Op) -> None:
        """Apply one op (a fused block or a single gate) in place."""
        if op.controls:
            self._apply_controlled(op)
        elif op.diagonal:
            self._multiply_diagonal(op.data, op.qubits)
        else:
            self._apply_dense(op.data, op.qubits)

    def apply_gate(self, gate: Gate) -> None:
        """Apply one gate, unfused, to every row."""
        self.apply(op_for_gate(gate, EXTEND_LIMIT))

    def apply_to_row(self, matrix: NDArray[np.complex128], qubits: Sequence[int], row: int) -> None:
        """Apply a small dense ``matrix`` over ``qubits`` (big-endian) to one row alone.

        For the few ops that differ between trajectories (a noisy run's
        corrections): a matrix product when the qubits are the last axes, else
        one tensor contraction over that row (two temporaries of its size).
        """
        n, k = self.qubits, len(qubits)
        rows = slice(row << n, (row + 1) << n)
        if self._order[n - k :] == list(qubits):
            # The qubits are the last axes, in order (as after the op of their block):
            # one matrix product into the buffer, no temporary as large as the row.
            amplitudes = self._psi[rows].reshape(-1, 2**k)
            product = self._spare()[rows].reshape(-1, 2**k)
            np.matmul(amplitudes, matrix.T, out=product)
            amplitudes[...] = product
            return
        axes = [self._order.index(q) for q in qubits]
        tensor = self._psi[rows].reshape((2,) * n)
        contracted = np.tensordot(
            matrix.reshape((2,) * 2 * k), tensor, axes=(list(range(k, 2 * k)), axes)
        )
        tensor[...] = np.moveaxis(contracted, list(range(k)), axes)

    def probabilities(self) -> NDArray[np.float64]:
        """|amplitude|**2, indexed as IonQ does: sum of bit_q * 2**q (row after row)."""
        self._move_to_bottom(list(range(self.qubits - 1, -1, -1)))
        self._buf = None
        probabilities = np.abs(self._psi)
        np.square(probabilities, out=probabilities)
        return probabilities


def simulate(
    circuit: Circuit, *, on_step: Callable[[int, int], None] | None = None
) -> NDArray[np.float64]:
    """The ideal output distribution of ``circuit``, measured on every qubit.

    A dense float64 array of 2**qubits probabilities, qubit 0 the least
    significant bit of the index. Peak memory is ``required_bytes(circuit.qubits)``.
    """
    state = StateVector(circuit.qubits)
    ops = fuse(circuit.gates, min(FUSE_LIMIT, circuit.qubits))
    for done, op in enumerate(ops, start=1):
        state.apply(op)
        if on_step is not None:
            on_step(done, len(ops))
    return state.probabilities()
