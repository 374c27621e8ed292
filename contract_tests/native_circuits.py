"""IonQ's native-gate circuits (`ionq.native.v1`) read by qiskit, as an independent reference.

qiskit-ionq defines GPI, GPI2, MS and ZZ as qiskit gates (phases and
angles in turns, as IonQ's JSON has them); a compiled circuit rebuilt from
them and simulated by qiskit's Statevector is checked against the source
circuit read by qiskit's own gates, never against the fake's simulator.
"""

from __future__ import annotations

from typing import Any

from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit_ionq import GPI2Gate, GPIGate, MSGate, ZZGate


def qiskit_native(document: dict[str, Any]) -> QuantumCircuit:
    """The `ionq.native.v1` document as a qiskit circuit of qiskit-ionq's native gates."""
    circuit = QuantumCircuit(document["qubits"])
    for gate in document["circuit"]:
        name = gate["gate"]
        if name == "gpi":
            circuit.append(GPIGate(gate["phase"]), [gate["target"]])
        elif name == "gpi2":
            circuit.append(GPI2Gate(gate["phase"]), [gate["target"]])
        elif name == "ms":
            phi0, phi1 = gate["phases"]
            circuit.append(MSGate(phi0, phi1, gate.get("angle", 0.25)), gate["targets"])
        elif name == "zz":
            circuit.append(ZZGate(gate["angle"]), gate["targets"])
        else:
            raise AssertionError(f"not a native gate: {gate}")
    return circuit
