"""Running one variant: the circuit with its qubits relabelled, its outcomes mapped back.

A variant's `qubit_map` names device qubits (circuit qubit i runs on device
qubit qubit_map[i]). The fake simulates only the circuit's width, so it
runs the variant on the ranks of those device qubits: the device qubit of
rank r among the variant's is simulated qubit r. That is the same run:
the fake's noise (docs/noise.md) is the same on every qubit, and the
device's other qubits take no part. Each outcome is then read back in the
circuit's own order, so every variant's results, and their aggregations,
are over the circuit's qubits, qubit 0 the least significant bit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.circuit import Circuit, Gate
from mock_server.simulator.noise import NoiseModel
from mock_server.simulator.noise.trajectories import BATCH_BYTES
from mock_server.simulator.run import run_circuit

__all__ = ["ranks", "relabel", "run_variant", "unmap_outcomes"]


def ranks(qubit_map: Sequence[int]) -> tuple[int, ...]:
    """Where each circuit qubit is simulated: the rank of its device qubit among the map's."""
    order = sorted(qubit_map)
    if len(set(order)) != len(order):
        raise ValueError(f"a qubit map names each device qubit once, not {list(qubit_map)}")
    return tuple(order.index(q) for q in qubit_map)


def relabel(circuit: Circuit, permutation: Sequence[int]) -> Circuit:
    """`circuit` with its qubit i acting on qubit permutation[i] instead."""

    def moved(gate: Gate) -> Gate:
        return replace(
            gate,
            targets=tuple(permutation[q] for q in gate.targets),
            controls=tuple(permutation[q] for q in gate.controls),
        )

    return replace(circuit, gates=tuple(moved(gate) for gate in circuit.gates))


def unmap_outcomes(outcomes: NDArray[np.int64], permutation: Sequence[int]) -> NDArray[np.int64]:
    """Outcomes of the relabelled circuit, read in the circuit's order.

    Bit i of the result is bit permutation[i] of the outcome: the bit the
    circuit's qubit i was measured into.
    """
    mapped = np.zeros_like(outcomes)
    for logical, simulated in enumerate(permutation):
        mapped |= ((outcomes >> simulated) & 1) << logical
    return mapped


def run_variant(  # noqa: PLR0913 - what a run is made of
    circuit: Circuit,
    qubit_map: Sequence[int],
    *,
    shots: int,
    seed: int,
    noise: NoiseModel | None,
    on_step: Callable[[int, int], None] | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> NDArray[np.int64]:
    """One outcome per shot of the variant on `qubit_map`, over the circuit's own qubits.

    An exact run (no noise) gives its shots drawn from the seed, as every
    exact Result does.
    """
    permutation = ranks(qubit_map)
    result = run_circuit(
        relabel(circuit, permutation),
        shots=shots,
        seed=seed,
        noise=noise,
        on_step=on_step,
        batch_bytes=batch_bytes,
    )
    return unmap_outcomes(result.shot_states(), permutation)
