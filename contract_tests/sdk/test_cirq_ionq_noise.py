"""cirq-ionq 1.7.0 runs noisy simulator jobs on the fake: IonQ's aria-1 error rates, seeds.

Configured as in test_cirq_ionq_jobs.py. cirq-ionq's `Service.run` (and
`run_batch`, `create_job`) takes `noise={"model": ..., "seed": ...}` and
sends the dict as given; its `Sampler` has no noise parameter. On a
`simulator` target cirq-ionq always draws the repetitions itself, from the
probabilities the fake served, with the `seed` given to `run`. For a noisy
job those probabilities are the frequencies of the fake's own shots, so the
measurements a user gets are a resample, and they repeat only when both
seeds do: `noise.seed` for the fake's shots, `seed` for cirq's draw.

Expected rates come from contract_tests/sdk/noise_algebra.py (IonQ's
published rates and the channels' algebra), tolerances from
contract_tests/sdk/binomial.py (false-alarm rate 1e-6 per check). With
50,000 repetitions P(odd) = r2/2 = 0.00665 expects 332.5 odd outcomes: the
fake's draw is accepted within ±88.9, cirq's resample within ±125.7, and the
ideal simulator's 0 (or twice the rate, 665) fails either check.
"""

from __future__ import annotations

from typing import Any

import cirq
import cirq_ionq  # type: ignore[import-untyped]
import numpy as np
import pytest

from contract_tests.sdk.binomial import (
    assert_binomial,
    assert_checks_tell_noise_apart,
    assert_resampled_binomial,
)
from contract_tests.sdk.noise_algebra import bell_odd_parity, flipped_after
from mock_server.harness.fake import FakeIonQ

# cirq-ionq turns a job's `warning.messages` into UserWarnings raised in its
# job module: a noisy run of a qubit or two has nothing to warn about.
pytestmark = pytest.mark.filterwarnings("error::UserWarning:cirq_ionq.job")

REPETITIONS = 50_000
MODEL = "aria-1"
P_ODD = bell_odd_parity(MODEL)  # 0.0133 / 2
NOISE = {"model": MODEL, "seed": 7}
SEED = 1234

Q0, Q1 = cirq.LineQubit.range(2)


@pytest.fixture
def service(fake: FakeIonQ, api_key: str) -> Any:
    return cirq_ionq.Service(remote_host=fake.origin, api_key=api_key, max_retry_seconds=5)


def bell() -> cirq.Circuit:
    return cirq.Circuit(cirq.H(Q0), cirq.CNOT(Q0, Q1), cirq.measure(Q0, Q1, key="m"))


def odd_rows(result: cirq.Result) -> int:
    """The repetitions in which q0 and q1 disagree."""
    rows = result.measurements["m"]
    assert rows.shape == (REPETITIONS, 2)
    return int(np.count_nonzero(rows[:, 0] != rows[:, 1]))


def test_the_ideal_count_would_fail_these_checks() -> None:
    assert_checks_tell_noise_apart(REPETITIONS, P_ODD)


def test_a_noisy_bell_pair_disagrees_at_the_two_qubit_rate(service: Any, fake: FakeIonQ) -> None:
    result = service.run(
        bell(), repetitions=REPETITIONS, target="simulator", noise=NOISE, seed=SEED
    )
    assert_resampled_binomial(odd_rows(result), REPETITIONS, P_ODD)
    (job,) = fake.jobs()
    assert job["status"] == "completed"
    assert job["noise"] == NOISE  # sent as given
    assert job["shots"] == REPETITIONS


def test_the_served_probabilities_are_the_fakes_shots(service: Any) -> None:
    job = service.create_job(bell(), repetitions=REPETITIONS, target="simulator", noise=NOISE)
    probabilities = job.results().probabilities()  # big-endian keys, q0 high: parity is the same
    counts = {state: round(p * REPETITIONS) for state, p in probabilities.items()}
    for state, p in probabilities.items():
        assert p * REPETITIONS == pytest.approx(counts[state], abs=1e-6), (state, p)
    assert sum(counts.values()) == REPETITIONS
    assert_binomial(counts.get(0b01, 0) + counts.get(0b10, 0), REPETITIONS, P_ODD)


def test_the_same_noise_seed_and_seed_repeat_the_measurements(service: Any) -> None:
    first = service.run(bell(), repetitions=REPETITIONS, target="simulator", noise=NOISE, seed=SEED)
    again = service.run(bell(), repetitions=REPETITIONS, target="simulator", noise=NOISE, seed=SEED)
    assert np.array_equal(first.measurements["m"], again.measurements["m"])


def test_one_qubit_gates_flip_at_the_one_qubit_rate(service: Any, fake: FakeIonQ) -> None:
    repetitions, gates = 20_000, 100  # an even number of X: ideally q0 reads 0
    circuit = cirq.Circuit([cirq.X(Q0)] * gates, cirq.measure(Q0, key="m"))
    result = service.run(
        circuit, repetitions=repetitions, target="simulator", noise=NOISE, seed=SEED
    )
    flipped = int(result.measurements["m"].sum())
    # (1 - 0.9995^100)/2 = 0.02439: 487.8 expected, ±150.9 accepted; 0 fails.
    assert_resampled_binomial(flipped, repetitions, flipped_after(MODEL, gates))
    (job,) = fake.jobs()
    assert job["stats"]["gate_counts"] == {"1q": gates, "2q": 0}  # cirq sent every X
