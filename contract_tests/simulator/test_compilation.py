"""compile_native: the compiled circuit measures like its source, in IonQ's native gates.

Three independent judges: the fake's own simulator (random circuits of every
QIS gate kind, controls included, and native circuits, on both entanglers),
qiskit (the source through qiskit's own gates, the output rebuilt from
qiskit-ionq's GPIGate, GPI2Gate, MSGate and ZZGate), and the JSON Schemas
(the ``ionq.native.v1`` document the fake serves, openapi.yaml's ``Gate``).
The gate counts asserted are textbook figures (one entangler per CNOT, three
per swap, six per Toffoli), not read from the compiler.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]
from qiskit.quantum_info import Statevector  # type: ignore[import-untyped]

from contract_tests.native_circuits import qiskit_native
from contract_tests.simulator import reference as ref
from ionq_contract.spec import inlined_schema, load_spec
from mock_server.simulator import parse_circuit, simulate
from mock_server.simulator.compilation import (
    CompilationTooLargeError,
    compile_native,
    entangler_for,
)

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ROOT / "mock_server" / "api" / "fixtures" / "backends"
NATIVE_SCHEMA = ROOT / "mock_server" / "api" / "fixtures" / "formats" / "ionq.native.v1.schema.json"
ENTANGLERS = ("ms", "zz")
ONE_QUBIT = ("gpi", "gpi2")
# Every QIS gate kind the simulator accepts ("phase" is z with a rotation: qiskit's p/cp).
QIS_KINDS = ("x", "not", "cnot", "y", "z", "phase", "h", "s", "si", "t", "ti", "v", "vi",
             "rx", "ry", "rz", "swap", "xx", "yy", "zz", "pauliexp")  # fmt: skip
NATIVE_KINDS = ("gpi", "gpi2", "ms", "zz", "nop")
TWO_TARGETS = frozenset({"swap", "xx", "yy", "zz", "ms"})
MAX_CONTROLS = 3


def random_gate(
    rng: np.random.Generator, gateset: str, qubits: int, kind: str | None = None
) -> dict[str, Any]:
    """A gate of ``kind`` (or any that fits), 0-3 controls, random parameters."""
    kinds = QIS_KINDS if gateset == "qis" else NATIVE_KINDS
    fits = [k for k in kinds if qubits >= (2 if k in TWO_TARGETS or k == "cnot" else 1)]
    name = kind if kind is not None else str(rng.choice(fits))
    width = 2 if name in TWO_TARGETS else 1
    if name == "pauliexp":
        width = int(rng.integers(1, min(3, qubits) + 1))
    room = qubits - width
    fewest = 1 if name == "cnot" else 0
    controls = int(rng.integers(fewest, min(MAX_CONTROLS, room) + 1))
    chosen = [int(q) for q in rng.permutation(qubits)[: width + controls]]
    gate: dict[str, Any] = {"gate": "z" if name == "phase" else name, "targets": chosen[:width]}
    if controls:
        gate["controls"] = chosen[width:]
    angle = float(rng.uniform(-2 * math.pi, 2 * math.pi))
    if gateset == "qis" and name in {"rx", "ry", "rz", "xx", "yy", "zz", "phase"}:
        gate["rotation"] = angle
    elif name in ONE_QUBIT:
        gate["phase"] = float(rng.uniform(-1, 1))
    elif name == "ms":
        gate["phases"] = [float(p) for p in rng.uniform(-1, 1, size=2)]
        gate["angle"] = float(rng.uniform(-0.5, 0.5))
    elif name == "zz":
        gate["angle"] = float(rng.uniform(-1, 1))
    elif name == "pauliexp":
        terms = int(rng.integers(1, 4))
        gate["terms"] = ["".join(rng.choice(list("IXYZ"), size=width)) for _ in range(terms)]
        gate["coefficients"] = [float(c) for c in rng.uniform(-1, 1, size=terms)]
        gate["time"] = float(rng.uniform(0, 2))
    return gate


def random_circuit(
    seed: int, gateset: str, kind: str | None = None, max_qubits: int = 6
) -> tuple[int, list[dict[str, Any]]]:
    """1 to ``max_qubits`` qubits, random gates, ``kind`` at least three times."""
    rng = np.random.default_rng(seed)
    low = 2 if kind in TWO_TARGETS or kind == "cnot" else 1
    qubits = int(rng.integers(low, max_qubits + 1))
    gates = [random_gate(rng, gateset, qubits) for _ in range(int(rng.integers(0, 10)))]
    for _ in range(3):
        gates.insert(int(rng.integers(0, len(gates) + 1)), random_gate(rng, gateset, qubits, kind))
    # A layer of one-qubit rotations first, so that no qubit starts in a basis state.
    start = [{"gate": "ry" if gateset == "qis" else "gpi2", "target": q, "rotation": 0.4 + q,
              "phase": 0.1 * q} for q in range(qubits)]  # fmt: skip
    for gate in start:
        gate.pop("phase" if gateset == "qis" else "rotation")
    return qubits, start + gates


def compiled(gateset: str, qubits: int, gates: list[dict[str, Any]], entangler: str) -> Any:
    return compile_native(parse_circuit(gateset=gateset, qubits=qubits, gates=gates), entangler)


def fake_probabilities(gateset: str, qubits: int, gates: list[dict[str, Any]]) -> np.ndarray:
    return simulate(parse_circuit(gateset=gateset, qubits=qubits, gates=gates))


def counts(document: dict[str, Any]) -> tuple[int, int]:
    """(one-qubit gates, two-qubit gates) of a native document."""
    names = Counter(g["gate"] for g in document["circuit"])
    return names["gpi"] + names["gpi2"], names["ms"] + names["zz"]


# (a) The fake's simulator: source and compiled circuit, same probabilities.


@pytest.mark.parametrize("entangler", ENTANGLERS)
@pytest.mark.parametrize("kind", QIS_KINDS)
def test_every_qis_gate_kind_compiles_to_the_same_probabilities(kind: str, entangler: str) -> None:
    for seed in range(8):
        qubits, gates = random_circuit(1000 * QIS_KINDS.index(kind) + seed, "qis", kind)
        document = compiled("qis", qubits, gates, entangler)
        np.testing.assert_allclose(
            fake_probabilities("native", document["qubits"], document["circuit"]),
            fake_probabilities("qis", qubits, gates),
            atol=1e-9,
            err_msg=json.dumps(gates),
        )


@pytest.mark.parametrize("entangler", ENTANGLERS)
@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_a_native_circuit_keeps_its_meaning(kind: str, entangler: str) -> None:
    """Native gates in (controlled ones too), native gates out, same probabilities."""
    for seed in range(6):
        qubits, gates = random_circuit(7000 + 100 * NATIVE_KINDS.index(kind) + seed, "native", kind)
        document = compiled("native", qubits, gates, entangler)
        np.testing.assert_allclose(
            fake_probabilities("native", document["qubits"], document["circuit"]),
            fake_probabilities("native", qubits, gates),
            atol=1e-9,
            err_msg=json.dumps(gates),
        )


@pytest.mark.parametrize("entangler", ENTANGLERS)
def test_long_mixed_circuits(entangler: str) -> None:
    """Long circuits of every kind: frames and fused runs carried across many entanglers."""
    for seed in range(4):
        rng = np.random.default_rng(500 + seed)
        qubits = 6
        gates = [random_gate(rng, "qis", qubits) for _ in range(80)]
        document = compiled("qis", qubits, gates, entangler)
        np.testing.assert_allclose(
            fake_probabilities("native", qubits, document["circuit"]),
            fake_probabilities("qis", qubits, gates),
            atol=1e-9,
        )


@pytest.mark.parametrize("entangler", ENTANGLERS)
def test_up_to_the_parsers_seven_controls(entangler: str) -> None:
    """Wide multi-controlled gates, the controls' values prepared at random (not all 1)."""
    rng = np.random.default_rng(77)
    qubits = 9
    wide: list[dict[str, Any]] = [
        {"gate": "x", "targets": [8], "controls": list(range(7))},
        {"gate": "rx", "targets": [0], "controls": list(range(1, 8)), "rotation": 1.1},
        {"gate": "swap", "targets": [7, 8], "controls": [0, 1, 2, 3, 4, 5]},
        {"gate": "z", "targets": [3], "controls": [0, 1, 2, 4, 5, 6, 7], "rotation": 0.7},
        {"gate": "pauliexp", "targets": [6, 7], "controls": [0, 1, 2, 3, 4], "terms": ["XY", "ZI"],
         "coefficients": [0.4, -0.8], "time": 0.9},
    ]  # fmt: skip
    for gate in wide:
        # Mostly 1s on the controls, so that the controlled part acts with weight.
        start = [{"gate": "ry", "target": q, "rotation": float(rng.uniform(2.2, 3.0))}
                 for q in range(qubits)]  # fmt: skip
        gates = [*start, gate]
        document = compiled("qis", qubits, gates, entangler)
        np.testing.assert_allclose(
            fake_probabilities("native", qubits, document["circuit"]),
            fake_probabilities("qis", qubits, gates),
            atol=1e-9,
            err_msg=json.dumps(gate),
        )


