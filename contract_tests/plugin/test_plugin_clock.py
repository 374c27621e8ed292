"""The plugin's virtual clock, used as a user would use it: pytest in a subprocess (pytester).

Each inner suite is a small test file against the `fake_ionq` fixture, the way
test_plugin.py runs them (its `write_suite` and `read_reports`). The inner tests
poll a three-hour queue without sleeping, run sessions out of jobs and out of
minutes, take a backend down mid-queue, and see the clock put back between tests.

Expected times come from the fixture files, never from the fake's code:
the backend record's `average_queue_time` is set by the test, and a Bell pair
(one 1q and one 2q gate) takes, per shot, a reset, the two gates and a readout
from the aria-1 characterization's `timing` (seconds).
"""

from __future__ import annotations

import json
import math
import textwrap
from typing import Any

import pytest

from contract_tests.fake.support import BELL, PACKAGED_BACKENDS
from contract_tests.plugin.test_plugin import read_reports, write_suite

QPU = "qpu.aria-1"
SHOTS = 1000
THREE_HOURS_S = 3 * 3600
POLL_STEP_S = 300


def aria_bell_ms(shots: int = SHOTS) -> int:
    """IonQ's time for a Bell circuit of `shots` shots on aria-1, from its characterization."""
    characterization = PACKAGED_BACKENDS.parent / "characterizations" / f"{QPU}.json"
    timing = json.loads(characterization.read_text("utf-8"))["timing"]
    per_shot: float = timing["reset"] + timing["1q"] + timing["2q"] + timing["readout"]
    return round(shots * per_shot * 1000)


def constants() -> str:
    """The inner suite's imports and expected values, as Python source."""
    body: dict[str, Any] = {**BELL, "backend": QPU, "shots": SHOTS}
    return f"""
import time
from datetime import datetime, timedelta

import pytest

KEY = "plugin-clock-key"
HEADERS = {{"Authorization": "apiKey " + KEY}}
QPU = {QPU!r}
BELL = {body!r}
RUN_MS = {aria_bell_ms()!r}
"""


def run_suite(pytester: pytest.Pytester, body: str, passed: int) -> list[dict[str, Any]]:
    """Run an inner suite in a subprocess; every one of its `passed` tests passes."""
    reports = write_suite(pytester, constants() + textwrap.dedent(body))
    result = pytester.runpytest_subprocess("-q")
    result.assert_outcomes(passed=passed)
    return read_reports(reports)


def test_a_polling_loop_runs_a_three_hour_queue_without_sleeping(
    pytester: pytest.Pytester,
) -> None:
    run_ms = aria_bell_ms()
    (seen,) = run_suite(
        pytester,
        f"""
        STEP_S = {POLL_STEP_S!r}
        QUEUE_S = {THREE_HOURS_S!r}

        def test_poll_until_completed(fake_ionq, monkeypatch):
            def no_sleep(seconds):
                raise AssertionError(f"time.sleep({{seconds}}) on a virtual clock")

            monkeypatch.setattr(time, "sleep", no_sleep)
            fake_ionq.clock.time_scale = 1
            fake_ionq.set_backend(QPU, average_queue_time=QUEUE_S * 1000)
            http = fake_ionq.http(headers=HEADERS)
            created = http.post("/jobs", json=BELL)
            assert created.status_code == 201, created.text
            job_id = created.json()["id"]
            statuses = []
            started = time.monotonic()
            while True:
                job = http.get(f"/jobs/{{job_id}}").json()
                statuses.append(job["status"])
                if job["status"] == "completed":
                    break
                fake_ionq.clock.advance(STEP_S)
            elapsed = time.monotonic() - started
            waited = datetime.fromisoformat(job["started_at"]) - datetime.fromisoformat(
                job["submitted_at"]
            )
            assert waited == timedelta(hours=3)
            ran = datetime.fromisoformat(job["completed_at"]) - datetime.fromisoformat(
                job["started_at"]
            )
            assert ran == timedelta(milliseconds=RUN_MS)
            report(statuses=statuses, elapsed=elapsed)
        """,
        passed=1,
    )
    # Poll k sees the clock at k x 300 s: ready until the queue is over, started until
    # the run is over too, then completed.
    starts_at_poll = math.ceil(THREE_HOURS_S / POLL_STEP_S)
    completes_at_poll = math.ceil((THREE_HOURS_S + run_ms / 1000) / POLL_STEP_S)
    assert (starts_at_poll, completes_at_poll) == (36, 37)
    expected = (
        ["ready"] * starts_at_poll
        + ["started"] * (completes_at_poll - starts_at_poll)
        + ["completed"]
    )
    assert seen["statuses"] == expected
    assert len(seen["statuses"]) == THREE_HOURS_S // POLL_STEP_S + 2
    # 38 in-process polls over 3 h 5 min of virtual time: far less than a second of wall time.
    assert seen["elapsed"] < 1.0, seen["elapsed"]


