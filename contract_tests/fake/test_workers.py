"""`ionq-mock worker`: the wide runs of servers that share a Redis store, run elsewhere.

Every process is real: `ionq-mock serve --store redis://... --simulators 0`
puts each wide run on the work queue (the Redis stream
`ionq-mock:simulations`, consumer group `simulators`), and `ionq-mock
worker` processes take them, simulate them and complete or fail the job in
the shared store. A worker's results are the same as a server's own for the
same seed; a wide job waits for a worker while small ones still run in the
server; a worker killed mid-run leaves its job failed with IonQ's
`SimulationError` once its message goes stale; a cancel reaches the worker's
simulation process; two workers share a batch's circuits.

Each server and worker runs in a session (process group) of its own, so
that stopping it also stops the simulation processes it started, and
nothing else. Deadlines are generous (DEADLINE_S, for a loaded 2-core
machine); where a test tells "soon" from "never", the run it stops is
predicted to take minutes (LONG_JOB) and the bound is SOON_S.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from mock_server.harness.launcher import HOST, free_port, stop
from mock_server.shared.queue import HEARTBEAT_S, STALE_S

ROOT = Path(__file__).resolve().parents[2]
IONQ_MOCK = Path(sys.executable).with_name("ionq-mock")
STREAM = "ionq-mock:simulations"
GROUP = "simulators"
KEY = "worker-test-key"
DEADLINE_S = 120.0
# How soon a canceled run's process must be gone: the run would take minutes.
SOON_S = 20.0
# The chance that a correct sampler fails one statistical check.
FALSE_ALARM = 1e-6
READY_PATH = "/__admin/backends"
LOST_WORKER = "the worker that ran it stopped"
FINAL = frozenset({"completed", "failed", "canceled"})


def layered(qubits: int, layers: int, shots: int, **fields: Any) -> dict[str, Any]:
    """A circuit of `layers` layers of H on every qubit then a ring of CNOTs, as a job body."""
    gates: list[dict[str, Any]] = []
    for layer in range(layers):
        gates += [{"gate": "h", "target": q} for q in range(qubits)]
        gates += [
            {"gate": "cnot", "control": q, "target": (q + 1 + layer % (qubits - 1)) % qubits}
            for q in range(qubits - 1)
        ]
    return circuit_body(gates, qubits, shots, **fields)


def ghz(qubits: int, shots: int, **fields: Any) -> dict[str, Any]:
    """A GHZ state on `qubits` qubits: all zeros or all ones, half the time each."""
    gates = [{"gate": "h", "target": 0}]
    gates += [{"gate": "cnot", "control": q, "target": q + 1} for q in range(qubits - 1)]
    return circuit_body(gates, qubits, shots, **fields)


def circuit_body(
    gates: list[dict[str, Any]], qubits: int, shots: int, **fields: Any
) -> dict[str, Any]:
    return {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "shots": shots,
        "input": {"gateset": "qis", "qubits": qubits, "circuit": gates},
        **fields,
    }


# Wide: above the small lane's 2^20 amplitude-gates (16 gates on 2^16 amplitudes and more),
# so it goes to the queue; a fraction of a second of simulation.
SHORT_WIDE = layered(qubits=16, layers=2, shots=100)
# Some 34,000 gates on 22 qubits: minutes of simulation (24 layers took 4.3 s on a 2-core
# machine, about 0.15 s a layer), long enough to act on while it runs and to tell a run
# stopped within SOON_S from one left to end.
LONG_JOB = layered(qubits=22, layers=800, shots=1000)
BELL = circuit_body(
    [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}], 2, 1000
)


# -- processes ----------------------------------------------------------------------------


@dataclass
class Started:
    """A server or a worker, in a session of its own, its output in a file."""

    process: subprocess.Popen[bytes]
    log_path: Path
    origin: str = ""

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @property
    def pid(self) -> int:
        return self.process.pid


def clean_environment() -> dict[str, str]:
    """This process's environment without the fake's own settings: the command lines say all."""
    return {name: value for name, value in os.environ.items() if not name.startswith("IONQ_MOCK_")}


@dataclass
class Fleet:
    """Starts servers and workers; `stop_all` stops each (SIGTERM, then SIGKILL) and its
    process group, which holds the simulation processes it started."""

    directory: Path
    redis_url: str
    started: list[Started] = field(default_factory=list)

    def _start(self, argv: list[str], label: str, origin: str = "") -> Started:
        log_path = self.directory / f"{label}-{len(self.started)}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                argv,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=clean_environment(),
            )
        started = Started(process, log_path, origin)
        self.started.append(started)
        return started

    def server(self, *extra: str) -> Started:
        """`ionq-mock serve` on a free port, not yet waited for (`ready`)."""
        port = free_port()
        argv = [str(IONQ_MOCK), "serve", "--host", HOST, "--port", str(port), "--no-access-log"]
        return self._start([*argv, *extra], "server", origin=f"http://{HOST}:{port}")

    def shared_server(self) -> Started:
        """A server that leaves every wide run to the workers."""
        return self.server("--store", self.redis_url, "--simulators", "0")

    def worker(self, name: str, *extra: str) -> Started:
        """`ionq-mock worker` on the Redis store; `registered` waits until it reads the queue."""
        argv = [str(IONQ_MOCK), "worker", "--store", self.redis_url, "--name", name, *extra]
        return self._start(argv, f"worker-{name}")

    def stop_all(self) -> None:
        for each in reversed(self.started):
            stop(each.process)


@pytest.fixture
def fleet(tmp_path: Path, redis_url: str) -> Iterator[Fleet]:
    started = Fleet(tmp_path, redis_url)
    try:
        yield started
    finally:
        started.stop_all()


@pytest.fixture
def queue(redis_url: str) -> Iterator[redis.Redis]:
    """A client of the store's Redis, to look at the work queue."""
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        yield client
    finally:
        client.close()