def test_the_check_can_fail() -> None:
    """A compiled circuit with one gate's phase moved no longer matches: the checks above judge."""
    gates = [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1},
             {"gate": "rx", "target": 1, "rotation": 0.7}]  # fmt: skip
    document = compiled("qis", 2, gates, "ms")
    wrong = [dict(g) for g in document["circuit"]]
    index = next(i for i, g in enumerate(wrong) if g["gate"] in ONE_QUBIT)
    wrong[index]["phase"] += 0.2
    assert not np.allclose(
        fake_probabilities("native", 2, wrong), fake_probabilities("qis", 2, gates), atol=1e-3
    )


# (b) qiskit as the reference: its own gates for the source, qiskit-ionq's for the output.


@pytest.mark.parametrize("entangler", ENTANGLERS)
@pytest.mark.parametrize("seed", range(12))
def test_qiskit_agrees(seed: int, entangler: str) -> None:
    kind = QIS_KINDS[seed % len(QIS_KINDS)]
    qubits, gates = random_circuit(90_000 + seed, "qis", kind, max_qubits=4)
    document = compiled("qis", qubits, gates, entangler)
    source = Statevector(ref.qiskit_circuit("qis", qubits, gates)).probabilities()
    native = Statevector(qiskit_native(document)).probabilities()
    np.testing.assert_allclose(native, source, atol=1e-9, err_msg=json.dumps(gates))


