"""Every rule that refuses a job or fails it, and the failure each gives: one place for them.

IonQ accepts every body its schema allows (openapi.yaml's createJob) and
reports what is wrong with the job itself as a `failed` job with a failure
code. So the rules come in three moments:

- at submission, before the job is stored: the store is full of unfinished
  jobs, in all or of this key (429, the one refusal a client sees as an
  error status);
- at submission, once stored: more gates than a job may have
  (`TooManyGates`), debiasing with too few shots (`InvalidInput`);
- before a circuit runs, on the runner's thread: the gates do not parse
  (`UnsupportedGate`, `InvalidInput`), its backend is not served or was
  removed while the job waited (`InvalidInput`), more qubits than the
  backend has or its noise model runs (`NotEnoughQubits`), a state vector
  larger than the memory the fake may give (`SimulationError`: it never
  tries one it cannot hold), more predicted work than one run may take
  (`SimulationError`: a noisy run of a million shots on 25 qubits would
  take days).

Error mitigation a backend does not offer fails nothing: the job runs
without it, with a warning (mock_server/api/jobs/mitigated_run.py).

And the failures of a run itself: memory ran out after all, its results
outgrew what the fake keeps for one job, or the fake hit a bug of its own
(`InternalError`). The test controls' injected failures are chosen by the
test, not here (mock_server/controls/jobs.py).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs.creation import CircuitInput, JobRequest
from mock_server.api.jobs.model import Failure
from mock_server.api.jobs.noise import Rates

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Circuit, Program

# IonQ's limit of gates over all of a job's circuits, and of shots for debiasing.
MAX_GATES_PER_JOB = 150_000
MIN_DEBIASING_SHOTS = 500
# The largest ionq.result.shots.json.v2 document a job may make, and what it
# writes per shot (`{"registers":{...}}`) and per register (`"name":[...],`).
SHOTS_DOCUMENT_BYTES = 256 * 2**20
_SHOT_BYTES = 18
_REGISTER_BYTES = 6
# Retry-After of the 429 for a store full of unfinished jobs.
STORE_FULL_RETRY_S = 5
# Of the memory the kernel says is available, what one simulation may take.
MEMORY_SHARE = 0.8


def store_full_message(limit: int, *, per_key: bool) -> str:
    """The 429's message when `limit` jobs (of this key, or in all) are still unfinished."""
    if per_key:
        return (
            f"This API key has {limit} unfinished jobs, as many as the fake takes "
            "from one key; retry once some have finished."
        )
    return (
        f"The fake holds {limit} unfinished jobs, as many as it "
        "takes; retry once some have finished."
    )


def at_submission(job_request: JobRequest) -> Failure | None:
    """What fails a stored job at once: the rules JSON Schema cannot state."""
    total = sum(len(circuit.gates) for circuit in job_request.circuits)
    if total > MAX_GATES_PER_JOB:
        return Failure(
            "TooManyGates",
            f"A job may have at most {MAX_GATES_PER_JOB} gates in all; this one has {total}.",
        )
    if job_request.debiased and job_request.shots < MIN_DEBIASING_SHOTS:
        return Failure(
            "InvalidInput",
            f"Debiasing needs at least {MIN_DEBIASING_SHOTS} shots; the job asks for "
            f"{job_request.shots}.",
        )
    return None


def before_run(
    job_request: JobRequest,
    circuit_input: CircuitInput,
    record: Mapping[str, Any] | None,
    rates: Rates | None,
    memory_limit: int | None,
) -> Circuit | Program | Failure:
    """The circuit (or OpenQASM 3 program) to run, or why it cannot: read, and checked.

    A program that does not parse, or uses what the fake does not run
    (classical control flow first), fails as a circuit's bad gates do, with
    the code the simulator's reader gives.

    `record` is the backend's record (None: not served); `rates` the noise
    the job runs with (None: exact); `memory_limit` the bytes one simulation
    may take (None: 80% of what the kernel says is available now).
    """
    # numpy (the simulator) loads with the first job, not at start-up.
    from mock_server.simulator import (  # noqa: PLC0415
        OUTPUT_ALL,
        CircuitError,
        Program,
        noisy_required_bytes,
        parse_circuit,
        read_program,
        required_bytes,
        row_bytes,
    )

    circuit: Circuit | Program
    try:
        if circuit_input.program is not None:  # openqasm3 loads with the first such job
            circuit = read_program(circuit_input.program)
        else:
            circuit = parse_circuit(
                gateset=circuit_input.gateset,
                qubits=circuit_input.qubits,
                gates=list(circuit_input.gates),
            )
    except CircuitError as exc:
        return Failure(exc.code, exc.message)
    if record is None:
        return Failure("InvalidInput", f"The backend {job_request.backend} is not served.")
    limit = int(record.get("qubits", 0))
    if circuit.qubits > limit:
        return Failure(
            "NotEnoughQubits",
            f"The circuit uses {circuit.qubits} qubits; {job_request.backend} has {limit}.",
        )
    if rates is not None and rates.qubits is not None and circuit.qubits > rates.qubits:
        return Failure(
            "NotEnoughQubits",
            f"The circuit uses {circuit.qubits} qubits; noise model {rates.name} "
            f"supports at most {rates.qubits}.",
        )
    needed = (required_bytes if rates is None else noisy_required_bytes)(circuit.qubits)
    if isinstance(circuit, Program):
        # One more state for each branch a mid-circuit measurement or reset leaves pending.
        pending = min(circuit.pending_splits, job_request.shots)
        needed += pending * row_bytes(circuit.qubits) // 2
    allowed = memory_allowed(memory_limit)
    if allowed is not None and needed > allowed:
        return Failure(
            "SimulationError",
            f"Simulating {circuit.qubits} qubits needs {needed / 2**30:.1f} GiB of memory; "
            f"{allowed / 2**30:.1f} GiB can be given to it.",
        )
    if isinstance(circuit, Program) and circuit.registers:
        registers = [(r.name, len(r.bits)) for r in circuit.registers]
    else:
        registers = [(OUTPUT_ALL, circuit.qubits)]
    return too_many_shots(registers, job_request.shots) or circuit


