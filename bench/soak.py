"""A soak: many clients with many keys on one fake, for a minute, and nothing lost or leaked.

The fake as `make bench` starts it, on a socket. `connections` worker
threads, each with one keep-alive connection (http.client: a third of
httpx's CPU per request, so that the client leaves the two cores to the
server) and one of `keys` API keys, run a seeded random loop until the time
is up: submit a small job (a Bell pair or a random circuit of up to 5 qubits,
on `simulator` or a QPU, some of several circuits, some dry runs), poll it,
read its results (probabilities, histogram, shots; a batch's aggregated
probabilities), list the key's jobs (and the next page), cancel a finished
one (nothing changes), delete some, clone some, and try another key's job
ids, every one of which must answer 404.

Every answer's status is counted; a 5xx or a transport error is an error,
any other status the request did not expect is reported apart. At the end,
every job a key created and did not delete must still answer 200 to it,
except those the fake may have forgotten: it keeps 10,000 top-level jobs and
evicts the oldest finished ones (mock_server/api/jobs/memory.py), a bound
that `ionq-mock serve` cannot change. So a job is judged only when fewer
than 10,000 - `margin` jobs were created after it (counting the ones deleted
since): no eviction can have reached it. The older ones are counted as
evicted or still kept, from the admin API's list of every job. Memory is the
server's process tree's RSS (bench/procmem.py), sampled every second.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import statistics
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.jobs import READ_PATH, percentile
from bench.procmem import PeakSampler, TreeSample, tree_cpu_seconds
from bench.servers import ServerSpec, launch
from mock_server.api.jobs.memory import DEFAULT_MAX_JOBS

MB = 2**20
QPU_BACKEND = "qpu.aria-1"
# How many of its own recent jobs a worker picks from (the oldest may be evicted).
RECENT = 40
# How many of a key's job ids the others pick from to read across keys.
FOREIGN = 200
# Single-qubit gates of the random circuits (rotations take a random angle).
ONE_QUBIT = ("h", "x", "y", "z", "s", "t")
ROTATIONS = ("rx", "ry", "rz")
# What a worker does next, and how often (weights).
ACTIONS: dict[str, int] = {
    "submit": 24,
    "poll": 14,
    "results": 20,
    "list": 8,
    "cancel": 4,
    "delete": 8,
    "clone": 6,
    "cross-key": 16,
}
# The kinds of job a submit makes, and how often.
KINDS: dict[str, int] = {"bell": 30, "random": 25, "random-qpu": 20, "multi": 15, "dry-run": 10}


@dataclass(frozen=True)
class SoakSettings:
    """How long, how many connections and keys, which seed."""

    seconds: float = 60.0
    connections: int = 16
    keys: int = 8
    seed: int = 2024
    max_jobs: int = DEFAULT_MAX_JOBS

    @property
    def margin(self) -> int:
        """Jobs of slack under the eviction bound: the order in which the client saw
        jobs created differs from the server's by at most the requests in flight."""
        return max(500, 10 * self.connections)


# -- job bodies -------------------------------------------------------------------------


def bell_circuit() -> list[dict[str, Any]]:
    """H then CNOT: the Bell pair."""
    return [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]


def random_circuit(rng: random.Random, qubits: int, gates: int) -> list[dict[str, Any]]:
    """`gates` random gates on `qubits` qubits: fixed gates, rotations, CNOTs."""
    circuit: list[dict[str, Any]] = []
    for _ in range(gates):
        target = rng.randrange(qubits)
        roll = rng.random()
        if roll < 0.4:
            circuit.append({"gate": rng.choice(ONE_QUBIT), "target": target})
        elif roll < 0.7 or qubits == 1:
            angle = round(rng.uniform(-math.pi, math.pi), 6)
            circuit.append({"gate": rng.choice(ROTATIONS), "target": target, "rotation": angle})
        else:
            control = (target + 1 + rng.randrange(qubits - 1)) % qubits
            circuit.append({"gate": "cnot", "control": control, "target": target})
    return circuit


