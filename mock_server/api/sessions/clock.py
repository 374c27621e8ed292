"""The time as the sessions see it: one function, so that a virtual clock can replace it.

A session's duration limit and its `usage_time` are the only things about
sessions that change with time alone; both ask `now()` and nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current instant, aware, in UTC (real time for now)."""
    return datetime.now(UTC)
