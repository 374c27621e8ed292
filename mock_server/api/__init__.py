"""The API the fake serves: one module of handlers per tag of openapi.yaml (a package, once a
tag grows one: jobs/), the state they serve and the loading of its fixtures. May import
ionq_contract, mock_server.simulator and mock_server.wire; never the test controls, the
front, the harness or the server shell that routes to it (pyproject.toml's import contracts).

A new endpoint is a handler in the module of its tag, listed in HANDLERS by its
operationId; the fake refuses to start while an operation of the spec has none.
A new read is listed in PURE_READS or CLOCK_READS too (a test checks that every
GET operation is in exactly one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from flask import Response

from mock_server.api import backends, characterizations, schemas, usage, whoami
from mock_server.api.jobs import handlers as jobs
from mock_server.api.sessions import handlers as sessions

Handler = Callable[..., Response]

HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {
        "getBackends": backends.get_backends,
        "getBackend": backends.get_backend,
        "getCharacterizationsForBackend": characterizations.get_characterizations_for_backend,
        "getCharacterization": characterizations.get_characterization,
        "getWhoami": whoami.get_whoami,
        "getFormatSchema": schemas.get_format_schema,
        "createJob": jobs.create_job,
        "getJobs": jobs.get_jobs,
        "deleteJobs": jobs.delete_jobs,
        "cancelJobs": jobs.cancel_jobs,
        "getJobEstimate": jobs.get_job_estimate,
        "getJob": jobs.get_job,
        "deleteJob": jobs.delete_job,
        "cancelJob": jobs.cancel_job,
        "cloneJob": jobs.clone_job,
        "moveJob": jobs.move_job,
        "getJobProbabilities": jobs.get_job_probabilities,
        "getJobAggregatedProbabilities": jobs.get_job_aggregated_probabilities,
        "getJobHistogram": jobs.get_job_histogram,
        "getJobShots": jobs.get_job_shots,
        "getJobArtifact": jobs.get_job_artifact,
        "getJobCost": jobs.get_job_cost,
        "getUsages": usage.get_usages,
        "createSession": sessions.create_session,
        "getSessions": sessions.get_sessions,
        "getSession": sessions.get_session,
        "endSession": sessions.end_session,
        "getSessionJobs": sessions.get_session_jobs,
    }
)

# Reads whose answer is a function of the request (URL, query, API key) and of
# the stores alone: the fast path (mock_server/front) may serve them again as
# bytes until the state's revision changes.
PURE_READS: frozenset[str] = frozenset(
    {
        "getBackends",
        "getBackend",
        "getCharacterizationsForBackend",
        "getCharacterization",
        "getWhoami",
        "getFormatSchema",
        "getJobs",
        "getJob",
        "getJobProbabilities",
        "getJobAggregatedProbabilities",
        "getJobHistogram",
        "getJobShots",
        "getJobArtifact",
        "getJobCost",
        "getUsages",  # computed from the jobs alone: no "now" in it
        "getSessionJobs",  # the jobs of a session: no "now" in it either
    }
)
# Reads that depend on something else (the estimate says when it was made, a
# session how long it has been in use, `usage_time`): always answered by the handler.
CLOCK_READS: frozenset[str] = frozenset({"getJobEstimate", "getSessions", "getSession"})
