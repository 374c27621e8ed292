"""A noisy run, shot by shot, exact in distribution and far cheaper than one simulation per shot.

Every gate error of a NoiseModel is a depolarizing channel, i.e. a random
Pauli product (channels.py). So a noisy run is exactly this: for each shot,
draw which Pauli (most often none) follows each channel location, simulate
the circuit with those Paulis inserted, and measure once. Done naively that
is `shots` full simulations. At IonQ's rates most shots draw no error at all,
and those that do mostly draw distinct single errors, so:

1. The error pattern of every shot is drawn first, from the run's seed: per
   location, how many shots err there (binomial) and which (uniformly, no
   repeats), and which Pauli each gets.
2. Shots are grouped by pattern. The shots without error are drawn from the
   ideal distribution; each distinct pattern is simulated once and gives its
   shots from its own distribution.
3. The circuit is fused into blocks (fusion.py) once. A Pauli P after gate g
   inside block B becomes the correction R P R^-1 after B, where R is the
   part of B after g: the gates moved past g by fusion act on other qubits,
   so they commute with P, and the correction is at most the block's 4
   qubits wide. A trajectory is then the fused circuit plus a few
   corrections, and it starts from the ideal state just before the block of
   its first error: the prefix before it is shared.
4. Trajectories run side by side as rows of one StateVector, sorted by where
   they start, in batches bounded by BATCH_BYTES: one numpy call per block
   for a whole batch, so the GIL is released for long stretches and a noisy
   run does not stall the web server that runs it in the background. The
   ideal state runs ahead alone and seeds each batch where it starts.

An error after the last gate on its qubits needs no simulation at all: it
commutes with everything after it, so it only flips the bits where it has X
or Y. The readout error, last, flips each measured bit of each shot
independently.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Circuit
from mock_server.simulator.fusion import FUSE_LIMIT, Block, Op, fuse_blocks, op_for_gate, over
from mock_server.simulator.gates import Matrix
from mock_server.simulator.memory import row_bytes
from mock_server.simulator.noise.model import Location, NoiseModel, locations
from mock_server.simulator.noise.patterns import Pattern, draw_patterns, flip_mask, pauli_matrix
from mock_server.simulator.sampling import draw
from mock_server.simulator.statevector import StateVector

# draw_patterns, flip_mask and pauli_matrix live in patterns.py, shared with
# OpenQASM 3 programs; named here too for the callers that import them from here.
__all__ = ["BATCH_BYTES", "draw_patterns", "flip_mask", "pauli_matrix", "sample_noisy"]

# The rows of one batch of trajectories, with the buffer every op writes into,
# may take this much; a batch has one row at least, whatever its width.
BATCH_BYTES = 2**28
# Trajectories are cut into at least this many batches (if there are enough
# of them), so those that start late do not wait through the early blocks.
MIN_BATCHES = 8
MIN_ROWS = 16


@dataclass(frozen=True, slots=True)
class _Correction:
    """What an error turns into: a matrix after block `block`, applied in `rank` order."""

    block: int
    rank: tuple[int, int]  # (position of its gate in the block, location index)
    qubits: tuple[int, ...]
    matrix: Matrix


def _order(correction: _Correction) -> tuple[int, tuple[int, int]]:
    return correction.block, correction.rank


class _Corrections:
    """Turns (location, Pauli) errors into corrections after fused blocks; each made once."""

    def __init__(self, blocks: Sequence[Block], sites: Sequence[Location]) -> None:
        self._blocks = blocks
        self._sites = sites
        self._where: dict[int, tuple[int, int]] = {}
        for number, block in enumerate(blocks):
            for position, gate_index in enumerate(block.indices):
                self._where[gate_index] = (number, position)
        self._suffixes: dict[int, list[Matrix]] = {}
        self._made: dict[tuple[int, int], _Correction] = {}

    def of(self, location: int, pauli: int) -> _Correction:
        key = (location, pauli)
        if key not in self._made:
            self._made[key] = self._make(location, pauli)
        return self._made[key]

    def _make(self, location: int, pauli: int) -> _Correction:
        site = self._sites[location]
        number, position = self._where[site.after]
        block = self._blocks[number]
        error = pauli_matrix(pauli, len(site.qubits))
        rank = (position, location)
        if len(block.qubits) > FUSE_LIMIT:  # a gate too wide to fuse: its block is the gate
            return _Correction(number, rank, site.qubits, error)
        # Over the block's qubits, in its order: where its op leaves them, mostly
        # (StateVector.apply_to_row's cheap case).
        qubits = list(block.qubits)
        rest = self._suffix(number)[position]
        embedded = over(qubits, Op(site.qubits, error))
        return _Correction(number, rank, block.qubits, rest @ embedded @ rest.conj().T)

    def _suffix(self, number: int) -> list[Matrix]:
        """Per position in the block, the product of the block's gates after it."""
        if number not in self._suffixes:
            block = self._blocks[number]
            qubits = list(block.qubits)
            size = 2 ** len(qubits)
            products = [np.eye(size, dtype=np.complex128)]
            for gate in reversed(block.gates[1:]):
                gate_matrix = over(qubits, op_for_gate(gate, len(gate.qubits)))
                products.append(products[-1] @ gate_matrix)
            self._suffixes[number] = products[::-1]
        return self._suffixes[number]


