"""Regressions of the shared state, each from a review that reproduced it on two apps on one log.

Two apps built by create_app on one SQLite file are two processes' worth of
state: everything one changes, the other reads from the log. Each test here
failed before its fix (the commit that added this file says what each was).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from contract_tests.fake.support import BELL_CIRCUIT, circuit_job
from mock_server.api import state
from mock_server.api.jobs.creation import read_job_request
from mock_server.app import create_app
from mock_server.controls import state as controls
from mock_server.controls.faults import RuleError
from mock_server.shared import sqlite
from mock_server.shared.log import Entry

KEY = {"Authorization": "apiKey key-one-of-the-tests"}
BELL = circuit_job(BELL_CIRCUIT, qubits=2, shots=100)
DEADLINE_S = 30.0


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Callable[..., tuple[Flask, Flask]]]:
    made: list[Flask] = []

    def make(**config: Any) -> tuple[Flask, Flask]:
        url = f"sqlite:///{tmp_path / 'state.db'}"
        made.extend(create_app({"STORE": url, **config}) for _ in range(2))
        return made[-2], made[-1]

    yield make
    for app in made:  # their followers stop: nothing of theirs outlives the test
        api(app).clock.replica.close()


def api(app: Flask) -> state.ApiState:
    served: state.ApiState = app.extensions[state.EXTENSION]
    return served


def client(app: Flask) -> FlaskClient:
    return app.test_client()


def within(deadline_s: float, action: Callable[[], object]) -> bool:
    """Whether `action` returned within the deadline (it runs on a thread of its own)."""
    done = threading.Event()

    def run() -> None:
        action()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(deadline_s)


def eventually(check: Callable[[], bool]) -> bool:
    done = threading.Event()
    for _ in range(int(DEADLINE_S / 0.05)):
        if check():
            return True
        done.wait(0.05)
    return False


def test_a_characterization_change_is_shared_and_breaks_nothing(
    two: Callable[..., tuple[Flask, Flask]],
) -> None:
    a, b = two()
    path = "/__admin/backends/qpu.aria-1/characterization"
    changed = client(a).patch(path, json={"fidelity": {"spam": {"median": 0.9123}}})
    assert changed.status_code == 200, changed.get_json()
    assert client(b).get(path).get_json()["fidelity"]["spam"]["median"] == 0.9123
    # Every later change of the process that made it is still written out.
    assert client(a).post("/v0.4/jobs", json=BELL, headers=KEY).status_code == 201
    assert client(a).post("/__admin/reset").status_code in (200, 204)
    assert client(b).get(path).get_json()["fidelity"]["spam"]["median"] != 0.9123


def test_a_backend_change_read_under_the_runner_s_lock_does_not_hang_it(
    two: Callable[..., tuple[Flask, Flask]],
) -> None:
    a, b = two()
    assert client(b).patch("/__admin/backends/qpu.aria-1", json={"average_queue_time": 1234})
    # A reads B's change first under its runner's lock (its hold of new jobs does).
    assert within(DEADLINE_S, lambda: api(a).runner.hold_new_jobs(True))
    assert within(DEADLINE_S, lambda: client(a).post("/v0.4/jobs", json=BELL, headers=KEY))


def test_the_shared_clock_never_goes_back_and_advances_add_up(
    two: Callable[..., tuple[Flask, Flask]],
) -> None:
    a, b = two(VIRTUAL_CLOCK=True)
    client(a).put("/__admin/clock", json={"virtual": True})
    start = api(b).clock.now()
    assert client(b).post("/__admin/clock/advance", json={"seconds": 3600}).status_code == 200
    api(a).jobs.hold("no-such-job", True)  # a change of A's that reads B's advance
    client(b).get("/__admin/clock")
    assert (api(b).clock.now() - start).total_seconds() == 3600

    steps = 50

    def advance(app: Flask) -> None:
        for _ in range(steps):
            client(app).post("/__admin/clock/advance", json={"seconds": 1})

    threads = [threading.Thread(target=advance, args=(app,)) for app in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE_S)
    for app in (a, b):
        client(app).get("/__admin/clock")
        assert (api(app).clock.now() - start).total_seconds() == 3600 + 2 * steps


def test_a_failed_write_leaves_no_process_out_of_step(
    two: Callable[..., tuple[Flask, Flask]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two()
    write = sqlite.SqliteLog.write
    failures = [sqlite3.OperationalError("disk I/O error")]

    def failing_once(log: sqlite.SqliteLog, entries: Sequence[Entry]) -> int:
        if failures:
            raise failures.pop()
        return write(log, entries)

    request = read_job_request(BELL)
    kept = api(a).jobs.create("owner", request)
    monkeypatch.setattr(sqlite.SqliteLog, "write", failing_once)
    with pytest.raises(sqlite3.OperationalError):  # its caller is told: the change is lost
        api(a).jobs.create("owner", request)
    api(b).jobs.cancel(None, kept.id)  # meanwhile another process changes what A holds
    second = api(a).jobs.create("owner", request)
    # A is back in step: the lost job is gone from it too, B's cancel is there, and B's
    # change was not written over by A's.
    for app in (a, b):
        ids = {job.id: job.status for job in api(app).jobs.all()}
        assert ids == {kept.id: "canceled", second.id: "submitted"}, ids


def test_a_change_that_fails_still_acts_on_what_it_read(
    two: Callable[..., tuple[Flask, Flask]],
) -> None:
    a, b = two()
    backend = "qpu.forte-enterprise-3"
    job = client(a).post("/v0.4/jobs", json={**BELL, "backend": backend}, headers=KEY)
    assert client(a).get(f"/v0.4/jobs/{job.get_json()['id']}", headers=KEY).get_json()[
        "status"
    ] not in ("completed", "failed")
    assert client(b).patch(f"/__admin/backends/{backend}", json={"status": "available"})
    with pytest.raises(RuleError):  # A's first read of B's change is a change that fails
        a.extensions[controls.EXTENSION].faults.add({"operation": "nope"})
    assert eventually(
        lambda: (
            client(b).get(f"/v0.4/jobs/{job.get_json()['id']}", headers=KEY).get_json()["status"]
            == "completed"
        )
    )


def test_a_batch_s_circuits_are_written_once(
    two: Callable[..., tuple[Flask, Flask]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two()
    written = [0]
    write = sqlite.SqliteLog.write

    def counting(log: sqlite.SqliteLog, entries: Sequence[Entry]) -> int:
        written[0] += sum(len(entry.value or b"") for entry in entries)
        return write(log, entries)

    monkeypatch.setattr(sqlite.SqliteLog, "write", counting)
    circuit = [{"gate": "h", "target": q % 4} for q in range(200)]
    batch = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 10,
        "input": {"gateset": "qis", "qubits": 4, "circuits": [{"circuit": circuit}] * 100},
    }
    created = client(a).post("/v0.4/jobs", json=batch, headers=KEY)
    assert created.status_code == 201
    job = created.get_json()["id"]
    assert eventually(
        lambda: client(b).get(f"/v0.4/jobs/{job}", headers=KEY).get_json()["status"] == "completed"
    )
    request_bytes = len(str(batch))
    # The parent's request and each circuit's once, and the small entries of each change:
    # before, every circuit's completion wrote the parent, request and all (100 x 100 x).
    assert written[0] < 20 * request_bytes, (written[0], request_bytes)


def test_no_process_hands_out_a_submission_number_another_did(
    two: Callable[..., tuple[Flask, Flask]],
) -> None:
    a, b = two()
    request = read_job_request(BELL)
    gone = api(a).jobs.create("owner", request)
    api(a).jobs.delete(None, [gone.id])
    # B never saw that job (created and deleted before it looked).
    new = api(b).jobs.create("owner", request)
    assert new.sequence > gone.sequence
