"""Wide jobs in simulation processes of their own (SIMULATORS, `ionq-mock serve --simulators`).

The same seed gives the same results in a process as on the server's thread;
a canceled job's process is killed; a process that dies fails its job with
IonQ's SimulationError and leaves the fake serving; two processes run two
wide jobs at once. Processes are the children of this test's process (the
app is in process), so `multiprocessing.active_children()` sees them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    JOBS,
    AppFactory,
    circuit_job,
    get_job,
    key_header,
    result,
    submit,
    wait_for_job,
)

KEY = "simulation-process-key"
DEADLINE_S = 180.0  # simulation processes run at nice 19: slow on a loaded machine, not stuck


def wide(qubits: int, layers: int, shots: int, **fields: Any) -> dict[str, Any]:
    """A circuit above the small lane's work (2^20 amplitude-gates): it runs in a process.
    20 qubits and 30 layers on the ideal simulator take about a minute: long enough to act
    on it while it runs."""
    gates: list[dict[str, Any]] = []
    for layer in range(layers):
        gates += [{"gate": "h", "target": q} for q in range(qubits)]
        gates += [
            {"gate": "cnot", "control": q, "target": (q + 1 + layer % (qubits - 1)) % qubits}
            for q in range(qubits - 1)
        ]
    return circuit_job(gates, qubits=qubits, shots=shots, **fields)


def long_job() -> dict[str, Any]:
    return wide(qubits=20, layers=30, shots=1000)


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.01)


def simulation_processes() -> list[Any]:
    return [p for p in multiprocessing.active_children() if p.name == "ionq-mock simulation"]


@pytest.fixture
def isolated(make_app: AppFactory) -> Iterator[ContractClient]:
    client = make_app(SIMULATORS=1).test_client()
    assert isinstance(client, ContractClient)
    yield client
    for process in simulation_processes():
        process.kill()


def test_a_process_gives_the_results_the_server_s_thread_gives(make_app: AppFactory) -> None:
    # Every job goes to the wide lane (no work is small): in a process, or on its thread.
    body = wide(qubits=6, layers=3, shots=1000, noise={"model": "aria-1", "seed": 7})
    isolated = make_app(SIMULATORS=1, JOBS_INLINE_WORK=0).test_client()
    threaded = make_app(SIMULATORS=0, JOBS_INLINE_WORK=0).test_client()
    results = []
    for client in (isolated, threaded):
        assert isinstance(client, ContractClient)
        job_id = submit(client, body, KEY)
        job = wait_for_job(client, job_id, KEY, timeout_s=DEADLINE_S)
        assert job["status"] == "completed", job
        results.append((result(client, job_id, KEY, "histogram"), job["stats"]["gate_counts"]))
    assert results[0] == results[1]


def test_a_canceled_job_s_process_is_killed(isolated: ContractClient) -> None:
    job_id = submit(isolated, long_job(), KEY)
    until(lambda: bool(simulation_processes()), "a simulation process started")
    answer = isolated.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert answer.get_json() == {"id": job_id, "status": "canceled"}
    until(lambda: not simulation_processes(), "the process was killed")
    assert get_job(isolated, job_id, KEY)["status"] == "canceled"


def test_a_process_that_dies_fails_its_job_and_the_fake_carries_on(
    isolated: ContractClient,
) -> None:
    job_id = submit(isolated, long_job(), KEY)
    until(lambda: bool(simulation_processes()), "a simulation process started")
    (process,) = simulation_processes()
    assert process.pid is not None
    os.kill(process.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer does
    job = wait_for_job(isolated, job_id, KEY, timeout_s=DEADLINE_S)
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "SimulationError"
    assert "SIGKILL" in job["failure"]["message"]
    after = submit(isolated, wide(qubits=16, layers=2, shots=100), KEY)  # a process again
    assert wait_for_job(isolated, after, KEY, timeout_s=DEADLINE_S)["status"] == "completed"


def test_two_processes_run_two_wide_jobs_at_once(make_app: AppFactory) -> None:
    client = make_app(SIMULATORS=2).test_client()
    assert isinstance(client, ContractClient)
    ids = [submit(client, long_job(), KEY) for _ in range(2)]
    try:
        until(lambda: len(simulation_processes()) == 2, "two simulation processes at once")
    finally:
        for job_id in ids:
            client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    until(lambda: not simulation_processes(), "both processes were killed")


def test_a_noisy_run_drawn_in_parts_gives_the_same_shots_each_time(
    make_app: AppFactory,
) -> None:
    # 14 qubits, 3 layers and 2,000 shots on aria-1: some 1,700 shots expected to err, so two
    # processes draw it in two parts (mock_server/api/jobs/simulation.py); one process, or the
    # server's thread, draws it whole. The seed decides the shots in each setting.
    body = wide(qubits=14, layers=3, shots=2000, noise={"model": "aria-1", "seed": 11})
    drawn: dict[int, list[Any]] = {}
    for simulators in (0, 1, 2, 2):
        client = make_app(SIMULATORS=simulators, JOBS_INLINE_WORK=0).test_client()
        assert isinstance(client, ContractClient)
        job_id = submit(client, body, KEY)
        job = wait_for_job(client, job_id, KEY, timeout_s=DEADLINE_S)
        assert job["status"] == "completed", job
        shots = result(client, job_id, KEY, "shots")
        assert len(shots) == 2000
        assert drawn.setdefault(simulators, shots) == shots
    assert drawn[0] == drawn[1]
    assert drawn[2] != drawn[1]  # two parts, two seeds: other shots, the same distribution


@pytest.mark.parametrize(
    ("qubits", "shots", "trajectories", "processes", "expected"),
    [
        (14, 600, 200.0, 2, [300, 300]),  # as many parts as processes
        (14, 600, 200.0, 1, [600]),  # one process: drawn whole
        (14, 600, 200.0, 0, [600]),  # on the server's thread: drawn whole
        (14, 600, 127.9, 2, [600]),  # fewer than two parts' worth of erring shots (64 each)
        (13, 10_000, 5_000.0, 4, [10_000]),  # narrow: drawn whole
        (20, 1001, 300.0, 3, [334, 334, 333]),  # as even as they go
        (20, 1_000_000, 9e5, 16, [125_000] * 8),  # at most eight parts
    ],
)
def test_a_noisy_run_is_drawn_in_as_many_parts_as_there_are_processes_for_them(
    qubits: int, shots: int, trajectories: float, processes: int, expected: list[int]
) -> None:
    from mock_server.api.jobs import mitigated_run, simulation  # noqa: PLC0415
    from mock_server.api.jobs.creation import read_job_request  # noqa: PLC0415
    from mock_server.simulator import NoiseModel, parse_circuit  # noqa: PLC0415

    body = wide(qubits=qubits, layers=1, shots=shots)
    circuit = parse_circuit(gateset="qis", qubits=qubits, gates=body["input"]["circuit"])
    task = simulation.Task(
        circuit=circuit,
        request=read_job_request(body),
        record=None,
        what=mitigated_run.Applied(),
        seed=5,
        noise=NoiseModel("test"),
        batch_bytes=2**20,
        shots=shots,
        parts=simulation.part_count(qubits, shots, trajectories, processes),
    )
    parts = simulation.parts(task)
    assert [part.shots for part in parts] == expected
    assert sum(part.shots for part in parts) == shots
    assert len({part.seed for part in parts}) == len(parts)
    assert [part.compile for part in parts] == [True] + [False] * (len(parts) - 1)


def test_a_lane_of_two_workers_runs_two_jobs_at_once_after_an_idle_spell() -> None:
    """An idle worker woken for one job leaves the second to a second worker."""
    import threading  # noqa: PLC0415

    from mock_server.api.jobs.lanes import Lane  # noqa: PLC0415

    running: set[str] = set()
    together = threading.Event()
    first_done = threading.Event()
    release = threading.Event()

    def run(job_id: str) -> None:
        running.add(job_id)
        if len(running) == 2:
            together.set()
        if job_id == "warm-up":
            first_done.set()
            running.discard(job_id)
            return
        release.wait(DEADLINE_S)
        running.discard(job_id)

    lane = Lane("test", run, workers=2)
    lane.put("warm-up")
    assert first_done.wait(DEADLINE_S)
    until(lambda: "warm-up" not in running, "the warm-up job ended")
    lane.put("a")
    lane.put("b")
    try:
        assert together.wait(DEADLINE_S), f"never two at once: {running}"
    finally:
        release.set()
