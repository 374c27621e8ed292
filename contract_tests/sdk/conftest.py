"""One fake IonQ for every real-SDK test of the session, started as users start it.

The SDKs (the `sdk` extra of pyproject.toml) talk HTTP to a base URL, so they
get `ionq-mock serve` on a free port, accepting two API keys (the second one
for the tests that show one key's jobs are invisible to another), as a user
would run it next to a notebook. Tests that change the fake through the admin
API reset it afterwards (`reset_fake`); tests that run jobs take `fake`, a
FakeIonQ handle on the same server (hold jobs, fail the next ones, list every
job), which resets the fake before and after the test.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests.fake.live import LiveFake, running_fake
from mock_server.harness.fake import FakeIonQ
from mock_server.harness.pytest_plugin import per_test
from mock_server.settings import API_KEYS_ENV


@pytest.fixture(scope="session")
def api_key() -> str:
    """The key the SDK tests use."""
    return secrets.token_urlsafe(16)


@pytest.fixture(scope="session")
def other_api_key() -> str:
    """A second key the fake accepts: another user of the same fake."""
    return secrets.token_urlsafe(16)


@pytest.fixture(scope="session")
def sdk_fake(api_key: str, other_api_key: str) -> Iterator[LiveFake]:
    """The fake every SDK test talks to."""
    with running_fake(env={API_KEYS_ENV: f"{api_key},{other_api_key}"}) as fake:
        yield fake


@pytest.fixture
def reset_fake(sdk_fake: LiveFake) -> Iterator[LiveFake]:
    """The session's fake, back to its fixtures after the test."""
    try:
        yield sdk_fake
    finally:
        httpx.post(f"{sdk_fake.origin}/__admin/reset").raise_for_status()


@pytest.fixture
def fake(sdk_fake: LiveFake) -> Iterator[FakeIonQ]:
    """The session's fake as a FakeIonQ handle, with no jobs and no job controls set
    when the test starts, and reset again after it."""
    port = int(sdk_fake.origin.rsplit(":", 1)[1])
    session = FakeIonQ("socket", sdk_fake.origin, port=port, pid=sdk_fake.process.pid)
    try:
        yield from per_test(session)
    finally:
        session.close()


@pytest.fixture
def provider(fake: FakeIonQ, api_key: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """qiskit-ionq's IonQProvider on the fake, configured from the environment only, as
    qiskit-ionq documents it (qBraid's suite has a provider of its own under this name)."""
    from contract_tests.sdk.qiskit_setup import provider_from_environment  # noqa: PLC0415

    return provider_from_environment(fake.base_url, api_key, monkeypatch, tmp_path)
