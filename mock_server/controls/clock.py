"""The admin API's bodies for the clock (mock_server/api/clock.py): checked, then read.

`PUT /__admin/clock` switches between real and virtual time and sets the
time scale; `POST /__admin/clock/advance` moves virtual time. Each body is
held to its JSON Schema in schemas/, so a typo is a 400 naming the field,
never a silent no-op. At most ten years in one step: far past any queue or
session limit, short of what a datetime can hold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mock_server.wire.rejections import Rejection, field_problems, new_validator

_SCHEMAS = Path(__file__).with_name("schemas")
_SETTINGS = new_validator(json.loads((_SCHEMAS / "clock.schema.json").read_text("utf-8")))
_ADVANCE = new_validator(json.loads((_SCHEMAS / "clock-advance.schema.json").read_text("utf-8")))


@dataclass(frozen=True, slots=True)
class ClockSettings:
    """What a PUT asks to change (None: leave it)."""

    virtual: bool | None
    time_scale: float | None


def parse_settings(document: Any) -> ClockSettings | Rejection:
    """The changes a PUT /__admin/clock body asks for, or the 400 saying why not."""
    problems = field_problems(_SETTINGS, document)
    if problems:
        return Rejection.of_body(problems)
    scale = document.get("time_scale")
    return ClockSettings(
        virtual=document.get("virtual"), time_scale=float(scale) if scale is not None else None
    )


def parse_advance(document: Any) -> float | Rejection:
    """The seconds a POST /__admin/clock/advance body moves the clock by."""
    problems = field_problems(_ADVANCE, document)
    if problems:
        return Rejection.of_body(problems)
    return float(document["seconds"])