def until(condition: Callable[[], bool], what: str, timeout_s: float = DEADLINE_S) -> float:
    """Poll `condition` until it holds; the seconds it took. Fails after `timeout_s`."""
    began = time.monotonic()
    while not condition():
        assert time.monotonic() - began < timeout_s, f"never within {timeout_s:g} s: {what}"
        time.sleep(0.02)
    return time.monotonic() - began


def ready(server: Started) -> None:
    """Wait until the server answers; fails with its output if it exits first."""

    def answers() -> bool:
        assert server.process.poll() is None, f"the server exited:\n{server.output()}"
        try:
            return httpx.get(server.origin + READY_PATH, timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    until(answers, f"the server at {server.origin} answered")


def readers(queue: redis.Redis) -> int:
    """How many connections read the work queue (their last command was XREADGROUP): one
    per simulation process of each worker that started. (Redis 7.0 lists a consumer in
    XINFO CONSUMERS only once it was given a message.)"""
    reply: Any = queue.client_list()
    return sum(1 for client in reply if client["cmd"] == "xreadgroup")


def registered(queue: redis.Redis, *workers: Started) -> None:
    """Wait until every worker reads the queue (one simulation process each)."""

    def reading() -> bool:
        for worker in workers:
            assert worker.process.poll() is None, f"a worker exited:\n{worker.output()}"
        return readers(queue) >= len(workers)

    until(reading, f"{len(workers)} workers read the queue")


def holders(queue: redis.Redis) -> list[dict[str, Any]]:
    """The messages taken and not yet done: XPENDING's entries (consumer, idle time...)."""
    try:
        reply: Any = queue.xpending_range(STREAM, GROUP, min="-", max="+", count=100)
    except redis.exceptions.ResponseError as error:
        if "NOGROUP" not in str(error):  # no group: no worker read the queue yet
            raise
        return []
    return list(reply)


def group_reads(queue: redis.Redis) -> int:
    """How many messages the workers' group was given in all (XINFO GROUPS' entries-read)."""
    reply: Any = queue.xinfo_groups(STREAM)
    (group,) = [entry for entry in reply if entry["name"] == GROUP]
    return int(group["entries-read"] or 0)  # None before the first


def process_children() -> dict[int, list[int]]:
    """Every process's children, by parent pid, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    return children


def running_process(pid: int) -> bool:
    """Whether `pid` is a process that has not ended (a zombie has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def simulations_of(worker: Started) -> list[int]:
    """The worker's simulation processes: children of its forkserver (its child)."""
    children = process_children()
    return [pid for child in children.get(worker.pid, []) for pid in children.get(child, [])]


# -- the API ------------------------------------------------------------------------------


def api(server: Started) -> httpx.Client:
    return httpx.Client(
        base_url=f"{server.origin}/v0.4", headers={"Authorization": f"apiKey {KEY}"}, timeout=60
    )


def submit(client: httpx.Client, body: dict[str, Any]) -> str:
    answer = client.post("/jobs", json=body)
    assert answer.status_code == 201, answer.text
    job_id: str = answer.json()["id"]
    return job_id


def get_job(client: httpx.Client, job_id: str) -> dict[str, Any]:
    answer = client.get(f"/jobs/{job_id}")
    assert answer.status_code == 200, answer.text
    job: dict[str, Any] = answer.json()
    return job


def finished(client: httpx.Client, job_id: str, timeout_s: float = DEADLINE_S) -> dict[str, Any]:
    """The job once it has completed, failed or been canceled."""
    began = time.monotonic()
    while True:
        job = get_job(client, job_id)
        if job["status"] in FINAL:
            return job
        waited = time.monotonic() - began
        assert waited < timeout_s, f"job {job_id} still {job['status']} after {waited:.0f} s"
        time.sleep(0.02)


def results(client: httpx.Client, job_id: str) -> dict[str, Any]:
    """Every result of a completed job, by kind."""
    kinds = {}
    for kind in ("probabilities", "histogram", "shots"):
        answer = client.get(f"/jobs/{job_id}/results/{kind}")
        assert answer.status_code == 200, answer.text
        kinds[kind] = answer.json()
    return kinds


def z_bound(false_alarm: float) -> float:
    """The two-sided normal quantile a correct sampler exceeds with chance `false_alarm`."""
    return statistics.NormalDist().inv_cdf(1 - false_alarm / 2)


# -- the tests ----------------------------------------------------------------------------


def test_a_worker_gives_the_results_a_server_gives_for_the_same_seed(
    fleet: Fleet, queue: redis.Redis
) -> None:
    shared = fleet.shared_server()
    reference = fleet.server("--simulators", "1")  # its own simulation process, memory store
    worker = fleet.worker("solo")
    ready(shared)
    ready(reference)
    registered(queue, worker)
    bodies = {
        "ideal": ghz(16, 4000, noise={"model": "ideal", "seed": 7}),
        "noisy": ghz(16, 300, noise={"model": "aria-1", "seed": 11}),
    }
    ran: dict[str, list[dict[str, Any]]] = {}
    with api(shared) as on_worker, api(reference) as in_server:
        for name, body in bodies.items():
            for client in (on_worker, in_server):
                job_id = submit(client, body)
                job = finished(client, job_id)
                assert job["status"] == "completed", job
                ran.setdefault(name, []).append(
                    {**results(client, job_id), "gate_counts": job["stats"]["gate_counts"]}
                )
    assert group_reads(queue) == 2, "both shared jobs went through the queue"
    assert holders(queue) == []
    for name, (by_worker, by_server) in ran.items():
        assert by_worker == by_server, name
    # The ideal GHZ state: exact probabilities, and shots drawn from them.
    ideal = ran["ideal"][0]
    zeros, ones = "0", str(2**16 - 1)
    assert ideal["probabilities"].keys() == {zeros, ones}
    assert ideal["probabilities"][zeros] == pytest.approx(0.5, abs=1e-9)
    assert ideal["probabilities"][ones] == pytest.approx(0.5, abs=1e-9)
    histogram = ideal["histogram"]
    assert histogram.keys() <= {zeros, ones}  # no other state has any probability
    assert sum(histogram.values()) == 4000
    bound = z_bound(FALSE_ALARM) * (0.5 * 0.5 / 4000) ** 0.5  # about 0.039
    for state in (zeros, ones):
        assert abs(histogram.get(state, 0) / 4000 - 0.5) <= bound, histogram
    assert sorted(ideal["shots"]) == sorted(
        state for state, count in histogram.items() for _ in range(count)
    )
    assert sum(ran["noisy"][0]["histogram"].values()) == 300


def test_a_wide_job_waits_for_a_worker_and_a_small_one_does_not(
    fleet: Fleet, queue: redis.Redis
) -> None:
    shared = fleet.shared_server()
    ready(shared)
    with api(shared) as client:
        wide_id = submit(client, SHORT_WIDE)
        # A Bell pair is far below the small lane's work: it runs in the server at once.
        bell_id = submit(client, BELL)
        bell = finished(client, bell_id)
        assert bell["status"] == "completed", bell
        probabilities = results(client, bell_id)["probabilities"]
        assert probabilities == {"0": pytest.approx(0.5), "3": pytest.approx(0.5)}
        # The wide job is on the queue, and no one runs it: it stays started.
        assert queue.xlen(STREAM) == 1
        waited_until = time.monotonic() + 3.0
        while time.monotonic() < waited_until:
            assert get_job(client, wide_id)["status"] == "started"
            time.sleep(0.1)
        worker = fleet.worker("late")
        job = finished(client, wide_id)
        assert job["status"] == "completed", job
        assert sum(results(client, wide_id)["histogram"].values()) == 100
    assert worker.process.poll() is None
    assert group_reads(queue) == 1
    assert holders(queue) == []
    assert queue.xlen(STREAM) == 0  # a done message is deleted


def test_a_killed_worker_s_job_fails_and_the_other_worker_carries_on(
    fleet: Fleet, queue: redis.Redis
) -> None:
    shared = fleet.shared_server()
    workers = {name: fleet.worker(name) for name in ("a", "b")}
    ready(shared)
    registered(queue, *workers.values())
    with api(shared) as client:
        job_id = submit(client, LONG_JOB)
        until(lambda: len(holders(queue)) == 1, "a worker took the long job")
        (held,) = holders(queue)
        name = held["consumer"]
        holder = workers[name]
        until(lambda: bool(simulations_of(holder)), "the long job's simulation started")
        # The heartbeat: the holder keeps resetting its message's idle time while it runs.
        time.sleep(4 * HEARTBEAT_S)
        (held,) = holders(queue)
        assert held["time_since_delivered"] < 3 * HEARTBEAT_S * 1000, held
        assert (held["consumer"], held["times_delivered"]) == (name, 1)
        assert get_job(client, job_id)["status"] == "started"

        orphans = simulations_of(holder)
        os.kill(holder.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        holder.process.wait(timeout=30)
        killed_at = time.monotonic()
        # Its simulation sees that the process it worked for is gone, and ends: it would
        # otherwise take a core for the minutes its run lasts.
        until(
            lambda: not any(map(running_process, orphans)),
            "the killed worker's simulation ended by itself",
        )

        job = finished(client, job_id, timeout_s=STALE_S + 30)
        took = time.monotonic() - killed_at
        assert job["status"] == "failed", job
        assert job["failure"]["code"] == "SimulationError", job
        assert LOST_WORKER in job["failure"]["message"], job
        # Reaped once its message went stale (its last beat came a beat or so before the
        # kill), not at once.
        assert took >= STALE_S - 3 * HEARTBEAT_S, took
        until(lambda: holders(queue) == [], "the lost message was acknowledged")

        (survivor,) = [worker for worker in workers.values() if worker is not holder]
        assert survivor.process.poll() is None
        after = submit(client, SHORT_WIDE)
        job = finished(client, after)
        assert job["status"] == "completed", job
    assert group_reads(queue) == 2


def test_a_cancel_reaches_the_worker_s_simulation(fleet: Fleet, queue: redis.Redis) -> None:
    shared = fleet.shared_server()
    worker = fleet.worker("only")
    ready(shared)
    registered(queue, worker)
    with api(shared) as client:
        job_id = submit(client, LONG_JOB)
        until(lambda: len(simulations_of(worker)) == 1, "the worker's simulation started")
        (running,) = simulations_of(worker)
        time.sleep(2 * HEARTBEAT_S)  # well into the run: its task read, its state built
        assert running in simulations_of(worker)
        assert [held["consumer"] for held in holders(queue)] == ["only"]
        assert get_job(client, job_id)["status"] == "started"

        answer = client.put(f"/jobs/{job_id}/status/cancel")
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"id": job_id, "status": "canceled"}
        took = until(
            lambda: running not in simulations_of(worker),
            "the canceled run's process was killed",
            timeout_s=SOON_S,
        )
        until(lambda: holders(queue) == [], "the worker let go of the canceled run", SOON_S)
        # Free again: its one simulation process runs the next wide job.
        after = submit(client, SHORT_WIDE)
        job = finished(client, after)
        assert job["status"] == "completed", job
        assert get_job(client, job_id)["status"] == "canceled"
    assert took < SOON_S
    assert worker.process.poll() is None
    assert group_reads(queue) == 2


def test_two_workers_share_the_circuits_of_a_batch(fleet: Fleet, queue: redis.Redis) -> None:
    shared = fleet.shared_server()
    workers = [fleet.worker(name) for name in ("a", "b")]
    ready(shared)
    registered(queue, *workers)
    # Two different wide circuits of a second or so each: each worker (one simulation
    # process) takes one, and holds it long enough to be seen holding it.
    circuits = [layered(qubits=20, layers=layers, shots=100)["input"] for layers in (6, 7)]
    body = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 100,
        "input": {
            "gateset": "qis",
            "qubits": 20,
            "circuits": [{"circuit": each["circuit"]} for each in circuits],
        },
    }
    seen: set[str] = set()
    with api(shared) as client:
        job_id = submit(client, body)

        def done() -> bool:
            seen.update(held["consumer"] for held in holders(queue))
            return get_job(client, job_id)["status"] in FINAL

        until(done, "the batch finished")
        job = get_job(client, job_id)
        assert job["status"] == "completed", job
        assert len(job["child_job_ids"]) == 2
        for child in job["child_job_ids"]:
            assert get_job(client, child)["status"] == "completed"
        answer = client.get(f"/jobs/{job_id}/results/probabilities/aggregated")
        assert answer.status_code == 200, answer.text
        assert list(answer.json()) == job["child_job_ids"]
    assert seen == {"a", "b"}
    assert group_reads(queue) == 2


@pytest.mark.parametrize(
    "store", [None, "sqlite:///x", "memory"], ids=["no store", "sqlite", "memory"]
)
def test_a_worker_needs_a_redis_store(store: str | None, tmp_path: Path) -> None:
    argv = [str(IONQ_MOCK), "worker", *(["--store", store] if store else [])]
    ended = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=clean_environment(),
        check=False,
    )
    assert ended.returncode == 2
    assert "--store redis://HOST:PORT/DB" in ended.stderr
    assert "Traceback" not in ended.stderr
    assert not (tmp_path / "x").exists()
