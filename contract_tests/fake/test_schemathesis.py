"""schemathesis, in-process, holds the fake to openapi.yaml.

The examples, coverage and fuzzing phases generate valid and invalid
requests from the description and run every check schemathesis.toml enables
(the same file the CLI of `make contract` reads). The stateful phase walks
the description's OpenAPI links (a backend to its current characterization,
a page to one of its characterizations, a characterization back to its
backend) through scenarios of several calls, with the same checks.
Deterministic: the toml fixes the seed and derandomizes generation.

/whoami needs a key: the fake accepts only API_KEY here, and schemathesis
sends it as the explicit credentials of `apiKeyAuth`, so `ignored_auth` can
check that the fake refuses the same request without it and with a wrong one.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any, ClassVar

import hypothesis
import schemathesis
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.config._auth import OpenAPIAuthConfig
from schemathesis.core.result import Ok
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput, Transition

from contract_tests.fake.support import ROOT
from ionq_contract.operations import read_operations
from ionq_contract.spec import load_spec, spec_path
from mock_server.api import state as api
from mock_server.app import create_app

PHASES = {"examples", "coverage", "fuzzing"}
# Scenarios of up to max-steps calls: enough to walk every link of the
# backends family and the job lifecycle from creation to results.
STATEFUL_SCENARIOS = 200
API_KEY = "in-process-contract-key"

config = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
config.projects.default.auth.openapi = OpenAPIAuthConfig(
    schemes={"apiKeyAuth": {"api_key": f"apiKey {API_KEY}"}}
)
schema = schemathesis.openapi.from_path(spec_path(), config=config)
# Calls go straight to the WSGI app: no server, no port.
# Generated jobs are as wide as the schema allows; a small memory budget makes
# the widest fail fast (SimulationError) instead of simulating 2^29 amplitudes.
SIMULATOR_MEMORY = 72 * 2**20
# Likewise for work (noisy jobs of up to a million shots): a small limit fails
# the heaviest fast, and every job that runs is waited for by POST /jobs, so
# what a scenario sees never depends on how far a background run has got.
SIMULATOR_WORK = 2**26
schema.app = create_app(
    {
        "API_KEYS": API_KEY,
        "SIMULATOR_MEMORY": SIMULATOR_MEMORY,
        "SIMULATOR_WORK": SIMULATOR_WORK,
        "JOBS_INLINE_WORK": SIMULATOR_WORK,
        "JOBS_INLINE_WAIT_S": 60.0,
    }
)


# Cases per phase, over the parametrized test below. make test runs this file
# without pytest-xdist (schemathesis collapses its cases under it), in file
# order, so the test after them sees them all.
CASES_PER_PHASE: Counter[str] = Counter()


@schema.parametrize()
def test_the_fake_keeps_the_contract(case: Case[Any]) -> None:
    case.call_and_validate()
    assert case.meta is not None
    CASES_PER_PHASE[case.meta.phase.name.value] += 1


def test_every_phase_generated_cases() -> None:
    """Runs after the cases above: each phase must have generated cases, at least
    one per operation (so that a run that silently tests less, as under
    pytest-xdist, where schemathesis collapses its cases, fails here)."""
    print(f"\nschemathesis in-process cases per phase: {dict(CASES_PER_PHASE)}")
    assert set(CASES_PER_PHASE) == PHASES, f"phases that ran: {dict(CASES_PER_PHASE)}"
    operations = len(read_operations(load_spec()))
    assert min(CASES_PER_PHASE.values()) >= operations, dict(CASES_PER_PHASE)


def documented_links() -> set[tuple[str, str]]:
    """(operationId of the source, link name) of every link in openapi.yaml."""
    links = set()
    for item in load_spec()["paths"].values():
        for operation in item.values():
            for response in operation["responses"].values():
                for name in response.get("links", {}):
                    links.add((operation["operationId"], name))
    return links


class Walk(schema.as_state_machine()):  # type: ignore[misc]
    """The stateful phase, counting scenarios and the links each step followed."""

    scenarios: ClassVar[int] = 0
    followed: ClassVar[Counter[str]] = Counter()
    broken: ClassVar[list[str]] = []

    def setup(self) -> None:
        # Every scenario starts from the fixtures and no jobs: what it draws must not
        # depend on what the phases before it, or other scenarios, left in the app
        # (hypothesis fails a walk whose choices change between its runs).
        schema.app.extensions[api.EXTENSION].reset()
        type(self).scenarios += 1

    def before_call(self, case: Case[Any]) -> None:
        # A generated `session_id` names no session, and a job into one is refused (409):
        # left in, half the walks would end at their first job. Sessions have tests of
        # their own (test_sessions.py); the walk is after the job lifecycle.
        if isinstance(case.body, dict) and case.path.startswith("/jobs"):
            case.body.pop("session_id", None)
        super().before_call(case)

    def step(self, input: StepInput) -> StepOutput:
        asked_at = datetime.now(UTC)
        output: StepOutput = super().step(input)
        transition = input.transition
        if (
            transition is not None
            and not transition.is_inferred
            and fully_applied(transition, input.case)
        ):
            # "GET /backends -> [200] getFirstBackend -> GET /backends/{backend}"
            source, link, _ = transition.id.split(" -> ")
            type(self).followed[f"{source} {link.split()[-1]}"] += 1
            # Every value the link handed on came from the fake itself: it must resolve,
            # unless the job it names has been deleted since, or has no results yet; and
            # the organization an estimate names is the key's own, never refused.
            status = output.response.status_code
            if status == 403 or (status == 404 and not explained_404(input.case, asked_at)):
                type(self).broken.append(f"{transition.id}: {output.response.text}")
        return output


def explained_404(case: Case[Any], asked_at: datetime) -> bool:
    """A 404 the job's own state accounts for: deleted by an earlier step of the
    scenario, asked for results it does not have (it failed, was canceled, is
    a dry run, which is priced but never run, or completed only after it was
    asked: a wide job runs on the runner's thread), for the per-circuit
    results of a job with one circuit, or for the single-circuit results of a
    batch."""
    job_id = (case.path_parameters or {}).get("UUID")
    if job_id is None or not case.path.startswith("/jobs/"):
        return False
    found = schema.app.test_client().get(f"/__admin/jobs/{job_id}")
    if found.status_code == 404:
        return True
    job = found.get_json()
    completed_at = job.get("completed_at")
    if completed_at is not None and datetime.fromisoformat(completed_at) >= asked_at.replace(
        microsecond=asked_at.microsecond // 1000 * 1000
    ):
        return True  # not completed yet when it was asked
    if job["dry_run"] and "/results/" in case.path:
        return True
    if case.path.endswith("/aggregated"):
        return job["child_job_ids"] is None or job["status"] != "completed"
    # A batch's results are per circuit, at .../aggregated only.
    return "/results/" in case.path and (
        job["status"] != "completed" or job["child_job_ids"] is not None
    )


def fully_applied(transition: Transition, case: Case[Any]) -> bool:
    """Whether the request carries every value the link took from the earlier response.

    A link into an empty page (or from the simulator, which names no
    characterization) has nothing to hand on, and schemathesis now and then
    swaps a handed-on id for a fresh one on purpose; then the value is
    generated, which proves nothing about the link.
    """
    sent = {
        "path_parameters": case.path_parameters or {},
        "query": case.query or {},
    }
    checks = [
        isinstance(param.value, Ok)
        and str(sent.get(str(container), {}).get(name)) == str(param.value.ok())
        for container, params in transition.parameters.items()
        for name, param in params.items()
    ]
    return bool(checks) and all(checks)


def test_the_stateful_phase_follows_every_link() -> None:
    Walk.run(
        settings=hypothesis.settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=config.projects.default.phases.stateful.max_steps,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )
    print(f"stateful: {Walk.scenarios} scenarios, links followed: {dict(Walk.followed)}")
    assert Walk.broken == []
    followed = {tuple(link.split(" ")) for link in Walk.followed}
    by_path = {(op.method, op.path): op.operation_id for op in read_operations(load_spec())}
    named = {(by_path[method, path], name) for method, path, name in followed}
    documented = documented_links()
    assert named <= documented
    # test_links.py follows every link deterministically. A random walk may
    # leave a rare one out of a run (a generated page of characterizations is
    # often empty, so its link to one of them has nothing to follow, and how
    # far the walk gets depends on what the tests before it left in the app),
    # so here it must go the long ways: from the list of backends to a backend
    # and on to its characterizations, and from a created job to the job and
    # on, from it or from its clone or its move: which of the three a walk goes
    # on from shifts with unrelated changes of the code (a walk that went to the
    # job 13 times went on from its clone only; with one more line in this
    # file, from the job too).
    assert ("getBackends", "getFirstBackend") in named, dict(Walk.followed)
    assert {link for link in named if link[0] == "getBackend"}, dict(Walk.followed)
    assert ("createJob", "getJob") in named, dict(Walk.followed)
    onward = {link for link in named if link[0] in {"getJob", "cloneJob", "moveJob"}}
    assert onward, dict(Walk.followed)
    # and from a session just opened to its jobs.
    assert ("createSession", "getSessionJobs") in named, dict(Walk.followed)
