"""GET /organizations/{organization_id}/usage: an organization's jobs, priced and timed, by period.

The jobs' clock is set to chosen instants, so jobs complete on the days the
tests pick. Every expected figure is worked out here from rate-cards.json
and the cost model docs/jobs.md describes: a job costs max(minimum, shots x
(n1q x rate1q + n2q x rate2q)), to the cent, and is reckoned to take shots x
(135 us per 1-qubit gate + 600 us per 2-qubit gate + 1,000 us) of QPU time.
Periods are worked out with a calendar. The client checks every answer
against openapi.yaml besides.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    ADMIN_JOBS,
    BELL,
    BELL_CIRCUIT,
    JOBS,
    admin,
    circuit_job,
    key_header,
    rate_cards,
    response_example,
    submit,
    wait_for_job,
)
from mock_server.api import state as api

KEY = "usage-test-key-2718"
OTHER = "usage-other-key-3141"
UNIT = "usd"
# h, x, rz (1-qubit) and cnot, xx (2-qubit): 3 and 2.
FIVE_GATES: list[dict[str, Any]] = [
    {"gate": "h", "target": 0},
    {"gate": "x", "target": 1},
    {"gate": "cnot", "control": 0, "target": 1},
    {"gate": "rz", "target": 1, "rotation": 0.5},
    {"gate": "xx", "targets": [0, 1], "rotation": 0.3},
]


def at(client: ContractClient, moment: str) -> None:
    """Jobs finish at this instant (UTC) from now on: the store's clock stands still there."""
    instant = datetime.fromisoformat(moment).replace(tzinfo=UTC)
    client.application.extensions[api.EXTENSION].jobs.clock = lambda: instant


def run(client: ContractClient, body: dict[str, Any], key: str = KEY) -> str:
    """Submit a job and wait until it has finished (at the clock's instant)."""
    job_id = submit(client, body, key)
    wait_for_job(client, job_id, key)
    return job_id


def qpu_job(circuit: list[dict[str, Any]], backend: str, shots: int, **fields: Any) -> Any:
    return circuit_job(circuit, qubits=2, backend=backend, shots=shots, **fields)


def organization(client: ContractClient, key: str) -> str:
    """The key's organization, as the estimate names it."""
    estimate = client.get(f"{JOBS}/estimate?backend=simulator", headers=key_header(key))
    assert estimate.status_code == 200
    named: str = estimate.get_json()["estimate_context"]["organization"]
    return named


def usage(
    client: ContractClient,
    start: str,
    end: str,
    group_by: str = "job",
    modality: str = "daily",
    *,
    key: str = KEY,
    org: str | None = None,
) -> Any:
    org = org if org is not None else organization(client, key)
    query = f"start_date={start}&end_date={end}&group_by={group_by}&modality={modality}"
    return client.get(f"/v0.4/organizations/{org}/usage?{query}", headers=key_header(key))


def report(client: ContractClient, *args: str, key: str = KEY) -> dict[str, Any]:
    response = usage(client, *args, key=key)
    assert response.status_code == 200, response.get_data(as_text=True)
    document: dict[str, Any] = response.get_json()
    return document


def billed(client: ContractClient, job_id: str, key: str = KEY) -> float:
    """The `cost` GET /jobs/{id}/cost gives."""
    cost = client.get(f"{JOBS}/{job_id}/cost", headers=key_header(key)).get_json()
    value: float = cost["cost"]["value"]
    return value


def card_cost(backend: str, shots: int, one: int, two: int) -> float:
    card = rate_cards()["rate_cards"][backend]
    gates = one * float(card["1q_gate_shot"]) + two * float(card["2q_gate_shot"])
    return round(max(float(card["minimum"]), shots * gates), 2)


def money(amount: float) -> dict[str, Any]:
    return {
        "amount": pytest.approx(amount),
        "amount_unit": UNIT,
        "amounts": [{"amount": pytest.approx(amount), "unit": UNIT}],
    }


def period(start: str, amount: float, jobs: int, time_us: int, groups: list[Any]) -> dict[str, Any]:
    return {
        "from": f"{start}T00:00:00Z",
        **money(amount),
        "job_count": jobs,
        "time_us": time_us,
        "group_usages": groups,
    }


