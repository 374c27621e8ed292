"""qiskit-ionq 1.1.1 runs noisy simulator jobs on the fake: IonQ's aria-1 error rate, seeds.

Configured from the environment only, as in test_qiskit_ionq_jobs.py. A
user asks for a noise model in two ways, and qiskit-ionq (ionq_job.py,
`_format_result`; helpers.py, `qiskit_to_ionq`) treats them differently:

- `backend.run(circuit, noise_model="aria-1")`, the backend option still
  "ideal": the job is sent with `noise: {"model": "aria-1", "seed": <the
  backend option sampler_seed>}`, and because qiskit decides from the
  *backend option* whether the backend is the ideal simulator, it draws
  `shots` counts again on the client, from the frequencies the fake served,
  with the run's `sampler_seed` (else the backend option's). The counts are a resample (about twice
  the variance of one draw: binomial.py), and the run option `sampler_seed`
  alone does not repeat a run: it seeds only the client's draw, while the
  fake's shots follow `noise.seed`, which only the backend option sets.
- `backend.set_options(noise_model="aria-1")`: the same job, and qiskit
  reads the counts as round(p · shots), i.e. the fake's own shots. The
  backend option `sampler_seed` is sent as `noise.seed`, so it repeats a run.

Both send the model (checked in the fake's record of each job). The 1e-6
false-alarm rate holds for every check but one: two unseeded noisy runs
agree by chance with probability about 1.2e-6 (its test says why).

Expected rates come from contract_tests/sdk/noise_algebra.py (IonQ's
published rates and the channels' algebra), tolerances from
contract_tests/sdk/binomial.py (false-alarm rate 1e-6 per check). With
50,000 shots P(odd) = r2/2 = 0.00665 expects 332.5 odd outcomes: a single
draw is accepted within ±88.9, a client resample within ±125.7, and the
ideal simulator's 0 (or twice the rate, 665) fails either check.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit_ionq import IonQProvider
from qiskit_ionq.ionq_backend import IonQSimulatorBackend

from contract_tests.sdk.binomial import (
    assert_binomial,
    assert_checks_tell_noise_apart,
    assert_resampled_binomial,
)
from contract_tests.sdk.noise_algebra import bell_odd_parity
from mock_server.harness.fake import FakeIonQ

pytestmark = [
    pytest.mark.filterwarnings("error:Failed to get qubits"),
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
    # qiskit-ionq turns a job's `warning.messages` into UserWarnings raised in
    # ionq_job: a noisy run of two qubits has nothing to warn about.
    pytest.mark.filterwarnings("error::UserWarning:qiskit_ionq.ionq_job"),
]

SHOTS = 50_000
MODEL = "aria-1"
P_ODD = bell_odd_parity(MODEL)  # 0.0133 / 2
SEED = 20260101


@pytest.fixture
def backend(provider: IonQProvider) -> IonQSimulatorBackend:
    """The `ionq_simulator` backend of a provider configured from the environment only."""
    simulator = provider.get_backend("simulator")
    assert isinstance(simulator, IonQSimulatorBackend)
    assert simulator.name == "ionq_simulator"
    return simulator


def bell() -> QuantumCircuit:
    circuit = QuantumCircuit(2, 2, name="bell")
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure([0, 1], [0, 1])
    return circuit


def odd(counts: Mapping[str, int]) -> int:
    """The shots of odd parity (clbit strings 01 and 10)."""
    return counts.get("01", 0) + counts.get("10", 0)


def served_counts(probabilities: Mapping[str, float]) -> dict[str, int]:
    """The fake's frequencies as counts; they must be whole: a noisy run is shot-aware."""
    counts = {outcome: round(p * SHOTS) for outcome, p in probabilities.items()}
    for outcome, p in probabilities.items():
        assert p * SHOTS == pytest.approx(counts[outcome], abs=1e-6), (outcome, p)
    assert sum(counts.values()) == SHOTS
    return counts


