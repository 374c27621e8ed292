"""One circuit's run with the error mitigation its job asks for: which applies, and carrying it out.

Where it applies is the backend's record's to say, `supported_error_mitigations`
(the fixtures, as IonQ's records: `["debiasing"]` on the QPUs, `[]` on the
simulator, ideal or noisy, where IonQ says debiasing "is not currently
available"). Asked for where it is not supported, it is not applied: the
job runs as if unasked, its output says `debiasing: false` (or
`symmetry_verification.applied: false`), and a warning says why. IonQ does
not document what it does then (x-guessed). Symmetry verification is
offered wherever debiasing is: IonQ's records name only debiasing, and its
SDKs send both settings to the same backends (x-guessed).

What a mitigated run does (mock_server/simulator/mitigation/):

- debiased: the variants of `plan_debiasing` (the device's width is the
  record's `qubits`), each run with its own seed; the unit's `result` is
  the `average` aggregation (every variant's shots, in variant order), so
  the probabilities, histogram and shots every SDK reads are the mitigated
  ones, and `voting` is kept for `sharpen=true`;
- symmetry verification: every shot (of each variant) outside the ideal
  support is discarded before anything is aggregated; the results then
  count the shots kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mock_server.api.jobs.creation import JobRequest
from mock_server.api.jobs.model import Mitigation, SymmetryCheck, Variant

if TYPE_CHECKING:  # numpy (the simulator) loads with the first job, not at start-up
    import numpy as np
    from numpy.typing import NDArray

    from mock_server.simulator import Circuit, NoiseModel, Result
    from mock_server.simulator.mitigation import Tally

DEBIASING = "debiasing"
SYMMETRY_VERIFICATION = "symmetry_verification"


@dataclass(frozen=True, slots=True)
class Applied:
    """Which of the mitigations a job asks for its backend applies, and warnings for the rest."""

    debiasing: bool = False
    symmetry_verification: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        """Whether the run is anything but a plain run."""
        return self.debiasing or self.symmetry_verification


def applied(request: JobRequest, record: Mapping[str, Any] | None) -> Applied:
    """What of the job's error mitigation its backend carries out."""
    supported = set((record or {}).get("supported_error_mitigations") or ())
    debias = request.debiased and DEBIASING in supported
    verify = request.symmetry_verified and bool(supported & {DEBIASING, SYMMETRY_VERIFICATION})
    warnings = [
        f"{name.replace('_', ' ').capitalize()} is not available on {request.backend}; "
        "the job ran without it."
        for name, asked, done in (
            (DEBIASING, request.debiased, debias),
            (SYMMETRY_VERIFICATION, request.symmetry_verified, verify),
        )
        if asked and not done
    ]
    return Applied(debias, verify, tuple(warnings))


def runs(request: JobRequest, what: Applied) -> int:
    """How many simulations of the circuit a run takes: one per variant, one for the check.

    An upper bound (plan_debiasing may make fewer variants of a narrow
    circuit); the shots, and so the noisy trajectories, are split, not repeated.
    """
    from mock_server.simulator.mitigation import (  # noqa: PLC0415
        MAX_VARIANTS,
        MIN_SHOTS_PER_VARIANT,
    )

    variants = min(MAX_VARIANTS, max(1, request.shots // MIN_SHOTS_PER_VARIANT))
    return (variants if what.debiasing else 1) + (1 if what.symmetry_verification else 0)


def variant_seed(seed: int, index: int) -> int:
    """Variant `index`'s own seed, derived from the unit's: distinct draws, repeatable."""
    import numpy as np  # noqa: PLC0415

    return int(np.random.SeedSequence([seed, index]).generate_state(1)[0])


def run_mitigated(  # noqa: PLR0913 - what a run is made of
    circuit: Circuit,
    request: JobRequest,
    what: Applied,
    *,
    device_qubits: int,
    seed: int,
    noise: NoiseModel | None,
    on_step: Callable[[int, int], None] | None,
    batch_bytes: int,
) -> tuple[Result, Mitigation]:
    """The unit's result (the average aggregation when debiased) and what mitigation did."""
    import numpy as np  # noqa: PLC0415

    from mock_server.simulator import Result  # noqa: PLC0415
    from mock_server.simulator.mitigation import (  # noqa: PLC0415
        allowed_states,
        keep_allowed,
        plan_debiasing,
        run_variant,
        tally,
        voting,
    )

    allowed = allowed_states(circuit, on_step=on_step) if what.symmetry_verification else None
    symmetry = None
    if request.symmetry_verified:
        size = int(allowed.size) if allowed is not None else 0
        symmetry = SymmetryCheck(size, allowed is not None and size < 2**circuit.qubits)
    checked = allowed if symmetry is not None and symmetry.applied else None

    def run(qubit_map: Sequence[int], shots: int, run_seed: int) -> NDArray[np.int64]:
        """One run's shots on `qubit_map`, those outside the allowed states discarded."""
        outcomes = run_variant(
            circuit,
            qubit_map,
            shots=shots,
            seed=run_seed,
            noise=noise,
            on_step=on_step,
            batch_bytes=batch_bytes,
        )
        return keep_allowed(outcomes, checked) if checked is not None else outcomes

    if not what.debiasing:
        outcomes = run(range(circuit.qubits), request.shots, seed)
        return Result.of_shots(circuit.qubits, outcomes, seed=seed), Mitigation(symmetry=symmetry)
    plan = plan_debiasing(circuit.qubits, device_qubits, request.shots, seed)
    runs = [
        run(each.qubit_map, each.shots, variant_seed(seed, index))
        for index, each in enumerate(plan)
    ]
    variants = tuple(
        Variant(
            each.variant_id,
            each.qubit_map,
            each.shots,
            Result.of_shots(circuit.qubits, outcomes, seed=variant_seed(seed, index)),
        )
        for index, (each, outcomes) in enumerate(zip(plan, runs, strict=True))
    )
    average = Result.of_shots(circuit.qubits, np.concatenate(runs), seed=seed)
    voted = _tallied(circuit.qubits, voting([tally(outcomes) for outcomes in runs]), seed)
    return average, Mitigation(variants, voted, symmetry)


def _tallied(qubits: int, counted: Tally, seed: int) -> Result:
    """A Result of a tally (an aggregation): its shots grouped by outcome, ascending."""
    import numpy as np  # noqa: PLC0415

    from mock_server.simulator import Result  # noqa: PLC0415

    return Result.of_shots(qubits, np.repeat(counted.states, counted.counts), seed=seed)
