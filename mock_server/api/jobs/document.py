"""The JSON document GET /jobs/{UUID} serves of a job.

It is what the SDKs read (see openapi.yaml's `Job`): every key IonQ marks
required, because ionq-core parses strictly; `failure.error` beside
`failure.message`, because qiskit-ionq and cirq-ionq read `error`; and
URL-style `results` entries, because qiskit-ionq and pennylane-ionq follow
`formats.probabilities.url`, beside the format-keyed artifact descriptors of
IonQ's current description (mock_server/api/jobs/outputs/artifacts.py), which
qiskit-ionq reads for OpenQASM 3 jobs and ionq-core for every job.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from mock_server.api.jobs.model import Job
from mock_server.api.jobs.outputs import formats
from mock_server.api.jobs.outputs.artifacts import descriptor, has_results, listed, result_key
from mock_server.api.jobs.outputs.compilation import compilation_output
from mock_server.api.jobs.outputs.mitigation import error_mitigation_output
from mock_server.api.keys import PROJECT_ID
from mock_server.wire.responses import instant


def _instant(moment: datetime | None) -> str | None:
    return instant(moment) if moment is not None else None


def _results(job: Job, base_path: str) -> dict[str, Any] | None:
    """The URL of each kind of result, and each listed format's descriptor.

    A URL entry also carries the descriptor of its v1 format (the
    aggregate, for a batch's parent), so that every entry is an
    ArtifactDescriptor to ionq-core, which parses `results` as a map of
    them and otherwise keeps the whole object as an untyped dict.
    """
    if not has_results(job):
        return None  # a dry run is checked and priced, never run
    prefix = f"{base_path}/jobs/{job.id}/results"
    kinds: dict[str, tuple[str, str]]
    if job.child_ids is not None:
        kinds = {"probabilities": ("probabilities/aggregated", formats.AGGREGATE_V1)}
    else:
        kinds = {
            "probabilities": ("probabilities", formats.PROBABILITIES_V1),
            "histogram": ("histogram", formats.HISTOGRAM_V1),
            "shots": ("shots", formats.SHOTS_V1),
        }
    links = {
        kind: {"url": f"{prefix}/{path}", **descriptor(job.id, result_key(name), name)}
        for kind, (path, name) in kinds.items()
    }
    by_format = {a.format: descriptor(job.id, a.key, a.format) for a in listed(job)}
    return links | by_format


def _output(job: Job) -> dict[str, Any]:
    """How the job ran beyond its results: its compiled circuit and error mitigation, by IonQ's
    artifact descriptors."""
    output: dict[str, Any] = {}
    compiled = compilation_output(job, partial(descriptor, job.id))
    if compiled is not None:
        output["compilation"] = compiled
    mitigated = error_mitigation_output(job, partial(descriptor, job.id))
    if mitigated is not None:
        output["error_mitigation"] = mitigated
    return output


def job_document(job: Job, base_path: str) -> dict[str, Any]:
    """The job as GET /jobs/{UUID} answers it."""
    request = job.request
    document: dict[str, Any] = {
        "id": job.id,
        "status": str(job.status),
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
        # A QPU job's plan on the clock (mock_server/api/jobs/timing.py); None: it takes no time.
        "predicted_wait_time_ms": job.plan.wait_ms if job.plan is not None else None,
        "predicted_execution_duration_ms": job.plan.execution_ms if job.plan is not None else None,
        "execution_duration_ms": job.execution_duration_ms,
        "failure": job.failure.to_json() if job.failure is not None else None,
        "output": _output(job),
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
