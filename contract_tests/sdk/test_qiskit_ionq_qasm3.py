"""Mid-circuit measurement and reset from real SDKs: qiskit-ionq 1.1.1 and ionq-core 0.2.0.

qiskit-ionq sends a circuit with a mid-circuit measurement or a reset as an
`ionq.qasm3.v1` job (`helpers.circuit_requires_qasm3`), the program written
by `qiskit.qasm3.dumps`, and reads its counts and memory from the job's
`ionq.result.shots.json.v2` artifact (one entry per shot, bits by register);
the ideal simulator has no shots, and qiskit-ionq then asks for a noise
model or a QPU. ionq-core sends `QASM3Circuit(data=...)` and reads the
probabilities and any artifact by id.

The circuit: h(0); measure(0, 0); reset(0); cx(0, 1); measure(1, 1). c0 is a
fair coin, whatever the noise: the one-qubit channel after h leaves |+> at
even odds of 0 and 1 (X keeps it, Y and Z turn it into |->), and a symmetric
readout error keeps a fair coin fair. The reset returns qubit 0 to 0, so c1
is 0 but for errors: under aria-1 (no readout error) only the two-qubit
channel after the cx sets it, with the 8 of its 15 Paulis that have X or Y
on qubit 1: P(c1 = 1) = r2/2 (IonQ's published r2, noise_rates.py).
Tolerances from binomial.py at a false-alarm rate of 1e-6 per check.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from ionq_core import IonQClient, wait_for_job
from ionq_core.api.default import create_job, get_job, get_job_artifact, get_job_probabilities
from ionq_core.client import AuthenticatedClient
from ionq_core.models import CircuitJobCreationPayload, JobCreationResponse, SingleCircuitJob
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister  # type: ignore[import-untyped]
from qiskit_ionq import IonQProvider
from qiskit_ionq.exceptions import IonQJobError
from qiskit_ionq.ionq_backend import IonQQPUBackend, IonQSimulatorBackend

from contract_tests.noise_rates import PUBLISHED_RATES
from contract_tests.sdk.binomial import assert_binomial, assert_checks_tell_noise_apart
from mock_server.harness.fake import FakeIonQ

pytestmark = [
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
    pytest.mark.filterwarnings("error::UserWarning:qiskit_ionq.ionq_job"),
]

SHOTS = 20_000
MODEL = "aria-1"
P_C1 = PUBLISHED_RATES[MODEL][1] / 2
SEED = 4242


def mid_circuit() -> QuantumCircuit:
    circuit = QuantumCircuit(2, 2, name="mcm")
    circuit.h(0)
    circuit.measure(0, 0)
    circuit.reset(0)
    circuit.cx(0, 1)
    circuit.measure(1, 1)
    return circuit


@pytest.fixture
def simulator(provider: IonQProvider) -> IonQSimulatorBackend:
    backend = provider.get_backend("simulator")
    assert isinstance(backend, IonQSimulatorBackend)
    return backend


@pytest.fixture
def qpu(provider: IonQProvider) -> IonQQPUBackend:
    backend = provider.get_backend("qpu.aria-1")
    assert isinstance(backend, IonQQPUBackend)
    return backend


def test_the_ideal_count_would_fail_the_c1_check() -> None:
    assert_checks_tell_noise_apart(SHOTS, P_C1)


def test_a_noisy_simulator_run_counts_mid_circuit_measurement_and_reset(
    simulator: IonQSimulatorBackend, fake: FakeIonQ
) -> None:
    simulator.set_options(noise_model=MODEL, sampler_seed=SEED)
    result = simulator.run(mid_circuit(), shots=SHOTS, memory=True).result()
    (job,) = fake.jobs()
    assert job["type"] == "ionq.qasm3.v1"
    assert job["status"] == "completed"
    assert job["noise"] == {"model": MODEL, "seed": SEED}
    counts = result.get_counts()
    assert set(counts) <= {"00", "01", "10", "11"}  # qiskit writes c1 c0
    assert sum(counts.values()) == SHOTS
    assert_binomial(counts.get("01", 0) + counts.get("11", 0), SHOTS, 0.5)
    assert_binomial(counts.get("10", 0) + counts.get("11", 0), SHOTS, P_C1)
    memory = result.get_memory()
    assert len(memory) == SHOTS
    assert {bits: memory.count(bits) for bits in set(memory)} == counts


def test_the_same_sampler_seed_repeats_a_noisy_run(simulator: IonQSimulatorBackend) -> None:
    simulator.set_options(noise_model=MODEL, sampler_seed=SEED)
    first = simulator.run(mid_circuit(), shots=500, memory=True).result().get_memory()
    second = simulator.run(mid_circuit(), shots=500, memory=True).result().get_memory()
    assert first == second


def test_a_qpu_run_counts_and_remembers_its_shots(qpu: IonQQPUBackend, fake: FakeIonQ) -> None:
    shots = 4_000
    result = qpu.run(mid_circuit(), shots=shots, memory=True).result()
    (job,) = fake.jobs()
    assert job["type"] == "ionq.qasm3.v1"
    counts = result.get_counts()
    assert sum(counts.values()) == shots
    assert_binomial(counts.get("01", 0) + counts.get("11", 0), shots, 0.5)
    memory = result.get_memory()
    assert len(memory) == shots
    assert {bits: memory.count(bits) for bits in set(memory)} == counts


def test_compiled_circuit_of_a_program_is_its_openqasm_text(qpu: IonQQPUBackend) -> None:
    job = qpu.run(mid_circuit(), shots=100, dry_run=True)
    job.wait_for_final_state(timeout=30)
    program = job.compiled_circuit("qasm3")
    assert isinstance(program, str)
    assert program.startswith("OPENQASM 3")
    assert "measure" in program
    assert "reset" in program


def test_the_ideal_simulator_has_no_shots_and_qiskit_says_so(
    simulator: IonQSimulatorBackend, fake: FakeIonQ
) -> None:
    job = simulator.run(mid_circuit(), shots=100)
    with pytest.raises(IonQJobError, match="noise model"):
        job.result()
    (record,) = fake.jobs()
    assert record["status"] == "completed"


@pytest.fixture
def client(fake: FakeIonQ, api_key: str) -> Iterator[AuthenticatedClient]:
    with (
        pytest.warns(UserWarning, match="does not use HTTPS"),
        IonQClient(api_key=api_key, base_url=fake.base_url, max_retries=0) as authenticated,
    ):
        yield authenticated


def test_ionq_core_runs_a_qasm3_circuit_and_reads_its_shots_artifact(
    client: AuthenticatedClient,
) -> None:
    program = (
        'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[1] a;\nbit[1] b;\n'
        "x q[0];\na[0] = measure q[0];\nreset q[0];\nx q[1];\nb[0] = measure q[1];\n"
    )
    body = CircuitJobCreationPayload.from_dict(
        {
            "type": "ionq.qasm3.v1",
            "backend": "simulator",
            "shots": 10,
            "input": {"data": program},
            "noise": {"model": MODEL, "seed": 3},
        }
    )
    created = create_job.sync(client=client, body=body)
    assert isinstance(created, JobCreationResponse)
    wait_for_job(client, str(created.id))
    job = get_job.sync(uuid=str(created.id), client=client)
    assert isinstance(job, SingleCircuitJob)
    # a[0] = 1 and b[0] = 1 on every shot but for gate errors: outcome 0b11 = 3. Each x
    # is flipped back with probability r1/2, so a shot errs with about 0.0005: three or
    # more of ten err with probability about 1.5e-8.
    probabilities = get_job_probabilities.sync(uuid=str(created.id), client=client)
    assert probabilities is not None
    served: dict[str, float] = dict(probabilities.additional_properties)
    assert served["3"] >= 0.8
    raw = json.loads(json.dumps(job.to_dict()))
    shots_artifact = raw["results"]["ionq.result.shots.json.v2"]["id"]
    artifact = get_job_artifact.sync_detailed(
        uuid=str(created.id), artifact_id=shots_artifact, client=client
    )
    document = json.loads(artifact.content)
    assert len(document["shots"]) == 10
    assert {"a", "b"} <= set(document["shots"][0]["registers"])
    ones = sum(
        shot["registers"]["a"] == [1] and shot["registers"]["b"] == [1]
        for shot in document["shots"]
    )
    assert ones >= 8
    assert ones == round(served["3"] * 10)  # the artifact's shots are the probabilities' shots


def test_two_classical_registers_come_back_as_qiskit_names_them(
    simulator: IonQSimulatorBackend,
) -> None:
    # x on both qubits; register a reads q0 mid-circuit (then reset), register b reads q1:
    # every shot reads a = 1, b = 1 unless the channel after an x flipped it back.
    a, b = ClassicalRegister(1, "a"), ClassicalRegister(1, "b")
    circuit = QuantumCircuit(QuantumRegister(2, "q"), a, b)
    circuit.x(0)
    circuit.x(1)
    circuit.measure(0, a[0])
    circuit.reset(0)
    circuit.measure(1, b[0])
    simulator.set_options(noise_model=MODEL, sampler_seed=SEED)
    shots = 1_000
    result = simulator.run(circuit, shots=shots, memory=True).result()
    counts = result.get_counts()
    assert sum(counts.values()) == shots
    assert set(counts) <= {"0 0", "0 1", "1 0", "1 1"}  # qiskit writes "b a"
    # Each x is flipped back with probability r1/2 = 0.00025, so about 0.5 of 1,000
    # shots are not "1 1" (Poisson): more than 8 with probability about 3e-9.
    assert counts.get("1 1", 0) >= shots - 8
    assert len(result.get_memory()) == shots
