"""qiskit-ionq 1.1.1's backend look-up against a running fake, pointed there by IONQ_API_URL.

qiskit-ionq reads the qubit count of a backend with `GET /backends/<name>`
(without a key, falling back to 4 qubits when that fails) and its
calibration with `GET /backends/<name>/characterizations?limit=1` (with the
key). Expected values come from the fixture files.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from qiskit_ionq import IonQProvider
from qiskit_ionq.exceptions import IonQAPIError

from contract_tests.fake.live import LiveFake
from contract_tests.fake.support import PACKAGED_BACKENDS, fixture_record
from contract_tests.sdk.qiskit_setup import provider_from_environment

PACKAGED_INPUTS = PACKAGED_BACKENDS.parent / "characterizations"
pytestmark = [
    # qiskit-ionq warns and falls back to 4 qubits when the look-up fails: fail instead.
    pytest.mark.filterwarnings("error:Failed to get qubits"),
    # Advice about transpiling, given whenever a backend is made; nothing to do with the API.
    pytest.mark.filterwarnings("ignore::qiskit_ionq.exceptions.IonQTranspileLevelWarning"),
]


@pytest.fixture
def provider(
    sdk_fake: LiveFake, api_key: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> IonQProvider:
    """A provider configured from the environment only, as qiskit-ionq documents it."""
    return provider_from_environment(sdk_fake.base_url, api_key, monkeypatch, tmp_path)


@pytest.mark.parametrize("name", ["qpu.aria-1", "qpu.forte-1", "qpu.forte-enterprise-3"])
def test_a_qpu_gets_its_qubit_count_and_calibration(provider: IonQProvider, name: str) -> None:
    backend = provider.get_backend(name)
    record = fixture_record(name)
    assert backend.num_qubits == record["qubits"]
    calibration = backend.calibration()
    assert calibration is not None
    assert calibration.id == record["characterization_id"]
    assert calibration.backend == name
    assert calibration.qubits == record["qubits"]
    assert len(calibration.connectivity) == record["qubits"] * (record["qubits"] - 1) // 2
    newest = json.loads((PACKAGED_INPUTS / f"{name}.json").read_text("utf-8"))["newest"]
    assert calibration.date.isoformat() == newest.replace("Z", "+00:00")
    assert calibration.median_spam_fidelity is not None
    assert 0.99 < calibration.median_spam_fidelity < 1
    assert backend.status() is True


def test_the_simulator_gets_its_qubit_count(provider: IonQProvider) -> None:
    backend = provider.get_backend("simulator")
    assert backend.num_qubits == fixture_record("simulator")["qubits"]
    assert backend.calibration() is None
    assert backend.status() is True


def test_a_qpu_changed_by_the_admin_api_shows_it(
    provider: IonQProvider, reset_fake: LiveFake
) -> None:
    httpx.patch(
        f"{reset_fake.origin}/__admin/backends/qpu.aria-2", json={"qubits": 21}
    ).raise_for_status()
    assert provider.get_backend("qpu.aria-2").num_qubits == 21


def test_the_calibration_of_a_removed_qpu_is_an_api_error(
    provider: IonQProvider, reset_fake: LiveFake
) -> None:
    backend = provider.get_backend("qpu.forte-enterprise-1")
    httpx.delete(f"{reset_fake.origin}/__admin/backends/qpu.forte-enterprise-1").raise_for_status()
    with pytest.raises(IonQAPIError) as caught:
        backend.calibration()
    assert caught.value.status_code == 404
    assert caught.value.error_type == "Not Found Error"
