"""qiskit-ionq's `job.compiled_circuit()` against the fake, after a dry run and after a run.

The compiled circuit is rebuilt from qiskit-ionq's own native gates and
simulated by qiskit: its probabilities must be those qiskit computes for
the submitted circuit (the fake's simulator takes no part in the check).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit.quantum_info import Statevector  # type: ignore[import-untyped]
from qiskit_ionq import IonQProvider
from qiskit_ionq.exceptions import IonQJobError

from contract_tests.native_circuits import qiskit_native

pytestmark = pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning")


def tilted() -> QuantumCircuit:
    circuit = QuantumCircuit(3, 3)
    circuit.ry(0.7, 0)
    circuit.cx(0, 1)
    circuit.rz(0.3, 1)
    circuit.h(2)
    circuit.ccx(1, 2, 0)
    circuit.rx(1.1, 2)
    return circuit


def assert_equivalent(compiled: Any, source: QuantumCircuit) -> None:
    assert isinstance(compiled, dict)
    expected = Statevector(source).probabilities()
    served = Statevector(qiskit_native(compiled)).probabilities()
    np.testing.assert_allclose(served, expected, atol=1e-9)


@pytest.mark.parametrize(("backend", "entangler"), [("qpu.aria-1", "ms"), ("qpu.forte-1", "zz")])
def test_compiled_circuit_after_a_dry_run(
    provider: IonQProvider, backend: str, entangler: str
) -> None:
    circuit = tilted()
    measured = circuit.copy()
    measured.measure([0, 1, 2], [0, 1, 2])
    job = provider.get_backend(backend).run(measured, shots=100, dry_run=True)
    job.wait_for_final_state(timeout=30)
    compiled = job.compiled_circuit()
    assert isinstance(compiled, dict)
    assert {gate["gate"] for gate in compiled["circuit"]} <= {"gpi", "gpi2", entangler}
    assert_equivalent(compiled, circuit)
    assert job.compiled_circuit("ionq.native.v1") == compiled
    with pytest.raises(IonQJobError, match=r"ionq\.native\.v1"):
        job.compiled_circuit("mir")  # an OpenQASM 3 job's format: this job has none


def test_compiled_circuit_after_a_run_on_the_simulator(provider: IonQProvider) -> None:
    circuit = tilted()
    measured = circuit.copy()
    measured.measure([0, 1, 2], [0, 1, 2])
    job = provider.get_backend("simulator").run(measured, shots=100)
    job.result()
    assert_equivalent(job.compiled_circuit(), circuit)
