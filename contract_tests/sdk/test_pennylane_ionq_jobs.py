"""pennylane-ionq 0.45.0 runs qnodes on the fake: counts, probabilities and bit order.

pennylane-ionq has no setting for the URL: a user points it elsewhere by
patching the class attribute `pennylane_ionq.api_client.APIClient.BASE_URL`;
the key comes from `IONQ_API_KEY` (or the device's `api_key`). The
simulator device samples counts on the client with numpy's global generator
(seeded here, and restored afterwards), from the exact probabilities the fake
serves; `qml.probs` returns those probabilities as served. The QPU device
turns the fake's sampled probabilities back into counts with
`rint(p * shots)`. In pennylane's bitstrings and probability index, wire 0
is the most significant bit, the reverse of IonQ's keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pennylane as qml  # type: ignore[import-untyped]
import pytest
from pennylane_ionq.api_client import APIClient, JobExecutionError  # type: ignore[import-untyped]

from contract_tests.sdk.binomial import assert_binomial, tolerance
from mock_server.harness.fake import FakeIonQ

SHOTS = 1000
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
def pennylane_env(
    fake: FakeIonQ, api_key: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeIonQ]:
    """pennylane-ionq pointed at the fake, numpy's global generator seeded meanwhile."""
    monkeypatch.setattr(APIClient, "BASE_URL", fake.base_url)
    monkeypatch.setenv("IONQ_API_KEY", api_key)
    monkeypatch.delenv("PENNYLANE_IONQ_API_KEY", raising=False)
    state = np.random.get_state()
    np.random.seed(SEED)
    try:
        yield fake
    finally:
        np.random.set_state(state)


def qnode(device: Any, circuit: Callable[[], None], measure: Callable[[], Any]) -> Any:
    def body() -> Any:
        circuit()
        return measure()

    return qml.QNode(body, device)


def bell() -> None:
    qml.Hadamard(wires=0)
    qml.CNOT(wires=[0, 1])


def x_on_wire_0() -> None:
    qml.PauliX(wires=0)


def simulator(shots: int = SHOTS) -> Any:
    return qml.device("ionq.simulator", wires=2, shots=shots)


def qpu(shots: int = SHOTS) -> Any:
    return qml.device("ionq.qpu", backend="aria-1", wires=2, shots=shots)


def test_bell_counts_on_the_simulator(pennylane_env: FakeIonQ) -> None:
    counts = qnode(simulator(), bell, qml.counts)()
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == SHOTS
    assert_binomial(int(counts.get("00", 0)), SHOTS, 0.5)
    (job,) = pennylane_env.jobs()
    assert job["backend"] == "simulator"
    assert job["status"] == "completed"
    assert job["stats"]["qubits"] == 2


@pytest.mark.usefixtures("pennylane_env")
def test_bell_probabilities_on_the_simulator_are_exact() -> None:
    probabilities = qnode(simulator(), bell, qml.probs)()
    assert np.allclose(probabilities, [0.5, 0.0, 0.0, 0.5], atol=1e-12)


@pytest.mark.usefixtures("pennylane_env")
def test_x_on_wire_0_is_the_high_bit() -> None:
    counts = qnode(simulator(100), x_on_wire_0, qml.counts)()
    assert counts == {"10": 100}
    probabilities = qnode(simulator(100), x_on_wire_0, qml.probs)()
    assert np.allclose(probabilities, [0.0, 0.0, 1.0, 0.0])
    marginal = qnode(simulator(100), x_on_wire_0, lambda: qml.probs(wires=[1, 0]))()
    assert np.allclose(marginal, [0.0, 1.0, 0.0, 0.0])  # wire order given: wire 1 high


def test_bell_on_a_qpu(pennylane_env: FakeIonQ) -> None:
    device = qpu()
    counts = qnode(device, bell, qml.counts)()
    assert sum(counts.values()) == SHOTS
    assert set(counts) <= {"00", "01", "10", "11"}
    correlated = int(counts.get("00", 0)) + int(counts.get("11", 0))
    assert correlated >= 0.9 * SHOTS  # (nearly) every shot correlated
    assert_binomial(int(counts.get("00", 0)), correlated, 0.5)
    (job,) = pennylane_env.jobs()
    assert job["backend"] == "qpu.aria-1"
    assert job["shots"] == SHOTS


@pytest.mark.usefixtures("pennylane_env")
def test_qpu_probabilities_are_the_served_frequencies() -> None:
    probabilities = qnode(qpu(), bell, qml.probs)()
    assert probabilities.sum() == pytest.approx(1.0)
    # A QPU's probabilities are counts over shots: multiples of 1/shots.
    assert np.allclose(probabilities * SHOTS, np.rint(probabilities * SHOTS), atol=1e-9)
    for index in (0b00, 0b11):
        assert abs(probabilities[index] - 0.5) * SHOTS <= tolerance(SHOTS, 0.5)
    x_probabilities = qnode(qpu(), x_on_wire_0, qml.probs)()
    assert int(np.argmax(x_probabilities)) == 0b10  # wire 0 set: the high bit
    assert x_probabilities[0b10] >= 0.9


def test_a_failed_job_raises_job_execution_error(pennylane_env: FakeIonQ) -> None:
    pennylane_env.fail_next_jobs("TooManyGates")
    with pytest.raises(JobExecutionError, match="Job failed"):
        qnode(simulator(), bell, qml.counts)()
    (job,) = pennylane_env.jobs()
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "TooManyGates"
