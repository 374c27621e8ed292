"""One state shared by processes: `ionq-mock serve --workers N`, `--store sqlite:///PATH`
and `--store redis://...`, each served for real on granian.

Every request here opens a connection of its own (`httpx.request`, not a
client that keeps connections), so that granian hands requests to either
worker of a `--workers 2` server: what one worker changed must be what every
answer shows. Expected values are written here, or come from openapi.yaml
(its Bell pair example: "0" and "3", about a half each; the JobFailure fields).
The servers are started with the `ionq-mock` console script, as users start them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.fake.live import LiveFake, wait_until_ready
from contract_tests.fake.support import BELL, ROOT, key_header
from mock_server.harness.launcher import HOST, free_port, stop
from mock_server.shared.leases import BEAT_S, LAPSED_S

# `ionq-mock`, the console script users run, beside this interpreter.
IONQ_MOCK = str(Path(sys.executable).with_name("ionq-mock"))
START_TIMEOUT_S = 60.0  # a loaded 2-core CI machine
STOP_TIMEOUT_S = 30.0
JOB_TIMEOUT_S = 30.0  # a Bell pair on the ideal simulator: milliseconds, when all is well
REQUEST_TIMEOUT_S = 30.0
START_ATTEMPTS = 3  # another process may take the free port between pick and bind
READS = 20

KEY = "shared-state-key-4711"
OTHER_KEY = "shared-state-other-key-0815"
AUTH = key_header(KEY)
JOBS = "/v0.4/jobs"
SESSIONS = "/v0.4/sessions"
ARIA = "/v0.4/backends/qpu.aria-1"
ADMIN_ARIA = "/__admin/backends/qpu.aria-1"
UNFINISHED = frozenset({"submitted", "ready", "running"})


# -- servers ----------------------------------------------------------------------------


@contextmanager
def serving(args: Sequence[str], directory: Path) -> Iterator[LiveFake]:
    """`ionq-mock serve ARGS` on a free port until the block ends; stopped even on failure."""
    directory.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, START_ATTEMPTS + 1):
        port = free_port()
        log_path = directory / f"server-{port}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [IONQ_MOCK, "serve", "--host", HOST, "--port", str(port), "--no-access-log", *args],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        fake = LiveFake(f"http://{HOST}:{port}", process, log_path, 0.0)
        try:
            try:
                wait_until_ready(fake, timeout_s=START_TIMEOUT_S)
            except RuntimeError:
                if attempt < START_ATTEMPTS and f"port {port} on {HOST} is taken" in fake.output():
                    continue
                raise
            yield fake
            return
        finally:
            stop(process)


def terminate(fake: LiveFake) -> None:
    """SIGTERM the server (and its workers), as a user's Ctrl-C or a service manager does,
    and wait for its clean exit."""
    os.killpg(fake.process.pid, signal.SIGTERM)
    assert fake.process.wait(timeout=STOP_TIMEOUT_S) == 0, fake.output()


# -- requests, each on a new connection ---------------------------------------------------


def call(
    method: str,
    url: str,
    *,
    json: Any = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """One request on a connection of its own (httpx.request opens and closes one)."""
    return httpx.request(method, url, json=json, headers=headers, timeout=REQUEST_TIMEOUT_S)


def ok(response: httpx.Response, status: int = 200) -> Any:
    """The JSON of an answer that must have `status`."""
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.status_code} {response.text}"
    )
    return response.json()


def create_job(fake: LiveFake, key: str = KEY, body: dict[str, Any] = BELL) -> str:
    created = ok(call("POST", fake.origin + JOBS, json=body, headers=key_header(key)), 201)
    job_id: str = created["id"]
    return job_id


def read_job(fake: LiveFake, job_id: str, key: str = KEY) -> dict[str, Any]:
    job: dict[str, Any] = ok(call("GET", f"{fake.origin}{JOBS}/{job_id}", headers=key_header(key)))
    return job


def completed_job(fake: LiveFake, job_id: str, key: str = KEY) -> dict[str, Any]:
    """Poll the job until it is completed; fail at once on a 404 or another final status."""
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while True:
        job = read_job(fake, job_id, key)
        if job["status"] == "completed":
            return job
        assert job["status"] in UNFINISHED, job
        assert time.monotonic() < deadline, f"job {job_id} still {job['status']}"
        time.sleep(0.02)


def probabilities(fake: LiveFake, job_id: str, key: str = KEY) -> httpx.Response:
    response = call(
        "GET", f"{fake.origin}{JOBS}/{job_id}/results/probabilities", headers=key_header(key)
    )
    assert response.status_code == 200, response.text
    return response


def assert_bell(distribution: dict[str, float]) -> None:
    """1000 shots of a Bell pair: only 00 and 11, about a half each."""
    assert set(distribution) == {"0", "3"}, distribution
    assert all(0.4 <= share <= 0.6 for share in distribution.values()), distribution
    assert sum(distribution.values()) == pytest.approx(1.0)


def each_read(count: int, read: Callable[[], Any]) -> list[Any]:
    """`count` reads, each on its own connection (so either worker may answer)."""
    return [read() for _ in range(count)]


def session_ids(fake: LiveFake, key: str = KEY) -> set[str]:
    listed = ok(call("GET", fake.origin + SESSIONS, headers=key_header(key)))
    return {session["id"] for session in listed["sessions"]}


def open_session(fake: LiveFake, key: str = KEY) -> str:
    created = ok(
        call(
            "POST", fake.origin + SESSIONS, json={"backend": "simulator"}, headers=key_header(key)
        ),
        201,
    )
    session_id: str = created["id"]
    return session_id


def hold_new_jobs(fake: LiveFake) -> None:
    ok(call("PUT", fake.origin + "/__admin/jobs/hold", json={"hold": True}))


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- --workers 2: one state behind two workers ------------------------------------------------


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[LiveFake]:
    """`ionq-mock serve --workers 2`, without a --store (the workers share a file of their own)."""
    with serving(["--workers", "2"], tmp_path) as fake:
        yield fake


def test_two_workers_lose_none_of_200_jobs(two_workers: LiveFake) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        created = list(pool.map(lambda _: create_job(two_workers), range(200)))
    assert len(set(created)) == 200

    # Both workers took jobs: each keeps its own request log, and each read of
    # it lands on one of them. Two logs between them name every job created.
    logs: set[frozenset[str]] = set()
    for _ in range(60):
        entries = ok(call("GET", two_workers.origin + "/__admin/requests"))
        logs.add(
            frozenset(
                entry["job_id"]
                for entry in entries
                if entry["method"] == "POST" and entry["path"] == JOBS and entry["status"] == 201
            )
        )
        if len(logs) == 2:
            break
    assert len(logs) == 2, f"one request log only: {len(next(iter(logs)))} jobs"
    first, second = logs
    assert first
    assert second
    assert not first & second
    assert first | second == set(created)
    output = two_workers.output()
    assert "Spawning worker-1" in output
    assert "Spawning worker-2" in output

    def read_back(job_id: str) -> tuple[dict[str, Any], dict[str, float]]:
        job = completed_job(two_workers, job_id)
        return job, probabilities(two_workers, job_id).json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(read_back, created))
    for job_id, (job, distribution) in zip(created, answers, strict=True):
        assert job["id"] == job_id
        assert_bell(distribution)


def test_a_backend_patched_on_one_worker_is_patched_on_every_worker(
    two_workers: LiveFake,
) -> None:
    patched = ok(call("PATCH", two_workers.origin + ADMIN_ARIA, json={"status": "unavailable"}))
    assert patched["status"] == "unavailable"
    statuses = each_read(READS, lambda: ok(call("GET", two_workers.origin + ARIA))["status"])
    assert statuses == ["unavailable"] * READS


def test_a_hold_set_on_one_worker_holds_the_jobs_every_worker_creates(
    two_workers: LiveFake,
) -> None:
    hold_new_jobs(two_workers)
    controls = each_read(
        READS, lambda: ok(call("GET", two_workers.origin + "/__admin/jobs/controls"))["hold"]
    )
    assert controls == [True] * READS
    held = [create_job(two_workers) for _ in range(READS)]
    time.sleep(1.0)  # a Bell pair that is not held completes in milliseconds
    assert [read_job(two_workers, job_id)["status"] for job_id in held] == ["ready"] * READS


def test_a_fault_rule_added_on_one_worker_answers_on_every_worker(two_workers: LiveFake) -> None:
    rule = {"operation": "getBackend", "error": {"status": 503, "rate": 1.0}}
    ok(call("POST", two_workers.origin + "/__admin/faults", json=rule), 201)
    statuses = each_read(READS, lambda: call("GET", two_workers.origin + ARIA).status_code)
    assert statuses == [503] * READS
    assert call("DELETE", two_workers.origin + "/__admin/faults").status_code == 204
    statuses = each_read(READS, lambda: call("GET", two_workers.origin + ARIA).status_code)
    assert statuses == [200] * READS


def test_sessions_opened_on_any_worker_are_listed_by_every_worker(two_workers: LiveFake) -> None:
    opened = {open_session(two_workers) for _ in range(5)}
    assert len(opened) == 5
    listings = each_read(READS, lambda: session_ids(two_workers))
    assert listings == [opened] * READS
    assert each_read(READS, lambda: session_ids(two_workers, OTHER_KEY)) == [set()] * READS


def test_a_virtual_clock_moved_on_one_worker_shows_the_same_time_on_every_worker(
    tmp_path: Path,
) -> None:
    with serving(["--workers", "2", "--virtual-clock"], tmp_path) as fake:

        def now() -> datetime:
            clock = ok(call("GET", fake.origin + "/__admin/clock"))
            assert clock["virtual"] is True
            return instant(clock["now"])

        (frozen,) = set(each_read(READS, now))
        moved = ok(call("POST", fake.origin + "/__admin/clock/advance", json={"seconds": 3600}))
        assert instant(moved["now"]) == frozen + timedelta(hours=1)
        assert each_read(READS, now) == [frozen + timedelta(hours=1)] * READS
        ok(call("POST", fake.origin + "/__admin/clock/advance", json={"seconds": 90.5}))
        assert each_read(READS, now) == [frozen + timedelta(hours=1, seconds=90.5)] * READS


# -- --store sqlite:///PATH: the state outlives a restart ------------------------------------


def test_a_sqlite_store_keeps_the_state_through_a_restart_and_fails_unfinished_jobs(
    tmp_path: Path,
) -> None:
    store = ["--store", f"sqlite:///{tmp_path / 'state.db'}"]
    with serving(store, tmp_path / "first") as first:
        done = create_job(first)
        job_before = completed_job(first, done)
        results_before = probabilities(first, done).content
        assert_bell(probabilities(first, done).json())
        session = open_session(first)
        ok(call("PATCH", first.origin + ADMIN_ARIA, json={"status": "unavailable", "qubits": 23}))
        hold_new_jobs(first)
        held = create_job(first)
        time.sleep(0.5)
        assert read_job(first, held)["status"] == "ready"
        terminate(first)

    with serving(store, tmp_path / "second") as second:
        assert "1 unfinished jobs of the last run failed" in second.output()
        job_after = call("GET", f"{second.origin}{JOBS}/{done}", headers=AUTH)
        assert job_after.status_code == 200, job_after.text
        assert job_after.json() == job_before
        assert probabilities(second, done).content == results_before
        assert session in session_ids(second)
        aria = ok(call("GET", second.origin + ARIA))
        assert (aria["status"], aria["qubits"]) == ("unavailable", 23)
        failed = read_job(second, held)
        assert failed["status"] == "failed", failed
        failure = failed["failure"]
        assert set(failure) == {"code", "message", "error"}  # openapi.yaml's JobFailure
        assert failure["code"] == "SimulationError"
        assert "restarted" in failure["message"]
        assert failure["error"] == failure["message"]


# -- --store redis://: two servers, one state --------------------------------------------------


def test_two_servers_on_one_redis_serve_one_state(redis_url: str, tmp_path: Path) -> None:
    store = ["--store", redis_url]
    with serving(store, tmp_path / "a") as a, serving(store, tmp_path / "b") as b:
        job_id = create_job(a)
        completed_job(a, job_id)
        on_b = completed_job(b, job_id)
        assert on_b["id"] == job_id
        assert probabilities(b, job_id).content == probabilities(a, job_id).content
        assert_bell(probabilities(b, job_id).json())

        session = open_session(b)
        assert session in session_ids(a)

        ok(call("PATCH", a.origin + ADMIN_ARIA, json={"status": "unavailable"}))
        assert ok(call("GET", b.origin + ARIA))["status"] == "unavailable"

        hold_new_jobs(a)
        held = create_job(a)
        assert read_job(a, held)["status"] == "ready"
        canceled = ok(call("PUT", f"{b.origin}{JOBS}/{held}/status/cancel", headers=AUTH))
        assert canceled == {"id": held, "status": "canceled"}
        assert read_job(a, held)["status"] == "canceled"

        other = call("GET", f"{b.origin}{JOBS}/{job_id}", headers=key_header(OTHER_KEY))
        assert other.status_code == 404, other.text
        results = call(
            "GET",
            f"{b.origin}{JOBS}/{job_id}/results/probabilities",
            headers=key_header(OTHER_KEY),
        )
        assert results.status_code == 404, results.text


def test_the_jobs_of_a_server_that_dies_fail_on_the_servers_that_live(
    redis_url: str, tmp_path: Path
) -> None:
    store = ["--store", redis_url]
    with serving(store, tmp_path / "a") as a, serving(store, tmp_path / "b") as b:
        hold_new_jobs(a)
        held = create_job(a)  # a run that lives in A's memory: A's runner holds it
        assert read_job(b, held)["status"] == "ready"
        os.killpg(a.process.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        a.process.wait(timeout=STOP_TIMEOUT_S)
        killed_at = time.monotonic()
        deadline = killed_at + LAPSED_S + 60  # a loaded machine's margin
        while (job := read_job(b, held))["status"] == "ready" and time.monotonic() < deadline:
            time.sleep(0.2)
        took = time.monotonic() - killed_at
        assert job["status"] == "failed", job
        assert job["failure"]["code"] == "SimulationError", job
        assert "server process that ran it stopped" in job["failure"]["message"], job
        assert took >= LAPSED_S - 2 * BEAT_S, took  # once its lease lapsed, not before
        # B's own jobs are not touched: its lease is beaten. (The hold is shared: let go.)
        ok(call("PUT", b.origin + "/__admin/jobs/hold", json={"hold": False}))
        hold_new_jobs(b)
        mine = create_job(b)
        ok(call("PUT", b.origin + "/__admin/jobs/hold", json={"hold": False}))
        time.sleep(LAPSED_S + 2 * BEAT_S)
        assert read_job(b, mine)["status"] == "ready"  # held by B, alive: not failed


# -- a store the fake cannot use ----------------------------------------------------------


def failed_serve(
    args: Sequence[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [IONQ_MOCK, "serve", "--host", HOST, "--port", str(free_port()), *args],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--store", "ftp://x"], None), ([], {"IONQ_MOCK_STORE": "ftp://x"})],
    ids=["option", "environment"],
)
def test_a_store_url_of_another_kind_stops_start_up_naming_the_accepted_forms(
    args: list[str], env: dict[str, str] | None
) -> None:
    result = failed_serve(args, env)
    assert result.returncode == 2, result.stdout + result.stderr
    for form in ("memory", "sqlite:///PATH", "redis://HOST:PORT/DB", "ftp://x"):
        assert form in result.stderr
    assert "Traceback" not in result.stderr
    assert "Listening" not in result.stdout + result.stderr


def test_a_redis_nobody_listens_on_stops_start_up_naming_redis() -> None:
    result = failed_serve(["--store", "redis://127.0.0.1:1/0"])
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Redis" in result.stderr
    assert "redis://127.0.0.1:1/0" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Listening" not in result.stdout + result.stderr