def sample_noisy(  # noqa: PLR0913 - what a noisy run is made of
    circuit: Circuit,
    model: NoiseModel,
    *,
    shots: int,
    seed: int,
    on_step: Callable[[int, int], None] | None = None,
    batch_bytes: int = BATCH_BYTES,
    sites: Sequence[Location] | None = None,
) -> NDArray[np.int64]:
    """The measured outcome of every shot of a noisy run of `circuit`, in shot order.

    A batch of trajectories takes at most `batch_bytes`, but always one row;
    `on_step(done, total)` is called after every block applied (raise in it
    to stop); MemoryError when the states cannot be allocated. `sites` are
    the channels' locations, model.locations' rule when not given (an
    OpenQASM 3 program gives its own: one channel per gate of the program,
    however many of the simulator's gates it became).
    """
    rng = np.random.default_rng(seed)
    sites = locations(circuit, model) if sites is None else list(sites)
    groups, flips = _group(draw_patterns(sites, shots, rng), sites, _terminal(circuit, sites))
    ideal_shots = groups.pop((), [])
    blocks = fuse_blocks(circuit.gates, min(FUSE_LIMIT, circuit.qubits))
    corrections = _Corrections(blocks, sites)
    trajectories = sorted(
        (
            _Trajectory(sorted((corrections.of(*error) for error in pattern), key=_order), members)
            for pattern, members in groups.items()
        ),
        key=lambda trajectory: trajectory.start,
    )
    draw_seeds = rng.integers(0, 2**63, size=len(trajectories) + 1).tolist()
    outcomes = np.empty(shots, dtype=np.int64)

    spread = max(MIN_ROWS, -(-len(trajectories) // MIN_BATCHES))
    rows = max(1, min(batch_bytes // row_bytes(circuit.qubits), spread))
    batches = [trajectories[start : start + rows] for start in range(0, len(trajectories), rows)]
    total = len(blocks) + sum(len(blocks) - batch[0].start for batch in batches)
    progress = _Progress(total, on_step)

    ideal, at = StateVector(circuit.qubits), 0
    for number, batch in enumerate(batches):
        at = _advance(ideal, blocks, at, batch[0].start, progress)
        finals = _run_batch(ideal, blocks, batch, progress)
        for row, trajectory in enumerate(batch):
            drawn = draw(finals[row], len(trajectory.shots), draw_seeds[number * rows + row])
            outcomes[np.asarray(trajectory.shots)] = drawn
    _advance(ideal, blocks, at, len(blocks), progress)
    if ideal_shots:
        drawn = draw(ideal.probabilities(), len(ideal_shots), draw_seeds[-1])
        outcomes[np.asarray(ideal_shots)] = drawn
    outcomes ^= flips
    _read_out(outcomes, circuit.qubits, model.readout.probability, rng)
    return outcomes


@dataclass(frozen=True, slots=True)
class _Trajectory:
    """One distinct error pattern: its corrections in the order they apply, and its shots."""

    fixes: list[_Correction]
    shots: list[int]

    @property
    def start(self) -> int:
        """The block before which it is still the ideal state."""
        return self.fixes[0].block


def _group(
    patterns: Sequence[Pattern], sites: Sequence[Location], terminal: set[int]
) -> tuple[dict[Pattern, list[int]], NDArray[np.int64]]:
    """The shots of each pattern left to simulate, and each shot's flips of terminal errors."""
    flips = np.zeros(len(patterns), dtype=np.int64)
    groups: dict[Pattern, list[int]] = defaultdict(list)
    for shot, pattern in enumerate(patterns):
        kept = pattern
        if any(location in terminal for location, _ in pattern):
            kept = tuple(error for error in pattern if error[0] not in terminal)
            for location, pauli in pattern:
                if location in terminal:
                    flips[shot] ^= flip_mask(pauli, sites[location].qubits)
        groups[kept].append(shot)
    return groups, flips


def _run_batch(
    ideal: StateVector, blocks: Sequence[Block], batch: Sequence[_Trajectory], progress: _Progress
) -> NDArray[np.float64]:
    """The final distributions of a batch of trajectories (one row each), from `ideal` on."""
    start = batch[0].start
    states = ideal.repeated(len(batch))
    after: dict[int, list[tuple[int, _Correction]]] = defaultdict(list)
    for row, trajectory in enumerate(batch):
        for fix in trajectory.fixes:
            after[fix.block].append((row, fix))
    for index in range(start, len(blocks)):
        states.apply(blocks[index].op)
        for row, fix in after.get(index, ()):
            states.apply_to_row(fix.matrix, fix.qubits, row)
        progress.step()
    return states.probabilities().reshape(len(batch), -1)


def _terminal(circuit: Circuit, sites: Sequence[Location]) -> set[int]:
    """The locations after which no gate touches their qubits.

    A Pauli there commutes with everything that follows, so it only changes
    the outcome: its Z part not at all, its X (or Y) part by flipping that
    bit. Such an error needs no simulation, only a flip of its shot's outcome.
    """
    last: dict[int, int] = {}
    for index, gate in enumerate(circuit.gates):
        for qubit in gate.qubits:
            last[qubit] = index
    return {
        number
        for number, site in enumerate(sites)
        if all(last[qubit] == site.after for qubit in site.qubits)
    }


class _Progress:
    def __init__(self, total: int, on_step: Callable[[int, int], None] | None) -> None:
        self.total, self.done, self.on_step = total, 0, on_step

    def step(self) -> None:
        self.done += 1
        if self.on_step is not None:
            self.on_step(self.done, self.total)


def _advance(
    state: StateVector, blocks: Sequence[Block], start: int, stop: int, progress: _Progress
) -> int:
    """Apply blocks [start, stop) to the ideal state; where it now stands."""
    for index in range(start, stop):
        state.apply(blocks[index].op)
        progress.step()
    return max(start, stop)


def _read_out(
    outcomes: NDArray[np.int64], qubits: int, probability: float, rng: np.random.Generator
) -> None:
    """Flip each measured bit of each shot independently with `probability`, in place."""
    if probability <= 0.0:
        return
    shots = outcomes.size
    for qubit in range(qubits):
        flipped = rng.choice(shots, size=int(rng.binomial(shots, probability)), replace=False)
        outcomes[flipped] ^= 1 << qubit


def expected_trajectories(circuit: Circuit, model: NoiseModel, shots: int) -> float:
    """How many shots are expected to draw some error: what a noisy run's cost scales with."""
    no_error = math.prod(1.0 - site.channel.error_probability for site in locations(circuit, model))
    return shots * (1.0 - no_error)
