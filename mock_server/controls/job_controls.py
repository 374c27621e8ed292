"""The admin API's bodies for jobs: which failure to inject, how many jobs, hold or not.

A failure names one of the codes openapi.yaml's `FailureCode` lists, so an
injected failure is one the contract allows and the SDKs know; the rest of
the body is checked by the JSON Schema in schemas/job-failure.schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from mock_server.api.job_records import Failure
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


def parse_failures(document: Any, codes: Collection[str]) -> list[Failure] | Rejection:
    """The failures a fail-next body asks for (`count` of them), or the 400 saying why not."""
    problems = field_problems(_FAILURE, document)
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
