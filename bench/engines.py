"""The simulator's part of `make bench`: ours against qiskit-aer, and the widest circuit.

``compare`` wraps bench/simulator.py's ``compare_engines`` (one random
circuit per width, every engine in this process, the same run) and adds the
ratio ours/aer per width. The widest-circuit run takes about 12 minutes and
up to 17 GB, so it is opt-in (`python -m bench --widest`): its figures are
saved to bench/results/widest.json, and a default run carries the last ones,
marked as carried and dated.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.report import write_json
from bench.simulator import compare_engines, widest

OURS = "numpy (ours)"
AER = "qiskit-aer"
WIDEST_FILE = "widest.json"
GIB = 2**30


def compare(
    widths: Sequence[int] = (16, 20, 24), seed: int = 2024, depth: int = 20, repeats: int = 3
) -> dict[str, Any]:
    """Seconds per circuit per engine at each width, and ours/aer."""
    rows = compare_engines(tuple(widths), seed=seed, depth=depth, repeats=repeats)
    return {"seed": seed, "depth": depth, "repeats": repeats, "rows": rows}


def seconds_per_layer(engines: Mapping[str, Any] | None, qubits: int) -> float | None:
    """Our seconds per layer of random_ops at `qubits`, if the comparison ran that width."""
    if not engines:
        return None
    for row in engines["rows"]:
        if row["qubits"] == qubits and row["seconds"].get(OURS):
            return float(row["seconds"][OURS]) / int(row["depth"])
    return None


def _summary(result: Mapping[str, Any]) -> dict[str, Any] | None:
    best = result.get("widest")
    if not best:
        return None
    return {
        "qubits": best["qubits"],
        "seconds": best["seconds"],
        "peak_rss_gib": round(best["peak_rss_bytes"] / GIB, 2),
        "simulation_rss_gib": round(best["simulation_rss_bytes"] / GIB, 2),
        "required_gib": round(best["required_bytes"] / GIB, 2),
    }


def measure_widest(
    directory: Path, widths: Sequence[int] = (26, 27, 28, 29), depth: int = 4
) -> dict[str, Any]:
    """Run bench/simulator.py's widest() now and save it as the latest opt-in run."""
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    result = widest(tuple(widths), depth=depth)
    document = {
        "measured_at": now.isoformat(timespec="seconds"),
        "date": now.date().isoformat(),
        "cpus": os.cpu_count(),
        "widths": list(widths),
        "result": result,
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    write_json(document, directory, WIDEST_FILE.removesuffix(".json"))
    return {**_entry(document), "carried": False}


def _entry(document: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "measured_at": document["measured_at"],
        "date": document["date"],
        "widths_tried": document["widths"],
        "runs": document["result"]["runs"],
        "widest": _summary(document["result"]),
    }


def carried_widest(directory: Path) -> dict[str, Any] | None:
    """The last opt-in widest run (bench/results/widest.json), marked as carried."""
    path = directory / WIDEST_FILE
    if not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        **_entry(document),
        "carried": True,
        "note": f"carried from the opt-in run of {document['date']} (python -m bench --widest)",
    }
