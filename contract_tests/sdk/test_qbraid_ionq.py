"""qBraid 0.13.0's IonQ provider (`qbraid.runtime.ionq`) against a running fake.

qBraid has no URL setting: its session is made for https://api.ionq.co/v0.4
and the user points it elsewhere with `provider.session.base_url`, the one
way there is (README's example does the same). A qiskit circuit goes
through qiskit-ionq first (`IonQDevice.run` builds a qiskit-ionq backend
and transpiles for it, then converts with qBraid's own `qiskit_to_ionq`),
so qiskit-ionq is pointed at the fake too, from the environment, or those
calls would go to IonQ. An OpenQASM string takes qBraid's own path only.

What qBraid sends and reads, as its source shows: `GET /backends` and
`/backends/{id}` without the Authorization header, the characterization of
each QPU with it; jobs with `input.format: "ionq.circuit.v0"`, `dry_run`
always, extra keyword arguments of `run` at the top level of the body;
`status`, `failure.code`/`failure.error`, `type`, `stats.qubits` of a job,
`…/results/probabilities` (`…/aggregated` for a multi-circuit job) and
`…/cost`. A backend status outside its list raises in `status()`.

qBraid does not sample: it turns the probabilities the fake serves into
counts by distributing `shots` over them. So on the ideal simulator its
counts are exact (p · shots), and where the fake samples (a QPU, a noise
model) they are the fake's own draw, checked with tolerances from
contract_tests/sdk/binomial.py (false-alarm rate 1e-6 per check). With
20,000 shots and P(odd) = r2/2 = 0.00665 (aria-1's model), 133 odd outcomes
are expected, within ±56.2; the ideal simulator's 0 fails the check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from qbraid.runtime import DeviceStatus, JobStatus
from qbraid.runtime.ionq import IonQDevice, IonQJob, IonQProvider
from qbraid.runtime.ionq.job import IonQJobError
from qbraid_core.exceptions import RequestsApiError
from qiskit import QuantumCircuit  # type: ignore[import-untyped]

from contract_tests.fake.support import PACKAGED_BACKENDS, backend_names, fixture_record
from contract_tests.sdk.binomial import assert_binomial, assert_checks_tell_noise_apart
from contract_tests.sdk.noise_algebra import bell_odd_parity
from contract_tests.sdk.qiskit_setup import provider_from_environment
from mock_server.harness.fake import FakeIonQ

pytestmark = [
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
    # qBraid's OpenQASM conversion drops measurements (IonQ measures every qubit) and says so.
    pytest.mark.filterwarnings("ignore:Circuit contains measurement gates:UserWarning"),
]

SHOTS = 1000
NOISY_SHOTS = 20_000
MODEL = "aria-1"
RATE_CARDS = PACKAGED_BACKENDS.parent / "rate-cards.json"
BELL_QASM = """
OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0], q[1];
measure q -> c;
"""
# qBraid's names of IonQ's backend statuses (IonQDevice.status).
QBRAID_STATUS = {"available": DeviceStatus.ONLINE, "unavailable": DeviceStatus.UNAVAILABLE}


@pytest.fixture
def provider(
    fake: FakeIonQ, api_key: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> IonQProvider:
    """qBraid's provider on the fake, and qiskit-ionq (its transpiler for qiskit circuits) too."""
    provider_from_environment(fake.base_url, api_key, monkeypatch, tmp_path)
    provider = IonQProvider(api_key)
    provider.session.base_url = fake.base_url
    return provider


def bell() -> QuantumCircuit:
    circuit = QuantumCircuit(2, 2)
    circuit.h(0)
    circuit.cx(0, 1)
    circuit.measure([0, 1], [0, 1])
    return circuit


def x_on_qubit_0() -> QuantumCircuit:
    circuit = QuantumCircuit(2, 2)
    circuit.x(0)
    circuit.measure([0, 1], [0, 1])
    return circuit


def odd(counts: dict[str, int]) -> int:
    return counts.get("01", 0) + counts.get("10", 0)


