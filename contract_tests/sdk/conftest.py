"""One fake IonQ for every real-SDK test of the session, started as users start it.

The SDKs (the `sdk` extra of pyproject.toml) talk HTTP to a base URL, so they
get `ionq-mock serve` on a free port, accepting one API key, as a user would
run it next to a notebook. Tests that change the fake through the admin API
reset it afterwards (`reset_fake`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import httpx
import pytest

from contract_tests.fake.live import LiveFake, running_fake
from mock_server.settings import API_KEYS_ENV


@pytest.fixture(scope="session")
def api_key() -> str:
    """The one key the session's fake accepts."""
    return secrets.token_urlsafe(16)


@pytest.fixture(scope="session")
def sdk_fake(api_key: str) -> Iterator[LiveFake]:
    """The fake every SDK test talks to."""
    with running_fake(env={API_KEYS_ENV: api_key}) as fake:
        yield fake


@pytest.fixture
def reset_fake(sdk_fake: LiveFake) -> Iterator[LiveFake]:
    """The session's fake, back to its fixtures after the test."""
    try:
        yield sdk_fake
    finally:
        httpx.post(f"{sdk_fake.origin}/__admin/reset").raise_for_status()
