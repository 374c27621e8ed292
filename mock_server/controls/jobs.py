"""The job controls: whether new jobs are held, which failures the next ones get; their bodies.

JobControls is the state the admin API and the pytest plugin set. The job
runner (mock_server/api/jobs/runner.py) is given it at start-up, consults it
for every new job and changes it only through its own methods, under its
lock, so a control set while a job is submitted applies to that job or to
the next, never to half of it.

A failure in a body names one of the codes openapi.yaml's `FailureCode` lists, so an
injected failure is one the contract allows and the SDKs know; the rest of
the body is checked by the JSON Schema in schemas/job-failure.schema.json.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mock_server.api.jobs.model import Failure
from mock_server.shared.replica import Replica, changes_shared_state
from mock_server.wire.rejections import (
    FieldProblem,
    Rejection,
    field_problems,
    new_validator,
)

_SCHEMAS = Path(__file__).with_name("schemas")
_FAILURE = new_validator(json.loads((_SCHEMAS / "job-failure.schema.json").read_text("utf-8")))
_HOLD = new_validator(json.loads((_SCHEMAS / "job-hold.schema.json").read_text("utf-8")))

DEFAULT_MESSAGE = "Failure injected by the fake IonQ's test controls."


@dataclass(slots=True)
class JobControls:
    """Hold new jobs, fail the next ones (the runner's SubmissionControls)."""

    hold: bool = False
    failures: deque[Failure] = field(default_factory=deque)
    # create_app's, when other processes share the state (mock_server/shared).
    replica: Replica = field(default_factory=Replica)

    def shared_state(self) -> tuple[bool, tuple[Failure, ...]]:
        """What other processes sharing the state read (replica.Whole)."""
        return self.hold, tuple(self.failures)

    def restore(self, state: tuple[bool, tuple[Failure, ...]]) -> None:
        """Take the controls another process wrote."""
        self.hold, failures = state
        self.failures = deque(failures)

    def next_job(self) -> tuple[Failure | None, bool]:
        """The failure the next job gets (taken off the queue), and whether it is held.

        A change of the shared state only when a failure is queued: every job asks.
        """
        if not self.failures:
            return None, self.hold
        return self._take_failure(), self.hold

    @changes_shared_state
    def _take_failure(self) -> Failure | None:
        return self.failures.popleft() if self.failures else None

    @changes_shared_state
    def hold_new(self, hold: bool) -> None:
        """Hold every new job in `ready` (or stop holding new ones)."""
        self.hold = hold

    @changes_shared_state
    def fail_next(self, failures: list[Failure]) -> None:
        """Each of the next jobs fails with the next of `failures`."""
        self.failures.extend(failures)

    @changes_shared_state
    def reset(self) -> None:
        """No holding, no failures queued."""
        self.hold = False
        self.failures.clear()

    def to_json(self) -> dict[str, Any]:
        """As GET /__admin/jobs/controls shows them."""
        return {
            "hold": self.hold,
            "fail_next": [{"code": f.code, "message": f.message} for f in self.failures],
        }


def parse_failures(document: Any, codes: Collection[str]) -> list[Failure] | Rejection:
    """The failures a fail-next body asks for (`count` of them), or the 400 saying why not."""
    problems: Sequence[FieldProblem] = field_problems(_FAILURE, document)
    if not problems and document["code"] not in codes:
        listed = ", ".join(sorted(codes))
        problems = [FieldProblem("$.code", "code", f"must be one of IonQ's codes [{listed}]")]
    if problems:
        return Rejection.of_body(problems)
    failure = Failure(str(document["code"]), str(document.get("message", DEFAULT_MESSAGE)))
    return [failure] * int(document.get("count", 1))


def parse_hold(document: Any) -> bool | Rejection:
    """Whether a hold body switches holding on."""
    problems = field_problems(_HOLD, document)
    if problems:
        return Rejection.of_body(problems)
    return bool(document["hold"])
