"""IonQ's error mitigation, as the fake carries it out: pure functions over circuits and shots.

numpy only, nothing of HTTP or jobs (the jobs API decides when to use it:
mock_server/api/jobs/mitigated_run.py). Four parts, one module each:

- plan.py: debiasing's plan, how many variants a job runs, each one's
  `qubit_map` onto the device and its share of the shots, drawn from the
  job's seed;
- variants.py: running one variant, the circuit with its qubits relabelled,
  through run_circuit, and its outcomes mapped back to the circuit's qubits;
- aggregate.py: the aggregations IonQ names and the fake can define,
  `average` and `voting` (IonQ's "sharpening");
- symmetry.py: symmetry verification, the fake's own rule (outcomes the
  noiseless circuit cannot give are discarded).

docs/noise.md ("Error mitigation") says what each does to a noisy run and
why averaging alone changes nothing under the fake's noise.
"""

from mock_server.simulator.mitigation.aggregate import Tally, average, tally, voting
from mock_server.simulator.mitigation.plan import (
    MAX_VARIANTS,
    MIN_SHOTS_PER_VARIANT,
    VariantPlan,
    plan_debiasing,
)
from mock_server.simulator.mitigation.symmetry import allowed_states, keep_allowed
from mock_server.simulator.mitigation.variants import (
    ranks,
    relabel,
    run_variant,
    unmap_outcomes,
)

__all__ = [
    "MAX_VARIANTS",
    "MIN_SHOTS_PER_VARIANT",
    "Tally",
    "VariantPlan",
    "allowed_states",
    "average",
    "keep_allowed",
    "plan_debiasing",
    "ranks",
    "relabel",
    "run_variant",
    "tally",
    "unmap_outcomes",
    "voting",
]
