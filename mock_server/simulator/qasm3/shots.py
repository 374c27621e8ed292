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

A program whose measurements all come after its last gate (no mid-circuit
measurement, no reset) is a JSON circuit with a readout map: it runs through
the JSON circuits' batched trajectory sampler (noise/trajectories.py)
instead, which is far faster than walking groups gate by gate.

Groups are run depth first, and the shots that err at a gate run before the
group they left resumes: the states alive at once are one per split on the
current path (and the few erring groups of one gate), not one per error.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Gate
from mock_server.simulator.fusion import FUSE_LIMIT, Op, fuse
from mock_server.simulator.noise import Location, NoiseModel, ReadoutError
from mock_server.simulator.noise.patterns import Pattern, draw_patterns, pauli_matrix
from mock_server.simulator.noise.trajectories import sample_noisy
from mock_server.simulator.qasm3.channels import program_locations
from mock_server.simulator.qasm3.collapse import branches, tail_outcomes
from mock_server.simulator.qasm3.exact import split_tail
from mock_server.simulator.qasm3.program import Measure, Operation, Program
from mock_server.simulator.sampling import draw
from mock_server.simulator.statevector import StateVector

__all__ = ["sample_program"]

Errors = tuple[tuple[int, int], ...]  # (location, Pauli) at one gate, in location order


@dataclass(slots=True)
class _Group:
    """Shots that share a state so far: where they are in the program, and what they recorded."""

    position: int  # the next operation of the body
    gate_index: int  # how many gates are behind them (where noise locations point)
    state: StateVector
    members: NDArray[np.int64]
    bits: int


def sample_program(
    program: Program,
    noise: NoiseModel | None,
    *,
    shots: int,
    seed: int,
    on_step: Callable[[int, int], None] | None = None,
) -> NDArray[np.int64]:
    """The recorded outcome of every shot, in shot order."""
    body, tail = split_tail(program)
    if noise is not None and all(isinstance(op, Gate) for op in body):
        return _gates_then_readout(program, noise, tail, shots=shots, seed=seed, on_step=on_step)
    rng = np.random.default_rng(seed)
    sites = program_locations(program, noise) if noise is not None else []
    at_gate = _errors_by_gate(draw_patterns(sites, shots, rng), sites)
    stretches = _Stretches(body, program.qubits, at_gate)
    outcomes = np.zeros(shots, dtype=np.int64)
    whole = _Group(0, 0, StateVector(program.qubits), np.arange(shots, dtype=np.int64), 0)
    stack = [whole] if shots else []
    while stack:
        group = stack.pop()
        walked = _walk(
            group,
            stretches=stretches,
            sites=sites,
            stack=stack,
            rng=rng,
            on_step=on_step,
        )
        if not walked:
            continue  # split: its parts are on the stack
        drawn = draw(group.state.probabilities(), group.members.size, int(rng.integers(2**63)))
        outcomes[group.members] = tail_outcomes(drawn, tail, group.bits)
    if noise is not None:
        _read_out(outcomes, _recorded_bits(program), noise.readout.probability, rng)
    return outcomes


def _gates_then_readout(  # noqa: PLR0913 - a noisy run and its final readout
    program: Program,
    noise: NoiseModel,
    tail: Sequence[Measure],
    *,
    shots: int,
    seed: int,
    on_step: Callable[[int, int], None] | None,
) -> NDArray[np.int64]:
    """A program whose measurements all come at the end: a JSON circuit's noisy run, read out.

    The trajectory sampler of JSON circuits (noise/trajectories.py, batched
    and far faster than walking groups gate by gate) gives each shot's
    basis state, without readout error; the final measurements map it to
    the recorded bits, and the readout error flips those, as it would here.
    """
    gate_noise = replace(noise, readout=ReadoutError(0.0))
    states = sample_noisy(
        program.circuit(),
        gate_noise,
        shots=shots,
        seed=seed,
        on_step=on_step,
        sites=program_locations(program, gate_noise),
    )
    outcomes = tail_outcomes(states, tail, 0)
    rng = np.random.default_rng([seed, 1])  # the readout's draws, apart from the run's
    _read_out(outcomes, _recorded_bits(program), noise.readout.probability, rng)
    return outcomes


class _Stretches:
    """The gates between a group's stops, fused into few ops once and kept for every group.

    A group stops only where one of its own shots errs, or at a measurement
    or reset; the gates in between are fused (fusion.py), as a JSON
    circuit's are, so a group of a few erring shots costs a few passes over
    its state, not one per gate. Fused stretches are kept by (start, stop):
    groups that start at the same error and stop at the same place share them.
    """

    def __init__(
        self, body: Sequence[Operation], qubits: int, at_gate: Mapping[int, Mapping[int, Errors]]
    ) -> None:
        self.body = body
        self.limit = min(FUSE_LIMIT, qubits)
        self.at_gate = at_gate
        self.error_gates = sorted(at_gate)
        # For each position, where its run of consecutive gates ends.
        self.run_end = [0] * len(body)
        end = len(body)
        for position in range(len(body) - 1, -1, -1):
            if not isinstance(body[position], Gate):
                end = position
            self.run_end[position] = end
        self._fused: dict[tuple[int, int], list[Op]] = {}

    def stop(self, group: _Group) -> tuple[int, dict[Errors, list[int]]]:
        """Where the group's run of gates ends for it (exclusive), and who errs at its last gate."""
        end = self.run_end[group.position]
        last_gate = group.gate_index + (end - group.position)  # exclusive
        first = bisect.bisect_left(self.error_gates, group.gate_index)
        for gate_index in self.error_gates[first:]:
            if gate_index >= last_gate:
                break
            erring = _erring(group.members, self.at_gate[gate_index])
            if erring:
                return group.position + (gate_index - group.gate_index) + 1, erring
        return end, {}

    def ops(self, start: int, stop: int) -> list[Op]:
        """The gates at positions [start, stop) fused."""
        key = (start, stop)
        if key not in self._fused:
            gates = [op for op in self.body[start:stop] if isinstance(op, Gate)]
            self._fused[key] = fuse(gates, self.limit)
        return self._fused[key]


