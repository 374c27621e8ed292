"""Fixtures of the fake's tests: apps, a contract-checking client, fixture files, a live server.

Expected values come from openapi.yaml, from the fixture files (read here
with nothing but `json`) or are written in the tests; never from the code
under test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from contract_tests.fake.live import LiveFake, running_fake
from contract_tests.fake.openapi_check import ContractClient, contract_client_for
from contract_tests.fake.support import PACKAGED_BACKENDS, AppFactory
from mock_server.app import create_app


@pytest.fixture
def make_app() -> AppFactory:
    """create_app with the contract-checking test client; keyword arguments become config.

    An app built from an edited description (SPEC_PATH) is held to that one.
    """

    def factory(**config: Any) -> Flask:
        app = create_app(config)
        spec_file = config.get("SPEC_PATH")
        app.test_client_class = (
            contract_client_for(Path(spec_file)) if spec_file else ContractClient
        )
        return app

    return factory


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    """A fresh fake with the packaged fixtures."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> ContractClient:
    """A test client of `app` that fails the test on any response outside the contract."""
    test_client = app.test_client()
    assert isinstance(test_client, ContractClient)
    return test_client


@pytest.fixture
def fixtures_dir(tmp_path: Path) -> Path:
    """A writable copy of the packaged fixtures, laid out as users lay out their own."""
    shutil.copytree(PACKAGED_BACKENDS, tmp_path / "fixtures" / "backends")
    return tmp_path / "fixtures"


@pytest.fixture(scope="session")
def live_fake() -> Iterator[LiveFake]:
    """`ionq-mock serve` on a free port, shared by the tests of a session."""
    with running_fake() as fake:
        yield fake
