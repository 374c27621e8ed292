"""One circuit's run, as data in and data out: what the runner hands to a simulation process.

A Task holds everything a run needs, read and decided before it starts (the
parsed circuit or program, the noise, the seed, the error mitigation that
applies, the memory a batch of shots may take); `simulate` turns it into an
Outcome: the result, what mitigation did, the compiled circuit, warnings.
Both sides pickle, so the same function runs in the serving process (small
jobs, mock_server/api/jobs/runner.py) or in a process of its own
(mock_server/api/jobs/processes.py), and knows nothing of the store, the
clock or HTTP. A run is stopped through `on_step`, which raises to stop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs import mitigated_run
from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.model import Compiled, Mitigation
from mock_server.api.jobs.outputs import compilation

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Circuit, NoiseModel, Program, Result

Step = Callable[[int, int], None]

# A noisy run of a wide circuit may draw its shots in parts, each with a seed
# of its own, so that simulation processes draw them at once. Parts cost:
# drawn one after another, a 20-qubit, 1,000-shot run took 22.8 s whole and
# 26.1 s in two parts (bench figures in docs/performance.md). So there are
# never more parts than processes to draw them, and a part only where some
# TRAJECTORIES_PER_PART shots are expected to draw an error: the shots of
# such a job depend on its seed and on the number of simulation processes
# (0 and 1 give the same, drawn whole).
TRAJECTORIES_PER_PART = 64
MAX_PARTS = 8
PART_MIN_QUBITS = 14


@dataclass(frozen=True, slots=True)
class Task:
    """A run, decided: what to simulate, how, on which backend record."""

    circuit: Circuit | Program
    request: JobRequest
    record: Mapping[str, Any] | None
    what: mitigated_run.Applied
    seed: int
    noise: NoiseModel | None
    batch_bytes: int
    shots: int  # the request's, or a part's
    compile: bool = True  # a part after the first leaves the compiling to it
    parts: int = 1  # how many parts its shots are drawn in (part_count)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a run gave."""

    result: Result
    gate_counts: dict[str, int]
    warnings: tuple[str, ...]
    mitigation: Mitigation | None
    compiled: Compiled | None


def simulate(task: Task, on_step: Step | None = None) -> Outcome:
    """Run the task: the program, the mitigated circuit or the circuit; then compile it.

    MemoryError and whatever `on_step` raises go to the caller.
    """
    from mock_server.simulator import Program, run_circuit, run_program  # noqa: PLC0415

    circuit, request, what = task.circuit, task.request, task.what
    mitigation = None
    if isinstance(circuit, Program):
        what = mitigated_run.Applied(warnings=(*what.warnings, *_unmitigated(what)))
        result = run_program(
            circuit, shots=task.shots, seed=task.seed, noise=task.noise, on_step=on_step
        )
    elif what.any:
        result, mitigation = mitigated_run.run_mitigated(
            circuit,
            request,
            what,
            device_qubits=int((task.record or {}).get("qubits", circuit.qubits)),
            seed=task.seed,
            noise=task.noise,
            on_step=on_step,
            batch_bytes=task.batch_bytes,
        )
    else:
        result = run_circuit(
            circuit,
            shots=task.shots,
            seed=task.seed,
            noise=task.noise,
            on_step=on_step,
            batch_bytes=task.batch_bytes,
        )
    # A program reports itself as its compiled circuit (outputs/compilation.py).
    compiled = (
        None
        if isinstance(circuit, Program) or not task.compile
        else compilation.compile_for(circuit, request, task.record, on_step)
    )
    return Outcome(
        result=result,
        gate_counts=circuit.gate_counts(),
        warnings=(*what.warnings, *([result.note] if result.note else [])),
        mitigation=mitigation,
        compiled=compiled,
    )


def part_count(qubits: int, shots: int, trajectories: float, processes: int) -> int:
    """How many parts a noisy run of a plain circuit is drawn in, over `processes`, for the
    shots expected to draw an error (`trajectories`): one for a narrow circuit, few such
    shots, or a single process."""
    if qubits < PART_MIN_QUBITS or processes <= 1:
        return 1
    return max(1, min(processes, MAX_PARTS, shots, int(trajectories // TRAJECTORIES_PER_PART)))


def parts(task: Task) -> list[Task]:
    """The tasks a run is drawn in: itself, or for a noisy run of a plain circuit with
    `task.parts` above one, as many parts of its shots, each with its own seed; `merged` puts
    them together."""
    from mock_server.simulator import Program  # noqa: PLC0415

    count = min(task.parts, task.shots)
    if count <= 1 or task.noise is None or isinstance(task.circuit, Program) or task.what.any:
        return [task]
    sizes = [task.shots // count + (1 if k < task.shots % count else 0) for k in range(count)]
    return [
        replace(task, shots=size, seed=_part_seed(task.seed, k), compile=k == 0, parts=1)
        for k, size in enumerate(sizes)
    ]


def merged(task: Task, outcomes: Sequence[Outcome]) -> Outcome:
    """The outcome of a run drawn in parts: their shots in part order, the first's compiled
    circuit and warnings."""
    import numpy as np  # noqa: PLC0415

    from mock_server.simulator import Result  # noqa: PLC0415

    if len(outcomes) == 1:
        return outcomes[0]
    shots = []
    for outcome in outcomes:
        result = outcome.result
        # A noisy run of a plain circuit is measured, over no registers, without a note.
        if result.measured is None or result.registers or result.note:
            raise ValueError("a part of a noisy run is not a plain measured result")
        shots.append(result.states[result.measured])
    first = outcomes[0]
    result = Result.of_shots(first.result.qubits, np.concatenate(shots), seed=task.seed)
    return replace(first, result=result)


def _part_seed(seed: int, index: int) -> int:
    # Distinct per part and per job seed, within the 63 bits seeds take.
    return (seed * 1_000_003 + index + 1) % (1 << 63)


def _unmitigated(what: mitigated_run.Applied) -> tuple[str, ...]:
    """The warning of an OpenQASM 3 job that asked for error mitigation: the fake runs it plain.

    Debiasing and symmetry verification act on a circuit's outcome over every
    qubit; a program's outcome is its classical registers, which the fake's
    mitigation does not know how to recombine (a choice of the fake's own).
    """
    if not what.any:
        return ()
    return ("Error mitigation is not applied to OpenQASM 3 jobs; the job ran without it.",)
