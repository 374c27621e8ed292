"""A qiskit-ionq provider configured the way its documentation tells users to.

Shared by the qiskit-ionq tests of the backends family and of jobs, so that
both drive the SDK through exactly the same settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from qiskit_ionq import IonQProvider


def provider_from_environment(
    base_url: str, api_key: str, monkeypatch: pytest.MonkeyPatch, working_dir: Path
) -> IonQProvider:
    """An IonQProvider that finds the fake at `base_url` through the environment only."""
    monkeypatch.setenv("IONQ_API_URL", base_url)
    monkeypatch.setenv("IONQ_API_KEY", api_key)
    for other in ("QISKIT_IONQ_API_URL", "QISKIT_IONQ_API_TOKEN", "IONQ_API_TOKEN"):
        monkeypatch.delenv(other, raising=False)
    monkeypatch.chdir(working_dir)  # qiskit-ionq also reads a .env of the working directory
    return IonQProvider()
