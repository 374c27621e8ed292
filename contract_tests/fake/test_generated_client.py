"""The generated client (ionq_client) against the fake: in-process and over a socket.

Each backend's fixture must come back as the typed Backend the file
describes, and the documented errors as BadRequestError / Error, through both
an httpx WSGI transport and a real granian server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask import Flask
from ionq_client import Client
from ionq_client.api.backends import get_backend
from ionq_client.models import BackendName, BackendStatus
from ionq_client.models.backend import Backend
from ionq_client.models.bad_request_error import BadRequestError
from ionq_client.models.error import Error

from contract_tests.fake.live import LiveFake
from contract_tests.fake.openapi_check import httpx_hook
from contract_tests.fake.support import (
    ORIGIN,
    AppFactory,
    backend_names,
    fixture_record,
    response_example,
)

CHECKED: dict[str, Any] = {"event_hooks": {"response": [httpx_hook]}}


def wsgi_client(app: Flask) -> Client:
    """The generated client, calling `app` in-process; every response is contract-checked."""
    transport = httpx.WSGITransport(app=app)
    return Client(base_url=f"{ORIGIN}/v0.4", httpx_args={**CHECKED, "transport": transport})


@pytest.fixture(params=["wsgi", "socket"])
def api(request: pytest.FixtureRequest, app: Flask) -> Iterator[Client]:
    """A client of a fresh in-process fake, or of the session's live server (reset after)."""
    if request.param == "wsgi":
        with wsgi_client(app) as client:
            yield client
        return
    live: LiveFake = request.getfixturevalue("live_fake")
    try:
        with Client(base_url=live.base_url, httpx_args=CHECKED) as client:
            yield client
    finally:
        httpx.post(f"{live.origin}/__admin/reset").raise_for_status()


def remove_backend(api: Client, name: str) -> None:
    """Leave a backend out, as a user fixtures directory without it would."""
    http = api.get_httpx_client()
    response = http.delete(http.base_url.copy_with(path=f"/__admin/backends/{name}"))
    assert response.status_code == 204


@pytest.mark.parametrize("name", backend_names())
def test_each_fixture_comes_back_as_its_typed_backend(api: Client, name: str) -> None:
    record = fixture_record(name)
    backend = get_backend.sync(BackendName(name), client=api)
    assert isinstance(backend, Backend)
    assert backend == Backend.from_dict(record)
    assert backend.backend is BackendName(name)
    assert backend.backend.known
    assert backend.qubits == record["qubits"]
    assert backend.status is BackendStatus(record["status"])
    assert backend.last_updated.isoformat().replace("+00:00", "Z") == record["last_updated"]
    assert backend.additional_properties == {}


def test_a_bad_name_comes_back_as_a_typed_bad_request(api: Client) -> None:
    response = get_backend.sync_detailed(BackendName("qpu.aria-9"), client=api)
    assert response.status_code == 400
    error = response.parsed
    assert isinstance(error, BadRequestError)
    expected = response_example("BadRequest", "invalidBackend")
    assert error.status_code == 400
    assert error.error == expected["error"]
    assert error.message == expected["message"]
    assert error.validation
    assert error.validation.keys == ["backend"]
    assert error.validation.source == "params"


def test_a_not_found_scenario_comes_back_as_a_typed_error(api: Client) -> None:
    response = get_backend.sync_detailed(
        BackendName.QPU_ARIA_1, client=api.with_headers({"Prefer": "code=404"})
    )
    assert response.status_code == 404
    assert isinstance(response.parsed, Error)
    assert response.parsed.to_dict() == response_example("NotFound", "notFound")


def test_a_missing_backend_comes_back_as_a_typed_error(api: Client) -> None:
    remove_backend(api, "qpu.forte-enterprise-2")
    error = get_backend.sync(BackendName.QPU_FORTE_ENTERPRISE_2, client=api)
    assert isinstance(error, Error)
    assert error.status_code == 404
    assert error.error == "Not Found Error"
    assert error.message == "Backend qpu.forte-enterprise-2 was not found."


def test_a_missing_fixture_comes_back_as_a_typed_error(
    make_app: AppFactory, fixtures_dir: Path
) -> None:
    (fixtures_dir / "backends" / "qpu.aria-2.json").unlink()
    with wsgi_client(make_app(FIXTURES_DIR=fixtures_dir)) as client:
        error = get_backend.sync(BackendName.QPU_ARIA_2, client=client)
        assert isinstance(error, Error)
        assert error.status_code == 404
        assert isinstance(get_backend.sync(BackendName.QPU_ARIA_1, client=client), Backend)
