"""Which noise a job runs with: IonQ's named models on `simulator`, a QPU's own characterization.

- `simulator` without a model, or with `ideal`: no noise, exact results.
- `simulator` with a named model: IonQ's depolarizing rates for that model,
  read from `mock_server/api/fixtures/noise-models.json` (which names the
  source of every figure, and what the fake guessed where IonQ publishes
  nothing), and the widest circuit the model runs (the same file: the
  simulator's record lists only the models' names, as IonQ's does).
- a QPU backend: the noise its characterization describes *when the job
  runs* (an admin change to it changes the next job's noise). A noise model
  sent with a QPU job is ignored, as IonQ's description says.

A fidelity F of a d-dimensional gate, read as an average gate fidelity (what
randomized benchmarking measures), is the depolarizing channel of rate
r = d/(d-1) x (1 - F) (Nielsen, Phys. Lett. A 303, 249 (2002): a depolarizing
channel of rate r has average fidelity 1 - r (d-1)/d). So one-qubit gates get
r = 2 (1 - F1q), two-qubit gates r = 4/3 (1 - F2q), from the medians of
`fidelity.1q` and `fidelity.2q`; every measured bit flips with probability
1 - `fidelity.spam.median`. docs/noise.md has the table of what that gives.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs.creation import IDEAL, JobRequest

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import NoiseModel

NOISE_MODELS = Path(__file__).parents[1] / "fixtures" / "noise-models.json"
ONE_QUBIT_DIMENSION = 2
TWO_QUBIT_DIMENSION = 4


@dataclass(frozen=True, slots=True)
class Rates:
    """The noise of one run, as plain numbers: depolarizing rates and a readout flip probability.

    `qubits` is the widest circuit a named model runs, from the data file
    (None: the backend's own limit).
    """

    name: str
    one_qubit: float = 0.0
    two_qubit: float = 0.0
    readout: float = 0.0
    qubits: int | None = None

    def model(self) -> NoiseModel:
        """The simulator's description of this noise."""
        from mock_server.simulator import (  # noqa: PLC0415 - numpy loads with the first job
            DepolarizingError,
            NoiseModel,
            ReadoutError,
        )

        return NoiseModel(
            self.name,
            DepolarizingError(1, self.one_qubit),
            DepolarizingError(2, self.two_qubit),
            ReadoutError(self.readout),
        )

    def errors_per_shot(self, one_qubit_gates: int, two_qubit_gates: int) -> float:
        """The expected number of gate errors in one shot of a circuit of these gates."""
        return one_qubit_gates * self.one_qubit * 3 / 4 + two_qubit_gates * self.two_qubit * 15 / 16


def gate_rate(fidelity: float, dimension: int) -> float:
    """The depolarizing rate of a gate of this average fidelity (the module's formula)."""
    return min(max(dimension / (dimension - 1) * (1.0 - fidelity), 0.0), 1.0)


def from_characterization(backend: str, record: Mapping[str, Any] | None) -> Rates:
    """The noise of a QPU whose current characterization is `record` (None: a perfect device)."""
    if record is None:
        return Rates(backend)
    fidelity = record.get("fidelity") or {}

    def median(name: str) -> float | None:
        value = (fidelity.get(name) or {}).get("median")
        return float(value) if isinstance(value, int | float) else None

    one, two, spam = median("1q"), median("2q"), median("spam")
    return Rates(
        backend,
        one_qubit=gate_rate(one, ONE_QUBIT_DIMENSION) if one is not None else 0.0,
        two_qubit=gate_rate(two, TWO_QUBIT_DIMENSION) if two is not None else 0.0,
        readout=min(max(1.0 - spam, 0.0), 1.0) if spam is not None else 0.0,
    )


class NoiseModels:
    """IonQ's named noise models, as the data file gives them."""

    def __init__(self, models: Mapping[str, Rates]) -> None:
        self._models = dict(models)

    def get(self, name: str) -> Rates | None:
        """The named model, or None for a name the fake does not know."""
        return self._models.get(name)


def load_noise_models(path: Path = NOISE_MODELS) -> NoiseModels:
    """The named models of the data file; `same_as` takes another model's rates (not its width)."""
    document = json.loads(path.read_text("utf-8"))
    entries: dict[str, dict[str, Any]] = document["models"]
    models = {}
    for name, entry in entries.items():
        rates = entries[entry["same_as"]] if "same_as" in entry else entry
        qubits = entry.get("qubits")
        models[name] = Rates(
            name,
            one_qubit=float(rates.get("one_qubit", 0.0)),
            two_qubit=float(rates.get("two_qubit", 0.0)),
            qubits=int(qubits) if isinstance(qubits, int) else None,
        )
    return NoiseModels(models)


def rates_for(
    request: JobRequest, models: NoiseModels, characterization: Mapping[str, Any] | None
) -> Rates | None:
    """The noise `request` runs with; None for the ideal simulator (exact results)."""
    if request.is_simulator:
        name = request.noise_model or IDEAL
        if name == IDEAL:
            return None
        return models.get(name) or Rates(name)
    return from_characterization(request.backend, characterization)


def predicted_trajectories(
    rates: Rates | None, one_qubit_gates: int, two_qubit_gates: int, shots: int
) -> float:
    """How many shots of a run are expected to draw an error: what noise multiplies work by."""
    if rates is None:
        return 0.0
    return shots * -math.expm1(-rates.errors_per_shot(one_qubit_gates, two_qubit_gates))
