"""OpenQASM 3 jobs: the parser's cost, and noisy and exact runs against qiskit-aer.

Every program is bench/simulator.py's random circuit (rx/ry/rz on every
qubit, CNOTs on a random pairing, seed 2024) with mid-circuit measurements:
after each (len/(k+1))-th gate, qubit i is measured into `m[i]` and reset;
then every qubit is measured into `c`. qiskit builds it and
`qiskit.qasm3.dumps` writes it (`program`), so the text is what qiskit-ionq
sends for such a circuit; every engine gets that same text.

- **parse** (`parse_child`, in a fresh interpreter, PARSE_RUNS times,
  medians): the simulator imported first, untimed (the fake's runner has it
  before it reads a program), then the import of the qasm3 reader (openqasm3,
  whose package loads its ANTLR parser and runtime with it), the first read
  of the goal program, and a second read of it; RSS growth over the import
  and the reads.
- **goal** (12 qubits, 180 gates, one mid-circuit measurement and reset,
  1,000 shots) and **wide** (18 qubits, 108 gates, 100 shots): IonQ's
  aria-1 model. Through the API (goal only): a fresh fake as `make serve`
  runs it, one untimed 2-qubit qasm3 job first (numpy and the parser load
  with it), then each job from POST /jobs to GET .../results/probabilities
  (bench/noise.py's api_job, polling every 10 ms); its probabilities must
  equal `run_program`'s in a subprocess (same seed). "ours" is
  read_program then run_program, each timed, in a fresh subprocess with one
  BLAS thread (as `ionq-mock serve` runs the simulator), after a warm-up
  program; "aer" is `qiskit.qasm3.loads` then `transpile` (optimization
  level 0), timed together, then `AerSimulator(method="statevector",
  noise_model=...)`'s run, timed, with bench/noise.py's aer model of aria-1;
  "aer_branching" is the same with `shot_branching_enable=True` (aer's own
  grouping of shots that share a state, off by default). Goal: `repeats`
  rounds, API and engines in turn; wide: each engine once. **no-mid** is
  the goal's program without its measurement and reset (the fake runs it
  through the JSON circuits' batched sampler): what they cost, ours and
  aer's, each once.
- **exact** (10 qubits, 120 gates, three mid-circuit measurements and
  resets): the ideal simulator's exact aggregate (the measurement tree
  followed branch by branch) against aer's 10,000 ideal shots; aer's total
  variation distance to our distribution, beside that of a 10,000-shot
  sample of our own distribution (what sampling alone gives).

Peak RSS is each subprocess's VmHWM. `python -m bench --only-qasm3` runs just
this; `python -m bench.qasm3 parse|child ...` are the subprocesses (the
program on stdin, their JSON on stdout).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from bench import noise
from bench.servers import ServerSpec, launch
from bench.simulator import random_ops

__all__ = [
    "CASES",
    "PARSE_RUNS",
    "QUICK",
    "Qasm3Case",
    "add_arguments",
    "measure",
    "parse_cost",
    "program",
    "report_lines",
]

CIRCUIT_SEED = 2024
NOISE_SEED = noise.NOISE_SEED
PARSE_RUNS = 5
CHILD_TIMEOUT_S = 600.0
MB = 2**20
ENGINES = ("ours", "aer", "aer_branching")


@dataclass(frozen=True)
class Qasm3Case:
    """One program of the section: its size, its run, who runs it."""

    name: str
    qubits: int
    depth: int  # layers of bench/simulator.py's random circuit
    mid_measurements: int  # each: measure qubit i into m[i], then reset it
    shots: int
    noisy: bool = True  # aria-1; False: the ideal simulator's exact aggregate
    engines: tuple[str, ...] = ENGINES
    api: bool = False  # also through the API, `repeats` rounds with the engines in turn


CASES = {
    "goal": Qasm3Case("goal", 12, 10, 1, 1000, api=True),
    # The goal's program without its measurement and reset: what they cost (no API, once).
    "no-mid": Qasm3Case("no-mid", 12, 10, 0, 1000, engines=("ours", "aer")),
    # aer took 31 s for 200 shots of it (2 cores, load 2.4): 100 keeps the section short.
    "wide": Qasm3Case("wide", 18, 4, 1, 100),
    "exact": Qasm3Case("exact", 10, 8, 3, 10_000, noisy=False, engines=("ours", "aer"), api=True),
}
# `--qasm3-quick`: the same section at sizes that take seconds (a smoke test, not figures).
QUICK: dict[str, dict[str, Any]] = {
    "goal": {"qubits": 6, "depth": 3, "shots": 200},
    "no-mid": {"qubits": 6, "depth": 3, "shots": 200},
    "wide": {"qubits": 8, "depth": 2, "shots": 50},
    "exact": {"qubits": 5, "depth": 3, "mid_measurements": 2, "shots": 2000},
}
WARM_UP = Qasm3Case("warm-up", 2, 1, 1, 100)


def program(case: Qasm3Case) -> str:
    """The case's circuit as `qiskit.qasm3.dumps` writes it."""
    from qiskit import (  # type: ignore[import-untyped]  # noqa: PLC0415 - bench extra
        ClassicalRegister,
        QuantumCircuit,
        QuantumRegister,
        qasm3,
    )

    ops = random_ops(case.qubits, case.depth, CIRCUIT_SEED)
    every = len(ops) // (case.mid_measurements + 1)
    q = QuantumRegister(case.qubits, "q")
    m = ClassicalRegister(case.mid_measurements, "m")
    c = ClassicalRegister(case.qubits, "c")
    circuit = QuantumCircuit(q, m, c) if case.mid_measurements else QuantumCircuit(q, c)
    done = 0
    for index, (name, qubits, angle) in enumerate(ops, start=1):
        if name == "cx":
            circuit.cx(*qubits)
        else:
            getattr(circuit, name)(angle, qubits[0])
        if done < case.mid_measurements and index == every * (done + 1):
            circuit.measure(q[done], m[done])
            circuit.reset(q[done])
            done += 1
    circuit.measure(q, c)
    text: str = qasm3.dumps(circuit)
    return text


