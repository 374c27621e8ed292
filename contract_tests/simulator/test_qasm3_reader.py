"""The OpenQASM 3 reader against hand-checked programs and against qiskit's own reading of the text.

qiskit (qiskit.qasm3.loads, through qiskit-qasm3-import) is the reference for
what a program means: for gate-only programs the unitary the fake's gates
make, column by column on the simulator's own engine, must equal qiskit's
Operator of the same text up to one global phase. Everything else is
written out by hand from the text.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray
from qiskit import qasm3  # type: ignore[import-untyped]
from qiskit.quantum_info import Operator  # type: ignore[import-untyped]

from mock_server.simulator import CircuitError, StateVector
from mock_server.simulator.qasm3 import Measure, Program, Reset, read_program
from mock_server.simulator.result import Register

HEADER = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'

GATE_PROGRAMS = {
    "standard gates with expressions": HEADER
    + "qubit[3] q;\nrx(pi/3) q[0];\nry(2*pi - 0.5) q[1];\nrz(-pi/4 + 1e-3) q[2];\n"
    "p(0.7) q[0];\nU(0.1, 0.2, 0.3) q[1];\nsx q[0];\ns q[2];\nsdg q[0];\nt q[1];\n"
    "tdg q[2];\ny q[0];\nz q[1];\nid q[2];\nh q[0];\nu1(0.4) q[1];\nu2(0.3, 0.9) q[2];\n"
    "u3(0.5, 0.6, 0.7) q[0];\nphase(1.1) q[1];\ngphase(pi/8);\n",
    "controlled gates": HEADER
    + "qubit[3] q;\nh q;\ncx q[0], q[1];\ncy q[1], q[2];\ncz q[0], q[2];\nch q[0], q[1];\n"
    "swap q[1], q[2];\nccx q[0], q[1], q[2];\ncswap q[0], q[1], q[2];\ncrx(0.3) q[0], q[1];\n"
    "cry(0.4) q[1], q[2];\ncrz(0.5) q[0], q[2];\ncp(0.6) q[1], q[0];\ncphase(0.2) q[2], q[0];\n"
    "cu(0.1, 0.2, 0.3, 0.4) q[0], q[1];\nCX q[2], q[0];\n",
    "modifiers": HEADER + "qubit[3] q;\nh q;\nctrl @ x q[0], q[1];\nctrl(2) @ x q[0], q[1], q[2];\n"
    "inv @ s q[2];\npow(2) @ t q[1];\nnegctrl @ x q[0], q[2];\n"
    "ctrl @ U(0.3, 0.4, 0.5) q[1], q[0];\n"
    "inv @ ctrl @ rx(0.7) q[2], q[1];\npow(-3) @ sx q[0];\nctrl @ gphase(0.9) q[1];\n",
    "gate definitions, as qiskit writes them": HEADER
    + "gate rxx(p0) _gate_q_0, _gate_q_1 {\n  h _gate_q_0;\n  h _gate_q_1;\n"
    "  cx _gate_q_0, _gate_q_1;\n  rz(p0) _gate_q_1;\n  cx _gate_q_0, _gate_q_1;\n"
    "  h _gate_q_1;\n  h _gate_q_0;\n}\ngate sxdg _gate_q_0 {\n  s _gate_q_0;\n  h _gate_q_0;\n"
    "  s _gate_q_0;\n}\ngate r(p0, p1) _gate_q_0 {\n  U(p0, -pi/2 + p1, pi/2 - p1) _gate_q_0;\n}\n"
    "qubit[2] q;\nh q[0];\nrxx(0.3) q[0], q[1];\nsxdg q[1];\nr(0.3, 0.4) q[0];\n"
    "ctrl @ r(0.5, 0.1) q[0], q[1];\n",
    "broadcasting and OpenQASM 2 declarations": HEADER
    + "qreg a[2];\nqreg b[2];\nh a;\ncx a, b;\nrz(0.3) b[1];\nx b[0:1];\n",
}


def fake_unitary(program: Program) -> NDArray[np.complex128]:
    """The unitary of a gate-only program, one column per basis state, on the fake's engine."""
    size = 2**program.qubits
    columns = []
    for basis in range(size):
        amplitudes = np.zeros(size, dtype=np.complex128)
        amplitudes[basis] = 1
        state = StateVector.from_amplitudes(amplitudes)
        for gate in program.gates:
            state.apply_gate(gate)
        columns.append(state.amplitudes())
    return np.array(columns).T