def test_a_session_runs_out_of_jobs(pytester: pytest.Pytester) -> None:
    (seen,) = run_suite(
        pytester,
        """
        def test_the_third_job_is_refused(fake_ionq):
            http = fake_ionq.http(headers=HEADERS)
            opened = http.post(
                "/sessions", json={"backend": QPU, "settings": {"job_count_limit": 2}}
            )
            assert opened.status_code == 201, opened.text
            session_id = opened.json()["id"]
            in_session = {**BELL, "session_id": session_id}
            answers = [http.post("/jobs", json=in_session) for _ in range(3)]
            assert [answer.status_code for answer in answers] == [201, 201, 409]
            refused = answers[2].json()
            assert refused["statusCode"] == 409
            assert refused["error"] == "Conflict"
            assert refused["message"].startswith(f"Session {session_id} ")
            assert "has reached its limit of 2 jobs" in refused["message"]
            jobs = http.get(f"/sessions/{session_id}/jobs").json()["jobs"]
            assert sorted(job["id"] for job in jobs) == sorted(a.json()["id"] for a in answers[:2])
            report(refused=refused)
        """,
        passed=1,
    )
    assert set(seen["refused"]) >= {"statusCode", "error", "message"}


def test_a_session_runs_out_of_minutes(pytester: pytest.Pytester) -> None:
    (seen,) = run_suite(
        pytester,
        """
        def test_a_job_past_the_duration_is_refused(fake_ionq):
            http = fake_ionq.http(headers=HEADERS)
            opened = http.post(
                "/sessions", json={"backend": QPU, "settings": {"duration_limit_min": 1}}
            )
            assert opened.status_code == 201, opened.text
            session_id = opened.json()["id"]
            first = http.post("/jobs", json={**BELL, "session_id": session_id})
            assert first.status_code == 201, first.text
            fake_ionq.clock.advance(61)
            late = http.post("/jobs", json={**BELL, "session_id": session_id})
            assert late.status_code == 409, late.text
            refused = late.json()
            assert refused["statusCode"] == 409
            assert refused["message"].startswith(f"Session {session_id} ")
            assert refused["message"].endswith("has passed its duration limit of 1 minutes.")
            report(refused=refused)
        """,
        passed=1,
    )
    assert "duration limit" in seen["refused"]["message"]


def test_a_backend_down_mid_queue_holds_the_job_until_it_is_back(
    pytester: pytest.Pytester,
) -> None:
    (seen,) = run_suite(
        pytester,
        """
        def status(http, job_id):
            return http.get(f"/jobs/{job_id}").json()["status"]

        def test_down_then_up(fake_ionq):
            fake_ionq.clock.time_scale = 1
            fake_ionq.set_backend(QPU, average_queue_time=60_000)
            http = fake_ionq.http(headers=HEADERS)
            created = http.post("/jobs", json=BELL)
            assert created.status_code == 201, created.text
            job_id = created.json()["id"]
            assert status(http, job_id) == "ready"
            fake_ionq.set_backend(QPU, status="unavailable")
            fake_ionq.clock.advance(3600)
            assert status(http, job_id) == "ready"
            back = fake_ionq.clock.now
            fake_ionq.set_backend(QPU, status="available")
            job = http.get(f"/jobs/{job_id}").json()
            assert job["status"] == "started"
            assert datetime.fromisoformat(job["started_at"]) == back
            fake_ionq.clock.advance(RUN_MS / 1000 - 0.001)
            assert status(http, job_id) == "started"
            fake_ionq.clock.advance(0.001)
            job = http.get(f"/jobs/{job_id}").json()
            assert job["status"] == "completed"
            report(
                waited=(
                    datetime.fromisoformat(job["started_at"])
                    - datetime.fromisoformat(job["submitted_at"])
                ).total_seconds()
            )
        """,
        passed=1,
    )
    assert seen["waited"] == 3600  # the hour it was down, not the 60 s queue


def test_the_plugin_puts_the_clock_back_between_tests(pytester: pytest.Pytester) -> None:
    first, second = run_suite(
        pytester,
        """
        def test_first_changes_the_clock(fake_ionq):
            assert (fake_ionq.clock.virtual, fake_ionq.clock.time_scale) == (True, 0)
            before = fake_ionq.clock.now
            fake_ionq.clock.time_scale = 1
            moved = fake_ionq.clock.advance(600)
            assert moved - before == timedelta(seconds=600)
            assert fake_ionq.clock.time_scale == 1
            report(virtual=fake_ionq.clock.virtual, time_scale=fake_ionq.clock.time_scale)

        def test_second_sees_the_defaults(fake_ionq):
            clock = fake_ionq.clock.state()
            report(virtual=clock["virtual"], time_scale=clock["time_scale"])
            assert clock["virtual"] is True
            assert clock["time_scale"] == 0
            assert clock["scheduled"] == 0
        """,
        passed=2,
    )
    assert (first["virtual"], first["time_scale"]) == (True, 1)
    assert (second["virtual"], second["time_scale"]) == (True, 0)
