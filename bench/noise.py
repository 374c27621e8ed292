"""Noisy jobs: the fake's trajectories against qiskit-aer, on IonQ's aria-1 noise model.

A job on `simulator` with `noise: {"model": "aria-1", "seed": 7}` runs a
one-qubit depolarizing channel after every one-qubit gate and a two-qubit one
after every two-qubit gate, at the rates mock_server/api/fixtures/noise-models.json
gives (read from there, so the bench follows the data file). qiskit-aer runs
the same circuit with `depolarizing_error(r1, 1)` on rx, ry, rz and h and
`depolarizing_error(r2, 2)` on cx (its parameter is IonQ's rate), as
`AerSimulator(method="statevector", noise_model=...)` with its defaults: all
cores, shots in parallel or the state update in parallel as it decides (the
figures record which). Its circuit is transpiled at optimization_level=0,
untimed; `run(...).result()` is timed.

Every engine runs in a fresh subprocess of its own (`child`): a 2-qubit noisy
warm-up, then the timed run, then its peak RSS (VmHWM). Ours is
`mock_server.simulator.run_circuit(..., noise=...)` alone (parsing untimed),
with the BLAS threads `ionq-mock serve` gives the simulator (one), and on the
12-qubit case (elsewhere with --noise-all-cores) also with one per core: on
a shared 2-core machine that second thread made it 4 to 13 times slower.
Three cases (`CASES`):

- **goal**: 12 qubits, 11 layers of bench/simulator.py's random circuit
  (rx/ry/rz on every qubit, CNOTs on a random pairing; 198 gates, seed
  2024), 1,000 shots. Also through the API: a fresh fake as `make serve`
  runs it, one untimed noisy 2-qubit job first (numpy loads with the first
  job), then each job timed from POST /jobs to GET .../results/probabilities
  answered, polling GET /jobs/{id} every POLL_S. `repeats` rounds of the
  API job and each engine in turn; medians. The API's probabilities must
  equal run_circuit's (same seed: the same draws).
- **wide**: 20 qubits, 3 layers (90 gates), 1,000 shots: ours and aer once.
- **widest**: GHZ on 25 qubits (h and 24 CNOTs in a chain), aria-1's widest
  circuit, 100 shots: ours only, with the fake's BLAS threads (aer when
  asked: it needs about 10 s a shot there).

`python -m bench --only-noise` runs just this; `python -m bench.noise child
ENGINE CASE` is one engine's subprocess (its JSON on stdout).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from bench.servers import ServerSpec, launch
from bench.simulator import Ops, random_ops, to_ionq
from mock_server.api.jobs.noise import Rates, load_noise_models
from mock_server.cli import BLAS_THREADS_ENV
from mock_server.simulator import Circuit, NoiseModel, Result, parse_circuit, run_circuit
from mock_server.simulator.noise.model import locations
from mock_server.simulator.noise.trajectories import draw_patterns, expected_trajectories

__all__ = [
    "CASES",
    "NoiseCase",
    "aer_noise_model",
    "aer_run",
    "ghz_ops",
    "measure",
    "ours_run",
]

MODEL = "aria-1"
CIRCUIT_SEED = 2024
NOISE_SEED = 7
POLL_S = 0.01
CHILD_TIMEOUT_S = 1800.0
KEY = {"Authorization": "apiKey bench"}
READY_PATH = "/backends/qpu.aria-1"
ONE_QUBIT_GATES = ("rx", "ry", "rz", "h")
MB = 2**20


@dataclass(frozen=True)
class NoiseCase:
    """One circuit of the section: which, how wide, how many shots, who runs it and how."""

    name: str
    kind: str  # "random" (bench/simulator.py's layers) or "ghz"
    qubits: int
    depth: int  # layers of a random circuit; ignored for ghz
    shots: int
    engines: tuple[str, ...] = ("ours", "aer")  # each in its own subprocess
    api: bool = False  # also through the API, the engines taking turns with it (`repeats` rounds)

    def ops(self) -> Ops:
        """The circuit, the same for every engine."""
        if self.kind == "ghz":
            return ghz_ops(self.qubits)
        return random_ops(self.qubits, self.depth, CIRCUIT_SEED)


CASES = {
    "goal": NoiseCase("goal", "random", 12, 11, 1000, ("ours", "ours_all_cores", "aer"), api=True),
    # aer took 640 s of it (load 4-5; ours 36 s): the longest run of the section.
    "wide": NoiseCase("wide", "random", 20, 3, 1000),
    # aer took 54 s for 5 shots of it (2 cores, load 2.6): 100 shots would be some 18 minutes.
    "widest": NoiseCase("widest", "ghz", 25, 0, 100, engines=("ours",)),
}
# `--noise-quick`: the same section at sizes that take seconds (a smoke test, not figures).
QUICK: dict[str, dict[str, Any]] = {
    "goal": {"qubits": 8, "depth": 4, "shots": 200},
    "wide": {"qubits": 12, "depth": 2, "shots": 200},
    "widest": {"qubits": 14, "shots": 100},
}


def ghz_ops(qubits: int) -> Ops:
    """H on qubit 0, then CNOTs down the chain: GHZ on `qubits` qubits."""
    return [("h", (0,), 0.0)] + [("cx", (q, q + 1), 0.0) for q in range(qubits - 1)]


def ionq_gates(ops: Ops) -> list[dict[str, Any]]:
    """The circuit as a job's `input.circuit` (bench/simulator.py's spelling, plus h)."""
    gates: list[dict[str, Any]] = []
    for op in ops:
        name, qubits, _angle = op
        gates.extend([{"gate": "h", "targets": [qubits[0]]}] if name == "h" else to_ionq([op]))
    return gates


def aria_rates() -> Rates:
    """IonQ's aria-1 model as the fake's data file gives it."""
    rates = load_noise_models().get(MODEL)
    if rates is None:
        raise RuntimeError(f"noise model {MODEL} is not in the fake's data file")
    return rates


def noisy_job(ops: Ops, qubits: int, shots: int, name: str) -> dict[str, Any]:
    """A simulator job with the aria-1 model and a fixed noise seed."""
    return {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "shots": shots,
        "name": name,
        "noise": {"model": MODEL, "seed": NOISE_SEED},
        "input": {"gateset": "qis", "qubits": qubits, "circuit": ionq_gates(ops)},
    }


def _parsed(ops: Ops, qubits: int) -> Circuit:
    return parse_circuit(gateset="qis", qubits=qubits, gates=ionq_gates(ops))


def trajectories(circuit: Circuit, model: NoiseModel, shots: int, seed: int) -> int:
    """How many distinct error patterns the run simulates (the sampler's first draws, replayed)."""
    import numpy as np  # noqa: PLC0415 - as the simulator, loaded with the first run

    patterns = draw_patterns(locations(circuit, model), shots, np.random.default_rng(seed))
    return len(set(patterns) - {()})


# -- ours ----------------------------------------------------------------------------------


def ours_run(ops: Ops, qubits: int, shots: int) -> Callable[[], Result]:
    """run_circuit on the circuit with aria-1's model (parsing is not timed)."""
    circuit = _parsed(ops, qubits)
    model = aria_rates().model()
    return lambda: run_circuit(circuit, shots=shots, seed=NOISE_SEED, noise=model)


def result_probabilities(result: Result) -> dict[str, float]:
    """A Result as GET .../results/probabilities serves it."""
    return {
        str(int(state)): float(p)
        for state, p in zip(result.states, result.probabilities, strict=True)
        if p > 0
    }


def same_probabilities(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    """The same states with the same probabilities (to float rounding)."""
    return a.keys() == b.keys() and all(abs(a[k] - b[k]) < 1e-12 for k in a)


# -- aer -----------------------------------------------------------------------------------


def aer_noise_model() -> Any:
    """aria-1 as a qiskit-aer NoiseModel: depolarizing_error(r1, 1) on rx, ry, rz and h,
    depolarizing_error(r2, 2) on cx, and the readout error if the data file gives one."""
    from qiskit_aer.noise import (  # type: ignore[import-untyped]  # noqa: PLC0415 - bench extra
        NoiseModel as AerNoiseModel,
    )
    from qiskit_aer.noise import (  # noqa: PLC0415 - likewise
        ReadoutError,
        depolarizing_error,
    )

    rates = aria_rates()
    noise = AerNoiseModel()
    noise.add_all_qubit_quantum_error(depolarizing_error(rates.one_qubit, 1), ONE_QUBIT_GATES)
    noise.add_all_qubit_quantum_error(depolarizing_error(rates.two_qubit, 2), ["cx"])
    if rates.readout > 0:
        p = rates.readout
        noise.add_all_qubit_readout_error(ReadoutError([[1 - p, p], [p, 1 - p]]))
    return noise


def aer_run(ops: Ops, qubits: int, shots: int) -> Callable[[], tuple[int, dict[str, Any]]]:
    """qiskit-aer's statevector method with the same model; the run gives (outcomes, metadata).

    Building the circuit and transpiling it (optimization_level=0) is not timed.
    """
    from qiskit import QuantumCircuit, transpile  # type: ignore[import-untyped]  # noqa: PLC0415 - bench extra
    from qiskit_aer import AerSimulator  # type: ignore[import-untyped]  # noqa: PLC0415 - likewise

    noise = aer_noise_model()
    circuit = QuantumCircuit(qubits)
    for name, qs, angle in ops:
        if name == "cx":
            circuit.cx(*qs)
        elif name == "h":
            circuit.h(qs[0])
        else:
            getattr(circuit, name)(angle, qs[0])
    circuit.measure_all()
    backend = AerSimulator(method="statevector", noise_model=noise)
    compiled = transpile(circuit, backend, optimization_level=0)

    def run() -> tuple[int, dict[str, Any]]:
        result = backend.run(compiled, shots=shots, seed_simulator=NOISE_SEED).result()
        meta = result.results[0].metadata
        fusion = meta.get("fusion") or {}
        return len(result.get_counts()), {
            "parallel_shots": meta.get("parallel_shots"),
            "parallel_state_update": meta.get("parallel_state_update"),
            "fusion_applied": fusion.get("applied"),
            "omp_enabled": result.metadata.get("omp_enabled"),
        }

    return run


# -- the goal case: the API, run_circuit and aer, taking turns ------------------------------


def _checked(response: httpx.Response, status: int) -> Any:
    if response.status_code != status:
        raise RuntimeError(
            f"{response.request.method} {response.request.url} answered "
            f"{response.status_code}, not {status}: {response.text[:300]}"
        )
    return response.json()


def api_job(client: httpx.Client, body: Mapping[str, Any]) -> dict[str, Any]:
    """POST the job, poll it every POLL_S, GET its probabilities: the seconds and what it got."""
    start = time.perf_counter()
    job_id = _checked(client.post("/jobs", json=body, headers=KEY), 201)["id"]
    submitted = time.perf_counter()
    while True:
        job = _checked(client.get(f"/jobs/{job_id}", headers=KEY), 200)
        if job["status"] in ("completed", "failed", "canceled"):
            break
        time.sleep(POLL_S)
    if job["status"] != "completed":
        raise RuntimeError(f"noisy job {job_id} ended {job['status']}: {job.get('failure')}")
    probabilities = _checked(client.get(f"/jobs/{job_id}/results/probabilities", headers=KEY), 200)
    seconds = time.perf_counter() - start
    client.delete(f"/jobs/{job_id}", headers=KEY)
    return {
        "seconds": seconds,
        "submit_s": submitted - start,
        "execution_s": (job.get("execution_duration_ms") or 0) / 1000,
        "probabilities": probabilities,
    }


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def _case_fields(case: NoiseCase) -> dict[str, Any]:
    circuit, model = _parsed(case.ops(), case.qubits), aria_rates().model()
    return {
        "case": case.name,
        "circuit": case.kind,
        "qubits": case.qubits,
        "depth": case.depth if case.kind == "random" else None,
        "gates": len(circuit.gates),
        "two_qubit_gates": sum(len(g.qubits) == 2 for g in circuit.gates),
        "shots": case.shots,
        "seed": CIRCUIT_SEED if case.kind == "random" else None,
        "noise_seed": NOISE_SEED,
        "expected_trajectories": round(expected_trajectories(circuit, model, case.shots), 1),
        "trajectories": trajectories(circuit, model, case.shots, NOISE_SEED),
    }


# -- one engine on one case, in a fresh subprocess -------------------------------------------

# Each engine runs in its own interpreter: no engine's threads (aer's OpenMP
# pool, OpenBLAS's) linger beside another's, and the peak RSS is the run's.
# "ours" has the BLAS threads `ionq-mock serve` gives the simulator (one,
# unless OPENBLAS_NUM_THREADS says otherwise), "ours_all_cores" one per core.


def engine_env(engine: str) -> dict[str, str]:
    """The environment of an engine's subprocess."""
    env = dict(os.environ)
    if engine == "ours":
        env.setdefault(BLAS_THREADS_ENV, "1")
    elif engine == "ours_all_cores":
        env[BLAS_THREADS_ENV] = str(os.cpu_count() or 1)
    return env


def status_kib(field: str, status: Path = Path("/proc/self/status")) -> int:
    """A memory figure of this process from /proc/self/status, in KiB (0 if missing).

    VmHWM is the peak RSS of this process image: getrusage's ru_maxrss would
    not do, Linux carries it over from the parent at fork and through exec,
    so a child of a large bench process would report the parent's size.
    """
    for line in status.read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def child(engine: str, case: NoiseCase) -> dict[str, Any]:
    """Run inside the subprocess: a 2-qubit warm-up, then one timed run; time and peak RSS."""
    make: Callable[[Ops, int, int], Callable[[], Any]] = aer_run if engine == "aer" else ours_run
    make(ghz_ops(2), 2, 100)()  # first-call costs (imports, thread pools) are not the run's
    run: Callable[[], Any] = make(case.ops(), case.qubits, case.shots)
    baseline_kib = status_kib("VmHWM")
    cpu, start = _cpu_s(), time.perf_counter()
    value = run()
    wall, cpu = time.perf_counter() - start, _cpu_s() - cpu
    peak_kib = status_kib("VmHWM")
    figures: dict[str, Any] = {
        "engine": engine,
        "blas_threads": os.environ.get(BLAS_THREADS_ENV),
        "seconds": round(wall, 3),
        "cpu_per_wall": round(cpu / wall, 2),
        "peak_rss_bytes": peak_kib * 1024,
        "baseline_rss_bytes": baseline_kib * 1024,
    }
    if engine == "aer":
        figures["outcomes"], figures["aer"] = value
    else:
        figures["outcomes"] = len(value.states)
        figures["probabilities"] = result_probabilities(value)
    return figures


def in_subprocess(
    engine: str, case: NoiseCase, timeout_s: float = CHILD_TIMEOUT_S
) -> dict[str, Any]:
    """`child` in a fresh interpreter; its figures, or why it failed."""
    command = [sys.executable, "-m", "bench.noise", "child", engine, json.dumps(asdict(case))]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout_s,
            env=engine_env(engine),
        )
    except subprocess.TimeoutExpired:
        return {"engine": engine, "failed": f"timed out after {timeout_s:g} s"}
    if done.returncode != 0:
        return {"engine": engine, "failed": done.returncode, "stderr": done.stderr[-2000:]}
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


# -- the goal case: through the API, and each engine alone, taking turns ---------------------


def measure_goal(case: NoiseCase, spec: ServerSpec, log_dir: Path, repeats: int) -> dict[str, Any]:
    """`repeats` rounds of: the job through the API, then each engine in a subprocess."""
    body = noisy_job(case.ops(), case.qubits, case.shots, f"bench noise {case.name}")
    engines = case.engines
    samples: dict[str, list[float]] = {"api": [], **{e: [] for e in engines}}
    submit: list[float] = []
    execution: list[float] = []
    last: dict[str, dict[str, Any]] = {}
    mismatches = 0
    with launch(spec, log_dir) as server:
        server.wait_ready(READY_PATH)
        base_url = f"http://{server.host}:{server.port}{spec.prefix}"
        with httpx.Client(base_url=base_url, timeout=CHILD_TIMEOUT_S) as client:
            # numpy and the simulator load with the fake's first job
            first = api_job(client, noisy_job(ghz_ops(2), 2, 100, "bench noise warm-up"))
            for _ in range(repeats):
                got = api_job(client, body)
                samples["api"].append(got["seconds"])
                submit.append(got["submit_s"])
                execution.append(got["execution_s"])
                for engine in engines:
                    run = in_subprocess(engine, case)
                    if "failed" in run:
                        raise RuntimeError(f"noise {case.name}: {engine} failed: {run}")
                    samples[engine].append(run["seconds"])
                    if "probabilities" in run:
                        mismatches += not same_probabilities(
                            got["probabilities"], run.pop("probabilities")
                        )
                    last[engine] = run
    api_s, ours_s = _median(samples["api"]), _median(samples.get("ours", []))
    aer_s = _median(samples.get("aer", []))
    return {
        **_case_fields(case),
        "repeats": repeats,
        "poll_s": POLL_S,
        "samples_s": {k: [round(v, 3) for v in vs] for k, vs in samples.items()},
        "api_s": api_s,
        "api_submit_s": _median(submit),
        "api_execution_s": _median(execution),
        "api_first_job_s": round(first["seconds"], 3),
        "in_process_s": ours_s,
        "in_process_all_cores_s": _median(samples.get("ours_all_cores", [])),
        "api_overhead_s": None if api_s is None or ours_s is None else round(api_s - ours_s, 3),
        "aer_s": aer_s,
        "ours_over_aer": _ratio(api_s, aer_s),
        "in_process_over_aer": _ratio(ours_s, aer_s),
        "api_matches_in_process": mismatches == 0,
        "api_mismatches": mismatches,
        "peak_rss_mb": _peak_rss(last),
        "runs": last,
    }


def _peak_rss(runs: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    return {
        name: round(run["peak_rss_bytes"] / MB, 1)
        for name, run in runs.items()
        if "peak_rss_bytes" in run
    }


# -- the wide cases: each engine once ----------------------------------------------------------


def measure_subprocesses(case: NoiseCase) -> dict[str, Any]:
    """Ours (with the fake's BLAS threads and with all cores) and aer, once each."""
    runs = {engine: in_subprocess(engine, case) for engine in case.engines}
    for run in runs.values():
        run.pop("probabilities", None)

    def seconds(engine: str) -> float | None:
        value = runs.get(engine, {}).get("seconds")
        return None if value is None else float(value)

    ours_s, aer_s = seconds("ours"), seconds("aer")
    return {
        **_case_fields(case),
        "in_process_s": ours_s,
        "in_process_all_cores_s": seconds("ours_all_cores"),
        "aer_s": aer_s,
        "in_process_over_aer": _ratio(ours_s, aer_s),
        "peak_rss_mb": _peak_rss(runs),
        "runs": runs,
    }


def measure(
    spec: ServerSpec,
    log_dir: Path,
    *,
    repeats: int = 3,
    cases: Mapping[str, NoiseCase] = CASES,
) -> dict[str, Any]:
    """The section: the goal case (API, run_circuit, aer), then the wide ones in subprocesses."""
    rates = aria_rates()
    started = time.perf_counter()
    load_before = os.getloadavg()
    rows = []
    for case in cases.values():
        print(
            f"noise: {case.name}, {case.qubits} qubits, {case.shots} shots ...",
            file=sys.stderr,
            flush=True,
        )
        case_started = time.perf_counter()
        row = measure_goal(case, spec, log_dir, repeats) if case.api else measure_subprocesses(case)
        row["elapsed_s"] = round(time.perf_counter() - case_started, 1)
        rows.append(row)
    return {
        "model": MODEL,
        "one_qubit_rate": rates.one_qubit,
        "two_qubit_rate": rates.two_qubit,
        "readout": rates.readout,
        "aer_options": 'AerSimulator(method="statevector", noise_model=...), defaults',
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "elapsed_s": round(time.perf_counter() - started, 1),
        "rows": rows,
    }


def sized(
    cases: Mapping[str, NoiseCase], overrides: Mapping[str, Mapping[str, Any]]
) -> dict[str, NoiseCase]:
    """`cases` with some fields changed per case (the command line's sizes)."""
    return {name: replace(case, **overrides.get(name, {})) for name, case in cases.items()}


if __name__ == "__main__":
    if sys.argv[1:2] != ["child"] or len(sys.argv) != 4:
        raise SystemExit("usage: python -m bench.noise child ours|aer '<NoiseCase as JSON>'")
    print(json.dumps(child(sys.argv[2], NoiseCase(**json.loads(sys.argv[3])))))
