"""The package's front door: defaults from the spec, constructor helpers, no leaked keys."""

from __future__ import annotations

import httpx
import ionq_client
import pytest
from ionq_client import AuthenticatedClient, Client, errors
from ionq_client.api.backends import get_backend
from ionq_client.models import BackendName

from contract_tests.client.contract import GET_BACKEND, SPEC, response_examples
from contract_tests.client.stub import Stub

KEY = "k3y-that-must-not-leak"
SEED = response_examples(GET_BACKEND, 200)["seed"]


def test_default_base_url_is_the_first_server_of_the_spec() -> None:
    assert SPEC["servers"][0]["url"] == ionq_client.DEFAULT_BASE_URL
    assert ionq_client.DEFAULT_BASE_URL == "https://api.ionq.co/v0.4"


def test_exports() -> None:
    assert {
        "AuthenticatedClient",
        "Client",
        "DEFAULT_BASE_URL",
        "DEFAULT_TIMEOUT_SECONDS",
        "authenticated_client",
        "public_client",
    } <= set(ionq_client.__all__)
    assert ionq_client.Client is ionq_client.client.Client
    assert ionq_client.AuthenticatedClient is ionq_client.client.AuthenticatedClient


def test_helpers_build_the_generated_classes() -> None:
    public = ionq_client.public_client()
    authenticated = ionq_client.authenticated_client(KEY)
    assert type(public) is Client
    assert isinstance(authenticated, AuthenticatedClient)
    assert authenticated.token == KEY
    assert authenticated.prefix == "apiKey"
    assert authenticated.auth_header_name == "Authorization"


def test_helpers_default_to_ionq_and_accept_another_base_url() -> None:
    stub = Stub(json=SEED)
    with ionq_client.public_client(httpx_args=stub.httpx_args()) as client:
        get_backend.sync_detailed(BackendName.SIMULATOR, client=client)
    assert str(stub.request.url) == "https://api.ionq.co/v0.4/backends/simulator"

    stub = Stub(json=SEED)
    with ionq_client.authenticated_client(
        KEY, "http://127.0.0.1:9999/v0.4", httpx_args=stub.httpx_args()
    ) as authenticated:
        get_backend.sync_detailed(BackendName.SIMULATOR, client=authenticated)
    assert str(stub.request.url) == "http://127.0.0.1:9999/v0.4/backends/simulator"


def test_other_options_reach_the_generated_client() -> None:
    stub = Stub(status=418, json=SEED)
    client = ionq_client.public_client(
        headers={"User-Agent": "contract-tests"},
        raise_on_unexpected_status=True,
        httpx_args=stub.httpx_args(),
    )
    with pytest.raises(errors.UnexpectedStatus):
        get_backend.sync(BackendName.SIMULATOR, client=client)
    assert stub.request.headers["User-Agent"] == "contract-tests"


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_api_key_is_refused_at_once(blank: str) -> None:
    with pytest.raises(ValueError, match="api_key is empty"):
        ionq_client.authenticated_client(blank)


def test_repr_never_shows_the_api_key() -> None:
    stub = Stub(json=SEED)
    client = ionq_client.authenticated_client(KEY, httpx_args=stub.httpx_args())
    assert KEY not in repr(client)
    # A request puts the key into the client's headers; the repr must still hide it.
    get_backend.sync_detailed(BackendName.SIMULATOR, client=client)
    assert stub.request.headers["Authorization"] == f"apiKey {KEY}"
    assert KEY not in repr(client)
    assert KEY not in str(client)
    assert KEY not in repr(client.with_headers({"X-Trace": "1"}))
    assert KEY not in repr(client.with_timeout(httpx.Timeout(1.0)))
    assert "https://api.ionq.co/v0.4" in repr(client)