def too_many_shots(registers: Sequence[tuple[str, int]], shots: int) -> Failure | None:
    """The failure of a job whose shots, one by one, would be too large a document to serve.

    `registers` are (name, width) of the outcome's classical registers.
    `ionq.result.shots.json.v2` writes every shot's registers, names
    included: a million shots of 29 qubits are about 90 MB, of 63 one-bit
    registers with long names gigabytes. Past SHOTS_DOCUMENT_BYTES the job
    fails with IonQ's `TooManyShots` before it runs (the bound is the
    fake's own).
    """
    per_shot = _SHOT_BYTES + sum(
        len(name.encode()) + _REGISTER_BYTES + 2 * width for name, width in registers
    )
    if per_shot * shots <= SHOTS_DOCUMENT_BYTES:
        return None
    return Failure(
        "TooManyShots",
        f"{shots} shots of this circuit's registers are a {per_shot * shots / 2**20:.0f} MiB "
        f"shots document; the fake serves at most {SHOTS_DOCUMENT_BYTES // 2**20} MiB: "
        "ask for fewer shots.",
    )


def too_much_work(work: int, limit: int) -> Failure | None:
    """The failure of a run predicted to take more work than `limit`; None if it may run."""
    if work <= limit:
        return None
    return Failure(
        "SimulationError",
        f"Simulating this circuit is predicted to take {work:.3g} amplitude-gates of work "
        f"(more for each shot expected to draw a noise error); the fake runs at most "
        f"{limit:.3g} for one circuit.",
    )


def memory_allowed(memory_limit: int | None) -> int | None:
    """The bytes one simulation may take: the setting, else 80% of what is available now."""
    if memory_limit is not None:
        return memory_limit
    free = available_memory()
    return int(free * MEMORY_SHARE) if free is not None else None


def batch_bytes(qubits: int, memory_limit: int | None) -> int:
    """What a noisy run's batch of trajectories may take, beside its ideal state."""
    from mock_server.simulator import BATCH_BYTES, noisy_required_bytes, row_bytes  # noqa: PLC0415

    allowed = memory_allowed(memory_limit)
    if allowed is None:
        return BATCH_BYTES
    spare = allowed - noisy_required_bytes(qubits) + row_bytes(qubits)
    return max(0, min(BATCH_BYTES, spare))


def backend_removed(name: str) -> Failure:
    """A job waited for a backend that was removed meanwhile: it can never run."""
    return Failure("InvalidInput", f"The backend {name} is gone.")


def out_of_memory() -> Failure:
    """The simulation ran out of memory after all (other work took it meanwhile)."""
    return Failure("SimulationError", "The simulation ran out of memory.")


def results_too_large(max_bytes: int) -> Failure:
    """One job's results would take more than `max_bytes`, its share of the store's budget."""
    return Failure(
        "SimulationError",
        f"The results of this job exceed the {max_bytes // 2**20} MiB the fake keeps for one job.",
    )


def simulation_lost(reason: str) -> Failure:
    """The process that simulated the job ended without a result (killed, crashed)."""
    return Failure("SimulationError", f"The simulation did not finish: {reason}.")


def internal_error() -> Failure:
    """The fake failed to run the job: its bug, not the job's."""
    return Failure("InternalError", "The fake IonQ failed to run it.")


# How long a reading of MemAvailable serves: every job asks twice, and reading
# /proc/meminfo cost a tenth of a Bell job's run; what is free moves slower.
MEMINFO_KEPT_S = 0.5
_meminfo: tuple[float, int | None] = (-MEMINFO_KEPT_S, None)


def available_memory() -> int | None:
    """MemAvailable of /proc/meminfo in bytes (as read in the last MEMINFO_KEPT_S); None where
    there is no such file."""
    global _meminfo  # noqa: PLW0603 - one reading for the process, replaced whole
    read_at, free = _meminfo
    now = time.monotonic()
    if now - read_at < MEMINFO_KEPT_S:
        return free
    free = _read_available_memory()
    _meminfo = (now, free)
    return free


def _read_available_memory() -> int | None:
    try:
        text = Path("/proc/meminfo").read_text("ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return None