def group(group_id: str, name: str, amount: float, jobs: int, time_us: int) -> dict[str, Any]:
    return {
        "group_id": group_id,
        "group_name": name,
        **money(amount),
        "job_count": jobs,
        "time_us": time_us,
    }


def empty(start: str) -> dict[str, Any]:
    return period(start, 0, 0, 0, [])


# The jobs of the scenario (KEY's unless said otherwise), and what each counts for.
# A: aria-1, 3 + 2 gates, 1000 shots, Friday 2026-11-27 10:00.
A_COST = 2.61  # 1000 x (3 x 0.00022 + 2 x 0.000975)
A_TIME = 2_605_000  # 1000 x (3 x 135 + 2 x 600 + 1000)
# B: forte-1, a Bell pair, 2000 shots, Monday 2026-11-30 23:59:59, the last second of November.
B_COST = 5.6  # 2000 x (0.0003 + 0.0025)
B_TIME = 3_470_000  # 2000 x (135 + 600 + 1000)
# C: aria-1, a Bell pair, 100 shots, unnamed, Tuesday 2026-12-01 00:00:00, December's first.
C_COST = 1.0  # 100 x 0.001195 = 0.12, below the minimum
C_TIME = 173_500  # 100 x 1735


@pytest.fixture
def scenario(client: ContractClient) -> dict[str, str]:
    """KEY's jobs A, B and C, which count; and jobs that do not (other days, the simulator,
    a dry run, a canceled and a failed job, another key's): their ids by letter."""
    ids = {}
    at(client, "2026-11-25T23:59:59")  # the day before the reports begin
    ids["early"] = run(client, qpu_job(BELL_CIRCUIT, "qpu.aria-1", 1000))
    at(client, "2026-11-27T10:00:00")
    ids["A"] = run(client, qpu_job(FIVE_GATES, "qpu.aria-1", 1000, name="a"))
    at(client, "2026-11-30T23:59:59")
    ids["B"] = run(client, qpu_job(BELL_CIRCUIT, "qpu.forte-1", 2000, name="b"))
    at(client, "2026-12-01T00:00:00")
    ids["C"] = run(client, qpu_job(BELL_CIRCUIT, "qpu.aria-1", 100))
    ids["simulator"] = run(client, BELL)
    ids["dry run"] = run(client, qpu_job(BELL_CIRCUIT, "qpu.aria-1", 1000, dry_run=True))
    gpi = [{"gate": "gpi", "target": 0, "phase": 0}]
    ids["failed"] = run(client, qpu_job(gpi, "qpu.aria-1", 1000))
    admin(client).put(f"{ADMIN_JOBS}/hold", json={"hold": True})
    ids["canceled"] = submit(client, qpu_job(BELL_CIRCUIT, "qpu.aria-1", 1000), KEY)
    client.put(f"{JOBS}/{ids['canceled']}/status/cancel", headers=key_header(KEY))
    admin(client).put(f"{ADMIN_JOBS}/hold", json={"hold": False})
    at(client, "2026-12-01T08:00:00")
    ids["other"] = run(client, qpu_job(BELL_CIRCUIT, "qpu.aria-1", 2000), OTHER)
    at(client, "2026-12-02T00:00:00")  # the day after
    ids["late"] = run(client, qpu_job(BELL_CIRCUIT, "qpu.aria-1", 1000))
    return ids


def test_the_figures_are_the_cost_models() -> None:
    assert card_cost("qpu.aria-1", 1000, 3, 2) == pytest.approx(A_COST)
    assert card_cost("qpu.forte-1", 2000, 1, 1) == pytest.approx(B_COST)
    assert card_cost("qpu.aria-1", 100, 1, 1) == pytest.approx(C_COST)
    assert rate_cards()["unit"] == UNIT


def test_a_daily_report_lists_every_day_newest_first(
    client: ContractClient, scenario: dict[str, str]
) -> None:
    daily = report(client, "2026-11-26", "2026-12-01")
    a, b, c = scenario["A"], scenario["B"], scenario["C"]
    assert daily == {
        "organization": organization(client, KEY),
        "group_type": "job",
        "modality": "daily",
        "usage_from": "2026-11-26T00:00:00Z",
        "usage_to": "2026-12-02T00:00:00Z",
        "usage_unit": UNIT,
        "amount_total": pytest.approx(A_COST + B_COST + C_COST),
        "amount_totals": [{"amount": pytest.approx(9.21), "unit": UNIT}],
        "job_count": 3,
        "time_us_total": A_TIME + B_TIME + C_TIME,
        "usage_data": [
            period("2026-12-01", C_COST, 1, C_TIME, [group(c, c, C_COST, 1, C_TIME)]),
            period("2026-11-30", B_COST, 1, B_TIME, [group(b, "b", B_COST, 1, B_TIME)]),
            empty("2026-11-29"),
            empty("2026-11-28"),
            period("2026-11-27", A_COST, 1, A_TIME, [group(a, "a", A_COST, 1, A_TIME)]),
            empty("2026-11-26"),
        ],
    }