def expected_cost(backend: str, shots: int, gate_counts: dict[str, int]) -> float:
    """The fake's documented formula: max(minimum, shots x (n1q x rate1q + n2q x rate2q))."""
    card: dict[str, float] = json.loads(RATE_CARDS.read_text("utf-8"))["rate_cards"][backend]
    per_shot = gate_counts["1q"] * card["1q_gate_shot"] + gate_counts["2q"] * card["2q_gate_shot"]
    return round(max(float(card["minimum"]), shots * per_shot), 2)


def through_readout(q: float, flip: float) -> float:
    """P(odd parity) after each of two bits flips with probability `flip`, from P(odd) = q."""
    s = 2 * flip * (1 - flip)
    return q * (1 - s) + (1 - q) * s


def run(device: IonQDevice, program: Any, **options: Any) -> IonQJob:
    """`device.run`, typed: one IonQJob whether `program` is one circuit or a batch."""
    job = device.run(program, **options)
    assert isinstance(job, IonQJob)
    return job


def characterization(device: IonQDevice) -> dict[str, Any]:
    """The characterization qBraid fetched for `device` (an extra field of its profile)."""
    record = device.profile.get("characterization")
    assert isinstance(record, dict)
    return record


def one_job(fake: FakeIonQ) -> dict[str, Any]:
    (job,) = fake.jobs()
    return job


# -- backends ------------------------------------------------------------------------------


def test_get_devices_lists_every_backend_as_the_fake_serves_it(provider: IonQProvider) -> None:
    devices = {device.id: device for device in provider.get_devices()}
    assert sorted(devices) == sorted(backend_names())
    for name, device in devices.items():
        record = fixture_record(name)
        assert isinstance(device, IonQDevice)
        assert device.num_qubits == record["qubits"]
        assert device.profile.simulator is (name == "simulator")
        assert device.status() is QBRAID_STATUS[record["status"]]
    # The simulator's noise models are names qBraid keeps (a list of {name, qubits}
    # objects, this contract's earlier guess, made get_devices() raise).
    models = devices["simulator"].profile.noise_models
    assert models is not None
    assert sorted(model.value for model in models.values()) == sorted(
        fixture_record("simulator")["noise_models"]
    )


