"""A job as the fake keeps it, and the JSON document GET /jobs/{UUID} serves of it.

The record is mutable and only ever changed under the JobStore's lock: the
runner moves it through its statuses from its own thread while requests
read it. The document is what the SDKs read (see openapi.yaml's `Job`): every
key IonQ marks required, because ionq-core parses strictly; `failure.error`
beside `failure.message`, because qiskit-ionq and cirq-ionq read `error`;
and URL-style `results` entries, because qiskit-ionq and pennylane-ionq
follow `results.probabilities.url`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mock_server.api.job_requests import JobRequest
from mock_server.api.keys import PROJECT_ID
from mock_server.wire.responses import instant

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.api.job_results import CircuitResult

SUBMITTED = "submitted"
READY = "ready"
STARTED = "started"
COMPLETED = "completed"
CANCELED = "canceled"
FAILED = "failed"
FINISHED = frozenset({COMPLETED, CANCELED, FAILED})
STATUSES = (SUBMITTED, READY, STARTED, COMPLETED, CANCELED, FAILED)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a job failed: one of IonQ's failure codes, and a sentence."""

    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        """IonQ's `failure`, with `error` repeating `message` for qiskit-ionq and cirq-ionq."""
        return {"code": self.code, "message": self.message, "error": self.message}


@dataclass(slots=True)
class Job:
    """One job (a single circuit, a multi-circuit parent, or one of its children)."""

    id: str
    owner: str  # the id of the API key that submitted it, never the key
    request: JobRequest
    submitted_at: datetime
    status: str = SUBMITTED
    started_at: datetime | None = None
    completed_at: datetime | None = None
    failure: Failure | None = None
    result: CircuitResult | None = None  # a single circuit (or child) once completed
    parent_id: str | None = None
    child_ids: tuple[str, ...] | None = None
    gate_counts: dict[str, int] = field(default_factory=lambda: {"1q": 0, "2q": 0})  # stats
    warnings: list[str] = field(default_factory=list)
    held: bool = False  # kept `ready` by the test controls until completed, failed or canceled
    sequence: int = 0  # the store's submission order, newest highest
    index: int = 0  # a child's position among its parent's circuits
    children_completed: int = 0  # a parent's children that completed so far
    kept_bytes: int = 0  # a top-level job's results and circuits, for the store's budget

    @property
    def finished(self) -> bool:
        """Completed, failed or canceled: nothing will change it again."""
        return self.status in FINISHED

    @property
    def execution_duration_ms(self) -> int | None:
        """How long it ran, from started to completed (IonQ counts QPU time; we count ours)."""
        if self.started_at is None or self.completed_at is None:
            return None
        return round((self.completed_at - self.started_at).total_seconds() * 1000)

    @property
    def nbytes(self) -> int:
        """What keeping its results costs."""
        return self.result.nbytes if self.result is not None else 0


def _instant(moment: datetime | None) -> str | None:
    return instant(moment) if moment is not None else None


def _results(job: Job, base_path: str) -> dict[str, Any] | None:
    if job.status != COMPLETED or job.request.dry_run:
        return None  # a dry run is checked and priced, never run
    prefix = f"{base_path}/jobs/{job.id}/results"
    if job.child_ids is not None:
        return {"probabilities": {"url": f"{prefix}/probabilities/aggregated"}}
    return {
        "probabilities": {"url": f"{prefix}/probabilities"},
        "histogram": {"url": f"{prefix}/histogram"},
        "shots": {"url": f"{prefix}/shots"},
    }


def job_document(job: Job, base_path: str) -> dict[str, Any]:
    """The job as GET /jobs/{UUID} answers it."""
    request = job.request
    document: dict[str, Any] = {
        "id": job.id,
        "status": job.status,
        "type": request.type,
        "backend": request.backend,
        "dry_run": request.dry_run,
        "submitter_id": job.owner,
        "project_id": PROJECT_ID,
        "parent_job_id": job.parent_id,
        "child_job_ids": list(job.child_ids) if job.child_ids is not None else None,
        "session_id": request.session_id,
        "metadata": dict(request.metadata) if request.metadata is not None else None,
        "name": request.name,
        "submitted_at": _instant(job.submitted_at),
        "started_at": _instant(job.started_at),
        "completed_at": _instant(job.completed_at),
        "predicted_wait_time_ms": None,
        "predicted_execution_duration_ms": None,
        "execution_duration_ms": job.execution_duration_ms,
        "failure": job.failure.to_json() if job.failure is not None else None,
        "output": {},
        "settings": dict(request.settings) if request.settings is not None else {},
        "stats": {
            "qubits": request.qubits,
            "circuits": len(request.circuits),
            "gate_counts": dict(job.gate_counts),
        },
        "results": _results(job, base_path),
        "shots": request.shots,
    }
    if request.is_simulator:
        document["noise"] = {"model": request.noise_model or "ideal", "seed": request.noise_seed}
    if job.warnings:
        document["warning"] = {"messages": list(job.warnings)}
    return document
