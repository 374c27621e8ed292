"""Error channels, named as qiskit-aer names its own: a depolarizing error, a readout error.

Both are descriptions, numbers only; what they do to a run is the
trajectory sampler's (trajectories.py). A depolarizing channel is a mixture of
Pauli products, so a run under it is exactly a random choice of Paulis
inserted into the circuit, one choice per shot: that is what makes the noisy
simulator exact in distribution while it simulates pure states only.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DepolarizingError", "ReadoutError"]


@dataclass(frozen=True, slots=True)
class DepolarizingError:
    """A `qubits`-qubit depolarizing channel with rate `rate`, as IonQ defines it.

    Kraus operators: sqrt(1 - (4^k - 1) r / 4^k) times the identity, and
    sqrt(r / 4^k) times each of the 4^k - 1 other Pauli products on k qubits
    (IonQ's guide "Simulation with Noise Models", k = 1 and 2). Equivalently:
    with probability r the qubits' state is replaced by the maximally mixed
    one; each non-identity Pauli product is applied with probability r / 4^k.
    """

    qubits: int
    rate: float

    def __post_init__(self) -> None:
        if self.qubits < 1:
            raise ValueError(f"a channel acts on at least one qubit, not {self.qubits}")
        # r may go up to 4^k / (4^k - 1): the fully depolarizing point is r = 1,
        # beyond it the identity's weight keeps falling to 0 (a Pauli twirl).
        if not 0.0 <= self.rate <= self.max_rate:
            limit = self.max_rate
            raise ValueError(f"a {self.qubits}-qubit depolarizing rate lies in [0, {limit}]")

    @property
    def paulis(self) -> int:
        """How many Pauli products on k qubits there are, the identity among them: 4^k."""
        return 1 << (2 * self.qubits)

    @property
    def max_rate(self) -> float:
        """The largest rate for which the identity's Kraus weight is not negative."""
        return self.paulis / (self.paulis - 1)

    @property
    def pauli_probability(self) -> float:
        """The probability of each one of the non-identity Pauli products."""
        return self.rate / self.paulis

    @property
    def error_probability(self) -> float:
        """The probability that some non-identity Pauli product is applied."""
        return self.pauli_probability * (self.paulis - 1)


@dataclass(frozen=True, slots=True)
class ReadoutError:
    """Each measured bit is reported flipped with `probability`, independently (symmetric)."""

    probability: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError("a readout error probability lies in [0, 1]")
