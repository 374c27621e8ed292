"""Handler of the `usage` tag: what an organization's jobs cost and how much QPU time they took.

GET /organizations/{organization_id}/usage reports the fake's own jobs,
priced by its cost model (mock_server/api/jobs/costs.py), period by period
between two days. What counts, and when, is chosen to agree with
GET /jobs/{UUID}/cost, so that a report's amounts are that endpoint's
figures summed:

- a job counts once it has `completed` on a QPU, not as a dry run (the
  simulator is free, and IonQ's report is of QPU usage); a multi-circuit
  job counts once, as its parent (its circuits are no jobs of their own
  to a user);
- on the day (UTC) it completed, which is when IonQ bills it;
- for its `cost`, and for the QPU time the cost model predicts for its
  gates and shots (costs.quantum_time_us).

Each key is an organization of its own (mock_server/api/keys.py): the
report of a key's organization is that of the key's jobs, and another
organization's is refused with 403, as IonQ refuses a key without access.

Periods are days, ISO weeks (Monday to Sunday) or months; the first and
last are cut to the days asked for, every period is listed (with zeros
when it has no jobs), newest first, as IonQ lists them. A report has at
most MAX_PERIODS periods, so that no request can ask for millions.
Nothing here reads the clock: the answer is a function of the request and
the stores, a pure read (mock_server/api/__init__.py's PURE_READS).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from typing import Any

from flask import Response, request

from mock_server.api.jobs import costs
from mock_server.api.jobs.model import Job, JobStatus
from mock_server.api.jobs.store import JobFilter, JobStore
from mock_server.api.keys import (
    AUTHORIZATION,
    PROJECT_ID,
    PROJECT_NAME,
    key_id,
    key_name,
    organization_of,
)
from mock_server.api.state import ApiState
from mock_server.wire.errors import error_response, rejection_response
from mock_server.wire.rejections import SOURCES, Rejection
from mock_server.wire.responses import encode, json_response

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"
BY_JOB, BY_PROJECT, BY_USER = "job", "project", "user"
# The most periods one report may have (openapi.yaml's InvalidUsageRequest).
MAX_PERIODS = 1000
# The groups a period names: its costliest (IonQ's "top 5").
GROUPS_SHOWN = 5
# Jobs read from the store at a time.
_PAGE = 1000
_DATES = ("start_date", "end_date")


# -- periods ----------------------------------------------------------------------------


def period_start(day: date, modality: str) -> date:
    """The first day of the day, ISO week or month `day` is in."""
    if modality == DAILY:
        return day
    if modality == WEEKLY:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def period_count(start: date, end: date, modality: str) -> int:
    """How many periods the days from `start` to `end` (both included) touch."""
    if modality == DAILY:
        return (end - start).days + 1
    if modality == WEEKLY:
        return (period_start(end, WEEKLY) - period_start(start, WEEKLY)).days // 7 + 1
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _next_period(first: date, modality: str) -> date | None:
    """The first day of the period after the one `first` is in; None past the calendar's end."""
    try:
        if modality == DAILY:
            return first + timedelta(days=1)
        if modality == WEEKLY:
            return first + timedelta(days=7 - first.weekday())
        return (first.replace(day=1) + timedelta(days=31)).replace(day=1)
    except OverflowError:  # after December 9999
        return None


def periods(start: date, end: date, modality: str) -> list[date]:
    """Where each period from `start` to `end` starts, oldest first; the first at `start`."""
    firsts = [start]
    while (after := _next_period(firsts[-1], modality)) is not None and after <= end:
        firsts.append(after)
    return firsts


