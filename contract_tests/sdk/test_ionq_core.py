"""IonQ's own client, ionq-core 0.2.0, against a running fake: every call that needs no job.

`IonQClient(api_key=..., base_url=...)` is how IonQ documents pointing it
elsewhere; it warns that the fake's URL is not HTTPS, which is expected here.
Expected values come from the fixture files and the generator inputs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

import httpx
import pytest
from ionq_core import IonQClient
from ionq_core.api.backends import get_backend, get_backends
from ionq_core.api.characterizations import get_characterization, get_characterizations_for_backend
from ionq_core.api.schemas import get_format_schema
from ionq_core.api.whoami import get_whoami
from ionq_core.client import AuthenticatedClient, Client
from ionq_core.exceptions import AuthenticationError, NotFoundError
from ionq_core.models import (
    Backend,
    Characterization,
    CharacterizationFidelity,
    CharacterizationTiming,
    FormatSchemaDocument,
    Whoami,
)
from ionq_core.models.formats import FORMATS_VALUES

from contract_tests.fake.live import LiveFake
from contract_tests.fake.support import PACKAGED_BACKENDS, backend_names, fixture_record

PACKAGED_INPUTS = PACKAGED_BACKENDS.parent / "characterizations"
PACKAGED_FORMATS = PACKAGED_BACKENDS.parent / "formats"


def format_document(name: str) -> dict[str, Any]:
    """The packaged JSON Schema document of format `name`."""
    path = PACKAGED_FORMATS / f"{name}.schema.json"
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def generator_input(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((PACKAGED_INPUTS / f"{name}.json").read_text("utf-8"))
    return document


def ionq_client(fake: LiveFake, key: str) -> AuthenticatedClient:
    with pytest.warns(UserWarning, match="does not use HTTPS"):
        return IonQClient(api_key=key, base_url=fake.base_url, max_retries=0)


@pytest.fixture
def client(sdk_fake: LiveFake, api_key: str) -> Iterator[AuthenticatedClient]:
    with ionq_client(sdk_fake, api_key) as authenticated:
        yield authenticated


def test_get_backends_lists_every_fixture(client: AuthenticatedClient) -> None:
    backends = get_backends.sync(client=client)
    assert backends is not None
    assert all(isinstance(backend, Backend) for backend in backends)
    assert [backend.backend for backend in backends] == sorted(backend_names())
    for backend in backends:
        record = fixture_record(backend.backend)
        assert backend.qubits == record["qubits"]
        assert backend.status == record["status"]
        assert backend.characterization_id == record.get(
            "characterization_id", backend.characterization_id
        )
        # ionq-core 0.2.0's Backend does not know `noise_models` (the names of the
        # simulator's models): it keeps them, unchanged.
        extra = {key: record[key] for key in ("noise_models",) if key in record}
        assert backend.additional_properties == extra


@pytest.mark.parametrize("name", backend_names())
def test_get_backend_returns_the_fixture(client: AuthenticatedClient, name: str) -> None:
    backend = get_backend.sync(name, client=client)  # type: ignore[arg-type]
    assert isinstance(backend, Backend)
    assert backend.to_dict() == fixture_record(name)


def test_an_unauthenticated_client_reads_backends_too(sdk_fake: LiveFake) -> None:
    with Client(base_url=sdk_fake.base_url) as public:
        backend = get_backend.sync("qpu.forte-1", client=public)
    assert isinstance(backend, Backend)
    assert backend.qubits == fixture_record("qpu.forte-1")["qubits"]


def test_get_characterization_resolves_every_characterization_id(
    client: AuthenticatedClient,
) -> None:
    for backend in get_backends.sync(client=client) or []:
        if not isinstance(backend.characterization_id, str):
            continue
        found = get_characterization.sync(
            backend.backend,  # type: ignore[arg-type]
            uuid.UUID(backend.characterization_id),
            client=client,
        )
        assert isinstance(found, Characterization)
        assert str(found.id) == backend.characterization_id
        assert found.backend == backend.backend
        assert found.qubits == backend.qubits
        assert found.date == generator_input(backend.backend)["newest"]
        spec = generator_input(backend.backend)
        assert isinstance(found.timing, CharacterizationTiming)
        assert found.timing.field_1q == spec["timing"]["1q"]
        assert isinstance(found.fidelity, CharacterizationFidelity)
        assert found.fidelity.spam.median == spec["fidelity"]["spam"]["median"]


def test_get_characterizations_for_backend_pages_and_filters(client: AuthenticatedClient) -> None:
    # ionq-core types the name as a Literal of the backends IonQ's description lists.
    name: Literal["qpu.forte-1"] = "qpu.forte-1"
    spec = generator_input(name)
    ids: list[str] = []
    page = 1
    while True:
        body = get_characterizations_for_backend.sync(name, client=client, limit=10, page=page)
        assert body is not None
        ids.extend(str(item.id) for item in body.characterizations)
        assert isinstance(body.pages, int)
        if body.pages == 0:
            break
        page += 1
    assert len(ids) == len(set(ids)) == spec["count"]
    assert ids[0] == fixture_record(name)["characterization_id"]

    newest = date.fromisoformat(spec["newest"][:10])
    recent = get_characterizations_for_backend.sync(
        name, client=client, start=newest.isoformat(), limit=10
    )
    assert recent is not None
    assert [item.date for item in recent.characterizations] == [spec["newest"]]
    past_the_end = get_characterizations_for_backend.sync(name, client=client, page=page + 1)
    assert past_the_end is not None
    assert (past_the_end.characterizations, past_the_end.pages) == ([], 0)


def test_an_unknown_characterization_raises_not_found(client: AuthenticatedClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        get_characterization.sync("qpu.forte-1", uuid.uuid4(), client=client)
    assert caught.value.status_code == 404
    assert isinstance(caught.value.body, dict)
    assert caught.value.body["error"] == "Not Found Error"


def test_get_whoami_describes_the_key(client: AuthenticatedClient, api_key: str) -> None:
    me = get_whoami.sync(client=client)
    assert isinstance(me, Whoami)
    assert me.key_name.startswith("ionq-mock key ")
    assert api_key not in repr(me.to_dict())


def test_get_whoami_with_a_wrong_key_raises_authentication_error(sdk_fake: LiveFake) -> None:
    with (
        ionq_client(sdk_fake, "not-the-key") as wrong,
        pytest.raises(AuthenticationError) as caught,
    ):
        get_whoami.sync(client=wrong)
    assert caught.value.status_code == 401
    assert caught.value.message == "The API key is not valid."


def test_admin_changes_reach_the_sdk(client: AuthenticatedClient, reset_fake: LiveFake) -> None:
    httpx.patch(
        f"{reset_fake.origin}/__admin/backends/qpu.aria-2", json={"status": "unavailable"}
    ).raise_for_status()
    listed = {b.backend: b for b in get_backends.sync(client=client) or []}
    single = get_backend.sync("qpu.aria-2", client=client)  # type: ignore[arg-type]
    assert isinstance(single, Backend)
    assert listed["qpu.aria-2"].status == single.status == "unavailable"


def test_every_format_ionq_core_names_has_a_document() -> None:
    """ionq-core's `Formats` literal is every format the fake serves but OpenQASM 3."""
    served = {path.name.removesuffix(".schema.json") for path in PACKAGED_FORMATS.iterdir()}
    assert served - set(FORMATS_VALUES) == {"ionq.qasm3.v1"}
    assert set(FORMATS_VALUES) <= served