def _gates(case: Qasm3Case) -> int:
    return len(random_ops(case.qubits, case.depth, CIRCUIT_SEED))


def _rss_kib(field: str) -> int:
    return noise.status_kib(field)


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


# -- the subprocesses --------------------------------------------------------------------------


def parse_child(text: str) -> dict[str, Any]:
    """In a fresh interpreter: the reader's and the parser's imports, then two reads of `text`."""
    importlib.import_module("mock_server.simulator")  # the runner has it before any read
    rss0 = _rss_kib("VmRSS")
    timed: dict[str, float] = {}
    start = time.perf_counter()
    reader = importlib.import_module("mock_server.simulator.qasm3.reader")
    # openqasm3's package loads its ANTLR parser with it: the parser's import is this one.
    timed["import_s"] = time.perf_counter() - start
    rss1 = _rss_kib("VmRSS")
    for label in ("first_read_s", "second_read_s"):
        start = time.perf_counter()
        reader.read_program(text)
        timed[label] = time.perf_counter() - start
    return {
        **{k: round(v, 4) for k, v in timed.items()},
        "import_rss_mb": round((rss1 - rss0) / 1024, 1),
        "reads_peak_rss_mb": round((_rss_kib("VmHWM") - rss0) / 1024, 1),
        "baseline_rss_mb": round(rss0 / 1024, 1),
    }


def _ours(text: str, case: Qasm3Case) -> dict[str, Any]:
    from mock_server.simulator.qasm3 import read_program, run_program  # noqa: PLC0415

    model = noise.aria_rates().model() if case.noisy else None
    start = time.perf_counter()
    parsed = read_program(text)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    result = run_program(parsed, shots=case.shots, seed=NOISE_SEED, noise=model)
    run_s = time.perf_counter() - start
    return {
        "read_s": read_s,
        "run_s": run_s,
        "outcomes": len(result.states),
        "probabilities": noise.result_probabilities(result),
    }


def _aer(text: str, case: Qasm3Case, *, branching: bool) -> dict[str, Any]:
    from qiskit import qasm3, transpile  # noqa: PLC0415 - bench extra
    from qiskit_aer import AerSimulator  # type: ignore[import-untyped]  # noqa: PLC0415 - likewise

    options: dict[str, Any] = {"shot_branching_enable": True} if branching else {}
    if case.noisy:
        options["noise_model"] = noise.aer_noise_model()
    backend = AerSimulator(method="statevector", **options)
    start = time.perf_counter()
    compiled = transpile(qasm3.loads(text), backend, optimization_level=0)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    result = backend.run(compiled, shots=case.shots, seed_simulator=NOISE_SEED).result()
    run_s = time.perf_counter() - start
    counts = {
        str(int(key.replace(" ", ""), 2)): n for key, n in result.get_counts().items()
    }  # registers in declaration order, the first one's bit 0 lowest: the fake's outcome
    meta = result.results[0].metadata
    return {
        "read_s": read_s,
        "run_s": run_s,
        "outcomes": len(counts),
        "counts": counts,
        "aer": {
            "parallel_shots": meta.get("parallel_shots"),
            "parallel_state_update": meta.get("parallel_state_update"),
            "shot_branching": meta.get("shot_branching_enable", branching),
        },
    }


