"""A job's compiled circuit: `output.compilation.compiled_circuits`, in IonQ's shape.

IonQ compiles every circuit to its native gates before it runs and reports
the result as an artifact (`ionq.native.v1`); qiskit-ionq's
`job.compiled_circuit()` reads it, mostly after a dry run. The fake does
the same compilation for real (mock_server.simulator.compilation) in the
runner's lane, never on a request thread, and keeps the document with the
job. The entangler is the backend's: `ms` on Aria, `zz` on Forte, and on
the simulator `ms`, or `zz` under a Forte noise model (a guess: IonQ does
not say what its simulator compiles to; openapi.yaml marks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.model import Compiled, Job, JobStatus

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Circuit

NATIVE = "ionq.native.v1"
KEY = f"compiled/{NATIVE}"
QASM3 = "ionq.qasm3.v1"
QASM3_KEY = f"compiled/{QASM3}"
# What keeping one compiled gate costs, about (its JSON object as Python holds it).
GATE_BYTES = 400
# The most native gates a compiled circuit may have: 40 MB kept, a few seconds to write.
MAX_NATIVE_GATES = 100_000

Describe = Callable[[str, str], dict[str, Any]]
Artifacts = dict[str, tuple[str, Callable[[], Any]]]


def entangler(request: JobRequest, record: Mapping[str, Any] | None) -> str:
    """The two-qubit gate the job's backend compiles to: `ms` or `zz`."""
    from mock_server.simulator.compilation import entangler_for  # noqa: PLC0415

    if request.is_simulator and (request.noise_model or "").startswith("forte"):
        return "zz"
    natives = (record or {}).get("supported_native_gates") or ["ms"]
    try:
        return entangler_for(natives)
    except ValueError:  # a record without an entangler (an admin patch): IonQ's default
        return "ms"


def compile_for(
    circuit: Circuit,
    request: JobRequest,
    record: Mapping[str, Any] | None,
    on_step: Callable[[int, int], None] | None = None,
) -> Compiled | None:
    """The circuit in the backend's native gates; None when it cannot be compiled.

    At most MAX_NATIVE_GATES (what a QPU could run is far less; a
    multi-controlled gate alone is hundreds), and not a circuit whose
    angles are not finite numbers (a `pauliexp` of time 1e308): the job
    still completes, without a compiled circuit. `on_step` as the
    simulator's: raise in it to stop (a canceled job).
    """
    from mock_server.simulator.compilation import compile_native  # noqa: PLC0415

    try:
        document = compile_native(
            circuit, entangler(request, record), max_gates=MAX_NATIVE_GATES, on_step=on_step
        )
    except (ValueError, ArithmeticError):  # too large (CompilationTooLargeError), or not finite
        return None
    return Compiled(document, GATE_BYTES * len(document["circuit"]))


def _program(job: Job) -> str | None:
    """An OpenQASM 3 job's program, which is its compiled circuit as the fake reports it."""
    circuits = job.request.circuits
    return circuits[0].program if len(circuits) == 1 else None


def compilation_output(job: Job, describe: Describe) -> dict[str, Any] | None:
    """IonQ's `output.compilation` of a completed circuit (a dry run too); None without one.

    An OpenQASM 3 job reports its program as `ionq.qasm3.v1`: mid-circuit
    measurement and reset have no form in `ionq.native.v1`, and IonQ's own
    compiled form of a program (`ionq.mir.v1`, binary) is not documented.
    """
    if job.status is not JobStatus.COMPLETED:
        return None
    if _program(job) is not None:
        return {"compiled_circuits": {QASM3: describe(QASM3_KEY, QASM3)}}
    if job.compiled is None:
        return None
    return {"compiled_circuits": {NATIVE: describe(KEY, NATIVE)}}


def compilation_artifacts(job: Job) -> Artifacts:
    """The compiled circuit as an artifact: key -> (format, render)."""
    if job.status is not JobStatus.COMPLETED:
        return {}
    program, compiled = _program(job), job.compiled
    if program is not None:
        return {QASM3_KEY: (QASM3, lambda: program)}  # a JSON string: the format's schema
    if compiled is None:
        return {}
    return {KEY: (NATIVE, lambda: compiled.document)}
