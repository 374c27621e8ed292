"""JSON circuit -> Circuit, rejecting what IonQ rejects with the code it reports.

The jobs API hands us whatever a client sent, so every check here is total: any
JSON-shaped value (dicts, lists, str, int, float, bool, None, huge ints, NaN)
either parses or raises CircuitError, never TypeError/OverflowError. Unknown keys
are ignored (the SDKs add ``terms``/``time`` the spec doesn't list; notes §8.1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from mock_server.simulator.circuit import Circuit, CircuitError, Gate

__all__ = ["MAX_CONTROLS", "MAX_PAULIEXP_TARGETS", "parse_circuit"]

# Guesses: IonQ has a TooManyControls code but documents no limit we found.
# Seven is the widest multi-controlled gate we have seen IonQ accept; it also
# keeps a fused controlled matrix small.
MAX_CONTROLS = 7
# pauliexp is applied as a dense 2**t matrix exponential; ten targets is a 1024x1024
# matrix, already far past anything the SDKs emit.
MAX_PAULIEXP_TARGETS = 10

QIS_FIXED = frozenset({"x", "y", "h", "s", "si", "t", "ti", "v", "vi", "not"})
QIS_ROTATION = frozenset({"rx", "ry", "rz"})
QIS_TWO = frozenset({"swap", "xx", "yy", "zz"})
QIS = QIS_FIXED | QIS_ROTATION | QIS_TWO | {"z", "cnot", "pauliexp"}
NATIVE = frozenset({"gpi", "gpi2", "ms", "zz", "nop"})
PAULI_CHARS = frozenset("IXYZ")


def _invalid(message: str) -> CircuitError:
    return CircuitError("InvalidInput", message)


def _qubit_index(value: object, where: str, qubits: int) -> int:
    """An int (or an integral float: the spec types targets as ``number``) in range."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _invalid(f"{where} must be an integer, got {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _invalid(f"{where} must be an integer, got {value!r}")
        value = int(value)
    if value < 0:
        raise _invalid(f"{where} must not be negative, got {value}")
    if value >= qubits:
        # The job declared fewer qubits than it uses: its input is wrong (InvalidInput),
        # not its backend too small (NotEnoughQubits, the runner's check).
        raise _invalid(f"{where} is qubit {value} but the circuit has {qubits} qubits")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _invalid(f"{where} must be a number, got {value!r}")
    try:
        result = float(value)
    except OverflowError:
        raise _invalid(f"{where} is too large: {value}") from None
    if not math.isfinite(result):
        raise _invalid(f"{where} must be finite, got {value!r}")
    return result


def _index_list(
    raw: Mapping[str, Any], single: str, plural: str, where: str, qubits: int
) -> tuple[int, ...]:
    """``single`` (int) or ``plural`` (list); both only if they say the same thing."""
    values: list[object] = []
    if plural in raw:
        listed = raw[plural]
        if not isinstance(listed, list):
            raise _invalid(f"{where}.{plural} must be a list, got {listed!r}")
        values = list(listed)
    if single in raw:
        if plural in raw and values != [raw[single]]:
            raise _invalid(f"{where} has both {single} and {plural} and they differ")
        values = [raw[single]]
    indices = tuple(_qubit_index(v, f"{where}.{plural}", qubits) for v in values)
    if len(set(indices)) != len(indices):
        raise _invalid(f"{where}.{plural} lists a qubit twice: {list(indices)}")
    return indices


def _param(raw: Mapping[str, Any], key: str, where: str) -> float:
    if key not in raw:
        raise _invalid(f"{where} needs {key!r}")
    return _number(raw[key], f"{where}.{key}")


def _expect_targets(name: str, targets: tuple[int, ...], count: int, where: str) -> None:
    if len(targets) != count:
        raise _invalid(f"{where}: {name} takes {count} target(s), got {len(targets)}")


def _pauliexp(
    raw: Mapping[str, Any], targets: tuple[int, ...], controls: tuple[int, ...], where: str
) -> Gate:
    terms, coefficients = raw.get("terms"), raw.get("coefficients")
    if not isinstance(terms, list) or not terms:
        raise _invalid(f"{where}: pauliexp needs a non-empty list 'terms'")
    if not isinstance(coefficients, list) or len(coefficients) != len(terms):
        raise _invalid(f"{where}: pauliexp needs one coefficient per term")
    if len(targets) > MAX_PAULIEXP_TARGETS:
        raise _invalid(f"{where}: pauliexp on more than {MAX_PAULIEXP_TARGETS} targets")
    for term in terms:
        if not isinstance(term, str) or len(term) != len(targets) or set(term) - PAULI_CHARS:
            raise _invalid(f"{where}: each term is a string of I/X/Y/Z, one per target: {term!r}")
    coefs = tuple(_number(c, f"{where}.coefficients") for c in coefficients)
    time = _param(raw, "time", where)
    return Gate("qis", "pauliexp", targets, controls, (time,), tuple(terms), coefs)


def _qis_gate(
    name: str,
    raw: Mapping[str, Any],
    targets: tuple[int, ...],
    controls: tuple[int, ...],
    where: str,
) -> Gate:
    if name == "pauliexp":
        return _pauliexp(raw, targets, controls, where)
    if name in QIS_TWO:
        _expect_targets(name, targets, 2, where)
        params = () if name == "swap" else (_param(raw, "rotation", where),)
        return Gate("qis", name, targets, controls, params)
    _expect_targets(name, targets, 1, where)
    if name == "cnot" and not controls:
        raise _invalid(f"{where}: cnot needs a control")
    if name in {"not", "cnot"}:
        return Gate("qis", "x", targets, controls)
    if name in QIS_ROTATION:
        return Gate("qis", name, targets, controls, (_param(raw, "rotation", where),))
    if name == "z" and "rotation" in raw:
        # qiskit's p/cp arrive as z + rotation; see gates.phase.
        return Gate("qis", "z", targets, controls, (_param(raw, "rotation", where),))
    return Gate("qis", name, targets, controls)


def _native_gate(
    name: str,
    raw: Mapping[str, Any],
    targets: tuple[int, ...],
    controls: tuple[int, ...],
    where: str,
) -> Gate:
    if name in {"gpi", "gpi2"}:
        _expect_targets(name, targets, 1, where)
        return Gate("native", name, targets, controls, (_param(raw, "phase", where),))
    if name == "nop":
        _expect_targets(name, targets, 1, where)
        return Gate("native", name, targets, controls)
    _expect_targets(name, targets, 2, where)
    if name == "ms":
        phases = raw.get("phases")
        if not isinstance(phases, list) or len(phases) != 2:
            raise _invalid(f"{where}: ms needs 'phases', a list of two numbers")
        phi0, phi1 = (_number(p, f"{where}.phases") for p in phases)
        angle = _param(raw, "angle", where) if "angle" in raw else 0.25
        return Gate("native", "ms", targets, controls, (phi0, phi1, angle))
    # Native zz: qiskit names its parameter `angle`, cirq `phase` (notes §2.3).
    if "angle" in raw and "phase" in raw and raw["angle"] != raw["phase"]:
        raise _invalid(f"{where}: zz has both 'angle' and 'phase' and they differ")
    key = "angle" if "angle" in raw else "phase"
    return Gate("native", "zz", targets, controls, (_param(raw, key, where),))


def _parse_gate(raw: object, index: int, gateset: str, qubits: int) -> Gate:
    where = f"circuit[{index}]"
    if not isinstance(raw, Mapping):
        raise _invalid(f"{where} must be an object, got {raw!r}")
    name = raw.get("gate")
    if not isinstance(name, str):
        raise _invalid(f"{where}.gate must be a string, got {name!r}")
    known = QIS if gateset == "qis" else NATIVE
    if name not in known:
        raise CircuitError(
            "UnsupportedGate", f"{where}: gate {name!r} is not in the {gateset} gateset"
        )
    targets = _index_list(raw, "target", "targets", where, qubits)
    if not targets:
        raise _invalid(f"{where} needs a target")
    controls = _index_list(raw, "control", "controls", where, qubits)
    if set(targets) & set(controls):
        raise _invalid(f"{where}: a qubit is both a target and a control")
    if len(controls) > MAX_CONTROLS:
        raise CircuitError(
            "TooManyControls", f"{where} has {len(controls)} controls; at most {MAX_CONTROLS}"
        )
    if gateset == "qis":
        return _qis_gate(name, raw, targets, controls, where)
    return _native_gate(name, raw, targets, controls, where)


def parse_circuit(*, gateset: object, qubits: object, gates: object) -> Circuit:
    """Check an ``ionq.circuit.v1`` input and build the Circuit the engine runs.

    The width limit is not checked here: it depends on the backend (29 on the
    ideal simulator, 25 on an Aria noise model), so the caller compares
    ``qubits`` with its backend and ``required_bytes`` with its memory.
    """
    if not isinstance(gateset, str) or gateset not in {"qis", "native"}:
        raise _invalid(f"gateset must be 'qis' or 'native', got {gateset!r}")
    if isinstance(qubits, bool) or not isinstance(qubits, int) or qubits < 1:
        raise _invalid(f"qubits must be a positive integer, got {qubits!r}")
    if isinstance(gates, str | bytes) or not isinstance(gates, Sequence):
        raise _invalid(f"circuit must be a list of gates, got {gates!r}")
    parsed = tuple(_parse_gate(g, i, gateset, qubits) for i, g in enumerate(gates))
    return Circuit(gateset, qubits, parsed)
