"""What IonQ's noise models predict for the circuits the SDK noise tests run.

IonQ's guide "Simulation with Noise Models"
(docs.ionq.com/guides/simulation-with-noise-models) puts a depolarizing
channel after every gate: of rate r1 after a one-qubit gate, with Kraus
operators sqrt(1 - 3 r1/4)·I and sqrt(r1/4)·P (P = X, Y, Z), and of rate r2
after a two-qubit gate, sqrt(1 - 15 r2/16)·I⊗I and sqrt(r2/16)·P⊗Q (the 15
other Pauli pairs). That is, each non-identity Pauli follows the gate with
probability r1/4 (one qubit) or r2/16 (two). The rates are IonQ's, as
that guide publishes them (contract_tests/noise_rates.py); nothing here is read
from the fake.

Two closed forms follow from the channels alone:

- A Bell circuit (h on qubit 0, then cnot 0 -> 1) measures an odd-parity
  outcome (01 or 10) with probability r2/2. The channel after h never
  changes the parity (X|+> = |+>; Y and Z make it |->, which the cnot maps
  to an even pair too); of the 15 Paulis after the cnot, the 8 with X or Y
  on exactly one qubit flip one bit: 8 · r2/16.
- On a basis state a one-qubit channel flips the bit with probability r1/2
  (X or Y), so N one-qubit gates in a row leave it flipped with probability
  (1 - (1 - r1)^N)/2.
"""

from __future__ import annotations

from contract_tests.noise_rates import PUBLISHED_RATES

__all__ = ["bell_odd_parity", "flipped_after"]


def bell_odd_parity(model: str) -> float:
    """P(01 or 10) for h then cnot on |00> under IonQ's `model`: r2/2."""
    _, r2 = PUBLISHED_RATES[model]
    return r2 / 2


def flipped_after(model: str, gates: int) -> float:
    """P(a basis state's bit is flipped) after `gates` one-qubit gates under `model`."""
    r1, _ = PUBLISHED_RATES[model]
    return (1 - (1 - r1) ** gates) / 2
