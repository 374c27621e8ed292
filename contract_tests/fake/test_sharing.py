"""One client's heavy or careless requests, over a socket, while another client is served.

Each test runs `ionq-mock serve` as `make serve` does (one worker, one
Python thread) and has a second client work beside the first. Where the
point is that nobody waits, the bound on the second client's wait is
generous (STALL_S, ten times what the check costs on a loaded 2-core
machine): it tells a stall of seconds from a normal answer, and is not a
speed figure (those are in `make bench`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract_tests.fake.live import LiveFake, running_fake
from contract_tests.fake.support import fixture_record

# A job body the old jsonschema check took 4-7 s over, holding every request.
GATES = 150_000
STALL_S = 3.0
UNAVAILABLE = "qpu.forte-enterprise-3"  # unavailable in the packaged fixtures
FINAL = {"completed", "failed", "canceled"}
BELL = [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]


@pytest.fixture(scope="module")
def fake() -> Iterator[LiveFake]:
    with running_fake(["--no-access-log"]) as served:
        yield served


def _client(fake: LiveFake, key: str) -> httpx.Client:
    return httpx.Client(
        base_url=fake.base_url, headers={"Authorization": f"apiKey {key}"}, timeout=60
    )


def _job(circuit: list[Any], *, qubits: int, backend: str = "simulator", **fields: Any) -> Any:
    return {
        "type": "ionq.circuit.v1",
        "backend": backend,
        "shots": fields.pop("shots", 100),
        "input": {"gateset": "qis", "qubits": qubits, "circuit": circuit},
        **fields,
    }


def _reads_while(fake: LiveFake, busy: threading.Thread) -> list[float]:
    """Read a backend until `busy` ends; how long each read waited."""
    waits: list[float] = []
    with _client(fake, "reader") as reader:
        while busy.is_alive() or not waits:
            started = time.monotonic()
            answer = reader.get("/backends/qpu.aria-1")
            waits.append(time.monotonic() - started)
            assert answer.status_code == 200
            assert answer.json() == fixture_record("qpu.aria-1")
    return waits


def test_a_ten_megabyte_job_does_not_hold_up_other_clients(fake: LiveFake) -> None:
    gates = [
        {"gate": "rx", "target": i % 20, "rotation": 0.1 + i / GATES}
        if i % 3
        else {"gate": "cnot", "control": i % 20, "target": (i + 1) % 20}
        for i in range(GATES)
    ]
    body = json.dumps(_job(gates, qubits=20, dry_run=True)).encode()
    assert 8_000_000 < len(body) < 10_000_000
    statuses: list[int] = []

    def submit_three() -> None:
        with _client(fake, "heavy") as heavy:
            for _ in range(3):
                statuses.append(heavy.post("/jobs", content=body).status_code)

    heavy = threading.Thread(target=submit_three)
    heavy.start()
    waits = _reads_while(fake, heavy)
    heavy.join()
    assert statuses == [201, 201, 201]
    assert max(waits) < STALL_S, waits


def test_a_body_of_wrong_gates_gets_a_short_answer_and_others_are_served(fake: LiveFake) -> None:
    body = json.dumps(_job([0] * 140_000, qubits=1)).encode()
    answers: list[httpx.Response] = []

    def send() -> None:
        with _client(fake, "careless") as careless:
            answers.extend(careless.post("/jobs", content=body) for _ in range(3))

    careless = threading.Thread(target=send)
    careless.start()
    waits = _reads_while(fake, careless)
    careless.join()
    assert [answer.status_code for answer in answers] == [400, 400, 400]
    assert all(len(answer.content) < 4096 for answer in answers)
    assert answers[0].json()["message"].endswith("and more than 980 more problems")
    assert max(waits) < STALL_S, waits


def test_one_key_s_flood_never_refuses_another_key_s_job(fake: LiveFake) -> None:
    waiting = _job(BELL, qubits=2, backend=UNAVAILABLE)  # waits in `ready` for its backend
    with _client(fake, "flood") as flood, _client(fake, "neighbour") as neighbour:
        statuses = [flood.post("/jobs", json=waiting).status_code for _ in range(251)]
        assert statuses == [201] * 250 + [429]
        created = neighbour.post("/jobs", json=_job(BELL, qubits=2))
        assert created.status_code == 201
        job = neighbour.get(f"/jobs/{created.json()['id']}").json()
        assert job["status"] == "completed"
        assert neighbour.post("/jobs", json=waiting).status_code == 201


def test_a_long_narrow_job_is_answered_at_once_and_reads_go_on(fake: LiveFake) -> None:
    gates = [{"gate": "h" if i % 2 else "x", "target": i % 2} for i in range(30_000)]
    with _client(fake, "narrow") as narrow:
        created = narrow.post("/jobs", json=_job(gates, qubits=2))
        assert created.status_code == 201
        job_id = created.json()["id"]
        assert narrow.get(f"/jobs/{job_id}").json()["status"] in {"ready", "started"}
        with _client(fake, "reader") as reader:
            for _ in range(5):
                assert reader.get("/backends/qpu.aria-1").status_code == 200
        deadline = time.monotonic() + 60
        while narrow.get(f"/jobs/{job_id}").json()["status"] != "completed":
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_reads_go_on_while_a_noisy_job_runs(fake: LiveFake) -> None:
    """A noisy job of some seconds (12 qubits, 240 gates, 4,000 shots of aria-1: about
    2,000 trajectories) runs in the background; another client's reads are served."""
    gates: list[dict[str, Any]] = []
    for layer in range(12):
        gates += [{"gate": "ry", "target": q, "rotation": 0.3 + layer + q / 7} for q in range(12)]
        gates += [
            {"gate": "cnot", "control": q, "target": (q + 1 + 2 * (layer % 5)) % 12}
            for q in range(0, 12, 2)
        ]
        gates += [{"gate": "rz", "target": q, "rotation": 0.2 * q} for q in range(2)]
    body = _job(gates, qubits=12, shots=4000, noise={"model": "aria-1", "seed": 3})
    with _client(fake, "noisy") as noisy:
        created = noisy.post("/jobs", json=body)
        assert created.status_code == 201
        job_id = created.json()["id"]
        assert noisy.get(f"/jobs/{job_id}").json()["status"] in {"ready", "started"}

        def wait_for_it() -> None:
            deadline = time.monotonic() + 120
            while noisy.get(f"/jobs/{job_id}").json()["status"] not in FINAL:
                assert time.monotonic() < deadline
                time.sleep(0.05)

        running = threading.Thread(target=wait_for_it)
        running.start()
        waits = _reads_while(fake, running)
        running.join()
        assert noisy.get(f"/jobs/{job_id}").json()["status"] == "completed"
        histogram = noisy.get(f"/jobs/{job_id}/results/histogram").json()
    assert sum(histogram.values()) == 4000
    assert len(waits) > 10
    assert max(waits) < STALL_S, waits
