"""pennylane-ionq 0.45.0 runs noisy simulator jobs on the fake: IonQ's aria-1 error rate, seeds.

Pointed at the fake as in test_pennylane_ionq_jobs.py (the class attribute
`APIClient.BASE_URL`), with the key given to the device as `api_key=`. The
simulator device takes `noise_model=` and `noise_seed=` (1 to 2^31 - 1) and
sends `noise: {"model", "seed"?}`. `qml.probs` returns the probabilities as
the fake serves them, which for a noisy job are the frequencies of its
shots: the same `noise_seed` gives the same probabilities. `qml.counts`
and `qml.sample` are drawn again on the client from those frequencies with
numpy's global generator (seeded here, and restored afterwards).
pennylane-ionq never reads a job's `warning` (there is none for these jobs).
Its wire 0 is the most significant bit, IonQ's qubit 0 the least: the
parity of an outcome is the same either way.

Expected rates come from contract_tests/sdk/noise_algebra.py (IonQ's
published rates and the channels' algebra), tolerances from
contract_tests/sdk/binomial.py (false-alarm rate 1e-6 per check). With
50,000 shots P(odd) = r2/2 = 0.00665 expects 332.5 odd outcomes: the
fake's draw is accepted within ±88.9, the client's resample within ±125.7,
and the ideal simulator's 0 (or twice the rate, 665) fails either check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pennylane as qml  # type: ignore[import-untyped]
import pytest
from pennylane_ionq.api_client import APIClient  # type: ignore[import-untyped]

from contract_tests.sdk.binomial import (
    assert_binomial,
    assert_checks_tell_noise_apart,
    assert_resampled_binomial,
)
from contract_tests.sdk.noise_algebra import bell_odd_parity
from mock_server.harness.fake import FakeIonQ

SHOTS = 50_000
MODEL = "aria-1"
P_ODD = bell_odd_parity(MODEL)  # 0.0133 / 2
NOISE_SEED = 7
SEED = 97

pytestmark = [
    # pennylane 0.45 prefers qml.set_shots on the qnode; pennylane-ionq's documentation
    # (and its users) still give the device its shots, which is what is tested here.
    pytest.mark.filterwarnings(
        "ignore:Setting shots on device is deprecated"
        ":pennylane.exceptions.PennyLaneDeprecationWarning"
    ),
]


@pytest.fixture
def api(fake: FakeIonQ, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeIonQ]:
    """pennylane-ionq pointed at the fake, no key in the environment, numpy seeded meanwhile."""
    monkeypatch.setattr(APIClient, "BASE_URL", fake.base_url)
    monkeypatch.delenv("IONQ_API_KEY", raising=False)
    monkeypatch.delenv("PENNYLANE_IONQ_API_KEY", raising=False)
    state = np.random.get_state()
    np.random.seed(SEED)
    try:
        yield fake
    finally:
        np.random.set_state(state)


def noisy_simulator(api_key: str, **options: Any) -> Any:
    return qml.device(
        "ionq.simulator", wires=2, shots=SHOTS, noise_model=MODEL, api_key=api_key, **options
    )


def bell_qnode(device: Any, measure: Callable[[], Any]) -> Any:
    def body() -> Any:
        qml.Hadamard(wires=0)
        qml.CNOT(wires=[0, 1])
        return measure()

    return qml.QNode(body, device)


def test_the_ideal_count_would_fail_these_checks() -> None:
    assert_checks_tell_noise_apart(SHOTS, P_ODD)


def test_probabilities_are_the_fakes_shots_at_the_two_qubit_rate(
    api: FakeIonQ, api_key: str
) -> None:
    device = noisy_simulator(api_key, noise_seed=NOISE_SEED)
    probabilities = bell_qnode(device, qml.probs)()
    counts = np.rint(probabilities * SHOTS)
    assert np.allclose(probabilities * SHOTS, counts, rtol=0, atol=1e-6)  # shot-aware
    assert counts.sum() == SHOTS
    assert_binomial(int(counts[0b01] + counts[0b10]), SHOTS, P_ODD)
    (job,) = api.jobs()
    assert job["status"] == "completed"
    assert job["backend"] == "simulator"
    assert job["shots"] == SHOTS
    assert job["noise"] == {"model": MODEL, "seed": NOISE_SEED}
    assert "warning" not in job


def test_the_same_noise_seed_gives_the_same_probabilities(api: FakeIonQ, api_key: str) -> None:
    first = bell_qnode(noisy_simulator(api_key, noise_seed=NOISE_SEED), qml.probs)()
    again = bell_qnode(noisy_simulator(api_key, noise_seed=NOISE_SEED), qml.probs)()
    assert np.array_equal(first, again)
    assert len(api.jobs()) == 2


def test_counts_are_drawn_again_at_the_two_qubit_rate(api: FakeIonQ, api_key: str) -> None:
    device = noisy_simulator(api_key)  # no noise_seed: the fake seeds the job itself
    counts = bell_qnode(device, qml.counts)()
    assert set(counts) <= {"00", "01", "10", "11"}
    assert sum(counts.values()) == SHOTS
    assert_resampled_binomial(int(counts.get("01", 0) + counts.get("10", 0)), SHOTS, P_ODD)
    (job,) = api.jobs()
    assert job["noise"] == {"model": MODEL, "seed": None}  # pennylane sent no seed


def test_the_same_seeds_give_the_same_samples(api: FakeIonQ, api_key: str) -> None:
    device = noisy_simulator(api_key, noise_seed=NOISE_SEED)
    np.random.seed(SEED)
    first = bell_qnode(device, qml.sample)()
    np.random.seed(SEED)
    again = bell_qnode(device, qml.sample)()
    assert first.shape == (SHOTS, 2)
    assert np.array_equal(first, again)
    assert_resampled_binomial(int(np.count_nonzero(first[:, 0] != first[:, 1])), SHOTS, P_ODD)
    assert [job["noise"] for job in api.jobs()] == [{"model": MODEL, "seed": NOISE_SEED}] * 2
