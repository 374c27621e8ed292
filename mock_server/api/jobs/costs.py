"""What a job costs in the fake, and what GET /jobs/estimate says of one: a model read from data.

`mock_server/api/fixtures/rate-cards.json` gives, per backend, a price per 1-qubit gate-shot
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
from datetime import datetime
from pathlib import Path
from typing import Any

from mock_server.api.jobs.creation import JobRequest, record_name
from mock_server.api.jobs.model import Job, JobStatus
from mock_server.api.jobs.timing import DEFAULT_TIMING, execution_s
from mock_server.wire.responses import instant

RATE_CARDS = Path(__file__).parents[1] / "fixtures" / "rate-cards.json"


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


def _money(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit}


def _priced(card: RateCard, request: JobRequest, counts: dict[str, int]) -> float:
    return card.cost(
        shots=request.shots,
        one_qubit_gates=counts["1q"],
        two_qubit_gates=counts["2q"],
        error_mitigation=request.debiased,
    )


def estimated(request: JobRequest, cards: RateCards) -> float:
    """What a job is estimated to cost from its submitted gates (a session's cost limit counts
    this): 0 for a dry run and on a backend without a rate card."""
    card = cards.card(record_name(request.backend))
    if card is None or request.dry_run:
        return 0.0
    return _priced(card, request, request.gate_counts())


def billed(job: Job, cards: RateCards) -> float | None:
    """What a job cost (the `cost` of GET /jobs/{UUID}/cost): None until it completed, for a
    dry run, and on a backend without a rate card."""
    card = cards.card(record_name(job.request.backend))
    if card is None or job.status is not JobStatus.COMPLETED or job.request.dry_run:
        return None
    return _priced(card, job.request, job.gate_counts)


def job_cost(job: Job, cards: RateCards) -> dict[str, Any]:
    """GET /jobs/{UUID}/cost: the estimate from the submitted gates, the cost once completed."""
    request = job.request
    card = cards.card(record_name(request.backend))
    document: dict[str, Any] = {"dry_run": request.dry_run}
    if card is not None:
        estimated = _priced(card, request, request.gate_counts())
        document["estimated_cost"] = _money(estimated, cards.unit)
        cost = billed(job, cards)
        if cost is not None:
            document["cost"] = _money(cost, cards.unit)
    return document


@dataclass(frozen=True, slots=True)
class EstimateRequest:
    """The query of GET /jobs/estimate, with openapi.yaml's defaults filled in."""

    backend: str
    type: str
    qubits: int
    shots: int
    one_qubit_gates: int
    two_qubit_gates: int
    error_mitigation: bool
    session: bool


def quantum_time_us(job: Job) -> int:
    """The QPU time a job is billed for: IonQ's time for its gates and shots at the fake's
    round DEFAULT_TIMING (the fake's QPUs are simulated, so there is no time of theirs to
    tell; the time scale of the clock changes how long a job takes, never what it costs)."""
    counts = job.gate_counts
    return round(execution_s(DEFAULT_TIMING, job.request.shots, counts["1q"], counts["2q"]) * 1e6)


def estimate(
    asked: EstimateRequest,
    cards: RateCards,
    times_ms: tuple[int, int],
    now: datetime,
    organization: str | None = None,
) -> dict[str, Any]:
    """GET /jobs/estimate's answer, made at `now`, for the `organization` whose prices apply.

    `times_ms` is the predicted queue and execution time on the fake's clock
    (mock_server/api/jobs/timing.py), so that a job then takes what it said.

    Both the keys of IonQ's current description (`estimated_total_cost`,
    `rate_card`, ...) and those qiskit-ionq's JobEstimate still reads
    (`estimated_cost`, `cost_unit`, `rate_information`, ...).
    """
    queue_ms, execution_ms = times_ms
    card = cards.card(record_name(asked.backend))
    mitigated = asked.error_mitigation
    one, two = asked.one_qubit_gates, asked.two_qubit_gates
    total = (
        card.cost(
            shots=asked.shots, one_qubit_gates=one, two_qubit_gates=two, error_mitigation=mitigated
        )
        if card is not None
        else 0.0
    )
    inputs = {
        "backend": asked.backend,
        "type": asked.type,
        "qubits": asked.qubits,
        "shots": asked.shots,
        "1q_gates": one,
        "2q_gates": two,
        "error_mitigation": mitigated,
    }
    rate_card = {
        "id": card.id if card else "none",
        "rates": [card.rate_entry(error_mitigation=mitigated)] if card else [],
    }
    return {
        "estimate_context": {**inputs, "organization": organization, "project": None},
        "estimated_at": instant(now),
        "estimated_unit": cards.unit,
        "rate_card": rate_card,
        "estimated_total_cost": total,
        "estimated_execution_time": execution_ms,
        "current_predicted_queue_time": queue_ms,
        # The older shape qiskit-ionq reads.
        "input_values": {**inputs, "session": asked.session},
        "estimated_cost": total,
        "cost_unit": cards.unit,
        "rate_information": rate_card,
    }