# (c) The document is IonQ's ionq.native.v1, gate by gate openapi.yaml's Gate.


@pytest.fixture(scope="module")
def gate_validator() -> Draft7Validator:
    return Draft7Validator(inlined_schema(load_spec(), "Gate"))


@pytest.mark.parametrize("entangler", ENTANGLERS)
def test_output_validates_against_the_schemas(
    entangler: str, gate_validator: Draft7Validator
) -> None:
    document_validator = Draft7Validator(json.loads(NATIVE_SCHEMA.read_text()))
    for seed in range(20):
        qubits, gates = random_circuit(3000 + seed, "qis")
        document = compiled("qis", qubits, gates, entangler)
        assert list(document_validator.iter_errors(document)) == []
        for gate in document["circuit"]:
            assert list(gate_validator.iter_errors(gate)) == [], gate
            assert set(gate) <= {"gate", "target", "targets", "phase", "phases", "angle"}
            assert gate["gate"] in {*ONE_QUBIT, entangler}
            if gate["gate"] in ONE_QUBIT:
                assert 0 <= gate["phase"] < 1
            elif gate["gate"] == "ms":
                assert all(0 <= p < 1 for p in gate["phases"])
                assert 0 < gate["angle"] <= 0.25 + 1e-12
            else:
                assert 0 < abs(gate["angle"]) <= 0.25 + 1e-12
            # The fake's own parser takes it back as native input.
        parse_circuit(gateset="native", qubits=document["qubits"], gates=document["circuit"])


# (d) Gate counts.

BELL = [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]
TOFFOLI = [{"gate": "x", "controls": [0, 1], "target": 2}]


