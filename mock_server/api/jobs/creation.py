"""A job creation body, already valid against openapi.yaml, as the record the fake runs.

Request validation (mock_server/validation.py) has checked the body against
the spec's `JobCreationPayload` before this runs, so nothing here re-checks
types. What is left is what the SDKs send in more than one way and the
service reads as one: `shots` as a number or a string of digits (cirq),
`noise.seed` as null (qiskit), a circuit's gateset and width inherited from
the multi-circuit input. Whether the gates themselves make sense is the
simulator's to say (mock_server.simulator.parse_circuit), after submission,
as a failed job (mock_server/api/jobs/admission.py).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

SINGLE_CIRCUIT = "ionq.circuit.v1"
MULTI_CIRCUIT = "ionq.multi-circuit.v1"
QASM3 = "ionq.qasm3.v1"
# A qasm3 program's declarations, for predicting its work before it is read:
# `qubit[n] q;`, `qubit q;` and OpenQASM 2's `qreg q[n];`.
_QUBIT_DECLARATION = re.compile(
    r"\bqubit\s*(?:\[\s*(\d{1,3})\s*\])?\s+[^\s;]|\bqreg\s+\w+\s*\[\s*(\d{1,3})"
)
# A program is read into at most this many qubits (mock_server.simulator's qasm3 reader).
_MAX_PROGRAM_QUBITS = 64
SIMULATOR = "simulator"
IDEAL = "ideal"
# Generic names the SDKs send for "a QPU": pennylane-ionq rewrites `qpu` to
# qpu.aria-1, and so does the fake when it looks up the backend's record.
BACKEND_ALIASES = {"qpu": "qpu.aria-1"}


def record_name(backend: str) -> str:
    """The backend record (and rate card) a job's `backend` names."""
    return BACKEND_ALIASES.get(backend, backend)


# Bounds of a gate's shape in compile_weight (the parser allows 7 controls).
_MAX_SHAPE = 16
# What parsing one statement of a program costs, in characters of text.
_CHARACTERS_PER_STATEMENT = 16
# openapi.yaml's default for `shots` when a body leaves it out.
DEFAULT_SHOTS = 100
# The metadata key in which a moved job names the job it replaces (IonQ's).
ORIGINAL_JOB_ID = "original_job_id"


@dataclass(frozen=True, slots=True)
class CircuitInput:
    """One circuit of a job, as submitted: its gates (or program) are parsed when it runs.

    An OpenQASM 3 job's circuit is its `program` text, with no `gates`: until
    it is read (on the runner's thread, not the request's: a large program
    takes seconds to parse), its `qubits` and `statements` are estimates
    from the text, used only to predict its work.
    """

    gateset: str
    qubits: int
    gates: tuple[Mapping[str, Any], ...]
    name: str | None = None
    # Gates that name two qubits or more: counted once, when the body is read
    # (a 150,000-gate job is counted at submission and read again for its cost).
    multi_qubit_gates: int = 0
    # About how many native gates compiling it writes (compile_weight): what
    # compiling it costs, beside simulating it, when its lane is picked.
    native_gates: int = 0
    program: str | None = None
    statements: int = 0  # a program's statements: what its gates are predicted from

    @property
    def size(self) -> int:
        """How many gates the circuit has, or (a program) is predicted to have."""
        return len(self.gates) or self.statements


