"""Jobs on the fake: the Bell round trip, and reads while a wide job simulates.

``round_trips`` times what an SDK does for a small job: POST /jobs with a
2-qubit Bell circuit, one GET /jobs/{id} (which must already say
`completed`: the fake runs small circuits before POST /jobs answers), and
GET .../results/probabilities, on one keep-alive httpx client. ``in_process``
runs it against the WSGI app through httpx's WSGI transport, ``over_socket``
against a running server.

``busy_reads`` starts the fake as `make serve` runs it, loads
GET /backends/qpu.aria-1 with wrk while idle, then submits a 24-qubit job
long enough to keep the simulator busy for every loaded run, checks it is
`started`, loads the same route again, checks the job is still `started`
(a loaded run the job did not cover is flagged, and its ratio is not
judged), and cancels it.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.client_bench import load_wsgi_app
from bench.load import LoadSettings, run_wrk
from bench.procmem import tree_cpu_seconds
from bench.servers import RunningServer, ServerSpec, launch
from bench.simulator import random_ops, to_ionq

KEY = {"Authorization": "apiKey bench"}
BELL_JOB: dict[str, Any] = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "shots": 100,
    "input": {
        "gateset": "qis",
        "qubits": 2,
        "circuit": [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
    },
}
# The ideal simulator answers the exact distribution: |00> and |11>, half each.
BELL_PROBABILITIES = {"0": 0.5, "3": 0.5}
READ_PATH = "/backends/qpu.aria-1"
FINISHED = frozenset({"completed", "failed", "canceled"})


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank q-th percentile (q in 0-100) of a non-empty sample."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class RoundTrip:
    """One Bell job: the seconds of each request, and what it got."""

    submit_s: float
    poll_s: float
    probabilities_s: float
    completed_on_first_poll: bool
    probabilities_ok: bool

    @property
    def total_s(self) -> float:
        """The whole round trip (including any extra polls)."""
        return self.submit_s + self.poll_s + self.probabilities_s


def _checked(response: httpx.Response, status: int) -> Any:
    if response.status_code != status:
        raise RuntimeError(
            f"{response.request.method} {response.request.url} answered "
            f"{response.status_code}, not {status}: {response.text[:300]}"
        )
    return response.json()


def bell_round_trip(client: httpx.Client, extra_poll_timeout_s: float = 5.0) -> RoundTrip:
    """Submit a Bell job, poll it once, read its probabilities.

    A job not `completed` on the first poll is counted and polled again
    (the time of those polls is part of the round trip).
    """
    t0 = time.perf_counter()
    job_id = _checked(client.post("/jobs", json=BELL_JOB, headers=KEY), 201)["id"]
    t1 = time.perf_counter()
    status = _checked(client.get(f"/jobs/{job_id}", headers=KEY), 200)["status"]
    first = status == "completed"
    deadline = time.perf_counter() + extra_poll_timeout_s
    while status not in FINISHED and time.perf_counter() < deadline:
        time.sleep(0.001)
        status = _checked(client.get(f"/jobs/{job_id}", headers=KEY), 200)["status"]
    t2 = time.perf_counter()
    if status != "completed":
        raise RuntimeError(f"Bell job {job_id} ended {status}, not completed")
    got = _checked(client.get(f"/jobs/{job_id}/results/probabilities", headers=KEY), 200)
    t3 = time.perf_counter()
    ok = set(got) == set(BELL_PROBABILITIES) and all(
        abs(float(got[k]) - p) < 1e-9 for k, p in BELL_PROBABILITIES.items()
    )
    return RoundTrip(t1 - t0, t2 - t1, t3 - t2, first, ok)


def summarize(target: str, trips: Sequence[RoundTrip], warmup: int) -> dict[str, Any]:
    """Median, p99 and the spread of the round trips, and the ones that went wrong."""

    def ms(values: Sequence[float], q: float | None = None) -> float:
        value = statistics.median(values) if q is None else percentile(values, q)
        return round(value * 1000, 3)

    totals = [t.total_s for t in trips]
    return {
        "target": target,
        "round_trips": len(trips),
        "warmup": warmup,
        "median_ms": ms(totals),
        "p99_ms": ms(totals, 99),
        "min_ms": ms(totals, 0),
        "max_ms": ms(totals, 100),
        "step_median_ms": {
            "submit": ms([t.submit_s for t in trips]),
            "poll": ms([t.poll_s for t in trips]),
            "probabilities": ms([t.probabilities_s for t in trips]),
        },
        "not_completed_on_first_poll": sum(not t.completed_on_first_poll for t in trips),
        "wrong_probabilities": sum(not t.probabilities_ok for t in trips),
    }


def round_trips(target: str, client: httpx.Client, count: int, warmup: int) -> dict[str, Any]:
    """`warmup` untimed round trips, then `count` timed ones, summarized."""
    for _ in range(warmup):
        bell_round_trip(client)
    return summarize(target, [bell_round_trip(client) for _ in range(count)], warmup)


def in_process(app_target: str, prefix: str, count: int = 300, warmup: int = 30) -> dict[str, Any]:
    """The round trips against the WSGI app, called in this process."""
    transport = httpx.WSGITransport(app=load_wsgi_app(app_target))
    with httpx.Client(transport=transport, base_url=f"http://fake{prefix}") as client:
        return {"app": app_target, **round_trips("in-process", client, count, warmup)}


def over_socket(base_url: str, count: int = 300, warmup: int = 30) -> dict[str, Any]:
    """The round trips against a running server, on one keep-alive connection."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        return {"url": base_url, **round_trips("socket", client, count, warmup)}