def test_weeks_are_iso_weeks_cut_to_the_dates_asked_for(
    client: ContractClient, scenario: dict[str, str]
) -> None:
    weekly = report(client, "2026-11-26", "2026-12-01", "job", "weekly")
    a, b, c = scenario["A"], scenario["B"], scenario["C"]
    # Thursday 26 belongs to the week of Monday 23, Monday 30 starts the next one.
    assert weekly["usage_data"] == [
        period(
            "2026-11-30",
            B_COST + C_COST,
            2,
            B_TIME + C_TIME,
            [group(b, "b", B_COST, 1, B_TIME), group(c, c, C_COST, 1, C_TIME)],
        ),
        period("2026-11-26", A_COST, 1, A_TIME, [group(a, "a", A_COST, 1, A_TIME)]),
    ]
    assert (weekly["modality"], weekly["job_count"]) == ("weekly", 3)


def test_months_split_at_midnight_utc(client: ContractClient, scenario: dict[str, str]) -> None:
    monthly = report(client, "2026-11-26", "2026-12-01", "job", "monthly")
    a, b, c = scenario["A"], scenario["B"], scenario["C"]
    assert monthly["usage_data"] == [
        period("2026-12-01", C_COST, 1, C_TIME, [group(c, c, C_COST, 1, C_TIME)]),
        period(
            "2026-11-26",
            A_COST + B_COST,
            2,
            A_TIME + B_TIME,
            [group(b, "b", B_COST, 1, B_TIME), group(a, "a", A_COST, 1, A_TIME)],
        ),
    ]


def test_projects_and_users_are_the_keys(client: ContractClient, scenario: dict[str, str]) -> None:
    me = client.get("/v0.4/whoami", headers=key_header(KEY)).get_json()
    for group_by, group_id, name in [
        ("project", me["project_id"], "ionq-mock project"),
        ("user", me["key_id"], me["key_name"]),
    ]:
        weekly = report(client, "2026-11-26", "2026-12-01", group_by, "weekly")
        assert weekly["group_type"] == group_by
        assert weekly["usage_data"] == [
            period(
                "2026-11-30",
                B_COST + C_COST,
                2,
                B_TIME + C_TIME,
                [group(group_id, name, B_COST + C_COST, 2, B_TIME + C_TIME)],
            ),
            period("2026-11-26", A_COST, 1, A_TIME, [group(group_id, name, A_COST, 1, A_TIME)]),
        ]
    for job_id in (scenario["A"], scenario["B"], scenario["C"]):
        job = client.get(f"{JOBS}/{job_id}", headers=key_header(KEY)).get_json()
        assert (job["submitter_id"], job["project_id"]) == (me["key_id"], me["project_id"])


def test_the_amounts_are_the_cost_endpoints_figures_summed(
    client: ContractClient, scenario: dict[str, str]
) -> None:
    monthly = report(client, "2026-11-26", "2026-12-01", "job", "monthly")
    december, november = monthly["usage_data"]
    assert december["amount"] == pytest.approx(billed(client, scenario["C"]))
    assert november["amount"] == pytest.approx(
        billed(client, scenario["A"]) + billed(client, scenario["B"])
    )
    assert monthly["amount_total"] == pytest.approx(
        sum(billed(client, scenario[name]) for name in "ABC")
    )
    for entry in november["group_usages"]:
        assert entry["amount"] == pytest.approx(billed(client, entry["group_id"]))


