"""What a run of the simulator gives: the outcomes that occur, and what each got.

Two kinds, told apart by `measured`:

- exact (the ideal simulator): the probabilities of every outcome that can
  occur. Shots, when asked for, are drawn from them with the run's seed, on
  demand, so they cost nothing until a client asks (most read only the
  probabilities) and are the same on every read;
- measured (a device): one outcome per shot, kept as drawn; the
  probabilities are the counts over `shots`, which is what the SDKs assume
  of a QPU (they turn probabilities back into counts with round(p * shots)).

Either way the histogram is the tally of the very shots the run gives, so
histogram, shots and (measured) probabilities always agree. Results keep
numpy arrays, never the dense state: a 24-qubit distribution is 128 MiB
dense but at most `shots` outcomes once measured.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from mock_server.simulator.sampling import draw

__all__ = ["OUTPUT_ALL", "Register", "Result"]

# The register IonQ's v2 result formats name when a circuit declares none
# (a JSON circuit measures every qubit into it).
OUTPUT_ALL = "output_all"


@dataclass(frozen=True, slots=True)
class Register:
    """A classical register: its name, and where its bits sit in an outcome.

    `bits[i]` is the position, in the outcome integer (`Result.states`), of
    the register's bit i: an OpenQASM 3 program's `bit[2] c; bit[1] d;` is
    `Register("c", (0, 1))`, `Register("d", (2,))`.
    """

    name: str
    bits: tuple[int, ...]


@dataclass(frozen=True)
class Result:
    """One circuit's results: `states` in ascending order and their `probabilities`."""

    qubits: int
    shots: int
    seed: int
    states: NDArray[np.int64]
    probabilities: NDArray[np.float64]
    # One index into `states` per shot, in shot order, for a measured run; None
    # for an exact one, whose shots are drawn when first asked for.
    measured: NDArray[np.int64] | None = None
    # Why a run meant to be exact was measured instead (too many states to serve).
    note: str | None = None
    # The classical registers an outcome is made of; () for a JSON circuit,
    # whose outcome is every qubit, qubit 0 lowest (one register, OUTPUT_ALL).
    registers: tuple[Register, ...] = ()

    @classmethod
    def of_shots(
        cls,
        qubits: int,
        outcomes: NDArray[np.int64],
        *,
        seed: int,
        note: str | None = None,
        registers: tuple[Register, ...] = (),
    ) -> Result:
        """A measured Result: the outcomes that occurred, their frequencies, and each shot's.

        `outcomes` holds one outcome per shot, in shot order; `shots` is how many.
        """
        states, measured = np.unique(outcomes, return_inverse=True)
        counts = np.bincount(measured, minlength=states.size)
        shots = int(outcomes.size)
        return cls(
            qubits=qubits,
            shots=shots,
            seed=seed,
            states=states.astype(np.int64),
            probabilities=counts / shots if shots else counts.astype(np.float64),
            measured=measured.astype(np.int64),
            note=note,
            registers=registers,
        )

    @property
    def exact(self) -> bool:
        """Whether `probabilities` are the exact distribution (else frequencies over shots)."""
        return self.measured is None

    def shot_indices(self) -> NDArray[np.int64]:
        """One index into `states` per shot, in shot order; the same on every call."""
        if self.measured is not None:
            return self.measured
        return draw(self.probabilities, self.shots, self.seed)

    @cached_property
    def counts(self) -> NDArray[np.int64]:
        """How many of the shots ended in each of `states`."""
        return np.bincount(self.shot_indices(), minlength=self.states.size).astype(np.int64)

    def shot_states(self) -> NDArray[np.int64]:
        """The outcome of each shot, in shot order (qubit 0 the least significant bit)."""
        return self.states[self.shot_indices()]

    @property
    def layout(self) -> tuple[Register, ...]:
        """The registers of an outcome, OUTPUT_ALL over every qubit when none were declared."""
        return self.registers or (Register(OUTPUT_ALL, tuple(range(self.qubits))),)

    @property
    def width(self) -> int:
        """How many bits an outcome has: the registers' bits, else the qubits."""
        return sum(len(r.bits) for r in self.registers) if self.registers else self.qubits

    @property
    def nbytes(self) -> int:
        """What keeping this result costs: states, probabilities, counts, and measured shots."""
        kept = self.states.nbytes * 3
        return kept + (self.measured.nbytes if self.measured is not None else 0)
