"""qiskit-ionq 1.1.1 runs jobs on the fake: counts, bit order, batches, cancel, failure, a QPU.

Configured only from the environment, as qiskit-ionq documents it
(`IONQ_API_URL=<base>/v0.4`, `IONQ_API_KEY`), then
`IonQProvider().get_backend(...).run(...)`. On the ideal simulator the fake
serves exact probabilities and qiskit-ionq samples the counts itself with
the `sampler_seed` run option, so those counts are seeded; a QPU's counts are
the fake's own draw (seeded by the job id) and qiskit-ionq only rounds
`p * shots`. Tolerances come from contract_tests/sdk/binomial.py.
"""

from __future__ import annotations

import time

import pytest
from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit.providers import JobStatus  # type: ignore[import-untyped]
from qiskit_ionq import IonQProvider
from qiskit_ionq.exceptions import IonQJobFailureError, IonQJobStateError

from contract_tests.sdk.binomial import assert_binomial
from contract_tests.sdk.qiskit_setup import bell
from mock_server.harness.fake import FakeIonQ

pytestmark = [
    pytest.mark.filterwarnings("error:Failed to get qubits"),
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
]

SHOTS = 1000
SEED = 20260101
# qiskit polls at once and then every 5 s: anything near 5 s means a second poll.
ONE_POLL_S = 4.0


def x_on_qubit_0() -> QuantumCircuit:
    circuit = QuantumCircuit(2, 2, name="x0")
    circuit.x(0)
    circuit.measure([0, 1], [0, 1])
    return circuit


def test_bell_counts_on_the_simulator(provider: IonQProvider, fake: FakeIonQ) -> None:
    backend = provider.get_backend("simulator")
    started = time.monotonic()
    result = backend.run(bell(), shots=SHOTS, sampler_seed=SEED).result()
    elapsed = time.monotonic() - started
    counts = result.get_counts()
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == SHOTS
    assert_binomial(counts.get("00", 0), SHOTS, 0.5)
    assert_binomial(counts.get("11", 0), SHOTS, 0.5)
    # The fake serves the ideal simulator's exact distribution; qiskit-ionq only samples it.
    assert result.get_probabilities() == pytest.approx({"00": 0.5, "11": 0.5})
    (job,) = fake.jobs()
    assert job["status"] == "completed"
    assert job["backend"] == "simulator"
    assert job["noise"] == {"model": "ideal", "seed": None}
    assert job["stats"]["qubits"] == 2
    assert elapsed < ONE_POLL_S, f"{elapsed:.1f} s: qiskit-ionq had to poll again"


def test_the_same_sampler_seed_gives_the_same_counts(provider: IonQProvider) -> None:
    backend = provider.get_backend("simulator")
    first = backend.run(bell(), shots=SHOTS, sampler_seed=SEED).result().get_counts()
    again = backend.run(bell(), shots=SHOTS, sampler_seed=SEED).result().get_counts()
    assert first == again


def test_x_on_qubit_0_reads_01(provider: IonQProvider) -> None:
    counts = provider.get_backend("simulator").run(x_on_qubit_0(), shots=100).result().get_counts()
    assert counts == {"01": 100}


def test_two_circuits_in_one_job_get_their_own_counts(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    job = provider.get_backend("simulator").run(
        [bell(), x_on_qubit_0()], shots=SHOTS, sampler_seed=SEED
    )
    result = job.result()
    bell_counts, x_counts = result.get_counts(0), result.get_counts(1)
    assert set(bell_counts) <= {"00", "11"}
    assert sum(bell_counts.values()) == SHOTS
    assert_binomial(bell_counts.get("00", 0), SHOTS, 0.5)
    assert x_counts == {"01": SHOTS}
    assert result.get_counts("bell") == bell_counts
    parent = next(j for j in fake.jobs() if j["parent_job_id"] is None)
    assert parent["type"] == "ionq.multi-circuit.v1"
    assert parent["status"] == "completed"
    assert len(parent["child_job_ids"]) == 2


def test_a_held_job_is_queued_until_canceled(provider: IonQProvider, fake: FakeIonQ) -> None:
    fake.hold_jobs()
    job = provider.get_backend("simulator").run(bell(), shots=SHOTS)
    assert job.status() is JobStatus.QUEUED
    job.cancel()
    with pytest.warns(UserWarning, match="Job was cancelled"):
        assert job.status() is JobStatus.CANCELLED
    with pytest.raises(IonQJobStateError, match="canceled job"):
        job.result()
    assert fake.job(job.job_id())["status"] == "canceled"


def test_a_failed_job_raises_ionq_job_failure_error(provider: IonQProvider, fake: FakeIonQ) -> None:
    fake.fail_next_jobs("TooManyGates", message="Too many gates for this backend.")
    job = provider.get_backend("simulator").run(bell(), shots=SHOTS)
    with pytest.raises(IonQJobFailureError) as caught:
        job.result()
    assert "TooManyGates" in str(caught.value)
    assert "Too many gates for this backend." in str(caught.value)
    assert fake.job(job.job_id())["failure"]["code"] == "TooManyGates"


def test_a_qpu_job_counts_add_up_to_the_shots(provider: IonQProvider, fake: FakeIonQ) -> None:
    backend = provider.get_backend("qpu.aria-1")
    assert backend.name == "ionq_qpu.aria-1"
    counts = backend.run(bell(), shots=SHOTS).result().get_counts()
    assert sum(counts.values()) == SHOTS
    assert set(counts) <= {"00", "01", "10", "11"}
    # Correlated outcomes carry (nearly) every shot; each half of them, binomially.
    correlated = counts.get("00", 0) + counts.get("11", 0)
    assert correlated >= 0.9 * SHOTS
    assert_binomial(counts.get("00", 0), correlated, 0.5)
    (job,) = fake.jobs()
    assert job["backend"] == "qpu.aria-1"
    assert "noise" not in job  # only simulator jobs have a noise model
    assert job["shots"] == SHOTS


def test_canceling_a_completed_job_raises_nothing(provider: IonQProvider, fake: FakeIonQ) -> None:
    # qiskit-ionq raises IonQAPIError on any error status: the cancel answers 200, and
    # cancels the job as IonQ's v0.4 does; qiskit keeps the status it had seen.
    job = provider.get_backend("simulator").run(x_on_qubit_0(), shots=100)
    assert job.result().get_counts() == {"01": 100}
    job.cancel()
    (stored,) = fake.jobs()
    assert stored["status"] == "canceled"
    assert job.status() is JobStatus.DONE