def child(engine: str, case: Qasm3Case, text: str) -> dict[str, Any]:
    """In a fresh interpreter: a warm-up program, then the case's, timed; time and peak RSS."""

    def run(text: str, case: Qasm3Case) -> dict[str, Any]:
        if engine == "ours":
            return _ours(text, case)
        return _aer(text, case, branching=engine == "aer_branching")

    run(_WARM_UP_TEXT, replace(WARM_UP, noisy=case.noisy))  # imports, thread pools
    baseline_kib = _rss_kib("VmHWM")
    figures = run(text, case)
    figures["seconds"] = figures["read_s"] + figures["run_s"]
    figures = {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
    return {
        "engine": engine,
        **figures,
        "peak_rss_bytes": _rss_kib("VmHWM") * 1024,
        "baseline_rss_bytes": baseline_kib * 1024,
    }


# A small program in qiskit's spelling (WARM_UP's size), written out: no qiskit needed.
_WARM_UP_TEXT = """OPENQASM 3.0;
include "stdgates.inc";
bit[1] m;
bit[2] c;
qubit[2] q;
ry(0.5) q[0];
cx q[0], q[1];
m[0] = measure q[0];
reset q[0];
rx(0.25) q[1];
c[0] = measure q[0];
c[1] = measure q[1];
"""


def _subprocess(command: list[str], text: str, env: Mapping[str, str]) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.qasm3", *command],
            input=text,
            capture_output=True,
            text=True,
            check=False,
            timeout=CHILD_TIMEOUT_S,
            env=dict(env),
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"timed out after {CHILD_TIMEOUT_S:g} s"}
    if done.returncode != 0:
        return {"failed": done.returncode, "stderr": done.stderr[-2000:]}
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def in_subprocess(engine: str, case: Qasm3Case, text: str) -> dict[str, Any]:
    """`child` in a fresh interpreter (ours with the fake's one BLAS thread)."""
    run = _subprocess(["child", engine, json.dumps(asdict(case))], text, noise.engine_env("ours"))
    if "failed" in run:
        raise RuntimeError(f"qasm3 {case.name}: {engine} failed: {run}")
    return run


# -- the parts -------------------------------------------------------------------------------


def parse_cost(text: str, runs: int = PARSE_RUNS) -> dict[str, Any]:
    """`parse_child` in `runs` fresh interpreters: the medians and every sample."""
    samples = []
    for _ in range(runs):
        run = _subprocess(["parse"], text, noise.engine_env("ours"))
        if "failed" in run:
            raise RuntimeError(f"qasm3 parse: {run}")
        samples.append(run)
    medians = {key: _median([s[key] for s in samples]) for key in samples[0]}
    first_job = [s["import_s"] + s["first_read_s"] for s in samples]
    return {
        "runs": runs,
        "program_chars": len(text),
        "program_lines": text.count("\n"),
        **medians,
        "first_job_extra_s": _median(first_job),
        "samples": samples,
    }


def qasm3_job(text: str, shots: int, name: str, *, noisy: bool) -> dict[str, Any]:
    """A simulator job of the program, with aria-1 and a fixed noise seed if noisy."""
    body: dict[str, Any] = {
        "type": "ionq.qasm3.v1",
        "backend": "simulator",
        "shots": shots,
        "name": name,
        "input": {"data": text},
    }
    if noisy:
        body["noise"] = {"model": noise.MODEL, "seed": NOISE_SEED}
    return body


