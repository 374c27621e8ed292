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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs import mitigated_run
from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.model import Compiled, Mitigation
from mock_server.api.jobs.outputs import compilation

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Circuit, NoiseModel, Program, Result

Step = Callable[[int, int], None]


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
            circuit, shots=request.shots, seed=task.seed, noise=task.noise, on_step=on_step
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
            shots=request.shots,
            seed=task.seed,
            noise=task.noise,
            on_step=on_step,
            batch_bytes=task.batch_bytes,
        )
    # A program reports itself as its compiled circuit (outputs/compilation.py).
    compiled = (
        None
        if isinstance(circuit, Program)
        else compilation.compile_for(circuit, request, task.record, on_step)
    )
    return Outcome(
        result=result,
        gate_counts=circuit.gate_counts(),
        warnings=(*what.warnings, *([result.note] if result.note else [])),
        mitigation=mitigation,
        compiled=compiled,
    )


def _unmitigated(what: mitigated_run.Applied) -> tuple[str, ...]:
    """The warning of an OpenQASM 3 job that asked for error mitigation: the fake runs it plain.

    Debiasing and symmetry verification act on a circuit's outcome over every
    qubit; a program's outcome is its classical registers, which the fake's
    mitigation does not know how to recombine (a choice of the fake's own).
    """
    if not what.any:
        return ()
    return ("Error mitigation is not applied to OpenQASM 3 jobs; the job ran without it.",)
