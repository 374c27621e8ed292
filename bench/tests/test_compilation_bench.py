"""bench/compilation.py: the circuits are what they say, and the figures and table hold together."""
# ruff: noqa: S101

from __future__ import annotations

import numpy as np
from qiskit.quantum_info import Statevector  # type: ignore[import-untyped]

from bench import compilation
from bench.run import apply_only, parse_args
from mock_server.simulator import parse_circuit, simulate


def test_each_circuit_is_the_same_in_qiskit_and_in_ionq_json() -> None:
    for qubits, ops in compilation.CIRCUITS.values():
        ours = simulate(
            parse_circuit(gateset="qis", qubits=qubits, gates=compilation.ionq_gates(ops))
        )
        theirs = Statevector(compilation.qiskit_circuit(qubits, ops)).probabilities()
        np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_qft_of_a_basis_state_is_uniform() -> None:
    qubits, ops = compilation.CIRCUITS["qft-4"]
    probabilities = Statevector(compilation.qiskit_circuit(qubits, ops)).probabilities()
    np.testing.assert_allclose(probabilities, np.full(16, 1 / 16), atol=1e-12)


def test_ours_counts_and_checks() -> None:
    qubits, ops = compilation.CIRCUITS["ghz-5"]
    for entangler in compilation.FAMILIES:
        figures = compilation.ours(qubits, ops, entangler)
        assert figures["matches"] is True
        assert figures["2q"] == 4


def test_report_lines() -> None:
    row = {"circuit": "bell", "family": "ms", "qubits": 2}
    for key in ("ours", "qiskit_ionq_transpile", "qiskit_ionq_optimizer"):
        row[key] = {"1q": 4, "2q": 1, "seconds": 0.1, "matches": True}
    large = {"gates": 10, "qubits": 2, "ms": {"seconds": 0.5, "1q": 3, "2q": 2}}
    large["zz"] = large["ms"]
    lines = compilation.report_lines({"circuits": [row], "large": large, "plugin_level": 3})
    assert "4/1" in lines[2]
    assert lines[2].endswith("yes")
    assert compilation.report_lines(None) == []


def test_only_compilation_runs_just_it() -> None:
    args = parse_args(["--only-compilation"])
    assert apply_only(args) == ["compilation"]
    assert (args.no_compilation, args.no_noise, args.no_soak, args.no_jobs) == (
        False,
        True,
        True,
        True,
    )
    noise = parse_args(["--only-noise"])
    apply_only(noise)
    assert noise.no_compilation is True
    assert parse_args([]).no_compilation is False
