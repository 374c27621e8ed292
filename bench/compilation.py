"""Native gate counts: the fake's compile_native against qiskit-ionq's own native transpilation.

Five circuits (Bell, GHZ on 5 qubits, QFT on 4, bench/simulator.py's random
circuit on 5 qubits with 4 layers, a Toffoli), each compiled for both families:
MS (qpu.aria-1) and ZZ (qpu.forte-1). qiskit-ionq 1.1.1 compiles to native
gates by transpiling to a backend fetched with ``gateset="native"``, whose
Target holds GPI, GPI2 and the family's entangler (its equivalence library
supplies the translations): that is ``transpile(circuit, backend,
optimization_level=1)``, the level IonQ recommends. It also ships, unregistered
as a plugin, ``TrappedIonOptimizerPlugin``: qiskit's preset passes plus IonQ's
rewrite rules (cancel adjoints, GPI2 twice is GPI, commute GPIs through MS/ZZ,
compact one-qubit runs, fuse consecutive entanglers); its pass manager at level
3 is the third column. qiskit-ionq asks IonQ's API for the backend's width;
offline, the bench gives it the width of the fake's record instead.

Ours is checked as it is counted: the compiled circuit's probabilities on the
fake's simulator must equal the source's (``matches``). The compile time of a
10,000-gate circuit (20 qubits, half one-qubit rotations, half CNOTs) is timed
too: the cost a job of that size adds when the fake reports its compiled circuit.

`python -m bench --only-compilation` runs just this.
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Callable
from typing import Any
from unittest import mock

import numpy as np

from bench.simulator import Ops, random_ops
from mock_server.simulator import parse_circuit, simulate
from mock_server.simulator.compilation import compile_native

__all__ = [
    "CIRCUITS",
    "FAMILIES",
    "ionq_gates",
    "measure",
    "ours",
    "qiskit_circuit",
    "report_lines",
]

# Family -> (backend qiskit-ionq compiles for, its width in the fake's record).
FAMILIES = {"ms": ("qpu.aria-1", 25), "zz": ("qpu.forte-1", 36)}
LARGE_GATES = 10_000
LARGE_QUBITS = 20
PLUGIN_LEVEL = 3


def ghz(qubits: int) -> Ops:
    return [("h", (0,), 0.0)] + [("cx", (q, q + 1), 0.0) for q in range(qubits - 1)]


def qft(qubits: int) -> Ops:
    """The textbook QFT: H and controlled phases pi/2^k, then the qubit order reversed."""
    ops: Ops = []
    for target in range(qubits - 1, -1, -1):
        ops.append(("h", (target,), 0.0))
        for control in range(target - 1, -1, -1):
            ops.append(("cp", (control, target), np.pi / 2 ** (target - control)))
    ops.extend(("swap", (q, qubits - 1 - q), 0.0) for q in range(qubits // 2))
    return ops


# name -> (qubits, ops)
CIRCUITS: dict[str, tuple[int, Ops]] = {
    "bell": (2, ghz(2)),
    "ghz-5": (5, ghz(5)),
    "qft-4": (4, qft(4)),
    "random-5": (5, random_ops(5, depth=4, seed=2024)),
    "toffoli": (3, [("ccx", (0, 1, 2), 0.0)]),
}


def ionq_gates(ops: Ops) -> list[dict[str, Any]]:
    """The circuit as an ionq.circuit.v1 QIS input (controls as qiskit-ionq writes them)."""
    gates: list[dict[str, Any]] = []
    for name, qubits, angle in ops:
        if name in {"cx", "ccx"}:
            gates.append({"gate": "x", "controls": list(qubits[:-1]), "targets": [qubits[-1]]})
        elif name == "cp":
            gates.append(
                {"gate": "z", "controls": [qubits[0]], "targets": [qubits[1]], "rotation": angle}
            )
        elif name == "swap":
            gates.append({"gate": "swap", "targets": list(qubits)})
        elif name == "h":
            gates.append({"gate": "h", "targets": [qubits[0]]})
        else:
            gates.append({"gate": name, "targets": [qubits[0]], "rotation": angle})
    return gates


def qiskit_circuit(qubits: int, ops: Ops) -> Any:
    """The same circuit through qiskit's own gates."""
    from qiskit import QuantumCircuit  # type: ignore[import-untyped]  # noqa: PLC0415 - sdk extra

    circuit = QuantumCircuit(qubits)
    for name, qs, angle in ops:
        if name in {"rx", "ry", "rz", "cp"}:
            getattr(circuit, name)(angle, *qs)
        else:
            getattr(circuit, name)(*qs)
    return circuit


def _split(names: Counter[str]) -> dict[str, int]:
    return {"1q": names["gpi"] + names["gpi2"], "2q": names["ms"] + names["zz"]}


def ours(qubits: int, ops: Ops, entangler: str) -> dict[str, Any]:
    """Our counts and compile time, and whether the result measures like the source."""
    circuit = parse_circuit(gateset="qis", qubits=qubits, gates=ionq_gates(ops))
    started = time.perf_counter()
    document = compile_native(circuit, entangler)
    seconds = time.perf_counter() - started
    native = parse_circuit(gateset="native", qubits=qubits, gates=document["circuit"])
    matches = bool(np.allclose(simulate(native), simulate(circuit), atol=1e-9, rtol=0))
    names = Counter(g["gate"] for g in document["circuit"])
    return {**_split(names), "seconds": seconds, "matches": matches}


