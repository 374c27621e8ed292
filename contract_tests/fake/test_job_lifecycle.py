"""A job's life: the statuses are openapi.yaml's, they move forward only, through one function.

The table and `transition` are checked against the spec's own words
(JobStatus: "only moves forward through this list, and a final status never
changes"), and the source of the fake is checked for any other place that
assigns a status, so that a new code path cannot stamp times its own way.
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    ROOT,
    AppFactory,
    get_job,
    key_header,
    submit,
    wait_for_job,
    wide_batch,
)
from ionq_contract.spec import load_spec
from mock_server.api.jobs.creation import read_job_request
from mock_server.api.jobs.model import (
    TRANSITIONS,
    Failure,
    Job,
    JobStatus,
    TransitionError,
    transition,
)

SPEC_STATUSES: list[str] = load_spec()["components"]["schemas"]["JobStatus"]["enum"]
FINAL = {"completed", "canceled", "failed"}
T0 = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)


def _job() -> Job:
    body = {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
    }
    return Job(id="j", owner="o", request=read_job_request(body), submitted_at=T0)


def test_the_statuses_are_the_spec_s() -> None:
    assert [str(status) for status in JobStatus] == SPEC_STATUSES
    assert {str(s) for s in JobStatus if s.finished} == FINAL


def test_a_status_only_moves_forward_and_a_final_one_never_changes() -> None:
    order = {name: index for index, name in enumerate(SPEC_STATUSES)}
    assert set(TRANSITIONS) == set(JobStatus)
    for before, afters in TRANSITIONS.items():
        if str(before) in FINAL:
            # but for a cancel of a completed job, as IonQ's v0.4 does (cirq-ionq says so)
            allowed = {JobStatus.CANCELED} if before is JobStatus.COMPLETED else set()
            assert afters == allowed, before
        for after in afters:
            assert str(after) in FINAL or order[str(after)] >= order[str(before)], (before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [(a, b) for a in JobStatus for b in JobStatus if b not in TRANSITIONS[a]],
)
def test_a_move_the_table_refuses_raises(before: JobStatus, after: JobStatus) -> None:
    job = _job()
    job.status = before
    with pytest.raises(TransitionError):
        transition(job, after, T0)
    assert job.status is before


def test_started_is_stamped_once_and_completed_when_finished() -> None:
    job = _job()
    transition(job, JobStatus.READY, T0)
    assert (job.started_at, job.completed_at) == (None, None)
    transition(job, JobStatus.STARTED, T0 + timedelta(seconds=1))
    transition(job, JobStatus.COMPLETED, T0 + timedelta(seconds=3))
    assert job.started_at == T0 + timedelta(seconds=1)
    assert job.completed_at == T0 + timedelta(seconds=3)
    assert job.execution_duration_ms == 2000


def test_a_job_completed_without_starting_started_when_it_completed() -> None:
    job = _job()  # a dry run: priced, never run
    transition(job, JobStatus.COMPLETED, T0)
    assert job.started_at == job.completed_at == T0


def test_a_failure_is_kept_and_a_hold_released_when_a_job_ends() -> None:
    job = _job()
    transition(job, JobStatus.READY, T0)
    job.held = True
    failure = Failure("TooManyGates", "too many")
    transition(job, JobStatus.FAILED, T0, failure)
    assert (job.failure, job.held, job.started_at, job.completed_at) == (failure, False, None, T0)


def _status_assignments(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = [
                t for target in node.targets for t in ast.walk(target) if isinstance(t, ast.expr)
            ]
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        lines += [t.lineno for t in targets if isinstance(t, ast.Attribute) and t.attr == "status"]
    return lines


def test_only_transition_assigns_a_job_s_status() -> None:
    model = ROOT / "mock_server" / "api" / "jobs" / "model.py"
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "mock_server").rglob("*.py"))
        if path != model and (lines := _status_assignments(path))
    }
    assert found == {}
    assert len(_status_assignments(model)) == 1  # the assignment in transition()


def test_a_batch_whose_results_outgrow_its_share_fails_and_its_completed_circuits_stay(
    make_app: AppFactory,
) -> None:
    # 4 MiB kept in all, so 1 MiB for one job; each circuit's 4096 states take 96 KiB.
    client = make_app(JOB_RESULTS_BYTES=4 * 2**20).test_client()
    assert isinstance(client, ContractClient)
    parent = wait_for_job(client, submit(client, wide_batch(), "big"), "big")
    assert parent["status"] == "failed"
    statuses = [get_job(client, child, "big")["status"] for child in parent["child_job_ids"]]
    completed = statuses.count("completed")
    assert 0 < completed < len(statuses)
    assert statuses[:completed] == ["completed"] * completed  # circuits run in order
    assert set(statuses[completed:]) == {"failed"}
    first = parent["child_job_ids"][0]
    kept = client.get(f"/v0.4/jobs/{first}/results/probabilities", headers=key_header("big"))
    assert kept.status_code == 200
    assert len(kept.get_json()) == 4096
