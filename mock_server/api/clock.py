"""The fake's one clock: what every job, session and estimate asks for the time.

Real by default: `now()` is the wall clock, and actions scheduled with
`call_at` run on one timer thread when their instant comes. Virtual in
tests: time stands still until `advance(seconds)` moves it, running every
action that falls due on the way, in order, each at its own instant and in
the caller's thread, so that a test of a three-hour queue takes
milliseconds, never sleeps, and sees the same times on every run.

`time_scale` is how long the fake's QPUs take compared with IonQ's (the
runner reads it for queue and execution times): 0, the default, is no
waiting at all; 1 is IonQ's own times; 0.001 turns a 20-minute queue into
1.2 seconds. Time never goes back: switching from virtual to real time
jumps to the wall clock only when the wall clock is ahead.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from mock_server.shared.replica import Replica, changes_shared_state
from mock_server.wire.responses import instant

logger = logging.getLogger(__name__)

Action = Callable[[], None]


# Virtual time stops short of what a datetime holds, so that no plan made on it
# (now + a queue + a run, each bounded in mock_server/api/jobs/timing.py) overflows.
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
# A thousand times IonQ's times is already years of queue for a day's.
MAX_TIME_SCALE = 1000


class ClockError(ValueError):
    """A change the clock cannot make (advancing real time, a negative scale or step)."""


class Clock:
    """Real or virtual time, and the actions scheduled on it."""

    def __init__(self, *, virtual: bool = False, time_scale: float = 0.0) -> None:
        self._lock = threading.Condition(threading.Lock())
        self._virtual_now: datetime | None = _wall() if virtual else None
        self._time_scale = _checked_scale(time_scale)
        self._defaults = (virtual, self._time_scale)
        self._scheduled: list[tuple[datetime, int, str, Action]] = []
        self._order = itertools.count()
        self._timer: threading.Thread | None = None
        self.replica = Replica()  # create_app's, when other processes share the state
        self._published: datetime | None = None  # the latest virtual time an advance set
        self._stepping = threading.Lock()

    def shared_state(self) -> tuple[datetime | None, float]:
        """The virtual time (None: real) and the scale: what other processes read.

        The time an advance set, while this process's actions step towards it.
        """
        return self._latest(), self._time_scale

    def _latest(self) -> datetime | None:
        # The latest virtual time set here (None: real time), as an advance stepping
        # towards it has not reached it yet.
        current, published = self._virtual_now, self._published
        return max(current, published) if current is not None and published else current

    def _go_real(self) -> None:
        # Under the lock: real time from now on; what is scheduled runs on the timer.
        self._virtual_now = self._published = None
        self._start_timer()
        self._lock.notify_all()

    def restore(self, state: tuple[datetime | None, float]) -> Action | None:
        """Take the time another process set, at once; what fell due here by then runs
        after (the replica's follow-up), each action in order."""
        virtual_now, scale = state
        with self._lock:
            self._time_scale = scale
            if virtual_now is None:
                self._go_real()
                return None
            if self._virtual_now is not None and virtual_now <= self._virtual_now:
                return None  # time never goes back
            self._virtual_now = virtual_now
        return self._run_due

    # -- reading ---------------------------------------------------------------------

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        virtual = self._virtual_now
        return virtual if virtual is not None else _wall()

    @property
    def virtual(self) -> bool:
        """Whether time moves only when `advance` says."""
        return self._virtual_now is not None

    @property
    def time_scale(self) -> float:
        """How long the fake's QPU queues and runs take, as a share of IonQ's (0: no time)."""
        return self._time_scale

    def to_json(self) -> dict[str, Any]:
        """As GET /__admin/clock shows it."""
        with self._lock:
            scheduled = len(self._scheduled)
        return {
            "now": instant(self.now()),
            "virtual": self.virtual,
            "time_scale": self._time_scale,
            "scheduled": scheduled,
        }

    # -- changing --------------------------------------------------------------------

    @changes_shared_state
    def configure(self, *, virtual: bool | None = None, time_scale: float | None = None) -> None:
        """Switch between real and virtual time, or change the scale (None leaves it)."""
        scale = _checked_scale(time_scale) if time_scale is not None else None
        with self._lock:
            if virtual is False and self._virtual_now is not None and self._virtual_now > _wall():
                raise ClockError("virtual time is ahead of the wall clock: it would go back")
            if scale is not None:
                self._time_scale = scale
            if virtual is True and self._virtual_now is None:
                self._virtual_now = _wall()
            elif virtual is False and self._virtual_now is not None:
                self._go_real()
            self._lock.notify_all()

    def advance(self, seconds: float) -> datetime:
        """Move virtual time on by `seconds`, running each action due on the way; the new now.

        Each action runs with `now()` at its own instant, in scheduling order
        among those of the same instant; actions it schedules within the step
        run in it too. Shared, the new time is set for every process in one
        change, from the time they hold (so two advances add up), and each runs
        what falls due for it (`restore`); the actions here run after that
        change, each change they make a change of its own.
        """
        if not seconds >= 0 or seconds == float("inf"):
            raise ClockError("a clock advances by a finite number of seconds, 0 or more")
        with self.replica.writing(self), self._lock:
            if self._virtual_now is None:
                raise ClockError("the clock is real: only a virtual clock can be advanced")
            # From the time set last, here or elsewhere: an advance still stepping
            # towards it, here, does not make this one count from an earlier time.
            base = self._latest() or self._virtual_now
            if seconds > (LATEST - base).total_seconds():
                raise ClockError(f"virtual time stops at {instant(LATEST)}")
            target = base + timedelta(seconds=seconds)
            self._published = target
        return self._advance_to(target)

    def _run_due(self) -> None:
        # Run what fell due by now (time another process moved ahead).
        with self._lock:
            now = self._virtual_now
        if now is not None:
            self._advance_to(now)

    def _advance_to(self, target: datetime) -> datetime:
        # One thread steps through the scheduled actions at a time (an advance here, the
        # follow-up of one made elsewhere), so that they run in order.
        with self._stepping:
            while True:
                with self._lock:
                    current = self._virtual_now
                    if current is None:  # switched to real time meanwhile
                        return _wall()
                    if not self._scheduled or self._scheduled[0][0] > target:
                        self._virtual_now = max(current, target)
                        return self._virtual_now
                    when, _order, _key, action = heapq.heappop(self._scheduled)
                    self._virtual_now = max(current, when)
                _run(action)

    def call_at(self, when: datetime, action: Action, key: str = "") -> None:
        """Run `action` once `now()` reaches `when`: at once, in this thread, if it has.
        `key` names it for `cancel` (a job's id)."""
        with self._lock:
            if when > self.now():
                heapq.heappush(self._scheduled, (when, next(self._order), key, action))
                if self._virtual_now is None:
                    self._start_timer()
                    self._lock.notify_all()
                return
        _run(action)

    def cancel(self, keys: set[str]) -> None:
        """Forget the scheduled actions of these keys (jobs that ended or were re-planned)."""
        with self._lock:
            kept = [entry for entry in self._scheduled if entry[2] not in keys]
            if len(kept) != len(self._scheduled):
                heapq.heapify(kept)
                self._scheduled = kept

    @changes_shared_state
    def reset(self) -> None:
        """Forget every scheduled action; the configured mode and scale again.

        Time goes on, but for a virtual clock a test moved ahead of a real one's
        start: a reset forgets every job and session, so nothing sees it go back.
        """
        virtual, scale = self._defaults
        with self._lock:
            self._scheduled.clear()
            self._time_scale = scale
            if not virtual:
                self._go_real()
            elif self._virtual_now is None:
                self._virtual_now = _wall()
            self._lock.notify_all()

    # -- real time -------------------------------------------------------------------

    def _start_timer(self) -> None:
        # Under the lock. One thread, while there is something scheduled in real time.
        if self._timer is None and self._scheduled:
            self._timer = threading.Thread(target=self._tick, name="ionq-mock clock", daemon=True)
            self._timer.start()

    def _tick(self) -> None:
        while True:
            with self._lock:
                if not self._scheduled or self._virtual_now is not None:
                    self._timer = None
                    return
                wait_s = (self._scheduled[0][0] - _wall()).total_seconds()
                if wait_s > 0:
                    self._lock.wait(wait_s)
                    continue
                _when, _order, _key, action = heapq.heappop(self._scheduled)
            _run(action)


def _run(action: Action) -> None:
    try:
        action()
    except Exception:  # a bug of the fake's: logged, and the clock goes on
        logger.exception("a scheduled action failed")


def _wall() -> datetime:
    return datetime.now(UTC)


def _checked_scale(scale: float) -> float:
    if not (0 <= scale <= MAX_TIME_SCALE):
        raise ClockError(f"the time scale is a number from 0 to {MAX_TIME_SCALE}")
    return float(scale)