def _distribution(counts: Mapping[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: n / total for k, n in counts.items()}


def total_variation(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Half the L1 distance of two distributions over outcomes (keys)."""
    return 0.5 * sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in a.keys() | b.keys())


def sampled_total_variation(exact: Mapping[str, float], shots: int, seed: int = 1) -> float:
    """The distance of a `shots`-shot sample of `exact` to `exact`: what sampling alone gives."""
    import numpy as np  # noqa: PLC0415 - as the simulator does

    keys = list(exact)
    p = np.array([exact[k] for k in keys])
    counts = np.random.default_rng(seed).multinomial(shots, p / p.sum())
    return total_variation(exact, {k: n / shots for k, n in zip(keys, counts, strict=True)})


def bit_marginals(distribution: Mapping[str, float], bits: int) -> list[float]:
    """P(bit i = 1) of each outcome bit."""
    return [sum(p for k, p in distribution.items() if int(k) >> i & 1) for i in range(bits)]


def _agreement(case: Qasm3Case, runs: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """How close aer's counts are to ours: TV distance (exact), bit marginals (noisy)."""
    ours = runs["ours"]["probabilities"]
    bits = case.mid_measurements + case.qubits
    found: dict[str, Any] = {}
    for engine in (e for e in runs if e != "ours"):
        theirs = _distribution(runs[engine]["counts"])
        if case.noisy:  # both sampled: per-bit frequencies, standard error ~ 0.5/sqrt(shots)
            diffs = [
                abs(a - b)
                for a, b in zip(bit_marginals(ours, bits), bit_marginals(theirs, bits), strict=True)
            ]
            found[engine] = {"bit_marginal_max_diff": round(max(diffs), 4)}
        else:
            found[engine] = {"total_variation": round(total_variation(ours, theirs), 4)}
    if not case.noisy:
        found["sampling_alone"] = {
            "total_variation": round(float(sampled_total_variation(ours, case.shots)), 4)
        }
    return found


def measure_case(case: Qasm3Case, spec: ServerSpec, log_dir: Path, repeats: int) -> dict[str, Any]:
    """`repeats` rounds (one without the API) of the API job, then each engine in a subprocess."""
    text = program(case)
    rounds = repeats if case.api else 1
    samples: dict[str, list[float]] = {e: [] for e in case.engines}
    parts: dict[str, dict[str, list[float]]] = {e: {"read": [], "run": []} for e in case.engines}
    api_s: list[float] = []
    last: dict[str, dict[str, Any]] = {}
    api_mismatches = 0
    first_job_s = None

    def engines_round(got: Mapping[str, Any] | None) -> None:
        nonlocal api_mismatches
        for engine in case.engines:
            run = in_subprocess(engine, case, text)
            samples[engine].append(run["seconds"])
            parts[engine]["read"].append(run["read_s"])
            parts[engine]["run"].append(run["run_s"])
            if got is not None and "probabilities" in run:
                api_mismatches += not noise.same_probabilities(
                    got["probabilities"], run["probabilities"]
                )
            last[engine] = run

    if case.api:
        body = qasm3_job(text, case.shots, f"bench qasm3 {case.name}", noisy=case.noisy)
        warm = qasm3_job(_WARM_UP_TEXT, 100, "bench qasm3 warm-up", noisy=case.noisy)
        with launch(spec, log_dir) as server:
            server.wait_ready(noise.READY_PATH)
            base_url = f"http://{server.host}:{server.port}{spec.prefix}"
            with httpx.Client(base_url=base_url, timeout=CHILD_TIMEOUT_S) as client:
                first_job_s = round(noise.api_job(client, warm)["seconds"], 3)
                for _ in range(rounds):
                    got = noise.api_job(client, body)
                    api_s.append(got["seconds"])
                    engines_round(got)
    else:
        engines_round(None)
    agreement = _agreement(case, last) if "ours" in last and len(last) > 1 else {}
    for run in last.values():
        run.pop("probabilities", None)
        run.pop("counts", None)
    seconds = {e: _median(v) for e, v in samples.items()}
    read_s = {e: _median(p["read"]) for e, p in parts.items()}
    run_s = {e: _median(p["run"]) for e, p in parts.items()}
    api = _median(api_s)
    aer = seconds.get("aer")
    return {
        "case": case.name,
        "qubits": case.qubits,
        "gates": _gates(case),
        "mid_measurements": case.mid_measurements,
        "shots": case.shots,
        "noise": noise.MODEL if case.noisy else "ideal (exact aggregate)",
        "program_chars": len(text),
        "rounds": rounds,
        "api_s": api,
        "api_samples_s": [round(v, 3) for v in api_s],
        "api_first_job_s": first_job_s,
        "api_matches_in_process": api_mismatches == 0 if case.api else None,
        "seconds": seconds,
        "read_s": read_s,
        "run_s": run_s,
        "samples_s": {e: [round(v, 3) for v in vs] for e, vs in samples.items()},
        "api_over_aer": _ratio(api, aer),
        "ours_over_aer": _ratio(seconds.get("ours"), aer),
        "ours_run_over_aer_run": _ratio(run_s.get("ours"), run_s.get("aer")),
        "peak_rss_mb": {e: round(r["peak_rss_bytes"] / MB, 1) for e, r in last.items()},
        "agreement": agreement,
        "runs": last,
    }


def measure(
    spec: ServerSpec,
    log_dir: Path,
    *,
    repeats: int = 3,
    cases: Mapping[str, Qasm3Case] = CASES,
    parse_runs: int = PARSE_RUNS,
) -> dict[str, Any]:
    """The section: the parser's cost, then each case."""
    started = time.perf_counter()
    load_before = os.getloadavg()
    goal = cases.get("goal") or next(iter(cases.values()))
    print(f"qasm3: parsing, {parse_runs} fresh interpreters ...", file=sys.stderr, flush=True)
    parse = {"case": goal.name, **parse_cost(program(goal), parse_runs)}
    rows = []
    for case in cases.values():
        print(
            f"qasm3: {case.name}, {case.qubits} qubits, {case.shots} shots ...",
            file=sys.stderr,
            flush=True,
        )
        case_started = time.perf_counter()
        row = measure_case(case, spec, log_dir, repeats)
        row["elapsed_s"] = round(time.perf_counter() - case_started, 1)
        rows.append(row)
    rates = noise.aria_rates()
    return {
        "model": noise.MODEL,
        "one_qubit_rate": rates.one_qubit,
        "two_qubit_rate": rates.two_qubit,
        "readout": rates.readout,
        "blas_threads": noise.engine_env("ours").get("OPENBLAS_NUM_THREADS"),
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "elapsed_s": round(time.perf_counter() - started, 1),
        "parse": parse,
        "rows": rows,
    }


def sized(
    cases: Mapping[str, Qasm3Case], overrides: Mapping[str, Mapping[str, Any]]
) -> dict[str, Qasm3Case]:
    """`cases` with some fields changed per case (--qasm3-quick)."""
    return {name: replace(case, **overrides.get(name, {})) for name, case in cases.items()}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """This part's options of `python -m bench`."""
    parser.add_argument("--no-qasm3", action="store_true", help="skip the OpenQASM 3 jobs")
    parser.add_argument(
        "--only-qasm3",
        action="store_true",
        help="run the OpenQASM 3 jobs (parser, noisy and exact runs against aer) and nothing else",
    )
    parser.add_argument(
        "--qasm3-repeats",
        type=int,
        default=3,
        help="rounds of the API jobs and engines on the 12-qubit and exact programs; medians (3)",
    )
    parser.add_argument(
        "--qasm3-parse-runs",
        type=int,
        default=PARSE_RUNS,
        help=f"fresh interpreters timing the parser; medians ({PARSE_RUNS})",
    )
    parser.add_argument(
        "--qasm3-quick",
        action="store_true",
        help="the OpenQASM 3 jobs at small sizes, in seconds (a smoke test)",
    )


# -- the table -------------------------------------------------------------------------------


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def report_lines(figures: Mapping[str, Any] | None) -> list[str]:
    """The parser's cost, then a row per case: API, ours (read + run), aer's, ratios, memory."""
    if not figures:
        return []
    parse = figures["parse"]
    lines = [
        f"OpenQASM 3 (aria-1: {figures['one_qubit_rate']} / {figures['two_qubit_rate']}), "
        f"load {figures['loadavg_before'][0]:.2f} -> {figures['loadavg_after'][0]:.2f}:",
        f"parse, median of {parse['runs']} fresh interpreters, {parse['program_chars']:,}-char "
        f"program: import {_s(parse['import_s'])} s, first read {_s(parse['first_read_s'])} s, "
        f"second {_s(parse['second_read_s'])} s (+{parse['import_rss_mb']} MB imported)",
        f"{'case':<6} {'qubits':>6} {'gates':>5} {'mid':>3} {'shots':>6} {'API':>7} "
        f"{'ours':>7} {'aer':>7} {'aer-br':>7} {'API/aer':>8} {'ours/aer':>8}  peak MB ours/aer",
    ]
    for row in figures["rows"]:
        seconds, peak = row["seconds"], row["peak_rss_mb"]
        lines.append(
            f"{row['case']:<6} {row['qubits']:>6} {row['gates']:>5} {row['mid_measurements']:>3} "
            f"{row['shots']:>6} {_s(row['api_s']):>7} {_s(seconds.get('ours')):>7} "
            f"{_s(seconds.get('aer')):>7} {_s(seconds.get('aer_branching')):>7} "
            f"{_s(row['api_over_aer']):>8} {_s(row['ours_over_aer']):>8}  "
            f"{peak.get('ours', '-')}/{peak.get('aer', '-')}"
        )
    return lines


if __name__ == "__main__":
    stdin = sys.stdin.read()
    if sys.argv[1:2] == ["parse"]:
        print(json.dumps(parse_child(stdin)))
    elif sys.argv[1:2] == ["child"] and len(sys.argv) == 4:
        print(json.dumps(child(sys.argv[2], Qasm3Case(**json.loads(sys.argv[3])), stdin)))
    else:
        raise SystemExit("usage: python -m bench.qasm3 parse | child ENGINE '<Qasm3Case>'")