def test_another_organization_sees_only_its_own_jobs(
    client: ContractClient, scenario: dict[str, str]
) -> None:
    theirs = report(client, "2026-12-01", "2026-12-01", key=OTHER)
    other_cost = card_cost("qpu.aria-1", 2000, 1, 1)
    assert other_cost == pytest.approx(2.39)  # 2000 x 0.001195
    other_time = 3_470_000  # 2000 x 1735
    assert theirs["organization"] == organization(client, OTHER)
    assert theirs["usage_data"] == [
        period(
            "2026-12-01",
            other_cost,
            1,
            other_time,
            [group(scenario["other"], scenario["other"], other_cost, 1, other_time)],
        )
    ]


@pytest.mark.parametrize("org", ["other", "com.my.org", "com.ionq-mock.000000000000"])
def test_another_organizations_usage_is_forbidden(client: ContractClient, org: str) -> None:
    target = organization(client, OTHER) if org == "other" else org
    assert target != organization(client, KEY)
    response = usage(client, "2026-12-01", "2026-12-01", org=target)
    assert response.status_code == 403
    assert response.get_json() == {
        "statusCode": 403,
        "error": "Forbidden",
        "message": f"This API key may not read the usage of organization {target}.",
    }


def test_the_costliest_five_groups_are_named_and_ties_go_by_id(client: ContractClient) -> None:
    at(client, "2026-12-03T12:00:00")
    shots = [6000, 5000, 4000, 3000, 1000, 1000, 100]
    ids = [run(client, qpu_job(BELL_CIRCUIT, "qpu.forte-1", n)) for n in shots]
    # A forte-1 Bell pair costs shots x 0.0028: 16.8, 14, 11.2, 8.4, 2.8 twice; 100 shots
    # cost 0.28, so the minimum, 1.
    costs = [16.8, 14.0, 11.2, 8.4, 2.8, 2.8, 1.0]
    assert [card_cost("qpu.forte-1", n, 1, 1) for n in shots] == pytest.approx(costs)
    (day,) = report(client, "2026-12-03", "2026-12-03")["usage_data"]
    assert day["job_count"] == 7
    assert day["amount"] == pytest.approx(57.0)
    assert day["time_us"] == 20_100 * 1735  # every shot of every job
    tie = min(ids[4], ids[5])
    expected = [*ids[:4], tie]
    assert [g["group_id"] for g in day["group_usages"]] == expected
    assert [g["amount"] for g in day["group_usages"]] == pytest.approx(costs[:5])


def test_a_new_job_shows_in_the_next_report(client: ContractClient) -> None:
    at(client, "2026-12-04T09:00:00")
    before = report(client, "2026-12-04", "2026-12-04")
    assert before["job_count"] == 0
    job_id = run(client, qpu_job(FIVE_GATES, "qpu.aria-1", 1000))
    after = report(client, "2026-12-04", "2026-12-04")
    assert after["job_count"] == 1
    assert after["usage_data"][0]["group_usages"][0]["group_id"] == job_id
    assert after["amount_total"] == pytest.approx(A_COST)


@pytest.mark.parametrize(
    ("start", "end", "modality", "firsts"),
    [
        ("2026-12-04", "2026-12-04", "daily", ["2026-12-04"]),
        # Saturday to Tuesday: the ISO weeks of Mondays 21 December and 28 December and 4 January.
        ("2026-12-26", "2027-01-05", "weekly", ["2027-01-04", "2026-12-28", "2026-12-26"]),
        ("2026-01-31", "2026-03-01", "monthly", ["2026-03-01", "2026-02-01", "2026-01-31"]),
        ("2028-02-28", "2028-03-01", "daily", ["2028-03-01", "2028-02-29", "2028-02-28"]),
    ],
)
def test_periods_without_jobs_are_listed_with_zeros(
    client: ContractClient, start: str, end: str, modality: str, firsts: list[str]
) -> None:
    document = report(client, start, end, "project", modality)
    assert document["usage_data"] == [empty(first) for first in firsts]
    assert (document["amount_total"], document["job_count"], document["time_us_total"]) == (0, 0, 0)
    day_after = date.fromisoformat(end) + timedelta(days=1)
    assert (document["usage_from"], document["usage_to"]) == (
        f"{start}T00:00:00Z",
        f"{day_after.isoformat()}T00:00:00Z",
    )


def test_the_calendars_last_day_ends_the_report_at_its_last_millisecond(
    client: ContractClient,
) -> None:
    document = report(client, "9999-12-30", "9999-12-31", "user", "monthly")
    assert document["usage_to"] == "9999-12-31T23:59:59.999Z"
    assert document["usage_data"] == [empty("9999-12-30")]