def test_the_ideal_count_would_fail_these_checks() -> None:
    assert_checks_tell_noise_apart(SHOTS, P_ODD)


def test_a_run_option_noise_model_errs_at_the_two_qubit_rate(
    backend: IonQSimulatorBackend, fake: FakeIonQ
) -> None:
    result = backend.run(bell(), shots=SHOTS, noise_model=MODEL, sampler_seed=SEED).result()
    (job,) = fake.jobs()
    assert job["status"] == "completed"
    assert job["shots"] == SHOTS
    # The model goes out; the run option sampler_seed does not: noise.seed is the backend option.
    assert job["noise"] == {"model": MODEL, "seed": None}
    assert job["metadata"]["sampler_seed"] == str(SEED)
    # What the fake served: the frequencies of its SHOTS noisy shots.
    served = served_counts(result.get_probabilities())
    assert_binomial(odd(served), SHOTS, P_ODD)
    # What the user reads: qiskit drew SHOTS counts again from those frequencies.
    counts = result.get_counts()
    assert set(counts) <= {"00", "01", "10", "11"}
    assert sum(counts.values()) == SHOTS
    assert_resampled_binomial(odd(counts), SHOTS, P_ODD)


def test_a_run_option_sampler_seed_alone_does_not_repeat_a_noisy_run(
    backend: IonQSimulatorBackend, fake: FakeIonQ
) -> None:
    """Each job's shots follow a seed of the fake's own (none was sent), so the
    served frequencies differ. Two independent multinomial draws of 50,000 shots
    over (0.4967, 0.0033, 0.0033, 0.4967) agree with probability about
    (4π·n)^(-3/2) / sqrt(Π p) = 1.2e-6 (local normal approximation)."""
    first = backend.run(bell(), shots=SHOTS, noise_model=MODEL, sampler_seed=SEED).result()
    again = backend.run(bell(), shots=SHOTS, noise_model=MODEL, sampler_seed=SEED).result()
    assert [job["noise"] for job in fake.jobs()] == [{"model": MODEL, "seed": None}] * 2
    assert first.get_probabilities() != again.get_probabilities()


def test_the_backend_sampler_seed_repeats_a_run_option_noise_model(
    backend: IonQSimulatorBackend, fake: FakeIonQ
) -> None:
    backend.set_options(sampler_seed=SEED)  # noise.seed, and the client's seed unless run overrides
    first = backend.run(bell(), shots=SHOTS, noise_model=MODEL).result()
    again = backend.run(bell(), shots=SHOTS, noise_model=MODEL).result()
    assert [job["noise"] for job in fake.jobs()] == [{"model": MODEL, "seed": SEED}] * 2
    assert first.get_probabilities() == again.get_probabilities()
    assert first.get_counts() == again.get_counts()
    assert_resampled_binomial(odd(first.get_counts()), SHOTS, P_ODD)


def test_a_backend_option_noise_model_gives_the_fakes_own_shots(
    backend: IonQSimulatorBackend, fake: FakeIonQ
) -> None:
    backend.set_options(noise_model=MODEL, sampler_seed=SEED)
    result = backend.run(bell(), shots=SHOTS).result()
    (job,) = fake.jobs()
    assert job["status"] == "completed"
    assert job["noise"] == {"model": MODEL, "seed": SEED}
    counts = result.get_counts()
    # Not sampled again: qiskit's counts are the fake's shots, round(p · shots).
    assert counts == served_counts(result.get_probabilities())
    assert_binomial(odd(counts), SHOTS, P_ODD)


def test_a_backend_option_noise_model_repeats_with_the_backend_sampler_seed(
    backend: IonQSimulatorBackend,
) -> None:
    backend.set_options(noise_model=MODEL, sampler_seed=SEED)
    first = backend.run(bell(), shots=SHOTS).result().get_counts()
    again = backend.run(bell(), shots=SHOTS).result().get_counts()
    assert first == again