def test_backends_are_read_without_the_key_and_characterizations_with_it(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    fake.clear_requests()
    aria = provider.get_device("qpu.aria-1")
    aria.status()
    record = fixture_record("qpu.aria-1")
    served = characterization(aria)
    assert served["id"] == record["characterization_id"]
    assert served["backend"] == "qpu.aria-1"
    seen = [(r["method"], r["path"], r["status"], r["authorization"]) for r in fake.requests()]
    public = [entry for entry in seen if entry[1] == "/v0.4/backends/qpu.aria-1"]
    assert public
    assert all(entry[2:] == (200, None) for entry in public)
    path = f"/v0.4/backends/qpu.aria-1/characterizations/{record['characterization_id']}"
    assert ("GET", path, 200, "apiKey <redacted>") in seen


def test_status_follows_the_backend_record(provider: IonQProvider, fake: FakeIonQ) -> None:
    device = provider.get_device("qpu.forte-1")
    fake.set_backend("qpu.forte-1", status="unavailable")
    assert device.status() is DeviceStatus.UNAVAILABLE
    fake.set_backend("qpu.forte-1", status="available")
    assert device.status() is DeviceStatus.ONLINE


# -- jobs ----------------------------------------------------------------------------------


def test_a_bell_circuit_on_the_simulator(provider: IonQProvider, fake: FakeIonQ) -> None:
    job = run(provider.get_device("simulator"), bell(), shots=SHOTS)
    result = job.result()
    # Exact probabilities, distributed over the shots: no sampling on either side.
    assert result.data.get_counts() == {"00": SHOTS // 2, "11": SHOTS // 2}
    assert result.data.get_probabilities() == pytest.approx({"00": 0.5, "11": 0.5})
    assert job.status() is JobStatus.COMPLETED
    stored = one_job(fake)
    assert stored["id"] == job.id
    assert (stored["type"], stored["backend"], stored["shots"]) == (
        "ionq.circuit.v1",
        "simulator",
        SHOTS,
    )
    assert stored["dry_run"] is False  # qBraid always sends it
    assert stored["stats"]["qubits"] == 2
    cost = job.cost()
    assert cost["dry_run"] is False
    assert cost["cost"] == {"value": 0.0, "unit": "usd"}  # the simulator is free


def test_an_openqasm_string_takes_qbraids_own_conversion(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    job = run(provider.get_device("simulator"), BELL_QASM, shots=SHOTS)
    assert job.result().data.get_counts() == {"00": SHOTS // 2, "11": SHOTS // 2}
    request = next(r for r in fake.requests() if r["method"] == "POST")
    assert request["status"] == 201
    assert one_job(fake)["stats"]["gate_counts"] == {"1q": 1, "2q": 1}


def test_x_on_qubit_0_reads_01(provider: IonQProvider) -> None:
    # IonQ's qubit 0 is the least significant bit; qBraid writes it last, as qiskit does.
    job = run(provider.get_device("simulator"), x_on_qubit_0(), shots=100)
    assert job.result().data.get_counts() == {"01": 100}


def test_a_noise_model_errs_at_its_published_rate(provider: IonQProvider, fake: FakeIonQ) -> None:
    noise = {"model": MODEL, "seed": 20260101}
    job = run(provider.get_device("simulator"), bell(), shots=NOISY_SHOTS, noise=noise)
    counts = job.result().data.get_counts()
    assert sum(counts.values()) == NOISY_SHOTS
    p_odd = bell_odd_parity(MODEL)
    assert_binomial(odd(counts), NOISY_SHOTS, p_odd)
    assert_checks_tell_noise_apart(NOISY_SHOTS, p_odd)
    assert one_job(fake)["noise"] == noise


def test_a_qpu_job_errs_as_its_characterization_says(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    aria = provider.get_device("qpu.aria-1")
    job = run(aria, bell(), shots=NOISY_SHOTS)
    counts = job.result().data.get_counts()
    assert sum(counts.values()) == NOISY_SHOTS
    stored = one_job(fake)
    assert stored["backend"] == "qpu.aria-1"
    assert "noise" not in stored  # only simulator jobs have a noise model
    # The circuit qiskit-ionq and qBraid made of the Bell circuit: h, then cnot.
    assert stored["stats"]["gate_counts"] == {"1q": 1, "2q": 1}
    # Rates from the characterization qBraid fetched (docs/noise.md: r2 = 4/3 (1 - F2q),
    # readout flips with 1 - F_spam), through the Bell circuit's algebra (noise_algebra.py).
    fidelity = characterization(aria)["fidelity"]
    r2 = 4 / 3 * (1 - fidelity["2q"]["median"])
    p_odd = through_readout(r2 / 2, 1 - fidelity["spam"]["median"])
    assert_binomial(odd(counts), NOISY_SHOTS, p_odd)
    cost = job.cost()
    expected = expected_cost("qpu.aria-1", NOISY_SHOTS, stored["stats"]["gate_counts"])
    assert cost["dry_run"] is False
    assert cost["cost"] == {"value": pytest.approx(expected), "unit": "usd"}


def test_a_dry_run_is_priced_and_has_no_results(provider: IonQProvider, fake: FakeIonQ) -> None:
    job = run(provider.get_device("qpu.aria-1"), bell(), shots=SHOTS, dry_run=True)
    assert job.status() is JobStatus.COMPLETED
    cost = job.cost()
    assert cost["dry_run"] is True
    expected = expected_cost("qpu.aria-1", SHOTS, {"1q": 1, "2q": 1})
    assert cost["estimated_cost"] == {"value": pytest.approx(expected), "unit": "usd"}
    # The fake answers 404 for a dry run's results; qBraid raises what it says.
    with pytest.raises(RequestsApiError, match="not found or is not completed"):
        job.result()
    assert one_job(fake)["dry_run"] is True


def test_error_mitigation_goes_into_settings_and_is_priced(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    mitigation = {"debiasing": True}
    job = run(provider.get_device("qpu.aria-1"), bell(), shots=SHOTS, error_mitigation=mitigation)
    counts = job.result().data.get_counts()
    assert sum(counts.values()) == SHOTS
    assert one_job(fake)["settings"] == {"error_mitigation": mitigation}
    # The fake prices mitigation at the rate card's own minimum; it does not carry it out.
    card = json.loads(RATE_CARDS.read_text("utf-8"))["rate_cards"]["qpu.aria-1"]
    assert job.cost()["cost"] == {"value": card["error_mitigation_minimum"], "unit": "usd"}


def test_two_circuits_run_as_one_multi_circuit_job(provider: IonQProvider, fake: FakeIonQ) -> None:
    job = provider.get_device("simulator").run([bell(), x_on_qubit_0()], shots=SHOTS)
    assert isinstance(job, IonQJob)  # one job for the batch, not one per circuit
    counts = job.result().data.get_counts()
    assert counts == [{"00": SHOTS // 2, "11": SHOTS // 2}, {"01": SHOTS}]
    parent = next(j for j in fake.jobs() if j["parent_job_id"] is None)
    assert parent["id"] == job.id
    assert parent["type"] == "ionq.multi-circuit.v1"
    assert len(parent["child_job_ids"]) == 2
    paths = [r["path"] for r in fake.requests()]
    assert f"/v0.4/jobs/{job.id}/results/probabilities/aggregated" in paths


def test_keyword_arguments_go_to_the_top_of_the_body(
    provider: IonQProvider, fake: FakeIonQ, api_key: str
) -> None:
    opened = httpx.post(
        f"{fake.base_url}/sessions",
        json={"backend": "simulator"},
        headers={"Authorization": f"apiKey {api_key}"},
    )
    assert opened.status_code == 201  # a job may only name a session of its key
    session_id = opened.json()["id"]
    job = run(
        provider.get_device("simulator"),
        bell(),
        shots=SHOTS,
        session_id=session_id,
        name="bell",
        metadata={"by": "qbraid"},
    )
    stored = fake.job(str(job.id))
    assert (stored["session_id"], stored["name"], stored["metadata"]) == (
        session_id,
        "bell",
        {"by": "qbraid"},
    )


def test_an_unknown_keyword_is_refused_and_qbraid_raises_ionqs_message(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    # IonQ's job bodies are closed (additionalProperties: false), so is the fake's.
    with pytest.raises(RequestsApiError, match=r"\$\.colour: is not a documented field"):
        run(provider.get_device("simulator"), bell(), shots=SHOTS, colour="blue")
    assert fake.jobs() == []


def test_a_failed_job_raises_with_ionqs_code_and_message(
    provider: IonQProvider, fake: FakeIonQ
) -> None:
    # Twelve qubits: the simulator takes 29, so qBraid sends it; harmony's model runs 11.
    wide = QuantumCircuit(12, 12)
    wide.x(11)
    wide.measure(range(12), range(12))
    job = run(provider.get_device("simulator"), wide, shots=SHOTS, noise={"model": "harmony"})
    with pytest.raises(IonQJobError, match="NotEnoughQubits") as caught:
        job.result()
    assert "noise model harmony supports at most 11" in str(caught.value)
    assert job.status() is JobStatus.FAILED
    assert one_job(fake)["failure"]["code"] == "NotEnoughQubits"


def test_a_held_job_is_queued_until_canceled(provider: IonQProvider, fake: FakeIonQ) -> None:
    fake.hold_jobs()
    job = run(provider.get_device("simulator"), bell(), shots=SHOTS)
    assert job.status() is JobStatus.QUEUED
    job.cancel()
    assert job.status() is JobStatus.CANCELLED
    assert fake.job(str(job.id))["status"] == "canceled"
