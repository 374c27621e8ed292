"""The simulator's one entry point: circuit, shots, seed and noise description in; a Result out.

Whoever runs circuits (the jobs API, the bench, the tests) calls
`run_circuit` and gets the result IonQ would serve: the description decides
whether it is exact or measured shot by shot (mock_server/simulator/noise.py),
and every draw goes through the one sampler (sampling.draw).

A distribution with more states than `max_exact_states` is measured even on
the ideal simulator, and the Result's `note` says so: 2^24 probabilities are
a 400 MB JSON body that no client wants. That cut is the fake's own choice;
IonQ does not document one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mock_server.simulator.circuit import Circuit
from mock_server.simulator.noise import NoiseModel
from mock_server.simulator.noise.trajectories import BATCH_BYTES, sample_noisy
from mock_server.simulator.result import Result
from mock_server.simulator.sampling import NOISE_FLOOR, draw
from mock_server.simulator.statevector import simulate

__all__ = ["DEFAULT_MAX_EXACT_STATES", "run_circuit"]

DEFAULT_MAX_EXACT_STATES = 2**16


def run_circuit(  # noqa: PLR0913 - what a run is made of
    circuit: Circuit,
    *,
    shots: int,
    seed: int,
    noise: NoiseModel | None = None,
    max_exact_states: int = DEFAULT_MAX_EXACT_STATES,
    on_step: Callable[[int, int], None] | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> Result:
    """Simulate `circuit` and give its result (`on_step` as simulate's: raise in it to stop).

    `batch_bytes` bounds a noisy run's batch of trajectories (noise/trajectories.py).

    MemoryError when the state vector cannot be allocated after all.
    """
    if noise is None:
        dense = simulate(circuit, on_step=on_step)
        support = np.flatnonzero(dense > NOISE_FLOOR).astype(np.int64)
        if support.size <= max_exact_states:
            return Result(
                qubits=circuit.qubits,
                shots=shots,
                seed=seed,
                states=support,
                probabilities=dense[support].astype(np.float64),
            )
        note = (
            f"The distribution has {support.size} states, more than the "
            f"{max_exact_states} the fake serves exactly: probabilities are "
            f"estimated from {shots} shots."
        )
        return Result.of_shots(circuit.qubits, draw(dense, shots, seed), seed=seed, note=note)
    outcomes = sample_noisy(
        circuit, noise, shots=shots, seed=seed, on_step=on_step, batch_bytes=batch_bytes
    )
    return Result.of_shots(circuit.qubits, outcomes, seed=seed)
