"""The ideal simulator's exact distribution over a program's classical outcomes.

A program with mid-circuit measurements or resets has no single final
state: it is a tree, each measurement branching with the probabilities of
its outcomes. The run walks that tree depth first (one state per pending
branch), weighting each leaf by the product of the probabilities on its
path. The measurements at the very end, after every gate and reset, do not
branch: the leaf's final probabilities are read out through them at once,
as a JSON circuit's are (collapse.tail_outcomes). So a program without
mid-circuit measurements costs one simulation, as a circuit does.

The tree is bounded by `max_branches`: beyond it the run gives up (None) and
the caller measures shots instead, saying so in the Result's note.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from mock_server.simulator.circuit import Gate
from mock_server.simulator.fusion import FUSE_LIMIT, Op, fuse
from mock_server.simulator.qasm3.collapse import branches, tail_outcomes
from mock_server.simulator.qasm3.program import Measure, Operation, Program, Reset
from mock_server.simulator.sampling import NOISE_FLOOR
from mock_server.simulator.statevector import StateVector

__all__ = ["DEFAULT_MAX_BRANCHES", "exact_distribution", "split_tail"]

# The most leaves the exact tree may have (the fake's own bound): ten
# mid-circuit measurements of superposed qubits.
DEFAULT_MAX_BRANCHES = 2**10

Step = list[Op] | Measure | Reset


def split_tail(program: Program) -> tuple[tuple[Operation, ...], tuple[Measure, ...]]:
    """The operations before the final run of measurements, and that run."""
    operations = program.operations
    start = len(operations)
    while start > 0 and isinstance(operations[start - 1], Measure):
        start -= 1
    tail = tuple(op for op in operations[start:] if isinstance(op, Measure))
    return operations[:start], tail


def _steps(body: Sequence[Operation], qubits: int) -> list[Step]:
    """Runs of gates fused into ops, between the measurements and resets."""
    steps: list[Step] = []
    run: list[Gate] = []
    for op in body:
        if isinstance(op, Gate):
            run.append(op)
            continue
        if run:
            steps.append(fuse(run, min(FUSE_LIMIT, qubits)))
            run = []
        steps.append(op)
    if run:
        steps.append(fuse(run, min(FUSE_LIMIT, qubits)))
    return steps


def exact_distribution(
    program: Program,
    *,
    max_branches: int = DEFAULT_MAX_BRANCHES,
    on_step: Callable[[int, int], None] | None = None,
) -> dict[int, float] | None:
    """Each classical outcome's probability; None when the tree has more than `max_branches`."""
    body, tail = split_tail(program)
    steps = _steps(body, program.qubits)
    distribution: dict[int, float] = defaultdict(float)
    stack: list[tuple[int, StateVector, float, int]] = [(0, StateVector(program.qubits), 1.0, 0)]
    leaves = 1
    while stack:
        position, state, weight, bits = stack.pop()
        while position < len(steps):
            step = steps[position]
            position += 1
            if on_step is not None:
                on_step(position, len(steps))
            if isinstance(step, list):
                for op in step:
                    state.apply(op)
                continue
            found = [
                branch
                for branch in branches(state, step.qubit, reset=isinstance(step, Reset))
                if weight * branch[1] > NOISE_FLOOR
            ]
            leaves += len(found) - 1
            if leaves > max_branches:
                return None
            record = step.bit if isinstance(step, Measure) else None
            for outcome, probability, after in found[1:]:
                stack.append((position, after, weight * probability, _set(bits, record, outcome)))
            outcome, probability, state = found[0]
            weight, bits = weight * probability, _set(bits, record, outcome)
        probabilities = state.probabilities()
        support = np.flatnonzero(probabilities > NOISE_FLOOR).astype(np.int64)
        outcomes = tail_outcomes(support, tail, bits)
        keys, inverse = np.unique(outcomes, return_inverse=True)
        sums = np.bincount(inverse, weights=probabilities[support], minlength=keys.size)
        for key, value in zip(keys.tolist(), sums.tolist(), strict=True):
            distribution[key] += weight * value
    return dict(distribution)


def _set(bits: int, bit: int | None, value: int) -> int:
    """`bits` with `bit` set to `value` (unchanged when nothing is recorded)."""
    if bit is None:
        return bits
    return (bits & ~(1 << bit)) | (value << bit)