def _qiskit_ionq_compilers(entangler: str) -> dict[str, Callable[[Any], Any]]:
    """qiskit-ionq's two ways to native gates for the family, as circuit -> circuit."""
    # The sdk extra, imported here: the rest of bench runs without it.
    from qiskit import transpile  # noqa: PLC0415
    from qiskit.transpiler import PassManagerConfig  # type: ignore[import-untyped]  # noqa: PLC0415
    from qiskit_ionq import IonQProvider, ionq_backend  # noqa: PLC0415
    from qiskit_ionq.ionq_optimizer_plugin import TrappedIonOptimizerPlugin  # noqa: PLC0415

    name, width = FAMILIES[entangler]
    with (
        warnings.catch_warnings(),
        mock.patch.object(ionq_backend, "get_n_qubits", return_value=width),
    ):
        warnings.simplefilter("ignore")
        provider = IonQProvider(token="offline")  # noqa: S106 - nothing is sent
        backend = provider.get_backend(name, gateset="native")
    plugin = TrappedIonOptimizerPlugin().pass_manager(
        PassManagerConfig.from_backend(backend), optimization_level=PLUGIN_LEVEL
    )
    return {
        "qiskit_ionq_transpile": lambda c: transpile(c, backend=backend, optimization_level=1),
        "qiskit_ionq_optimizer": plugin.run,
    }


def _theirs(compile_: Callable[[Any], Any], circuit: Any) -> dict[str, Any]:
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compiled = compile_(circuit)
    seconds = time.perf_counter() - started
    return {**_split(Counter(dict(compiled.count_ops()))), "seconds": seconds}


def large_circuit(seed: int = 2024) -> list[dict[str, Any]]:
    """LARGE_GATES gates on LARGE_QUBITS qubits: half rx/ry/rz, half CNOTs on random pairs."""
    rng = np.random.default_rng(seed)
    gates: list[dict[str, Any]] = []
    for _ in range(LARGE_GATES // 2):
        name = str(rng.choice(["rx", "ry", "rz"]))
        q = int(rng.integers(LARGE_QUBITS))
        gates.append({"gate": name, "targets": [q], "rotation": float(rng.uniform(0, 2 * np.pi))})
        a, b = (int(x) for x in rng.choice(LARGE_QUBITS, size=2, replace=False))
        gates.append({"gate": "x", "controls": [a], "targets": [b]})
    return gates


def measure() -> dict[str, Any]:
    """Counts per circuit and family, ours and qiskit-ionq's, and the large compile's time."""
    rows: list[dict[str, Any]] = []
    for entangler in FAMILIES:
        theirs = _qiskit_ionq_compilers(entangler)
        for name, (qubits, ops) in CIRCUITS.items():
            circuit = qiskit_circuit(qubits, ops)
            row: dict[str, Any] = {"circuit": name, "family": entangler, "qubits": qubits}
            row["ours"] = ours(qubits, ops, entangler)
            for label, compile_ in theirs.items():
                row[label] = _theirs(compile_, circuit)
            rows.append(row)
    large = parse_circuit(gateset="qis", qubits=LARGE_QUBITS, gates=large_circuit())
    timings: dict[str, Any] = {"gates": LARGE_GATES, "qubits": LARGE_QUBITS}
    for entangler in FAMILIES:
        started = time.perf_counter()
        document = compile_native(large, entangler)
        timings[entangler] = {
            "seconds": round(time.perf_counter() - started, 3),
            **_split(Counter(g["gate"] for g in document["circuit"])),
        }
    return {"circuits": rows, "large": timings, "plugin_level": PLUGIN_LEVEL}


def report_lines(figures: dict[str, Any] | None) -> list[str]:
    """The table of counts, 1q/2q per compiler, and the large circuit's compile time.

    Here rather than in report.py: the part, its figures and their table in one module.
    """
    if not figures:
        return []
    level = figures["plugin_level"]
    lines = [
        "Native gate counts, 1q/2q: ours (compile_native), qiskit-ionq transpile "
        f"(optimization_level=1), qiskit-ionq TrappedIonOptimizerPlugin (level {level}):",
        f"{'circuit':<9} {'family':<6} {'ours':>8} {'transpile':>10} {'optimizer':>10}  matches",
    ]
    for row in figures["circuits"]:
        cells = [
            f"{row[k]['1q']}/{row[k]['2q']}"
            for k in ("ours", "qiskit_ionq_transpile", "qiskit_ionq_optimizer")
        ]
        lines.append(
            f"{row['circuit']:<9} {row['family']:<6} {cells[0]:>8} {cells[1]:>10} "
            f"{cells[2]:>10}  {'yes' if row['ours']['matches'] else 'NO'}"
        )
    large = figures["large"]
    lines.append(
        f"compile_native of {large['gates']:,} gates on {large['qubits']} qubits: "
        + ", ".join(
            f"{e} {large[e]['seconds']:.2f} s ({large[e]['1q']:,}/{large[e]['2q']:,})"
            for e in FAMILIES
        )
    )
    return lines
