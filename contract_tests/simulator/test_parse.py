"""parse_circuit: what it accepts, the IonQ code for what it refuses, and that it is total."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract_tests.simulator.reference import NATIVE_NAMES, QIS_NAMES
from mock_server.simulator import Circuit, CircuitError, Gate, parse_circuit


def parse(gates: list[Any], qubits: Any = 3, gateset: Any = "qis") -> Circuit:
    return parse_circuit(gateset=gateset, qubits=qubits, gates=gates)


def code_of(gates: list[Any], qubits: Any = 3, gateset: Any = "qis") -> str:
    with pytest.raises(CircuitError) as caught:
        parse(gates, qubits, gateset)
    return caught.value.code


def test_sdk_spellings_parse_to_the_same_gates() -> None:
    spellings: list[list[Any]] = [
        [{"gate": "cnot", "control": 0, "target": 1}],
        [{"gate": "x", "controls": [0], "targets": [1]}],
        [{"gate": "not", "control": 0, "targets": [1]}],
        [{"gate": "x", "control": 0, "controls": [0], "target": 1, "targets": [1.0]}],
    ]
    parsed = {parse(gates).gates for gates in spellings}
    assert parsed == {(Gate("qis", "x", (1,), (0,)),)}


def test_parameters_and_defaults() -> None:
    circuit = parse(
        [
            {"gate": "z", "target": 0, "rotation": 0.5},
            {"gate": "z", "target": 0},
            {"gate": "rx", "target": 0, "rotation": 1},
            {
                "gate": "pauliexp",
                "targets": [0, 2],
                "terms": ["XZ"],
                "coefficients": [2],
                "time": 0.5,
                "unknown": "ignored",
            },
        ]
    )
    assert [g.params for g in circuit.gates] == [(0.5,), (), (1.0,), (0.5,)]
    assert circuit.gates[3].terms == ("XZ",)
    native = parse(
        [
            {"gate": "ms", "targets": [0, 1], "phases": [0.1, 0.2]},
            {"gate": "zz", "targets": [0, 1], "phase": 0.3},
            {"gate": "zz", "targets": [1, 2], "angle": 0.3},
        ],
        gateset="native",
    )
    assert [g.params for g in native.gates] == [(0.1, 0.2, 0.25), (0.3,), (0.3,)]


def test_gate_counts_count_qubits_touched() -> None:
    circuit = parse(
        [
            {"gate": "h", "target": 0},
            {"gate": "rz", "target": 1, "rotation": 1},
            {"gate": "x", "target": 1, "control": 0},
            {"gate": "x", "target": 2, "controls": [0, 1]},
            {"gate": "swap", "targets": [0, 1]},
        ]
    )
    assert circuit.gate_counts() == {"1q": 2, "2q": 3}
    assert circuit.qubits == 3
    assert isinstance(circuit.gates, tuple)


@pytest.mark.parametrize(
    ("gates", "code"),
    [
        ([{"gate": "gpi", "target": 0, "phase": 0}], "UnsupportedGate"),
        ([{"gate": "measure", "target": 0}], "UnsupportedGate"),
        ([{"gate": "H", "target": 0}], "UnsupportedGate"),
        ([{"gate": "h", "target": 3}], "InvalidInput"),
        ([{"gate": "x", "target": 0, "controls": [5]}], "InvalidInput"),
        ([{"gate": "x", "target": 0, "controls": [1] * 8}], "InvalidInput"),
        ([{"gate": "h", "target": -1}], "InvalidInput"),
        ([{"gate": "h", "target": True}], "InvalidInput"),
        ([{"gate": "h", "target": 0.5}], "InvalidInput"),
        ([{"gate": "h", "target": "0"}], "InvalidInput"),
        ([{"gate": "h"}], "InvalidInput"),
        ([{"gate": "h", "targets": []}], "InvalidInput"),
        ([{"gate": "h", "targets": [0, 1]}], "InvalidInput"),
        ([{"gate": "h", "target": 0, "targets": [1]}], "InvalidInput"),
        ([{"gate": "x", "target": 0, "control": 0}], "InvalidInput"),
        ([{"gate": "swap", "targets": [1, 1]}], "InvalidInput"),
        ([{"gate": "swap", "targets": [1]}], "InvalidInput"),
        ([{"gate": "cnot", "target": 1}], "InvalidInput"),
        ([{"gate": "rx", "target": 0}], "InvalidInput"),
        ([{"gate": "rx", "target": 0, "rotation": math.nan}], "InvalidInput"),
        ([{"gate": "rx", "target": 0, "rotation": math.inf}], "InvalidInput"),
        ([{"gate": "rx", "target": 0, "rotation": 10**400}], "InvalidInput"),
        ([{"gate": "rx", "target": 0, "rotation": "1"}], "InvalidInput"),
        ([{"gate": "pauliexp", "targets": [0], "terms": ["XX"], "coefficients": [1],
           "time": 1}], "InvalidInput"),
        ([{"gate": "pauliexp", "targets": [0], "terms": ["Q"], "coefficients": [1],
           "time": 1}], "InvalidInput"),
        ([{"gate": "pauliexp", "targets": [0], "terms": ["X"], "coefficients": [],
           "time": 1}], "InvalidInput"),
        ([{"gate": "pauliexp", "targets": [0], "terms": ["X"], "coefficients": [1]}],
         "InvalidInput"),
        (["h"], "InvalidInput"),
        ([{"gate": None, "target": 0}], "InvalidInput"),
    ],
)  # fmt: skip
def test_refusals_carry_ionq_codes(gates: list[Any], code: str) -> None:
    assert code_of(gates) == code


def test_too_many_controls() -> None:
    gates = [{"gate": "x", "target": 0, "controls": list(range(1, 9))}]
    assert code_of(gates, qubits=9) == "TooManyControls"
    seven = [{"gate": "x", "target": 0, "controls": list(range(1, 8))}]
    assert len(parse(seven, qubits=9).gates[0].controls) == 7


@pytest.mark.parametrize(
    ("gateset", "qubits", "gates"),
    [("qasm", 2, []), (None, 2, []), ("qis", 0, []), ("qis", True, []), ("qis", 2.0, []),
     ("qis", "2", []), ("qis", 2, "h"), ("qis", 2, {"gate": "h"}), ("qis", 2, None)],
)  # fmt: skip
def test_refusals_of_the_envelope(gateset: Any, qubits: Any, gates: Any) -> None:
    with pytest.raises(CircuitError) as caught:
        parse_circuit(gateset=gateset, qubits=qubits, gates=gates)
    assert caught.value.code == "InvalidInput"


def test_native_refuses_qis_gates() -> None:
    assert code_of([{"gate": "h", "target": 0}], gateset="native") == "UnsupportedGate"
    assert code_of([{"gate": "ms", "targets": [0, 1], "phases": [0]}], gateset="native") == (
        "InvalidInput"
    )


# Any JSON value, and gate objects with the keys the parser looks at holding any JSON value.
numbers = (
    st.integers(min_value=-(2**70), max_value=2**70)
    | st.integers(min_value=-3, max_value=12)
    | st.floats(allow_nan=True, allow_infinity=True)
)
json_values = st.recursive(
    st.none() | st.booleans() | numbers | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)
NAMES = [*QIS_NAMES, *NATIVE_NAMES, "u", "measure"]
indices = numbers | st.lists(numbers, max_size=4) | json_values
gate_objects = st.fixed_dictionaries(
    {"gate": st.sampled_from(NAMES) | json_values},
    optional={
        "target": indices, "targets": indices, "control": indices, "controls": indices,
        "rotation": numbers | json_values, "phase": numbers | json_values,
        "phases": st.lists(numbers, max_size=3) | json_values, "angle": numbers | json_values,
        "terms": st.lists(st.text(alphabet="IXYZQ", max_size=3), max_size=3) | json_values,
        "coefficients": st.lists(numbers, max_size=3) | json_values, "time": numbers,
    },
)  # fmt: skip


@given(
    gateset=st.sampled_from(["qis", "native"]) | json_values,
    qubits=st.integers(min_value=-2, max_value=12) | json_values,
    gates=st.lists(gate_objects | json_values, max_size=5) | json_values,
)
def test_parse_is_total(gateset: Any, qubits: Any, gates: Any) -> None:
    """Whatever JSON arrives, the answer is a Circuit or a CircuitError with a known code."""
    codes = {"InvalidInput", "UnsupportedGate", "TooManyControls"}
    outcome: Circuit | CircuitError
    try:
        outcome = parse_circuit(gateset=gateset, qubits=qubits, gates=gates)
    except CircuitError as error:
        outcome = error
    if isinstance(outcome, CircuitError):
        assert outcome.code in codes
    else:
        assert all(0 <= q < outcome.qubits for g in outcome.gates for q in g.qubits)
        assert all(math.isfinite(p) for g in outcome.gates for p in g.params)
