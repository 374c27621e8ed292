"""A job's `output.error_mitigation`, and the artifacts it points to, in IonQ's shape.

IonQ's description (ErrorMitigationOutput): `debiasing` is `false` or
`{variants: [{variant_id, qubit_map, shots, results}], aggregation_method}`,
each variant's `results` keyed by format; `symmetry_verification` is
`{num_allowed_states, applied}`; `aggregations` maps an aggregation's name
to an artifact descriptor of format `ionq.result.histogram.json.v2`. The
payloads are fetched from the artifacts endpoint by the descriptor's `id`.

This module says which artifacts a job has and what each holds
(`mitigation_artifacts`), and writes the output naming them
(`error_mitigation_output`); the caller mints the descriptors (`describe`),
so ids and the artifacts endpoint stay the document's and handler's to own.
The fake serves the `average` and `voting` aggregations, not IonQ's `dnl`
and `majority` (mock_server/simulator/mitigation/aggregate.py says why).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs.model import Job, JobStatus
from mock_server.api.jobs.outputs import formats

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Result

HISTOGRAM_V2 = formats.HISTOGRAM_V2
# The aggregation a debiased job's results are (its probabilities, histogram, shots).
AGGREGATION_METHOD = "average"

Describe = Callable[[str, str], dict[str, Any]]
Artifacts = dict[str, tuple[str, Callable[[], Any]]]


def variant_key(index: int) -> str:
    """The artifact key of variant `index`'s histogram."""
    return f"variants/{index}/{HISTOGRAM_V2}"


def aggregation_key(name: str) -> str:
    """The artifact key of an aggregation (`average`, `voting`)."""
    return f"aggregations/{name}"


def _asked(job: Job) -> bool:
    """Whether the job asked for any error mitigation (a key present, true or false)."""
    return bool(job.request.error_mitigation)


def error_mitigation_output(job: Job, describe: Describe) -> dict[str, Any] | None:
    """IonQ's `output.error_mitigation` of a completed circuit; None when there is none to give.

    None before the job completes, for a dry run, a multi-circuit parent
    (each child reports its own) and a job that asked for no error
    mitigation. `debiasing` is `false` when the job did not ask for it or
    its backend does not offer it; `symmetry_verification` is there when
    the job asked for it.
    """
    if job.status is not JobStatus.COMPLETED or job.child_ids is not None or not _asked(job):
        return None
    if job.request.dry_run:
        return None
    mitigation = job.mitigation
    output: dict[str, Any] = {"debiasing": False}
    if mitigation is not None and mitigation.debiased:
        output["debiasing"] = {
            "variants": [
                {
                    "variant_id": variant.variant_id,
                    "qubit_map": list(variant.qubit_map),
                    "shots": variant.shots,
                    "results": {HISTOGRAM_V2: describe(variant_key(index), HISTOGRAM_V2)},
                }
                for index, variant in enumerate(mitigation.variants)
            ],
            "aggregation_method": AGGREGATION_METHOD,
        }
        output["aggregations"] = {
            name: describe(aggregation_key(name), HISTOGRAM_V2) for name in ("average", "voting")
        }
    if job.request.symmetry_verified:
        check = mitigation.symmetry if mitigation is not None else None
        output["symmetry_verification"] = (
            {"num_allowed_states": check.num_allowed_states, "applied": check.applied}
            if check is not None
            else {"applied": False}
        )
    return output


def mitigation_artifacts(job: Job) -> Artifacts:
    """Every artifact the job's error mitigation output names: key -> (format, render)."""
    mitigation = job.mitigation
    if job.status is not JobStatus.COMPLETED or mitigation is None or not mitigation.debiased:
        return {}
    artifacts: Artifacts = {
        variant_key(index): (HISTOGRAM_V2, _renderer(variant.result))
        for index, variant in enumerate(mitigation.variants)
    }
    if job.result is not None:
        artifacts[aggregation_key("average")] = (HISTOGRAM_V2, _renderer(job.result))
    if mitigation.voting is not None:
        artifacts[aggregation_key("voting")] = (HISTOGRAM_V2, _renderer(mitigation.voting))
    return artifacts


def _renderer(result: Result) -> Callable[[], dict[str, Any]]:
    return partial(formats.histogram_v2, result)