@dataclass(frozen=True, slots=True)
class JobRequest:
    """What a job asks for, in the fake's terms."""

    type: str
    backend: str
    shots: int
    circuits: tuple[CircuitInput, ...]
    name: str | None = None
    metadata: Mapping[str, str] | None = None
    session_id: str | None = None
    settings: Mapping[str, Any] | None = None
    dry_run: bool = False
    noise_model: str | None = None
    noise_seed: int | None = None
    body_bytes: int = 0  # the size of the submitted JSON, for the store's memory budget

    @property
    def is_multi_circuit(self) -> bool:
        """A parent job whose circuits run as child jobs."""
        return self.type == MULTI_CIRCUIT

    @property
    def is_simulator(self) -> bool:
        """The simulator backend: exact results unless a noise model is named."""
        return self.backend == SIMULATOR

    @property
    def ideal(self) -> bool:
        """The ideal simulator without noise: exact results; everything else is measured."""
        return self.is_simulator and self.noise_model in (None, IDEAL)

    @property
    def qubits(self) -> int:
        """The job's width: its widest circuit."""
        return max((circuit.qubits for circuit in self.circuits), default=0)

    @property
    def debiased(self) -> bool:
        """Whether the job asks for IonQ's error mitigation (debiasing)."""
        return bool(self.error_mitigation.get("debiasing"))

    @property
    def symmetry_verified(self) -> bool:
        """Whether the job asks for symmetry verification."""
        return bool(self.error_mitigation.get("symmetry_verification"))

    @property
    def error_mitigation(self) -> Mapping[str, Any]:
        """`settings.error_mitigation` as sent; {} when the job sends none."""
        mitigation: Mapping[str, Any] = (self.settings or {}).get("error_mitigation") or {}
        return mitigation

    def child_requests(self) -> list[JobRequest]:
        """What each circuit of a multi-circuit job runs as (none for a single circuit)."""
        if not self.is_multi_circuit:
            return []
        return [
            replace(self, type=SINGLE_CIRCUIT, circuits=(circuit,), name=circuit.name)
            for circuit in self.circuits
        ]

    def with_changes(self, changes: Mapping[str, Any]) -> JobRequest:
        """The same circuits with a clone body's fields (openapi.yaml's cloneJob) changed.

        A `noise` replaces the job's whole, so a model sent without a seed
        draws with the copy's own. `parent`, which IonQ's description gives
        this body, is deliberately not read: a copy is a job of its own,
        never a child added to another job after that job's children were
        fixed (openapi.yaml's x-guessed of CloneJobPayload.parent).
        """
        noise = changes.get("noise")
        return replace(
            self,
            name=changes.get("name", self.name),
            metadata=changes.get("metadata", self.metadata),
            shots=int(changes.get("shots", self.shots)),
            backend=changes.get("backend", self.backend),
            session_id=changes.get("session_id", self.session_id),
            settings=changes.get("settings", self.settings),
            dry_run=bool(changes.get("dry_run", self.dry_run)),
            noise_model=noise["model"] if noise else self.noise_model,
            noise_seed=noise.get("seed") if noise else self.noise_seed,
        )

    def replacing(self, job_id: str, changes: Mapping[str, Any]) -> JobRequest:
        """What a move (openapi.yaml's moveJob) of the job `job_id` runs instead: a copy with
        the clone body's `changes`, whose metadata names `job_id` as its original."""
        changed = self.with_changes(changes)
        return replace(changed, metadata={**(changed.metadata or {}), ORIGINAL_JOB_ID: job_id})

    def gate_counts(self) -> dict[str, int]:
        """IonQ's `stats.gate_counts` of the submitted gates: by how many qubits each touches.

        Known from submission on (a queued job already shows them); counted as
        the simulator counts them once the job ran (mock_server.simulator's
        Circuit.gate_counts), so the figure does not change when it completes.
        """
        multi = sum(circuit.multi_qubit_gates for circuit in self.circuits)
        return {"1q": sum(len(circuit.gates) for circuit in self.circuits) - multi, "2q": multi}

    def seed_for(self, job_id: str) -> int:
        """The seed of every draw for this job: `noise.seed`, else one derived from its id.

        Derived from the id, so results are reproducible for the job's lifetime
        and differ between jobs, as separate runs on a QPU do.
        """
        if self.noise_seed is not None:
            return self.noise_seed % 2**32  # an int32 may be negative; numpy's seeds are not
        return uuid.UUID(job_id).int % 2**32


