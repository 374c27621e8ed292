"""The generated client's new operations against the fake: list, characterizations, whoami.

In-process through httpx's WSGI transport; every response is held to
openapi.yaml by the same hook as in test_generated_client.py.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator

import httpx
import pytest
from flask import Flask
from ionq_client import Client, authenticated_client
from ionq_client.api.backends import get_backends
from ionq_client.api.characterizations import (
    get_characterization,
    get_characterizations_for_backend,
)
from ionq_client.api.whoami import get_whoami
from ionq_client.models import (
    Backend,
    BackendName,
    BadRequestError,
    Characterization,
    CharacterizationPage,
    Error,
    Whoami,
)

from contract_tests.fake.openapi_check import httpx_hook
from contract_tests.fake.support import ORIGIN, AppFactory, backend_names, fixture_record

BASE_URL = f"{ORIGIN}/v0.4"
KEY = "generated-client-key"


def transport_args(app: Flask) -> dict[str, object]:
    return {"transport": httpx.WSGITransport(app=app), "event_hooks": {"response": [httpx_hook]}}


@pytest.fixture
def keyed_app(make_app: AppFactory) -> Flask:
    return make_app(API_KEYS=KEY)


@pytest.fixture
def api(keyed_app: Flask) -> Iterator[Client]:
    with Client(base_url=BASE_URL, httpx_args=transport_args(keyed_app)) as client:
        yield client


def test_lists_every_backend_as_typed_backends(api: Client) -> None:
    backends = get_backends.sync(client=api)
    assert isinstance(backends, list)
    assert [b.backend.value for b in backends] == sorted(backend_names())
    assert all(isinstance(backend, Backend) for backend in backends)
    assert backends[0] == Backend.from_dict(fixture_record(backends[0].backend.value))


def test_follows_a_backend_to_its_current_characterization(api: Client) -> None:
    backends = get_backends.sync(client=api)
    assert isinstance(backends, list)
    for backend in backends:
        if not backend.characterization_id:
            assert backend.backend is BackendName.SIMULATOR
            continue
        found = get_characterization.sync(
            backend.backend, uuid.UUID(backend.characterization_id), client=api
        )
        assert isinstance(found, Characterization)
        assert str(found.id) == backend.characterization_id
        assert found.backend is backend.backend
        assert found.qubits == backend.qubits
        assert len(found.connectivity) == backend.qubits * (backend.qubits - 1) // 2


def test_pages_through_a_history_with_dates(api: Client) -> None:
    seen: list[Characterization] = []
    page = 1
    while True:
        body = get_characterizations_for_backend.sync(
            BackendName.QPU_ARIA_1,
            client=api,
            start=datetime.date(2025, 6, 1),
            end=datetime.datetime(2025, 6, 16, tzinfo=datetime.UTC),
            limit=4,
            page=page,
        )
        assert isinstance(body, CharacterizationPage)
        seen.extend(body.characterizations)
        if body.pages == 0:
            break
        page += 1
    # 2025-06-01 (inclusive) to 2025-06-16 (exclusive), one a day.
    assert [c.date.day for c in seen] == list(range(15, 0, -1))
    assert page == 4


def test_a_naive_date_time_is_refused_as_a_bad_request(api: Client) -> None:
    response = get_characterizations_for_backend.sync_detailed(
        BackendName.QPU_FORTE_1, client=api, start=datetime.datetime(2026, 1, 1)
    )
    assert response.status_code == 400
    assert isinstance(response.parsed, BadRequestError)
    assert response.parsed.validation
    assert response.parsed.validation.keys == ["start"]


def test_an_unknown_characterization_is_a_typed_error(api: Client) -> None:
    found = get_characterization.sync(BackendName.QPU_ARIA_1, uuid.uuid4(), client=api)
    assert isinstance(found, Error)
    assert found.status_code == 404


def test_whoami_with_the_accepted_key(keyed_app: Flask) -> None:
    with authenticated_client(KEY, BASE_URL, httpx_args=transport_args(keyed_app)) as client:
        me = get_whoami.sync(client=client)
    assert isinstance(me, Whoami)
    assert me.key_id.version == 5
    assert KEY not in repr(me)


def test_whoami_with_another_key_is_a_typed_401(keyed_app: Flask) -> None:
    with authenticated_client("other", BASE_URL, httpx_args=transport_args(keyed_app)) as client:
        response = get_whoami.sync_detailed(client=client)
    assert response.status_code == 401
    assert isinstance(response.parsed, Error)
    assert response.parsed.error == "Unauthorized Error"