@pytest.mark.parametrize("name", sorted(GATE_PROGRAMS))
def test_gates_mean_what_qiskit_reads(name: str) -> None:
    text = GATE_PROGRAMS[name]
    program = read_program(text)
    # No measurement: every qubit read out at the end, into output_all.
    assert not any(isinstance(op, Reset) for op in program.operations)
    finals = [op for op in program.operations if isinstance(op, Measure)]
    assert finals == [Measure(q, q) for q in range(program.qubits)]
    ours = fake_unitary(program)
    reference = Operator(qasm3.loads(text)).data
    # Equal up to one global phase: <ref, ours> / dim has modulus 1 exactly when they are.
    overlap = np.vdot(reference, ours) / reference.shape[0]
    assert abs(abs(overlap) - 1) < 1e-9, name
    assert np.allclose(ours, reference * overlap, atol=1e-9), name


def test_the_three_spellings_of_measurement() -> None:
    text = HEADER + (
        "qubit[2] q;\nbit[2] c;\nbit[2] d;\nbit e;\n"
        "measure q -> c;\nd = measure q;\ne = measure q[1];\nmeasure q[0];\n"
    )
    program = read_program(text)
    assert program.registers == (
        Register("c", (0, 1)),
        Register("d", (2, 3)),
        Register("e", (4,)),
    )
    assert program.operations == (
        Measure(0, 0),
        Measure(1, 1),
        Measure(0, 2),
        Measure(1, 3),
        Measure(1, 4),
        Measure(0, None),
    )
    assert program.bits == 5


def test_reset_and_barrier() -> None:
    program = read_program(
        HEADER + "qubit[2] q;\nbit[1] c;\nreset q;\nbarrier q;\nc[0] = measure q[1];\n"
    )
    assert program.operations == (Reset(0), Reset(1), Measure(1, 0))


def test_a_program_without_measurement_is_read_out_whole() -> None:
    program = read_program(HEADER + "qubit[3] q;\nh q[0];\n")
    assert program.registers == ()  # the Result's layout is then output_all, as a JSON circuit's
    assert program.operations[1:] == (Measure(0, 0), Measure(1, 1), Measure(2, 2))


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        (
            HEADER + "qubit q;\nbit b;\nb = measure q;\nif (b) { x q; }\n",
            "CompilationError",
            "`if`",
        ),
        (HEADER + "qubit q;\nbit b;\nwhile (b) { x q; }\n", "CompilationError", "`while`"),
        (HEADER + "qubit[2] q;\nfor int i in [0:1] { h q[i]; }\n", "CompilationError", "`for`"),
        (
            "OPENQASM 3.1;\nqubit q;\nint i = 1;\nswitch (i) { case 1 { } }\n",
            "CompilationError",
            "`switch`",
        ),
        (HEADER + "qubit q;\ndelay[100ns] q;\n", "CompilationError", "`delay`"),
        (HEADER + "def f(qubit a) { h a; }\nqubit q;\n", "CompilationError", "`def`"),
        ("OPENQASM 3.0;\nqubit[2] q\nh q[0];\n", "InvalidInput", "line 3"),
        (HEADER + "qubit[2] q;\nfoo q[0];\n", "UnsupportedGate", "'foo'"),
        ("OPENQASM 3.0;\nqubit q;\nh q;\n", "UnsupportedGate", "stdgates.inc"),
        (HEADER + "qubit[2] q;\nh q[5];\n", "InvalidInput", "q[5]"),
        (HEADER + "qubit[2] q;\ncx q[0], q[0];\n", "InvalidInput", "same qubit"),
        (HEADER + "qubit[2] q;\nrx q[0];\n", "InvalidInput", "1 parameter"),
        (HEADER + "qubit q;\npow(0.5) @ x q;\n", "UnsupportedGate", "pow(0.5)"),
        (HEADER + "qubit q;\nrx(1/0) q;\n", "InvalidInput", "finite"),
        (HEADER + "qubit q;\npow(1000000) @ x q;\nx q;\n", "TooManyGates", "150000"),
        (HEADER + "gate g a { g a; }\nqubit q;\ng q;\n", "InvalidInput", "nest"),
        (HEADER + "qubit[65] q;\n", "NotEnoughQubits", "64"),
        (HEADER + "bit[64] c;\nqubit q;\n", "InvalidInput", "63 bits"),
        ("OPENQASM 3.0;\n", "InvalidInput", "no qubits"),
        ("   ", "InvalidInput", "empty"),
        (HEADER + "qubit q;\n" + "(" * 5000 + ";", "InvalidInput", ""),
    ],
)
def test_a_program_that_cannot_run_fails_with_a_message(text: str, code: str, words: str) -> None:
    with pytest.raises(CircuitError) as raised:
        read_program(text)
    assert raised.value.code == code
    assert words in raised.value.message