def read_job_request(body: Mapping[str, Any], body_bytes: int = 0) -> JobRequest:
    """The JobRequest of a creation body that passed the spec's validation."""
    noise = body.get("noise") or {}
    job_input = body["input"]
    gateset = str(job_input.get("gateset", "qis"))
    width = job_input.get("qubits")
    circuits: tuple[CircuitInput, ...]
    if body["type"] == QASM3:
        circuits = (_program(str(job_input["data"])),)
    elif body["type"] == MULTI_CIRCUIT:
        circuits = tuple(
            _circuit(
                entry["circuit"],
                entry.get("gateset", gateset),
                entry.get("qubits", width),
                entry.get("name"),
            )
            for entry in job_input["circuits"]
        )
    else:
        circuits = (_circuit(job_input["circuit"], gateset, width, None),)
    return JobRequest(
        type=str(body["type"]),
        backend=str(body["backend"]),
        shots=int(body.get("shots", DEFAULT_SHOTS)),
        circuits=circuits,
        name=body.get("name"),
        metadata=body.get("metadata"),
        session_id=body.get("session_id"),
        settings=body.get("settings"),
        dry_run=bool(body.get("dry_run", False)),
        noise_model=noise.get("model"),
        noise_seed=noise.get("seed"),
        body_bytes=body_bytes,
    )


def _circuit(
    gates: list[Mapping[str, Any]], gateset: str, width: int | None, name: str | None
) -> CircuitInput:
    # A circuit without a width is as wide as the highest qubit it names, as
    # IonQ's multi-circuit input allows; its gates are checked when it runs.
    return CircuitInput(
        gateset=gateset,
        qubits=int(width) if width is not None else _highest_qubit(gates) + 1,
        gates=tuple(gates),
        name=name,
        multi_qubit_gates=sum(1 for gate in gates if _touched(gate) > 1),
        native_gates=sum(compile_weight(gate) for gate in gates),
    )


def compile_weight(gate: Mapping[str, Any]) -> int:
    """About how many native gates a (not yet parsed) gate compiles to, from its shape alone.

    A gate on t targets under c controls is about t(1 + 6(2^c - 1)): a CNOT
    a handful, seven controls 763 (measured). A `pauliexp` of several terms
    may not commute, and is then a generic unitary: 4^t 2^c more. An
    overestimate sends a job to the wide lane, which is harmless; an
    underestimate would let a compile hold the small one.
    """
    controls, targets = gate.get("controls"), gate.get("targets")
    c = len(controls) if isinstance(controls, list) else int(gate.get("control") is not None)
    t = len(targets) if isinstance(targets, list) else 1
    c, t = min(c, _MAX_SHAPE), min(t, _MAX_SHAPE)
    weight = t * (1 + 6 * ((1 << c) - 1))
    terms = gate.get("terms")
    if gate.get("gate") == "pauliexp" and isinstance(terms, list) and len(terms) > 1:
        weight += (1 << (2 * t)) << c
    return weight


def _program(text: str) -> CircuitInput:
    """An OpenQASM 3 program as a job's one circuit, its width and size estimated from the text.

    The width is what its declarations add up to (`input.qubits`, which
    qiskit-ionq also sends, is not trusted over them); it is only the
    prediction of the work that picks the job's lane: the program's own
    reading decides what runs.
    """
    declared = sum(int(a or b or 1) for a, b in _QUBIT_DECLARATION.findall(text))
    return CircuitInput(
        gateset="qis",
        qubits=max(1, min(declared, _MAX_PROGRAM_QUBITS)),
        gates=(),
        program=text,
        # Statements, but also the text's length: `rx(1,1,...,1) q[0];` is one
        # statement and 200 KB to parse, and parsing is what a program costs first.
        statements=max(text.count(";"), len(text) // _CHARACTERS_PER_STATEMENT),
    )


def _touched(gate: Mapping[str, Any]) -> int:
    """How many qubits a (not yet parsed) gate names, as targets and controls."""
    targets, controls = gate.get("targets"), gate.get("controls")
    return (
        (gate.get("target") is not None)
        + (gate.get("control") is not None)
        + (len(targets) if isinstance(targets, list) else 0)
        + (len(controls) if isinstance(controls, list) else 0)
    )


def _highest_qubit(gates: list[Mapping[str, Any]]) -> int:
    highest = 0
    for gate in gates:
        for key in ("target", "control"):
            value = gate.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                highest = max(highest, value)
        for key in ("targets", "controls"):
            values = gate.get(key)
            if isinstance(values, list):
                highest = max([highest, *(v for v in values if isinstance(v, int))])
    return highest
