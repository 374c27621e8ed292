"""The fake's state-vector simulator against qiskit-aer and qulacs, on the same circuits.

``compare_engines`` times each engine on one random circuit per width (median of
a few runs, all in this process, same machine state) and checks they agree;
``widest`` runs our engine alone in fresh subprocesses, widening until it fails,
and reports time and peak RSS against ``required_bytes``. Nothing runs on
import; ``python -m bench`` wires these in. qiskit-aer and qulacs come from the
``bench`` extra and are imported only when a comparison runs.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator import parse_circuit, required_bytes, simulate

__all__ = ["compare_engines", "random_ops", "to_ionq", "widest"]

Ops = list[tuple[str, tuple[int, ...], float]]
Probabilities = NDArray[np.float64]


def random_ops(qubits: int, depth: int = 20, seed: int = 2024) -> Ops:
    """Layers of a random rx/ry/rz on every qubit, then CNOTs on a random pairing."""
    rng = np.random.default_rng(seed)
    ops: Ops = []
    for _ in range(depth):
        for q in range(qubits):
            name = str(rng.choice(["rx", "ry", "rz"]))
            ops.append((name, (q,), float(rng.uniform(0, 2 * np.pi))))
        pairing = rng.permutation(qubits)
        for i in range(0, qubits - 1, 2):
            ops.append(("cx", (int(pairing[i]), int(pairing[i + 1])), 0.0))
    return ops


def to_ionq(ops: Ops) -> list[dict[str, Any]]:
    """The circuit as qiskit-ionq would send it (cnot as x + controls)."""
    gates: list[dict[str, Any]] = []
    for name, qubits, angle in ops:
        if name == "cx":
            gates.append({"gate": "x", "controls": [qubits[0]], "targets": [qubits[1]]})
        else:
            gates.append({"gate": name, "targets": [qubits[0]], "rotation": angle})
    return gates


def _ours(qubits: int, ops: Ops) -> Callable[[], Probabilities]:
    circuit = parse_circuit(gateset="qis", qubits=qubits, gates=to_ionq(ops))
    return lambda: simulate(circuit)


def _aer(qubits: int, ops: Ops) -> Callable[[], Probabilities]:
    from qiskit import QuantumCircuit  # type: ignore[import-untyped]  # noqa: PLC0415 - bench extra
    from qiskit_aer import AerSimulator  # type: ignore[import-untyped]  # noqa: PLC0415 - likewise

    circuit = QuantumCircuit(qubits)
    for name, qs, angle in ops:
        if name == "cx":
            circuit.cx(*qs)
        else:
            getattr(circuit, name)(angle, qs[0])
    circuit.save_probabilities()
    backend = AerSimulator(method="statevector")  # all cores, its own fusion

    def run() -> Probabilities:
        result = backend.run(circuit).result()
        return np.asarray(result.data()["probabilities"], dtype=np.float64)

    return run


def _qulacs(qubits: int, ops: Ops) -> Callable[[], Probabilities]:
    import qulacs  # noqa: PLC0415 - bench extra, only when comparing

    circuit = qulacs.QuantumCircuit(qubits)
    add = {"rx": circuit.add_RotX_gate, "ry": circuit.add_RotY_gate, "rz": circuit.add_RotZ_gate}
    for name, qs, angle in ops:
        if name == "cx":
            circuit.add_CNOT_gate(qs[0], qs[1])
        else:
            add[name](qs[0], angle)  # qulacs >= 0.6: RotX(theta) = exp(-i theta X / 2)

    def run() -> Probabilities:
        state = qulacs.QuantumState(qubits)
        circuit.update_quantum_state(state)
        return np.asarray(np.abs(state.get_vector()) ** 2, dtype=np.float64)

    return run


ENGINES: dict[str, Callable[[int, Ops], Callable[[], Probabilities]]] = {
    "numpy (ours)": _ours,
    "qiskit-aer": _aer,
    "qulacs": _qulacs,
}


def _time(run: Callable[[], Probabilities], repeats: int) -> tuple[float, Probabilities]:
    seconds, result = [], np.empty(0)
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def compare_engines(
    widths: tuple[int, ...] = (16, 20, 24),
    seed: int = 2024,
    depth: int = 20,
    repeats: int = 3,
    engines: tuple[str, ...] = tuple(ENGINES),
) -> list[dict[str, Any]]:
    """One row per width: median seconds per engine, and each engine's largest
    probability difference from ours (the same circuit for all of them)."""
    rows = []
    for qubits in widths:
        ops = random_ops(qubits, depth, seed)
        seconds: dict[str, float] = {}
        differences: dict[str, float] = {}
        reference: Probabilities | None = None
        for name in engines:
            run = ENGINES[name](qubits, ops)  # building/transpiling is not timed
            seconds[name], probabilities = _time(run, repeats)
            if reference is None:
                reference = probabilities
            differences[name] = float(np.max(np.abs(probabilities - reference)))
            del probabilities
        ours, aer = seconds.get("numpy (ours)"), seconds.get("qiskit-aer")
        rows.append({
            "qubits": qubits,
            "gates": len(ops),
            "depth": depth,
            "seed": seed,
            "repeats": repeats,
            "cpus": os.cpu_count(),
            "seconds": seconds,
            "max_abs_difference": differences,
            "ratio_to_aer": round(ours / aer, 3) if ours and aer else None,
        })  # fmt: skip
    return rows


def _child(qubits: int, depth: int, seed: int) -> dict[str, Any]:
    """Run inside the subprocess: the figures ``widest`` reports for one width."""
    run = _ours(qubits, random_ops(qubits, depth, seed))
    baseline_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    probabilities = run()
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "qubits": qubits,
        "depth": depth,
        "seconds": round(seconds, 2),
        "peak_rss_bytes": peak_kib * 1024,
        "baseline_rss_bytes": baseline_kib * 1024,
        "simulation_rss_bytes": (peak_kib - baseline_kib) * 1024,
        "required_bytes": required_bytes(qubits),
        "norm": float(probabilities.sum()),
    }


def widest(
    widths: tuple[int, ...] = (26, 27, 28, 29), depth: int = 4, seed: int = 2024
) -> dict[str, Any]:
    """Our engine at growing widths, each in a fresh process; stops at the first failure.

    Returns every run and the widest that finished. Peak RSS comes from
    ``getrusage`` in the child, with the interpreter's own baseline subtracted
    for the comparison with ``required_bytes``.
    """
    runs: list[dict[str, Any]] = []
    for qubits in widths:
        command = [sys.executable, "-m", "bench.simulator", str(qubits), str(depth), str(seed)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            runs.append(
                {"qubits": qubits, "failed": done.returncode, "stderr": done.stderr[-2000:]}
            )
            break
        runs.append(json.loads(done.stdout))
    finished = [run for run in runs if "failed" not in run]
    return {"runs": runs, "widest": finished[-1] if finished else None}


if __name__ == "__main__":
    print(json.dumps(_child(*map(int, sys.argv[1:4]))))