def test_the_text_is_bounded_before_it_is_parsed() -> None:
    text = HEADER + "qubit q;\n" + "x q;\n" * 300_000  # 1.5 MB: refused at once
    with pytest.raises(CircuitError, match="characters") as raised:
        read_program(text)
    assert raised.value.code == "InvalidInput"


def test_a_program_that_records_nothing_is_read_out_whole_too() -> None:
    # `measure q;` collapses q without recording it: no outcome bit would say anything.
    program = read_program(HEADER + "qubit[2] q;\nbit[2] c;\nh q[0];\nmeasure q;\n")
    assert program.registers == ()
    assert program.operations[-2:] == (Measure(0, 0), Measure(1, 1))


def test_expressions_constants_and_functions_evaluate_to_the_angle() -> None:
    text = HEADER + (
        "const float theta = pi / 4;\nqubit q;\nbit b;\n"
        "rx(sqrt(2) * cos(pi / 3) + floor(2.7)) q;\nry(theta ** 2 - tau) q;\n"
        "rz(-euler % 1) q;\nb = measure q;\n"
    )
    rx, ry, rz = read_program(text).gates
    assert rx.params == pytest.approx((2**0.5 * 0.5 + 2,))
    assert ry.params == pytest.approx(((3.141592653589793 / 4) ** 2 - 2 * 3.141592653589793,))
    assert rz.params == pytest.approx((-(2.718281828459045 % 1),))


def test_gate_counts_count_the_gates_as_the_program_calls_them() -> None:
    # U is one 1q gate (three rotations to run), rxx one 2q gate (its body has seven),
    # ccx one gate on three qubits ("2q", as a JSON circuit's), h on a register three
    # 1q gates; id and gphase are no gate.
    text = HEADER + (
        "gate rxx(p0) a, b { h a; h b; cx a, b; rz(p0) b; cx a, b; h b; h a; }\n"
        "qubit[3] q;\nU(0.1, 0.2, 0.3) q[0];\nrxx(0.4) q[0], q[1];\nccx q[0], q[1], q[2];\n"
        "id q[0];\ngphase(0.1);\nh q;\n"
    )
    program = read_program(text)
    assert program.gate_counts() == {"1q": 4, "2q": 2}
    assert [call.qubits for call in program.calls] == [
        (0,),
        (0, 1),
        (0, 1, 2),
        (0,),
        (1,),
        (2,),
    ]
    # Each call's channels go after the last of the simulator's gates it became.
    assert [call.last for call in program.calls] == [2, 9, 10, 11, 12, 13]
