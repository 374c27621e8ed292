"""A gate of a program as the simulator's gates, with the modifiers inv, pow and ctrl applied.

Every gate call of a program becomes a Unitary: a sequence of the
simulator's Gate records (mock_server/simulator/circuit.py, matrices in
gates.py) and a global phase. The phase matters only once a control is
added: ctrl @ (e^{ia} G) is a phase gate diag(1, e^{ia}) on the controls
followed by the controlled G, and that is how it is applied, exactly.

The inverse of a sequence is the inverses of its gates in reverse order;
every gate the simulator has is inverted by a gate it has (s by si, v by vi,
a rotation by its negative angle, the phase gate `z` with an angle likewise).
Integer powers repeat; fractional ones are refused by the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mock_server.simulator.circuit import Gate

__all__ = ["INVERSE_NAMES", "Unitary", "gate"]

INVERSE_NAMES = {"s": "si", "si": "s", "t": "ti", "ti": "t", "v": "vi", "vi": "v"}
# Gates whose parameters are angles that the inverse negates (z: the phase gate).
_ANGLED = frozenset({"rx", "ry", "rz", "xx", "yy", "zz", "z"})


def gate(name: str, targets: tuple[int, ...], *params: float) -> Gate:
    """A QIS gate of the simulator on `targets`."""
    return Gate("qis", name, targets, (), tuple(params))


def _inverse(g: Gate) -> Gate:
    if g.name in INVERSE_NAMES:
        return replace(g, name=INVERSE_NAMES[g.name])
    if g.name in _ANGLED and g.params:
        return replace(g, params=tuple(-p for p in g.params))
    if g.name == "pauliexp":
        return replace(g, params=tuple(-p for p in g.params))
    return g  # x, y, z, h, swap: their own inverses


@dataclass(frozen=True, slots=True)
class Unitary:
    """Gates in the order they apply, and a global phase e^{i phase}."""

    gates: tuple[Gate, ...] = ()
    phase: float = 0.0

    def then(self, other: Unitary) -> Unitary:
        """This, then `other`."""
        return Unitary(self.gates + other.gates, self.phase + other.phase)

    def inverse(self) -> Unitary:
        """The inverse: inverted gates in reverse order, the opposite phase."""
        return Unitary(tuple(_inverse(g) for g in reversed(self.gates)), -self.phase)

    def power(self, exponent: int) -> Unitary:
        """This applied `exponent` times (the inverse's, for a negative exponent)."""
        base = self if exponent >= 0 else self.inverse()
        return Unitary(base.gates * abs(exponent), base.phase * abs(exponent))

    def controlled(self, controls: tuple[int, ...]) -> Unitary:
        """Every gate controlled by `controls` too; the phase a phase gate on them."""
        if not controls:
            return self
        gates = tuple(replace(g, controls=controls + g.controls) for g in self.gates)
        if self.phase:
            phase_gate = Gate("qis", "z", (controls[-1],), controls[:-1], (self.phase,))
            gates = (phase_gate, *gates)
        return Unitary(gates, 0.0)
