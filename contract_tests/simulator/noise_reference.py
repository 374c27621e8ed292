"""The exact output distribution of a circuit under IonQ's noise model, by density matrices.

Independent of the code under test: it reads the circuit's JSON (never the
parsed Circuit), builds each gate in qiskit (reference.qiskit_circuit),
writes the channels out from IonQ's formulas (guide "Simulation with Noise
Models") and evolves qiskit's DensityMatrix through them, so its answer is
the channel's own, not a sample. Nothing is imported from mock_server.

- after every one-qubit gate, a one-qubit depolarizing channel of rate r1 on
  its qubit: K0 = sqrt(1 - 3 r1/4) I, Ki = sqrt(r1/4) sigma_i;
- after every two-qubit gate, a two-qubit one of rate r2 on its two qubits:
  K00 = sqrt(1 - 15 r2/16) I(x)I, Kij = sqrt(r2/16) sigma_i (x) sigma_j;
- after `nop`, nothing;
- after a gate on k >= 3 qubits (controls, then targets: q_0 .. q_{k-1}),
  2^k - 2 two-qubit channels on the pairs (q_{j mod (k-1)}, q_{k-1}) and
  2^k + 1 one-qubit channels on q_{j mod k}, j = 0, 1, ... (the fake's rule
  for what IonQ's compiler would make of the gate; its docstring in
  mock_server/simulator/noise/model.py);
- at the end, every measured bit flips independently with probability p: a
  2x2 stochastic matrix [[1-p, p], [p, 1-p]] on every qubit's marginal axis.

Outcome index = sum(bit_q * 2**q), qubit 0 the least significant bit, as
IonQ's and qiskit's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from qiskit.quantum_info import DensityMatrix, Kraus, SuperOp  # type: ignore[import-untyped]

from contract_tests.simulator.reference import listed, qiskit_circuit

Matrix = NDArray[np.complex128]
Sites = Callable[[dict[str, Any]], list[tuple[int, ...]]]

PAULIS: tuple[Matrix, ...] = (
    np.eye(2, dtype=np.complex128),
    np.array([[0, 1], [1, 0]], dtype=np.complex128),
    np.array([[0, -1j], [1j, 0]], dtype=np.complex128),
    np.array([[1, 0], [0, -1]], dtype=np.complex128),
)


@dataclass(frozen=True)
class Rates:
    """A noise model as numbers: depolarizing rates r1 (1q), r2 (2q) and the readout flip p."""

    one_qubit: float = 0.0
    two_qubit: float = 0.0
    readout: float = 0.0


def kron_all(factors: tuple[Matrix, ...]) -> Matrix:
    product: Matrix = np.ones((1, 1), dtype=np.complex128)
    for factor in factors:
        product = np.asarray(np.kron(product, factor), dtype=np.complex128)
    return product


def depolarizing_kraus(qubits: int, rate: float) -> list[Matrix]:
    """IonQ's Kraus operators on `qubits` (1 or 2): identity first, then every other Pauli product.

    Weights: 1 - (4^k - 1) r / 4^k for the identity, r / 4^k for each of the others
    (k = 1: 1 - 3r/4 and r/4; k = 2: 1 - 15r/16 and r/16).
    """
    paulis = 4**qubits
    products = [kron_all(factors) for factors in itertools.product(PAULIS, repeat=qubits)]
    weights = [1 - (paulis - 1) * rate / paulis] + [rate / paulis] * (paulis - 1)
    return [np.sqrt(w) * m for w, m in zip(weights, products, strict=True)]


def depolarizing_channel(qubits: int, rate: float) -> SuperOp:
    return SuperOp(Kraus(depolarizing_kraus(qubits, rate)))


def channel_sites(gate: dict[str, Any]) -> list[tuple[int, ...]]:
    """The qubits of each channel after `gate` (the module's rule), in order."""
    if gate["gate"] == "nop":
        return []
    qubits = listed(gate, "control", "controls") + listed(gate, "target", "targets")
    k = len(qubits)
    if k <= 2:
        return [tuple(qubits)]
    pairs = [(qubits[j % (k - 1)], qubits[k - 1]) for j in range(2**k - 2)]
    singles = [(qubits[j % k],) for j in range(2**k + 1)]
    return [*pairs, *singles]


def apply_readout(
    probabilities: NDArray[np.float64], qubits: int, flip: float
) -> NDArray[np.float64]:
    """Every bit of the outcome flipped independently with probability `flip`, exactly."""
    stochastic = np.array([[1 - flip, flip], [flip, 1 - flip]])
    tensor = probabilities.reshape((2,) * qubits)
    for axis in range(qubits):
        tensor = np.moveaxis(np.tensordot(stochastic, tensor, axes=([1], [axis])), 0, axis)
    return np.asarray(tensor.reshape(-1), dtype=np.float64)


def noisy_probabilities(
    gateset: str,
    qubits: int,
    gates: list[dict[str, Any]],
    rates: Rates,
    sites_of: Sites = channel_sites,
) -> NDArray[np.float64]:
    """The exact distribution of measured outcomes of the circuit under `rates`.

    `sites_of` says where the channels after a gate go: the module's rule unless
    a test asks what another rule would give.
    """
    channels = {
        1: depolarizing_channel(1, rates.one_qubit),
        2: depolarizing_channel(2, rates.two_qubit),
    }
    state = DensityMatrix.from_label("0" * qubits)
    for gate in gates:
        state = state.evolve(qiskit_circuit(gateset, qubits, [gate]))
        for sites in sites_of(gate):
            state = state.evolve(channels[len(sites)], qargs=list(sites))
    exact = np.clip(np.real(np.asarray(state.probabilities(), dtype=np.float64)), 0.0, None)
    return apply_readout(exact / exact.sum(), qubits, rates.readout)
