"""Which Pauli errors each shot of a noisy run draws, and what a Pauli does to an outcome.

Shared by the two shot-by-shot samplers: a JSON circuit's (trajectories.py)
and an OpenQASM 3 program's (mock_server/simulator/qasm3/shots.py). Both
draw every shot's error pattern first, from the run's seed, in the same way,
so one rule decides where errors fall whatever the input format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from mock_server.simulator.gates import PAULI, Matrix, kron_all
from mock_server.simulator.noise.model import Location

__all__ = ["Pattern", "draw_patterns", "flip_mask", "pauli_matrix"]

Pattern = tuple[tuple[int, int], ...]  # (location index, Pauli index) per error, in order


def pauli_matrix(index: int, qubits: int) -> Matrix:
    """The Pauli product numbered `index` on `qubits` qubits, big-endian.

    Base-4 digits, the first qubit's the most significant: 0 = I, 1 = X,
    2 = Y, 3 = Z. Index 0 is the identity.
    """
    digits = [(index >> (2 * (qubits - 1 - q))) & 3 for q in range(qubits)]
    return kron_all([PAULI["IXYZ"[digit]] for digit in digits])


def draw_patterns(sites: Sequence[Location], shots: int, rng: np.random.Generator) -> list[Pattern]:
    """The error pattern of every shot: per location, which shots err and with which Pauli."""
    if not sites:
        return [()] * shots
    probabilities = np.array([site.channel.error_probability for site in sites])
    hits = rng.binomial(shots, probabilities)
    errors: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for index in np.flatnonzero(hits).tolist():
        site = sites[index]
        chosen = rng.choice(shots, size=int(hits[index]), replace=False)
        paulis = rng.integers(1, site.channel.paulis, size=chosen.size)
        for shot, pauli in zip(chosen.tolist(), paulis.tolist(), strict=True):
            errors[shot].append((index, pauli))
    patterns: list[Pattern] = [()] * shots
    for shot, found in errors.items():
        patterns[shot] = tuple(found)  # locations were visited in order
    return patterns


def flip_mask(pauli: int, qubits: Sequence[int]) -> int:
    """The outcome bits a Pauli product flips: where it has X or Y (see pauli_matrix)."""
    mask = 0
    for position, qubit in enumerate(qubits):
        digit = (pauli >> (2 * (len(qubits) - 1 - position))) & 3
        if digit in {1, 2}:
            mask |= 1 << qubit
    return mask