@pytest.mark.parametrize("entangler", ENTANGLERS)
def test_textbook_entangler_counts(entangler: str) -> None:
    def two(qubits: int, gates: list[dict[str, Any]]) -> int:
        return counts(compiled("qis", qubits, gates, entangler))[1]

    assert two(2, [{"gate": "cnot", "control": 1, "target": 0}]) == 1
    assert two(2, BELL) == 1
    assert two(5, [{"gate": "h", "target": 0}] + [
        {"gate": "cnot", "control": q, "target": q + 1} for q in range(4)
    ]) == 4  # fmt: skip
    assert two(2, [{"gate": "swap", "targets": [0, 1]}]) == 3
    for name in ("xx", "yy", "zz"):
        assert two(2, [{"gate": name, "targets": [0, 1], "rotation": 0.3}]) == 1
    # Any controlled one-qubit gate is a controlled phase between basis changes: one entangler.
    for name in ("rx", "ry", "h", "v", "y"):
        gate: dict[str, Any] = {"gate": name, "control": 0, "target": 1}
        if name.startswith("r"):
            gate["rotation"] = 0.9
        assert two(2, [gate]) == 1
    assert two(3, TOFFOLI) <= 6
    # A Fredkin gate is a Toffoli between two CNOTs.
    assert two(3, [{"gate": "swap", "targets": [1, 2], "control": 0}]) <= 8
    # A rotation by a multiple of 2 pi entangles nothing.
    assert two(2, [{"gate": "zz", "targets": [0, 1], "rotation": 2 * math.pi}]) == 0


@pytest.mark.parametrize("entangler", ENTANGLERS)
def test_one_qubit_runs_fuse_and_z_rotations_are_free(entangler: str) -> None:
    rng = np.random.default_rng(4)
    run = [{"gate": str(rng.choice(["rx", "ry", "rz"])), "target": 0,
            "rotation": float(rng.uniform(-3, 3))} for _ in range(30)]  # fmt: skip
    assert counts(compiled("qis", 1, run, entangler))[0] <= 2
    diagonal: list[dict[str, Any]] = [
        {"gate": name, "target": 0} for name in ("z", "s", "t", "si", "ti")
    ]
    diagonal.append({"gate": "rz", "target": 0, "rotation": 0.3})
    assert compiled("qis", 1, diagonal, entangler)["circuit"] == []
    # X is one GPI, a square root of X one GPI2.
    assert counts(compiled("qis", 1, [{"gate": "x", "target": 0}], entangler)) == (1, 0)
    assert counts(compiled("qis", 1, [{"gate": "v", "target": 0}], entangler)) == (1, 0)


def test_a_native_circuit_of_the_same_family_does_not_grow() -> None:
    """Within IonQ's angle range (an MS beyond 1/4 is a smaller one times a GPI on each qubit)."""
    for entangler in ENTANGLERS:
        for seed in range(10):
            rng = np.random.default_rng(seed)
            gates: list[dict[str, Any]] = []
            for _ in range(12):
                kind = str(rng.choice([*ONE_QUBIT, entangler]))
                gate = random_gate(rng, "native", 3, kind)
                gate.pop("controls", None)
                if kind in {"ms", "zz"}:
                    gate["angle"] = float(rng.uniform(0.01 if kind == "ms" else -0.25, 0.25))
                gates.append(gate)
            one, two = counts(compiled("native", 3, gates, entangler))
            source = Counter(g["gate"] for g in gates)
            assert two <= source[entangler]
            assert one <= source["gpi"] + source["gpi2"]


def test_wrong_entangler_and_oversized_gates_are_refused() -> None:
    circuit = parse_circuit(gateset="qis", qubits=2, gates=BELL)
    with pytest.raises(ValueError, match="entangler"):
        compile_native(circuit, "cz")
    wide = parse_circuit(
        gateset="qis",
        qubits=10,
        gates=[{"gate": "pauliexp", "targets": list(range(10)), "terms": ["X" * 10, "Z" + "I" * 9],
                "coefficients": [0.5, 0.5], "time": 1.0}],
    )  # fmt: skip
    with pytest.raises(CompilationTooLargeError):
        compile_native(wide, "ms")


def test_each_backend_record_names_its_entangler() -> None:
    families = {"aria": "ms", "forte": "zz", "simulator": "ms"}
    for path in sorted(BACKENDS.glob("*.json")):
        record = json.loads(path.read_text())
        family = next(f for f in families if f in path.stem)
        assert entangler_for(record["supported_native_gates"]) == families[family], path.name
    with pytest.raises(ValueError, match="no entangling gate"):
        entangler_for(["gpi", "gpi2"])