def _midnight(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _midnight_after(day: date) -> str:
    # The instant the report ends, not included; 9999-12-31 has no day after
    # it that RFC 3339 can write, so its report ends at its last millisecond.
    if day == date.max:
        return f"{day.isoformat()}T23:59:59.999Z"
    return _midnight(day + timedelta(days=1))


# -- sums -------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """What some jobs cost, how many they are and the QPU time they took."""

    amount: float = 0.0
    job_count: int = 0
    time_us: int = 0

    def add(self, amount: float, time_us: int) -> None:
        """Count one more job."""
        self.amount += amount
        self.job_count += 1
        self.time_us += time_us

    @property
    def cents(self) -> float:
        """The amount, to the cent (each job's is; their sum may carry float noise)."""
        return round(self.amount, 2)

    def fields(self, unit: str) -> dict[str, Any]:
        """The tally as the fields of a period or a group, amounts in `unit`."""
        return {
            "amount": self.cents,
            "amount_unit": unit,
            "amounts": [{"amount": self.cents, "unit": unit}],
            "job_count": self.job_count,
            "time_us": self.time_us,
        }


@dataclass(slots=True)
class Period:
    """One period's tally, in all and by group (id -> name and tally)."""

    total: Tally = field(default_factory=Tally)
    groups: dict[str, tuple[str, Tally]] = field(default_factory=dict)

    def add(self, group: tuple[str, str], amount: float, time_us: int) -> None:
        """Count one more job of `group` (its id and name)."""
        self.total.add(amount, time_us)
        group_id, name = group
        self.groups.setdefault(group_id, (name, Tally()))[1].add(amount, time_us)

    def costliest(self, unit: str) -> list[dict[str, Any]]:
        """The GROUPS_SHOWN costliest groups, costliest first (by id when they cost the same)."""
        ranked = sorted(self.groups.items(), key=lambda item: (-item[1][1].cents, item[0]))
        return [
            {"group_id": group_id, "group_name": name, **tally.fields(unit)}
            for group_id, (name, tally) in ranked[:GROUPS_SHOWN]
        ]


def _group(job: Job, group_by: str) -> tuple[str, str]:
    """The id and name of the group `job` counts in."""
    if group_by == BY_JOB:
        return job.id, job.request.name or job.id
    if group_by == BY_USER:
        return job.owner, key_name(job.owner)
    return PROJECT_ID, PROJECT_NAME


def _completed_jobs(jobs: JobStore, owner: str) -> Iterator[Job]:
    """Every completed top-level job of `owner`, a page at a time."""
    completed = JobFilter(status=str(JobStatus.COMPLETED))
    cursor: str | None = None
    while True:
        page, cursor = jobs.page(owner, completed, _PAGE, cursor)
        yield from (job for job in page if job.parent_id is None)
        if cursor is None:
            return


@dataclass(frozen=True, slots=True)
class UsageQuery:
    """What a report is asked for: an organization (its key's id), days, grouping, periods."""

    owner: str
    start: date
    end: date
    group_by: str
    modality: str


def usage_report(query: UsageQuery, jobs: JobStore, cards: costs.RateCards) -> dict[str, Any]:
    """The organization's usage as GET /organizations/{organization_id}/usage answers it."""
    firsts = periods(query.start, query.end, query.modality)
    by_first = {first: Period() for first in firsts}
    whole = Tally()
    for job in _completed_jobs(jobs, query.owner):
        amount = costs.billed(job, cards)
        if job.request.is_simulator or amount is None or job.completed_at is None:
            continue
        day = job.completed_at.astimezone(UTC).date()
        if not query.start <= day <= query.end:
            continue
        time_us = costs.quantum_time_us(job)
        first = max(period_start(day, query.modality), query.start)
        by_first[first].add(_group(job, query.group_by), amount, time_us)
        whole.add(amount, time_us)
    unit = cards.unit
    return {
        "organization": organization_of(query.owner),
        "group_type": query.group_by,
        "modality": query.modality,
        "usage_from": _midnight(query.start),
        "usage_to": _midnight_after(query.end),
        "usage_unit": unit,
        "amount_total": whole.cents,
        "amount_totals": [{"amount": whole.cents, "unit": unit}],
        "job_count": whole.job_count,
        "time_us_total": whole.time_us,
        "usage_data": [
            {
                "from": _midnight(first),
                **by_first[first].total.fields(unit),
                "group_usages": by_first[first].costliest(unit),
            }
            for first in reversed(firsts)
        ],
    }


# -- the handler ------------------------------------------------------------------------


def _refused(message: str) -> Response:
    return rejection_response(Rejection(keys=_DATES, source=SOURCES["query"], message=message))


def get_usages(state: ApiState, organization_id: str) -> Response:
    """GET /organizations/{organization_id}/usage: the key's own organization's, else 403.

    The parameters passed the spec's validation (dates, the two lists);
    what JSON Schema cannot compare is checked here: the order of the two
    days, and how many periods lie between them.
    """
    owner = key_id(request.headers[AUTHORIZATION])
    if organization_id != organization_of(owner):
        return error_response(
            403, f"This API key may not read the usage of organization {organization_id}."
        )
    args = request.args
    start, end = (date.fromisoformat(args[name]) for name in _DATES)
    group_by, modality = args["group_by"], args["modality"]
    if end < start:
        return _refused('"end_date" must not be before "start_date"')
    count = period_count(start, end, modality)
    if count > MAX_PERIODS:
        return _refused(
            f'"start_date" to "end_date" spans {count} {modality} periods; '
            f"one report has at most {MAX_PERIODS}"
        )
    query = UsageQuery(owner, start, end, group_by, modality)
    return json_response(encode(usage_report(query, state.jobs, state.rate_cards)))