@pytest.mark.parametrize(
    ("start", "end", "modality", "periods"),
    [
        ("2024-01-01", "2026-09-26", "daily", 1000),  # 2024 has 366 days, 2025 365, then 269
        ("2024-01-01", "2043-02-28", "weekly", 1000),  # Monday 2024-01-01 to the week of 2043-02-23
        ("1940-01-01", "2023-04-30", "monthly", 1000),  # 83 years and 4 months
    ],
)
def test_a_report_has_at_most_1000_periods(
    client: ContractClient, start: str, end: str, modality: str, periods: int
) -> None:
    assert len(report(client, start, end, "job", modality)["usage_data"]) == periods
    one_more = {
        "daily": timedelta(days=1),
        "weekly": timedelta(days=7),
        "monthly": timedelta(days=31),
    }[modality]
    later = (date.fromisoformat(end) + one_more).isoformat()
    refused = usage(client, start, later, "job", modality)
    assert refused.status_code == 400
    assert refused.get_json() == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": f'"start_date" to "end_date" spans 1001 {modality} periods; '
        "one report has at most 1000",
        "validation": {"keys": ["start_date", "end_date"], "source": "query"},
    }


@pytest.mark.parametrize(
    ("query", "keys", "message"),
    [
        ("start_date=2026-02-30", ["start_date"], None),
        ("end_date=2026-12-1", ["end_date"], None),
        ("start_date=20261201", ["start_date"], None),
        ("group_by=team", ["group_by"], '"group_by" must be one of [job, project, user]'),
        ("modality=yearly", ["modality"], '"modality" must be one of [daily, weekly, monthly]'),
        ("modality=", ["modality"], None),
        (
            "start_date=2026-12-02",
            ["start_date", "end_date"],
            '"end_date" must not be before "start_date"',
        ),
    ],
)
def test_bad_parameters_are_refused(
    client: ContractClient, query: str, keys: list[str], message: str | None
) -> None:
    asked = {
        "start_date": "2026-11-01",
        "end_date": "2026-12-01",
        "group_by": "job",
        "modality": "daily",
    }
    name, value = query.split("=")
    asked[name] = value
    text = "&".join(f"{k}={v}" for k, v in asked.items())
    org = organization(client, KEY)
    response = client.get(f"/v0.4/organizations/{org}/usage?{text}", headers=key_header(KEY))
    assert response.status_code == 400
    body = response.get_json()
    assert body["validation"] == {"keys": keys, "source": "query"}
    if message is not None:
        assert body["message"] == message


def test_the_documented_refusals_are_the_ones_answered(client: ContractClient) -> None:
    org = organization(client, KEY)
    path = f"/v0.4/organizations/{org}/usage"
    modality = client.get(
        f"{path}?start_date=2026-11-01&end_date=2026-12-01&group_by=job&modality=yearly",
        headers=key_header(KEY),
    )
    assert modality.get_json() == response_example("InvalidUsageRequest", "badModality")
    backwards = client.get(
        f"{path}?start_date=2026-12-02&end_date=2026-12-01&group_by=job&modality=daily",
        headers=key_header(KEY),
    )
    assert backwards.get_json() == response_example("InvalidUsageRequest", "endBeforeStart")


@pytest.mark.parametrize("missing", ["start_date", "end_date", "group_by", "modality"])
def test_every_parameter_is_required(client: ContractClient, missing: str) -> None:
    asked = {
        "start_date": "2026-11-01",
        "end_date": "2026-12-01",
        "group_by": "job",
        "modality": "daily",
    }
    del asked[missing]
    text = "&".join(f"{k}={v}" for k, v in asked.items())
    org = organization(client, KEY)
    response = client.get(f"/v0.4/organizations/{org}/usage?{text}", headers=key_header(KEY))
    assert response.status_code == 400
    assert response.get_json()["message"] == f'"{missing}" is required'


def test_usage_needs_a_key(client: ContractClient) -> None:
    org = organization(client, KEY)
    query = "start_date=2026-12-01&end_date=2026-12-01&group_by=job&modality=daily"
    response = client.get(f"/v0.4/organizations/{org}/usage?{query}")
    assert response.status_code == 401
    assert response.get_json()["error"] == "Unauthorized Error"