@pytest.mark.parametrize("name", sorted(FORMATS_VALUES))
def test_get_format_schema_reads_each_document(client: AuthenticatedClient, name: str) -> None:
    document = format_document(name)
    found = get_format_schema.sync(name, client=client)  # type: ignore[arg-type]
    assert isinstance(found, FormatSchemaDocument)
    assert found.schema == "http://json-schema.org/draft-07/schema#"
    assert found.id == name
    assert found.type_ == document["type"]
    assert found.description == document["description"]
    # The rest of the document (properties, definitions, examples, ...) is kept as it came.
    assert found.additional_properties == {
        key: value
        for key, value in document.items()
        if key not in {"$schema", "$id", "type", "description"}
    }
    assert found.to_dict() == document


def test_get_format_schema_of_an_unknown_format_raises_not_found(
    client: AuthenticatedClient,
) -> None:
    with pytest.raises(NotFoundError) as caught:
        get_format_schema.sync("ionq.result.expectation.json.v1", client=client)  # type: ignore[arg-type]
    assert caught.value.status_code == 404
    assert isinstance(caught.value.body, dict)
    assert caught.value.body["message"] == "Format ionq.result.expectation.json.v1 was not found."


def test_get_format_schema_without_a_key_is_refused(sdk_fake: LiveFake) -> None:
    """ionq-core offers the call to authenticated clients only; the fake answers 401 without a
    key (a plain Client raises nothing: the answer is not parsed)."""
    with Client(base_url=sdk_fake.base_url) as public:
        answer = get_format_schema.sync_detailed("ionq.native.v1", client=public)  # type: ignore[arg-type]
    assert answer.status_code == 401
    assert answer.parsed is None
    assert json.loads(answer.content)["error"] == "Unauthorized Error"


def test_every_backend_lists_its_gates(client: AuthenticatedClient) -> None:
    """ionq-core's Backend knows supported_gates, supported_native_gates and
    supported_error_mitigations (lists of strings) and reads them as the fixtures have them."""
    for backend in get_backends.sync(client=client) or []:
        record = fixture_record(backend.backend)
        assert backend.supported_gates == record["supported_gates"]
        assert backend.supported_native_gates == record["supported_native_gates"]
        assert backend.supported_error_mitigations == record["supported_error_mitigations"]