def job_body(kind: str, rng: random.Random) -> dict[str, Any]:
    """A small job of `kind` (one of KINDS)."""
    body: dict[str, Any] = {"type": "ionq.circuit.v1", "backend": "simulator", "shots": 100}
    if kind == "bell":
        body["input"] = {"gateset": "qis", "qubits": 2, "circuit": bell_circuit()}
    elif kind in ("random", "random-qpu", "dry-run"):
        qubits = rng.randint(2, 5)
        circuit = random_circuit(rng, qubits, rng.randint(4, 16))
        body["input"] = {"gateset": "qis", "qubits": qubits, "circuit": circuit}
        if kind == "random-qpu":
            body["backend"] = QPU_BACKEND
            body["shots"] = rng.choice((100, 500))
        if kind == "dry-run":
            body["dry_run"] = True
    elif kind == "multi":
        qubits = rng.randint(2, 4)
        circuits = [
            {"name": f"c{i}", "circuit": random_circuit(rng, qubits, rng.randint(2, 8))}
            for i in range(rng.randint(2, 3))
        ]
        body["type"] = "ionq.multi-circuit.v1"
        body["input"] = {"gateset": "qis", "qubits": qubits, "circuits": circuits}
    else:
        raise ValueError(f"no job of kind {kind!r}")
    body["name"] = f"soak {kind}"
    return body


def result_paths(kind: str) -> tuple[str, ...]:
    """The results a completed job of `kind` has (none for a dry run)."""
    if kind == "dry-run":
        return ()
    if kind == "multi":
        return ("probabilities/aggregated",)
    return ("probabilities", "histogram", "shots")


# -- bookkeeping ------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedJob:
    """A job the soak made: its place in the order the client saw them made, key, id, kind."""

    index: int
    key: str
    job_id: str
    kind: str


class Ledger:
    """Every job created and deleted, by every worker; thread-safe."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._lock = threading.Lock()
        self.created: list[CreatedJob] = []
        self.deleted: set[str] = set()
        self.foreign: dict[str, deque[str]] = {key: deque(maxlen=FOREIGN) for key in keys}

    def create(self, key: str, job_id: str, kind: str) -> CreatedJob:
        """Note a job made (answered 201) by `key`."""
        with self._lock:
            job = CreatedJob(len(self.created), key, job_id, kind)
            self.created.append(job)
            self.foreign[key].append(job_id)
            return job

    def delete(self, job_id: str) -> None:
        """Note a job its key deleted (answered 200)."""
        with self._lock:
            self.deleted.add(job_id)

    def someone_elses(self, key: str, rng: random.Random) -> str | None:
        """A job id of another key than `key` (None before any exists)."""
        with self._lock:
            others = [k for k, ids in self.foreign.items() if k != key and ids]
            if not others:
                return None
            ids = self.foreign[rng.choice(others)]
            return ids[rng.randrange(len(ids))]


def first_judged(created: int, max_jobs: int, margin: int) -> int:
    """The index of the oldest job no eviction can have reached.

    The fake forgets a job only when it holds more than `max_jobs` top-level
    jobs and that one is the oldest finished; so a job after which fewer
    than `max_jobs - margin` were created (deleted ones included) is kept.
    """
    return max(0, created - max(0, max_jobs - margin))


@dataclass(frozen=True)
class JobAccount:
    """Where the created jobs ended up."""

    created: int
    deleted: int
    judged: int  # not deleted and out of eviction's reach: each must answer 200
    answered_200: int
    lost: int  # judged, and answered anything but 200 (or nothing) to its key
    lost_examples: tuple[str, ...]
    older_kept: int | None  # not judged, still held by the fake (None: not known)
    evicted: int | None  # not judged, not deleted, no longer held
    deleted_still_held: int | None  # deleted by its key, yet still in the fake's list

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {**self.__dict__, "lost_examples": list(self.lost_examples)}


def account(  # noqa: PLR0913 - the inputs of one verdict, all keyword-only
    *,
    created: Sequence[CreatedJob],
    deleted: set[str],
    answers: Mapping[str, int],
    held: set[str] | None,
    max_jobs: int,
    margin: int,
) -> JobAccount:
    """Classify every created job from the final answers (`answers`: id -> status of
    GET /jobs/{id} with its key, for the judged ones; a missing id got no answer) and
    `held`, the ids the admin API lists at the end (None if it could not be read)."""
    start = first_judged(len(created), max_jobs, margin)
    judged = [job for job in created[start:] if job.job_id not in deleted]
    lost = [job.job_id for job in judged if answers.get(job.job_id) != 200]
    older = [job for job in created[:start] if job.job_id not in deleted]
    older_kept = evicted = deleted_held = None
    if held is not None:
        older_kept = sum(job.job_id in held for job in older)
        evicted = len(older) - older_kept
        deleted_held = len(deleted & held)
    return JobAccount(
        created=len(created),
        deleted=len(deleted),
        judged=len(judged),
        answered_200=len(judged) - len(lost),
        lost=len(lost),
        lost_examples=tuple(lost[:5]),
        older_kept=older_kept,
        evicted=evicted,
        deleted_still_held=deleted_held,
    )


@dataclass
class Tally:
    """What one worker saw: statuses, errors, latencies, cross-key answers."""

    statuses: Counter[int] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0  # 5xx
    transport_errors: int = 0
    unexpected: Counter[str] = field(default_factory=Counter)  # "action status", not 5xx
    cross_key: int = 0
    cross_key_not_404: int = 0
    cross_key_examples: list[str] = field(default_factory=list)
    not_completed_on_first_poll: int = 0
    latencies_s: list[float] = field(default_factory=list)
    client_exceptions: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        """Requests that got an answer or failed in transport."""
        return sum(self.statuses.values()) + self.transport_errors

    def merge(self, other: Tally) -> None:
        """Add `other`'s counts to these."""
        self.statuses.update(other.statuses)
        self.by_action.update(other.by_action)
        self.kinds.update(other.kinds)
        self.server_errors += other.server_errors
        self.transport_errors += other.transport_errors
        self.unexpected.update(other.unexpected)
        self.cross_key += other.cross_key
        self.cross_key_not_404 += other.cross_key_not_404
        self.cross_key_examples.extend(other.cross_key_examples[: 5 - len(self.cross_key_examples)])
        self.not_completed_on_first_poll += other.not_completed_on_first_poll
        self.latencies_s.extend(other.latencies_s)
        self.client_exceptions.update(other.client_exceptions)