# -- reads while a wide job simulates ---------------------------------------------------


def wide_job(qubits: int, depth: int, seed: int = 2024) -> dict[str, Any]:
    """A random circuit (bench/simulator.py's layers) as an ideal-simulator job."""
    gates = to_ionq(random_ops(qubits, depth, seed))
    return {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "shots": 100,
        "name": f"bench {qubits} qubits, depth {depth}",
        "input": {"gateset": "qis", "qubits": qubits, "circuit": gates},
    }


def busy_depth(seconds_needed: float, seconds_per_layer: float | None, fallback: int = 200) -> int:
    """Layers that keep the simulator busy for `seconds_needed`, with margin.

    `seconds_per_layer` comes from the engine comparison at the same width
    (ours, alone on the machine); under load the job runs slower still, so
    twice the need is plenty. Without a calibration, `fallback`.
    """
    if not seconds_per_layer or seconds_per_layer <= 0:
        return fallback
    return max(4, math.ceil(2 * seconds_needed / seconds_per_layer))


def _parse_instant(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def covered(status: str, completed_at: str | None, run_ended: dt.datetime) -> bool:
    """Whether the job simulated for the whole wrk run that ended at `run_ended`.

    Still `started` is covered; `completed` within 0.5 s of the end is
    "just finished" and still counts; anything else did not cover the run.
    """
    if status == "started":
        return True
    finished = _parse_instant(completed_at)
    return (
        status == "completed"
        and finished is not None
        and finished >= run_ended - dt.timedelta(seconds=0.5)
    )


def wait_for_status(
    client: httpx.Client, job_id: str, wanted: str, timeout_s: float = 30.0
) -> dict[str, Any]:
    """Poll GET /jobs/{id} until it shows `wanted` (or it finishes, or time runs out)."""
    deadline = time.perf_counter() + timeout_s
    while True:
        job: dict[str, Any] = _checked(client.get(f"/jobs/{job_id}", headers=KEY), 200)
        if job["status"] == wanted or job["status"] in FINISHED:
            return job
        if time.perf_counter() > deadline:
            return job
        time.sleep(0.05)


def _wrk_settings(base: LoadSettings, connections: int) -> LoadSettings:
    return LoadSettings(base.duration_s, connections, min(base.threads, connections))


def _load(server: RunningServer, settings: LoadSettings) -> dict[str, Any]:
    cpu_before = tree_cpu_seconds(server.pid)
    figures = run_wrk(server.url(READ_PATH), settings).as_dict()
    figures["server_cpu_s"] = round(tree_cpu_seconds(server.pid) - cpu_before, 2)
    return figures


def p99_ratio(loaded: float | None, idle: float | None) -> float | None:
    """loaded / idle p99, or None when either is missing or idle is zero."""
    if loaded is None or not idle:
        return None
    return round(loaded / idle, 3)


def busy_reads(  # noqa: PLR0913 - the settings of one measurement, all keyword-only
    spec: ServerSpec,
    log_dir: Path,
    *,
    settings: LoadSettings,
    connections: Sequence[int] = (32,),
    warmup_s: float = 2.0,
    qubits: int = 24,
    depth: int = 200,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> dict[str, Any]:
    """p99 of GET /backends/qpu.aria-1 idle, then while a `qubits`-wide job simulates."""
    with launch(spec, log_dir) as server:
        server.wait_ready(READ_PATH)
        base_url = f"http://{server.host}:{server.port}{spec.prefix}"
        if warmup_s > 0:
            run_wrk(server.url(READ_PATH), LoadSettings(warmup_s, max(connections)))
        idle = {c: _load(server, _wrk_settings(settings, c)) for c in connections}
        with httpx.Client(base_url=base_url, timeout=30) as client:
            body = wide_job(qubits, depth)
            submitted = time.perf_counter()
            job_id = _checked(client.post("/jobs", json=body, headers=KEY), 201)["id"]
            before = wait_for_status(client, job_id, "started")
            started_after_s = time.perf_counter() - submitted
            loaded: dict[int, dict[str, Any]] = {}
            after: dict[int, dict[str, Any]] = {}
            for c in connections:
                loaded[c] = _load(server, _wrk_settings(settings, c))
                ended = clock()
                job = _checked(client.get(f"/jobs/{job_id}", headers=KEY), 200)
                after[c] = {
                    "status": job["status"],
                    "covered": before["status"] == "started"
                    and covered(job["status"], job["completed_at"], ended),
                }
            final = _checked(client.get(f"/jobs/{job_id}", headers=KEY), 200)
            if final["status"] not in FINISHED:
                client.put(f"/jobs/{job_id}/status/cancel", headers=KEY)
    runs = []
    for c in connections:
        judged = after[c]["covered"]
        runs.append({
            "connections": c,
            "threads": _wrk_settings(settings, c).threads,
            "idle": idle[c],
            "loaded": loaded[c],
            "job_status_after": after[c]["status"],
            "job_covered_run": judged,
            "p99_ratio": p99_ratio(loaded[c]["p99_ms"], idle[c]["p99_ms"]) if judged else None,
        })  # fmt: skip
    return {
        "path": READ_PATH,
        "duration_s": settings.duration_s,
        "job": {
            "qubits": qubits,
            "depth": depth,
            "gates": len(body["input"]["circuit"]),
            "status_before": before["status"],
            "started_after_s": round(started_after_s, 3),
            "status_at_end": final["status"],
            "canceled_after": final["status"] not in FINISHED,
        },
        "runs": runs,
    }
