"""A program run shot by shot: a device's run (a NoiseModel), or the ideal one past the exact bound.

Shots are exchangeable until something tells them apart, so they travel in
groups that share one state:

- every shot's gate errors are drawn first, as for a JSON circuit
  (noise/patterns.py: per channel location, which shots err and with which
  Pauli; the locations are noise/model.py's, after the program's gates);
- at a gate, the shots of a group that draw an error there leave it, one
  new group per distinct error, with a copy of the state and the Pauli
  applied;
- at a mid-circuit measurement or reset, the group splits between the
  outcomes: how many shots see 1 is binomial with the outcome's
  probability, which ones is a uniform choice, and each part continues with
  its collapsed state;
- the final measurements draw each shot's outcome from its group's final
  distribution (sampling.draw), as a JSON circuit's shots are drawn.

Readout error flips the recorded bit, never the state the measurement left:
each bit a shot recorded is flipped independently with the model's
probability at the end (a bit written twice keeps only the last reading, so
one flip per written bit is the same thing).

Groups are run depth first: the pending ones are at most one per split on
the current path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Gate
from mock_server.simulator.fusion import op_for_gate
from mock_server.simulator.noise import Location, NoiseModel, locations
from mock_server.simulator.noise.patterns import Pattern, draw_patterns, pauli_matrix
from mock_server.simulator.qasm3.collapse import branches, tail_outcomes
from mock_server.simulator.qasm3.exact import split_tail
from mock_server.simulator.qasm3.program import Measure, Program
from mock_server.simulator.sampling import draw
from mock_server.simulator.statevector import EXTEND_LIMIT, StateVector

__all__ = ["sample_program"]

Errors = tuple[tuple[int, int], ...]  # (location, Pauli) at one gate, in location order


def sample_program(
    program: Program,
    noise: NoiseModel | None,
    *,
    shots: int,
    seed: int,
    on_step: Callable[[int, int], None] | None = None,
) -> NDArray[np.int64]:
    """The recorded outcome of every shot, in shot order."""
    rng = np.random.default_rng(seed)
    sites = locations(program.circuit(), noise) if noise is not None else []
    at_gate = _errors_by_gate(draw_patterns(sites, shots, rng), sites)
    body, tail = split_tail(program)
    ops = {i: op_for_gate(op, EXTEND_LIMIT) for i, op in enumerate(body) if isinstance(op, Gate)}
    outcomes = np.zeros(shots, dtype=np.int64)
    start = (0, 0, StateVector(program.qubits), np.arange(shots, dtype=np.int64), 0)
    stack = [start] if shots else []
    while stack:
        position, gate_index, state, members, bits = stack.pop()
        while position < len(body) and members.size:
            operation = body[position]
            position += 1
            if on_step is not None:
                on_step(position, len(body))
            if isinstance(operation, Gate):
                state.apply(ops[position - 1])
                errors = at_gate.get(gate_index)
                gate_index += 1
                if errors:
                    members = _split_errors(
                        members,
                        errors=errors,
                        sites=sites,
                        state=state,
                        where=(position, gate_index, bits),
                        stack=stack,
                    )
                continue
            found = branches(state, operation.qubit, reset=not isinstance(operation, Measure))
            record = operation.bit if isinstance(operation, Measure) else None
            parts = _divide(members, [probability for _, probability, _ in found], rng)
            for (outcome, _, after), part in list(zip(found, parts, strict=True))[1:]:
                if part.size:
                    stack.append((position, gate_index, after, part, _set(bits, record, outcome)))
            outcome, _, state = found[0]
            members, bits = parts[0], _set(bits, record, outcome)
        if not members.size:
            continue
        drawn = draw(state.probabilities(), members.size, int(rng.integers(2**63)))
        outcomes[members] = tail_outcomes(drawn, tail, bits)
    if noise is not None:
        _read_out(outcomes, _recorded_bits(program), noise.readout.probability, rng)
    return outcomes


def _errors_by_gate(
    patterns: Sequence[Pattern], sites: Sequence[Location]
) -> dict[int, dict[int, Errors]]:
    """For each gate with errors: the shots that err after it, and their errors."""
    found: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for shot, pattern in enumerate(patterns):
        for location, pauli in pattern:
            found[sites[location].after][shot].append((location, pauli))
    return {gate: {s: tuple(e) for s, e in shots.items()} for gate, shots in found.items()}


def _split_errors(  # noqa: PLR0913 - a group, its errors, and where it goes on from
    members: NDArray[np.int64],
    *,
    errors: Mapping[int, Errors],
    sites: Sequence[Location],
    state: StateVector,
    where: tuple[int, int, int],
    stack: list[tuple[int, int, StateVector, NDArray[np.int64], int]],
) -> NDArray[np.int64]:
    """Move the members that err here into groups of their own; the members left."""
    candidates = np.fromiter(errors, dtype=np.int64, count=len(errors))
    erring = candidates[np.isin(candidates, members, assume_unique=True)]
    if not erring.size:
        return members
    by_errors: dict[Errors, list[int]] = defaultdict(list)
    for shot in erring.tolist():
        by_errors[errors[shot]].append(shot)
    position, gate_index, bits = where
    for pattern, shots in by_errors.items():
        branch = state.copy()
        for location, pauli in pattern:
            qubits = sites[location].qubits
            branch.apply_to_row(pauli_matrix(pauli, len(qubits)), qubits, 0)
        stack.append((position, gate_index, branch, np.array(shots, dtype=np.int64), bits))
    return np.setdiff1d(members, erring, assume_unique=True)


def _divide(
    members: NDArray[np.int64], probabilities: Sequence[float], rng: np.random.Generator
) -> list[NDArray[np.int64]]:
    """The members split between outcomes: counts multinomial, membership uniform."""
    if len(probabilities) == 1:
        return [members]
    counts = rng.multinomial(members.size, probabilities)
    shuffled = rng.permutation(members)
    return np.split(shuffled, np.cumsum(counts)[:-1].tolist())


def _set(bits: int, bit: int | None, value: int) -> int:
    if bit is None:
        return bits
    return (bits & ~(1 << bit)) | (value << bit)


def _recorded_bits(program: Program) -> list[int]:
    """The outcome bits some measurement writes (the only ones a readout can flip)."""
    return sorted(
        {op.bit for op in program.operations if isinstance(op, Measure) and op.bit is not None}
    )


def _read_out(
    outcomes: NDArray[np.int64], bits: Sequence[int], probability: float, rng: np.random.Generator
) -> None:
    """Flip each recorded bit of each shot independently with `probability`, in place."""
    if probability <= 0.0:
        return
    for bit in bits:
        flipped = rng.random(outcomes.size) < probability
        outcomes[flipped] ^= np.int64(1 << bit)
