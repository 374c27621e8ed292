"""Fixtures of the fault tests: an app, a contract-checked API client, and an admin client.

API responses go through ContractClient, which fails a test on any answer
openapi.yaml does not allow: so every injected fault is held to the spec.
The admin API is outside the spec and gets Flask's plain test client.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from mock_server.app import create_app
from mock_server.controls import interruptions

API = "/v0.4/backends/qpu.aria-1"


@pytest.fixture
def app() -> Flask:
    """A fresh fake with the packaged fixtures."""
    return create_app()


@pytest.fixture
def api(app: Flask) -> ContractClient:
    """Calls to /v0.4, each response checked against openapi.yaml."""
    return ContractClient(app, app.response_class)


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    """Calls to /__admin."""
    return FlaskClient(app, app.response_class)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the fake sleeps, recorded instead of slept (no timing in unit tests)."""
    recorded: list[float] = []
    sleep: Callable[[float], None] = recorded.append
    monkeypatch.setattr(interruptions, "sleep", sleep)
    return recorded