def merged(tallies: Iterable[Tally]) -> Tally:
    """One tally of them all."""
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    return total


def summarize(tally: Tally, seconds: float) -> dict[str, Any]:
    """The JSON figures of the workload's tally."""
    lat = tally.latencies_s

    def ms(q: float) -> float | None:
        return round(percentile(lat, q) * 1000, 3) if lat else None

    return {
        "requests": tally.requests,
        "requests_per_s": round(tally.requests / seconds, 1) if seconds else None,
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "by_action": dict(sorted(tally.by_action.items())),
        "jobs_by_kind": dict(sorted(tally.kinds.items())),
        "server_errors": tally.server_errors,
        "transport_errors": tally.transport_errors,
        "errors": tally.server_errors + tally.transport_errors,
        "unexpected_statuses": dict(sorted(tally.unexpected.items())),
        "cross_key_requests": tally.cross_key,
        "cross_key_not_404": tally.cross_key_not_404,
        "cross_key_examples": tally.cross_key_examples,
        "not_completed_on_first_poll": tally.not_completed_on_first_poll,
        "client_exceptions": dict(tally.client_exceptions),
        "p50_ms": ms(50),
        "p99_ms": ms(99),
        "max_ms": ms(100),
        "mean_ms": round(statistics.fmean(lat) * 1000, 3) if lat else None,
    }


# -- the clients ------------------------------------------------------------------------


class TransportError(Exception):
    """No answer: the connection failed, was closed or timed out."""


class Connection:
    """One keep-alive HTTP/1.1 connection that reconnects after a failure."""

    def __init__(self, host: str, port: int, timeout_s: float = 30.0) -> None:
        self._host, self._port, self._timeout_s = host, port, timeout_s
        self._conn = http.client.HTTPConnection(host, port, timeout=timeout_s)

    def request(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None = None
    ) -> tuple[int, bytes]:
        """The status and body of one request; TransportError if there is none."""
        try:
            self._conn.request(method, path, body=body, headers=dict(headers))
            response = self._conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException) as exc:
            self._conn.close()
            self._conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout_s)
            raise TransportError(str(exc)) from exc

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


