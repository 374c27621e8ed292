"""IonQ's published noise-model rates, written once for every test that predicts noise.

From IonQ's guide "Simulation with Noise Models"
(docs.ionq.com/guides/simulation-with-noise-models): each model's
depolarizing rate after one-qubit gates (r1q) and after two-qubit gates
(r2q). Copied from IonQ's page, never read from the fake, so a test that
uses them checks the fake against IonQ.
"""

from __future__ import annotations

# (r1q, r2q) per noise model.
PUBLISHED_RATES: dict[str, tuple[float, float]] = {
    "aria-1": (0.0005, 0.0133),
    "aria-2": (0.0006573333333333332, 0.01856),
    "forte-1": (0.0002666666666666667, 0.004949333333333333),
}