def _walk(  # noqa: PLR0913 - a group and what it walks through
    group: _Group,
    *,
    stretches: _Stretches,
    sites: Sequence[Location],
    stack: list[_Group],
    rng: np.random.Generator,
    on_step: Callable[[int, int], None] | None,
) -> bool:
    """Run `group` on to the final readout (True), or until some of its shots err (False).

    At a gate where some members draw errors, the group is put back on the
    stack *under* one new group per distinct error, so those (a few shots
    each) run to their end before it resumes: the states alive at once stay
    few, one per split on the current path, however many shots err in all.
    A measurement or reset splits it between the outcomes, and it goes on
    with the first.
    """
    body = stretches.body
    while group.position < len(body):
        operation = body[group.position]
        if isinstance(operation, Gate):
            stop, erring = stretches.stop(group)
            for op in stretches.ops(group.position, stop):
                group.state.apply(op)
            group.gate_index += stop - group.position
            group.position = stop
            if on_step is not None:
                on_step(group.position, len(body))
            if erring:
                _suspend(group, erring, sites, stack)
                return False
            continue
        group.position += 1
        found = branches(group.state, operation.qubit, reset=not isinstance(operation, Measure))
        record = operation.bit if isinstance(operation, Measure) else None
        parts = _divide(group.members, [probability for _, probability, _ in found], rng)
        for (outcome, _, after), part in list(zip(found, parts, strict=True))[1:]:
            if part.size:
                bits = _set(group.bits, record, outcome)
                stack.append(_Group(group.position, group.gate_index, after, part, bits))
        outcome, _, group.state = found[0]
        group.members, group.bits = parts[0], _set(group.bits, record, outcome)
        if not group.members.size:
            return False
    return True


def _errors_by_gate(
    patterns: Sequence[Pattern], sites: Sequence[Location]
) -> dict[int, dict[int, Errors]]:
    """For each gate with errors: the shots that err after it, and their errors."""
    found: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for shot, pattern in enumerate(patterns):
        for location, pauli in pattern:
            found[sites[location].after][shot].append((location, pauli))
    return {gate: {s: tuple(e) for s, e in shots.items()} for gate, shots in found.items()}


def _erring(members: NDArray[np.int64], errors: Mapping[int, Errors]) -> dict[Errors, list[int]]:
    """The members that err at this gate, by the errors they draw.

    `members` is in ascending order (every group is made so), and the shots
    that err at one gate are few: a binary search of each in the members
    (a third of a noisy program's time went to np.isin's sort otherwise).
    """
    candidates = np.fromiter(errors, dtype=np.int64, count=len(errors))
    where = np.minimum(np.searchsorted(members, candidates), members.size - 1)
    erring = candidates[members[where] == candidates] if members.size else candidates[:0]
    by_errors: dict[Errors, list[int]] = defaultdict(list)
    for shot in erring.tolist():
        by_errors[errors[shot]].append(shot)
    return by_errors


def _suspend(
    group: _Group,
    erring: Mapping[Errors, list[int]],
    sites: Sequence[Location],
    stack: list[_Group],
) -> None:
    """Put the group's other members back on the stack, then one group per error above them."""
    moved = np.array([shot for shots in erring.values() for shot in shots], dtype=np.int64)
    rest = np.setdiff1d(group.members, moved, assume_unique=True)
    if rest.size:
        stack.append(_Group(group.position, group.gate_index, group.state, rest, group.bits))
    for pattern, shots in erring.items():
        branch = group.state.copy()
        for location, pauli in pattern:
            qubits = sites[location].qubits
            branch.apply_to_row(pauli_matrix(pauli, len(qubits)), qubits, 0)
        members = np.sort(np.array(shots, dtype=np.int64))
        stack.append(_Group(group.position, group.gate_index, branch, members, group.bits))


def _divide(
    members: NDArray[np.int64], probabilities: Sequence[float], rng: np.random.Generator
) -> list[NDArray[np.int64]]:
    """The members split between outcomes: counts multinomial, membership uniform."""
    if len(probabilities) == 1:
        return [members]
    counts = rng.multinomial(members.size, probabilities)
    shuffled = rng.permutation(members)
    # Each part sorted: a group's members stay in ascending order (_erring relies on it).
    return [np.sort(part) for part in np.split(shuffled, np.cumsum(counts)[:-1].tolist())]


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
