"""What a job costs in the fake: a deterministic model read from a data file.

`fixtures/rate-cards.json` gives, per backend, a price per 1-qubit gate-shot
and per 2-qubit gate-shot, and a minimum per job (higher with error
mitigation). A job costs max(minimum, shots x (n1q x rate1q + n2q x rate2q)),
rounded to the cent. The simulator's rates are zero. The shape follows
IonQ's published pricing (gate-shots and a per-job minimum); the figures are
the fake's own, so tests can compute them and nobody mistakes them for a
quote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RATE_CARDS = Path(__file__).with_name("fixtures") / "rate-cards.json"


@dataclass(frozen=True, slots=True)
class RateCard:
    """One backend's rates."""

    id: str
    one_qubit_gate_shot: float
    two_qubit_gate_shot: float
    minimum: float
    error_mitigation_minimum: float

    def cost(
        self,
        *,
        shots: int,
        one_qubit_gates: int,
        two_qubit_gates: int,
        error_mitigation: bool = False,
    ) -> float:
        """The price of a job of these gates and shots, in the cards' unit."""
        gates = (
            one_qubit_gates * self.one_qubit_gate_shot + two_qubit_gates * self.two_qubit_gate_shot
        )
        floor = self.error_mitigation_minimum if error_mitigation else self.minimum
        return round(max(floor, shots * gates), 2)

    def rate_entry(self, *, error_mitigation: bool = False) -> dict[str, Any]:
        """The card as one priced item of the estimate's `rate_card.rates` (per gate)."""
        return {
            "sku": f"{self.id}-gates",
            "unit": "gates",
            "cost_1q_gate": self.one_qubit_gate_shot,
            "cost_2q_gate": self.two_qubit_gate_shot,
            "job_cost_minimum": self.error_mitigation_minimum if error_mitigation else self.minimum,
        }


@dataclass(frozen=True, slots=True)
class RateCards:
    """Every backend's card and the unit they are in."""

    unit: str
    cards: dict[str, RateCard]

    def card(self, backend: str) -> RateCard | None:
        """The backend's card, or None for a backend without one."""
        return self.cards.get(backend)


def load_rate_cards(path: Path = RATE_CARDS) -> RateCards:
    """The rate cards of a data file (the packaged one by default)."""
    document = json.loads(path.read_text("utf-8"))
    return RateCards(
        unit=str(document["unit"]),
        cards={
            backend: RateCard(
                id=str(card["id"]),
                one_qubit_gate_shot=float(card["1q_gate_shot"]),
                two_qubit_gate_shot=float(card["2q_gate_shot"]),
                minimum=float(card["minimum"]),
                error_mitigation_minimum=float(card["error_mitigation_minimum"]),
            )
            for backend, card in document["rate_cards"].items()
        },
    )
