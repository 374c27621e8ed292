"""A qiskit-ionq provider configured the way its documentation tells users to, and the Bell
circuit the qiskit-ionq tests run.

Shared by the qiskit-ionq tests of the backends family, of jobs, sessions and
cancel, so that all drive the SDK through exactly the same settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit_ionq import IonQProvider


def bell() -> QuantumCircuit:
    """H and CNOT on two qubits, both measured: ½ |00>, ½ |11>."""
    circuit = QuantumCircuit(2, 2, name="bell")
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure([0, 1], [0, 1])
    return circuit


def provider_from_environment(
    base_url: str, api_key: str, monkeypatch: pytest.MonkeyPatch, working_dir: Path
) -> IonQProvider:
    """An IonQProvider that finds the fake at `base_url` through the environment only."""
    monkeypatch.setenv("IONQ_API_URL", base_url)
    monkeypatch.setenv("IONQ_API_KEY", api_key)
    for other in ("QISKIT_IONQ_API_URL", "QISKIT_IONQ_API_TOKEN", "IONQ_API_TOKEN"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.chdir(working_dir)  # qiskit-ionq also reads a .env of the working directory
    return IonQProvider()
