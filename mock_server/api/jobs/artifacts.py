"""A job's artifacts: the documents IonQ's format-keyed descriptors point at.

IonQ's current description names a job's results by format
(`results["ionq.result.histogram.json.v2"] = {id, format, media_type}`) and
serves each at `GET /jobs/{UUID}/artifacts/{id}`; compiled circuits and
error mitigation's variants are artifacts too. The fake keeps none of them:
an artifact is rendered from the job's Result when it is asked for, and its
id is derived from the job's id and the artifact's key (a UUID 5), so it is
the same on every read, unique per job, and needs no storage. Which
artifacts a job has is `catalog`, the one place that says so: the job
document lists their descriptors, the artifact handler finds one by id.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from mock_server.api.jobs import results
from mock_server.api.jobs.compilation import compilation_artifacts
from mock_server.api.jobs.mitigation import mitigation_artifacts
from mock_server.api.jobs.model import Job, JobStatus

JSON = "application/json"


@dataclass(frozen=True, slots=True)
class Artifact:
    """One artifact of a job: its key (unique within the job), its format, how to render it."""

    key: str
    format: str
    render: Callable[[], Any]
    media_type: str = JSON


def artifact_id(job_id: str, key: str) -> str:
    """The id of the artifact `key` of job `job_id`: stable, and unguessable from another job's."""
    return str(uuid.uuid5(uuid.UUID(job_id), key))


def descriptor(job_id: str, key: str, format: str, media_type: str = JSON) -> dict[str, str]:
    """IonQ's ArtifactDescriptor of the job's artifact `key`: `{id, format, media_type}`."""
    return {"id": artifact_id(job_id, key), "format": format, "media_type": media_type}


def has_results(job: Job) -> bool:
    """Whether the job has results: completed, and not a dry run (checked and priced only)."""
    return job.status is JobStatus.COMPLETED and not job.request.dry_run


def result_artifacts(job: Job, children: Sequence[Job] = ()) -> list[Artifact]:
    """Every result document of the job as an artifact: each format of its Result, or a
    parent's aggregate. Which of them the job lists by format is `listed`'s to say."""
    if not has_results(job):
        return []
    if job.child_ids is not None:
        aggregate = partial(_aggregate, children)
        return [Artifact(result_key(results.AGGREGATE_V1), results.AGGREGATE_V1, aggregate)]
    if job.result is None:
        return []
    return [
        Artifact(result_key(name), name, partial(render, job.result))
        for name, render in results.RENDERERS.items()
    ]


def result_key(name: str) -> str:
    """The artifact key of the job's results in format `name`."""
    return f"results/{name}"


def listed(job: Job) -> list[Artifact]:
    """The results the job lists by format, as IonQ does.

    An exact result (the ideal simulator) lists its distribution only, as
    IonQ's ideal simulator does: it draws no shots. Its histogram and shots
    are still artifacts, sampled with the job's seed as the legacy URLs
    serve them, because those URL entries carry their v1 descriptors.
    """
    found = result_artifacts(job)
    if job.result is not None and job.result.exact:
        return [a for a in found if a.format in results.EXACT_FORMATS]
    return found


def _aggregate(children: Sequence[Job]) -> dict[str, dict[str, float]]:
    """`{"<child id>": probabilities v1}` in circuit order (IonQ's probabilities-aggregate)."""
    return {
        child.id: results.probabilities(child.result)
        for child in children
        if child.result is not None
    }


def catalog(job: Job, children: Sequence[Job] = ()) -> dict[str, Artifact]:
    """Every artifact the job has, by id (what GET /jobs/{UUID}/artifacts/{id} may serve)."""
    found = result_artifacts(job, children)
    named = {**compilation_artifacts(job), **mitigation_artifacts(job)}
    found += [Artifact(key, name, render) for key, (name, render) in named.items()]
    return {artifact_id(job.id, a.key): a for a in found}