@dataclass
class Mine:
    """A job of this worker's: id, kind, whether it was seen completed."""

    job_id: str
    kind: str
    completed: bool = False


def _weighted(rng: random.Random, weights: Mapping[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Worker:
    """One connection, one key, a seeded random loop of job requests."""

    def __init__(  # noqa: PLR0913 - one worker's whole context
        self,
        conn: Connection,
        *,
        prefix: str,
        key: str,
        ledger: Ledger,
        rng: random.Random,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.conn = conn
        self.prefix = prefix
        self.key = key
        self.headers = {"Authorization": f"apiKey {key}", "Content-Type": "application/json"}
        self.ledger = ledger
        self.rng = rng
        self.clock = clock
        self.tally = Tally()
        self.mine: deque[Mine] = deque(maxlen=RECENT)

    def call(
        self, action: str, method: str, path: str, expected: int, body: Any = None
    ) -> tuple[int, bytes] | None:
        """One request, counted; None on a transport error."""
        data = None if body is None else json.dumps(body).encode()
        started = self.clock()
        try:
            status, answer = self.conn.request(method, self.prefix + path, self.headers, data)
        except TransportError:
            self.tally.transport_errors += 1
            return None
        finally:
            self.tally.latencies_s.append(self.clock() - started)
            self.tally.by_action[action] += 1
        self.tally.statuses[status] += 1
        if status >= 500:
            self.tally.server_errors += 1
        elif status != expected:
            self.tally.unexpected[f"{action} {status}"] += 1
        return status, answer

    def run(self, deadline: float) -> Tally:
        """Loop until `deadline` (on the worker's clock)."""
        while self.clock() < deadline:
            action = _weighted(self.rng, ACTIONS)
            try:
                self.step(action)
            except (ValueError, KeyError, TypeError) as exc:  # an answer not as documented
                self.tally.client_exceptions[f"{action}: {type(exc).__name__}"] += 1
        return self.tally

    def _pick(self) -> Mine | None:
        return self.mine[self.rng.randrange(len(self.mine))] if self.mine else None

    def step(self, action: str) -> None:
        """Do one `action` of ACTIONS (a no-op when it needs a job and there is none yet)."""
        needs_a_job = action not in ("list", "cross-key")
        if action == "submit" or (needs_a_job and not self.mine):
            self.submit(_weighted(self.rng, KINDS))
        elif action == "list":
            self.list_jobs()
        elif action == "cross-key":
            self.cross_key()
        else:
            job = self._pick()
            if job is not None:
                getattr(self, action.replace("-", "_"))(job)

    def _created(self, answer: bytes, kind: str) -> None:
        job_id = json.loads(answer)["id"]
        self.ledger.create(self.key, job_id, kind)
        self.tally.kinds[kind] += 1
        mine = Mine(job_id, kind)
        self.mine.append(mine)
        self.poll(mine, first=True)

    def submit(self, kind: str) -> None:
        """POST /jobs, then the first poll."""
        got = self.call("submit", "POST", "/jobs", 201, job_body(kind, self.rng))
        if got is not None and got[0] == 201:
            self._created(got[1], kind)

    def poll(self, job: Mine, *, first: bool = False) -> None:
        """GET /jobs/{id}: note whether it has completed."""
        got = self.call("poll", "GET", f"/jobs/{job.job_id}", 200)
        if got is not None and got[0] == 200:
            job.completed = json.loads(got[1])["status"] == "completed"
            if first and not job.completed:
                self.tally.not_completed_on_first_poll += 1

    def results(self, job: Mine) -> None:
        """One of the job's results, when it has completed."""
        paths = result_paths(job.kind)
        if not job.completed or not paths:
            self.poll(job)
            return
        self.call("results", "GET", f"/jobs/{job.job_id}/results/{self.rng.choice(paths)}", 200)

    def list_jobs(self) -> None:
        """GET /jobs, sometimes filtered, and now and then the next page."""
        query = f"?limit={self.rng.choice((5, 10, 25))}"
        if self.rng.random() < 0.3:
            query += "&status=completed"
        got = self.call("list", "GET", f"/jobs{query}", 200)
        if got is not None and got[0] == 200 and self.rng.random() < 0.3:
            cursor = json.loads(got[1]).get("next")
            if cursor:
                self.call("list", "GET", f"/jobs{query}&next={cursor}", 200)

    def cancel(self, job: Mine) -> None:
        """PUT .../status/cancel: a finished job stays as it was (200)."""
        self.call("cancel", "PUT", f"/jobs/{job.job_id}/status/cancel", 200)

    def delete(self, job: Mine) -> None:
        """DELETE /jobs/{id}; the job is noted deleted and no longer picked."""
        got = self.call("delete", "DELETE", f"/jobs/{job.job_id}", 200)
        if got is not None and got[0] == 200:
            self.ledger.delete(job.job_id)
            self.mine.remove(job)

    def clone(self, job: Mine) -> None:
        """POST /jobs/{id}/clone: a new job of the same kind."""
        got = self.call("clone", "POST", f"/jobs/{job.job_id}/clone", 201)
        if got is not None and got[0] == 201:
            self._created(got[1], job.kind)

    def cross_key(self) -> None:
        """Read, cancel, delete or clone another key's job: 404, always."""
        job_id = self.ledger.someone_elses(self.key, self.rng)
        if job_id is None:
            return
        method, path = self.rng.choice((
            ("GET", f"/jobs/{job_id}"),
            ("GET", f"/jobs/{job_id}"),
            ("GET", f"/jobs/{job_id}/results/probabilities"),
            ("GET", f"/jobs/{job_id}/cost"),
            ("PUT", f"/jobs/{job_id}/status/cancel"),
            ("DELETE", f"/jobs/{job_id}"),
            ("POST", f"/jobs/{job_id}/clone"),
        ))  # fmt: skip
        got = self.call("cross-key", method, path, 404)
        self.tally.cross_key += 1
        if got is not None and got[0] != 404:
            self.tally.cross_key_not_404 += 1
            if len(self.tally.cross_key_examples) < 5:
                self.tally.cross_key_examples.append(f"{method} {path} -> {got[0]}")


# -- memory while it runs ------------------------------------------------------------------


class MemorySeries(PeakSampler):
    """A PeakSampler that also keeps each sample: (seconds since the start, RSS in MB)."""

    def __init__(self, root: int, interval_s: float = 1.0) -> None:
        super().__init__(root, interval_s)
        self.series: list[tuple[float, float]] = []
        self._started = time.perf_counter()

    def sample_once(self) -> TreeSample:
        """Take one sample now, and keep it in the series."""
        sample = super().sample_once()
        seconds = round(time.perf_counter() - self._started, 1)
        self.series.append((seconds, round(sample.rss_bytes / MB, 1)))
        return sample

    def sample(self) -> float:
        """Take one sample now; its RSS in MB."""
        return self.sample_once().rss_bytes / MB

    def __enter__(self) -> MemorySeries:
        self.sample_once()  # the series starts before the thread's first sample
        super().__enter__()
        return self


def thin(series: Sequence[tuple[float, float]], points: int = 30) -> list[tuple[float, float]]:
    """At most about `points` evenly spaced samples of `series`, its last always kept."""
    if len(series) <= points:
        return list(series)
    step = math.ceil(len(series) / points)
    kept = list(series[::step])
    if kept[-1] != series[-1]:
        kept.append(series[-1])
    return kept


# -- the run ------------------------------------------------------------------------------


def _in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    results: list[Any] = [None] * count

    def each(i: int) -> None:
        results[i] = work(i)

    threads = [threading.Thread(target=each, args=(i,), name=f"soak-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def final_answers(
    host: str, port: int, prefix: str, jobs: Sequence[CreatedJob], connections: int
) -> tuple[dict[str, int], Tally]:
    """GET /jobs/{id} with its key, for each of `jobs`, on `connections` connections."""
    answers: dict[str, int] = {}
    tallies = []

    def check(i: int) -> None:
        conn = Connection(host, port)
        tally = Tally()
        tallies.append(tally)
        try:
            for job in jobs[i::connections]:
                headers = {"Authorization": f"apiKey {job.key}"}
                try:
                    status, _ = conn.request("GET", f"{prefix}/jobs/{job.job_id}", headers)
                except TransportError:
                    tally.transport_errors += 1
                    continue
                tally.statuses[status] += 1
                tally.server_errors += status >= 500
                answers[job.job_id] = status
        finally:
            conn.close()

    _in_threads(connections, check)
    return answers, merged(tallies)


def held_ids(host: str, port: int) -> set[str] | None:
    """The ids of every job the fake holds (admin API), or None if it would not say."""
    conn = Connection(host, port, timeout_s=60)
    try:
        status, answer = conn.request("GET", "/__admin/jobs", {})
    except TransportError:
        return None
    finally:
        conn.close()
    if status != 200:
        return None
    return {job["id"] for job in json.loads(answer)}


def run_soak(spec: ServerSpec, log_dir: Path, settings: SoakSettings) -> dict[str, Any]:
    """The soak against a fresh fake; every figure of it."""
    keys = [f"soak-key-{i}" for i in range(settings.keys)]
    ledger = Ledger(keys)
    with launch(spec, log_dir) as server:
        server.wait_ready(READ_PATH)
        conns = [Connection(server.host, server.port) for _ in range(settings.connections)]
        workers = [
            Worker(
                conns[i],
                prefix=spec.prefix,
                key=keys[i % len(keys)],
                ledger=ledger,
                # Seeded, so a run can be repeated; not a secret.
                rng=random.Random(settings.seed * 1000 + i),  # noqa: S311
            )
            for i in range(settings.connections)
        ]
        with MemorySeries(server.pid) as memory:
            start_mb = memory.series[0][1]
            server_cpu = tree_cpu_seconds(server.pid)
            client_cpu = time.process_time()
            started = time.perf_counter()
            deadline = started + settings.seconds
            tallies = _in_threads(len(workers), lambda i: workers[i].run(deadline))
            elapsed = time.perf_counter() - started
            client_cpu = time.process_time() - client_cpu
            server_cpu = tree_cpu_seconds(server.pid) - server_cpu
            end_mb = memory.sample()
            workload_samples = len(memory.series)
            for conn in conns:
                conn.close()
            workload = merged(tallies)
            created = list(ledger.created)
            start = first_judged(len(created), settings.max_jobs, settings.margin)
            judged = [job for job in created[start:] if job.job_id not in ledger.deleted]
            check_started = time.perf_counter()
            answers, final = final_answers(
                server.host, server.port, spec.prefix, judged, settings.connections
            )
            held = held_ids(server.host, server.port)
            check_s = time.perf_counter() - check_started
        peak_mb = max(mb for _, mb in memory.series[:workload_samples])
    after_check_mb = memory.series[-1][1]
    jobs = account(
        created=created,
        deleted=ledger.deleted,
        answers=answers,
        held=held,
        max_jobs=settings.max_jobs,
        margin=settings.margin,
    )
    figures = summarize(workload, elapsed)
    requests = figures["requests"]
    return {
        "seconds": settings.seconds,
        "elapsed_s": round(elapsed, 1),
        "connections": settings.connections,
        "keys": settings.keys,
        "seed": settings.seed,
        "eviction": {"max_jobs": settings.max_jobs, "margin": settings.margin},
        "workload": figures,
        "final_check": {
            "seconds": round(check_s, 1),
            "requests": final.requests,
            "statuses": {str(k): v for k, v in sorted(final.statuses.items())},
            "server_errors": final.server_errors,
            "transport_errors": final.transport_errors,
        },
        "errors": figures["errors"] + final.server_errors + final.transport_errors,
        "jobs": jobs.as_dict(),
        "memory": {
            "start_mb": round(start_mb, 1),
            "end_mb": round(end_mb, 1),
            "peak_mb": round(peak_mb, 1),
            # After the final check, which lists every job through the admin API.
            "after_check_mb": after_check_mb,
            "series_mb": thin(memory.series),
        },
        "cpu": {
            "server_s": round(server_cpu, 1),
            "client_s": round(client_cpu, 1),
            "server_us_per_request": round(server_cpu / requests * 1e6) if requests else None,
            "client_us_per_request": round(client_cpu / requests * 1e6) if requests else None,
        },
    }
