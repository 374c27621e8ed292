"""The noise a run is given: a description of channels and where they go, never code.

The simulator knows nothing of IonQ's backends or noise models: the caller
(mock_server/api/jobs) says which rates a run stands for, and the simulator
does what the description says. Without a NoiseModel, a run is the ideal
simulator's: the exact distribution. With one, it is a device's: `shots`
measurements, one outcome each, and probabilities that are their frequencies,
even when every rate is zero.

Where channels go (`locations`), the rule a reader of IonQ's guide would
expect, extended to what the guide leaves open:

- after every one-qubit gate, a one-qubit depolarizing channel on its qubit;
  after every two-qubit gate, a two-qubit one on its two qubits;
- `nop` is no gate: no channel;
- a gate on k >= 3 qubits (a multi-controlled gate, a pauliexp over many
  qubits) is charged as the gates IonQ's compiler would make of it. The count
  follows the standard Toffoli decomposition (Nielsen and Chuang, Fig. 4.9:
  6 CNOTs and 9 one-qubit gates) and grows as the known decompositions of
  multi-controlled gates do: 2^k - 2 two-qubit and 2^k + 1 one-qubit gates
  (k = 4: 14 CNOTs, as in Barenco et al. 1995's C3X). Their channels all go
  after the gate (the fake does not compile, so it cannot place them inside),
  the two-qubit ones on the pairs (qubits[j mod (k-1)], qubits[k-1]) and the
  one-qubit ones on qubits[j mod k], j counting from 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_server.simulator.circuit import Circuit, Gate
from mock_server.simulator.noise.channels import DepolarizingError, ReadoutError

__all__ = ["Location", "NoiseModel", "locations"]

NO_CHANNEL = frozenset({"nop"})


@dataclass(frozen=True, slots=True)
class NoiseModel:
    """A device's run: gate errors after gates, a readout error on every measured bit.

    `name` says which device, for messages. A model whose rates are all zero
    is still a device: its outcomes are drawn shot by shot.
    """

    name: str
    one_qubit: DepolarizingError = field(default_factory=lambda: DepolarizingError(1, 0.0))
    two_qubit: DepolarizingError = field(default_factory=lambda: DepolarizingError(2, 0.0))
    readout: ReadoutError = field(default_factory=lambda: ReadoutError(0.0))

    def __post_init__(self) -> None:
        if self.one_qubit.qubits != 1 or self.two_qubit.qubits != 2:
            raise ValueError("one_qubit acts on 1 qubit and two_qubit on 2")


@dataclass(frozen=True, slots=True)
class Location:
    """One channel of a run: after gate `after` (its index), on these qubits."""

    after: int
    qubits: tuple[int, ...]
    channel: DepolarizingError


def charged_gates(width: int) -> tuple[int, int]:
    """(one-qubit, two-qubit) gates a gate on `width` qubits is charged as (see the module)."""
    if width <= 2:
        return (1, 0) if width == 1 else (0, 1)
    return 2**width + 1, 2**width - 2


def gate_locations(index: int, gate: Gate, model: NoiseModel) -> list[Location]:
    """The channels after one gate (the module's rule)."""
    if gate.name in NO_CHANNEL:
        return []
    qubits = gate.qubits
    width = len(qubits)
    if width == 1:
        return [Location(index, qubits, model.one_qubit)]
    if width == 2:
        return [Location(index, qubits, model.two_qubit)]
    ones, twos = charged_gates(width)
    found = [
        Location(index, (qubits[j % (width - 1)], qubits[width - 1]), model.two_qubit)
        for j in range(twos)
    ]
    found += [Location(index, (qubits[j % width],), model.one_qubit) for j in range(ones)]
    return found


def locations(circuit: Circuit, model: NoiseModel) -> list[Location]:
    """Every channel of a run of `circuit` under `model`, in gate order; none of rate 0."""
    return [
        location
        for index, gate in enumerate(circuit.gates)
        for location in gate_locations(index, gate, model)
        if location.channel.rate > 0.0
    ]
