"""How long a QPU job waits and runs on the fake's clock: pure functions, no clock of their own.

A job on a QPU waits in `ready` for its backend's `average_queue_time`
(the record's, in milliseconds: what `GET /backends/{backend}` says, admin
changes included), then runs one shot after another: each shot resets the
ions, applies the circuit's gates and reads out, at the times the
backend's current characterization gives (`timing`: seconds per one-qubit
gate, two-qubit gate, readout and reset). Both are multiplied by the
clock's time scale (mock_server/api/clock.py): 0 takes no time, 1 takes
IonQ's. A QPU runs one job at a time, so a job starts no earlier than the
job before it on the same backend ends (`Plan.after`).

The estimate (`GET /jobs/estimate`) and a job's `predicted_*` fields are
read from the same functions, so that what the fake predicts is what its
clock then does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds per one-qubit gate, two-qubit gate, readout and reset of one shot."""

    one_qubit_s: float
    two_qubit_s: float
    readout_s: float
    reset_s: float


# Where a backend has no characterization (the simulator, a backend added by
# the admin API): the fake's own round figures, 1 ms of readout and reset a shot.
DEFAULT_TIMING = Timing(one_qubit_s=135e-6, two_qubit_s=600e-6, readout_s=980e-6, reset_s=20e-6)


def timing_of(characterization: Mapping[str, Any] | None) -> Timing:
    """A characterization's `timing`, DEFAULT_TIMING for what it lacks."""
    times = (characterization or {}).get("timing") or {}

    def seconds(key: str, default: float) -> float:
        value = times.get(key)
        return float(value) if isinstance(value, int | float) and value >= 0 else default

    return Timing(
        one_qubit_s=seconds("1q", DEFAULT_TIMING.one_qubit_s),
        two_qubit_s=seconds("2q", DEFAULT_TIMING.two_qubit_s),
        readout_s=seconds("readout", DEFAULT_TIMING.readout_s),
        reset_s=seconds("reset", DEFAULT_TIMING.reset_s),
    )


def execution_s(timing: Timing, shots: int, one_qubit_gates: int, two_qubit_gates: int) -> float:
    """IonQ's time for these shots of a circuit of these gates (gates of three or more qubits
    count as two-qubit gates, as in the job's `gate_counts`)."""
    per_shot = (
        timing.reset_s
        + one_qubit_gates * timing.one_qubit_s
        + two_qubit_gates * timing.two_qubit_s
        + timing.readout_s
    )
    return shots * per_shot


def queue_s(record: Mapping[str, Any] | None) -> float:
    """IonQ's queue on a backend: its record's `average_queue_time` (milliseconds), in seconds."""
    value = (record or {}).get("average_queue_time")
    if not isinstance(value, int | float) or not value > 0:
        return 0.0
    return min(float(value) / 1000, MAX_WAIT_S)


# The longest queue, and the longest run, one job is given on the clock: a bound,
# so that an admin's huge `average_queue_time` or a million shots at a large time
# scale make a long wait, never an instant past what a datetime holds.
MAX_WAIT_S = 30 * 24 * 3600.0


def scaled(seconds: float, scale: float) -> float:
    """IonQ's `seconds` on the fake's clock at `scale`, at most MAX_WAIT_S."""
    return min(seconds * scale, MAX_WAIT_S)


def milliseconds(seconds: float) -> int:
    """Seconds as the whole milliseconds the API reports."""
    return round(seconds * 1000)


@dataclass(frozen=True, slots=True)
class Plan:
    """When a QPU job entered its backend's queue, starts, and ends, on the fake's clock."""

    queued_at: datetime
    start_at: datetime
    end_at: datetime

    @classmethod
    def after(cls, now: datetime, wait_s: float, run_s: float, busy_until: datetime | None) -> Plan:
        """Queued at `now` for `wait_s`, then `run_s` long, once the backend is free."""
        start = now + timedelta(seconds=wait_s)
        if busy_until is not None and busy_until > start:
            start = busy_until
        return cls(queued_at=now, start_at=start, end_at=start + timedelta(seconds=run_s))

    def restarted(self, now: datetime, busy_until: datetime | None) -> Plan:
        """The same run, starting now (or once the backend is free): its backend came back.
        It entered the queue when it did, so its predicted wait becomes the wait it had."""
        run_s = (self.end_at - self.start_at).total_seconds()
        start = Plan.after(now, 0.0, run_s, busy_until)
        return Plan(queued_at=self.queued_at, start_at=start.start_at, end_at=start.end_at)

    @property
    def wait_ms(self) -> int:
        """The predicted wait in the queue, in milliseconds."""
        return milliseconds((self.start_at - self.queued_at).total_seconds())

    @property
    def execution_ms(self) -> int:
        """The predicted run, in milliseconds."""
        return milliseconds((self.end_at - self.start_at).total_seconds())
