"""run_program: a Program, shots, a seed and the noise in; the Result IonQ would serve out.

As run_circuit is for a JSON circuit (mock_server/simulator/run.py): with
no NoiseModel the ideal simulator's exact distribution over the classical
outcomes (exact.py), or, when the program's measurement tree is too large
or its distribution has more than `max_exact_states` outcomes, shots
measured without noise and a `note` that says so; with a NoiseModel (a
named model, a QPU) `shots` measured outcomes (shots.py). The Result names
the program's registers, so the v2 formats can cut an outcome into them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mock_server.simulator.noise import NoiseModel
from mock_server.simulator.qasm3.exact import DEFAULT_MAX_BRANCHES, exact_distribution
from mock_server.simulator.qasm3.program import Program
from mock_server.simulator.qasm3.shots import sample_program
from mock_server.simulator.result import Result
from mock_server.simulator.run import DEFAULT_MAX_EXACT_STATES

__all__ = ["run_program"]


def run_program(  # noqa: PLR0913 - what a run is made of
    program: Program,
    *,
    shots: int,
    seed: int,
    noise: NoiseModel | None = None,
    max_exact_states: int = DEFAULT_MAX_EXACT_STATES,
    max_branches: int = DEFAULT_MAX_BRANCHES,
    on_step: Callable[[int, int], None] | None = None,
) -> Result:
    """Run `program` and give its result (`on_step(done, total)`: raise in it to stop).

    MemoryError when a state cannot be allocated after all.
    """
    if noise is not None:
        outcomes = sample_program(program, noise, shots=shots, seed=seed, on_step=on_step)
        return Result.of_shots(program.qubits, outcomes, seed=seed, registers=program.registers)
    distribution = exact_distribution(program, max_branches=max_branches, on_step=on_step)
    if distribution is not None and len(distribution) <= max_exact_states:
        states = np.array(sorted(distribution), dtype=np.int64)
        probabilities = np.array([distribution[s] for s in states.tolist()], dtype=np.float64)
        return Result(
            qubits=program.qubits,
            shots=shots,
            seed=seed,
            states=states,
            probabilities=probabilities,
            registers=program.registers,
        )
    if distribution is None:
        note = (
            f"The program's mid-circuit measurements branch into more than {max_branches} "
            f"outcomes, more than the fake follows exactly: probabilities are estimated "
            f"from {shots} shots."
        )
    else:
        note = (
            f"The distribution has {len(distribution)} outcomes, more than the "
            f"{max_exact_states} the fake serves exactly: probabilities are estimated "
            f"from {shots} shots."
        )
    outcomes = sample_program(program, None, shots=shots, seed=seed, on_step=on_step)
    return Result.of_shots(
        program.qubits, outcomes, seed=seed, note=note, registers=program.registers
    )
