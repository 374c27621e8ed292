"""What the client sends is what openapi.yaml describes.

Method and path template come from the spec, the names from its BackendName
enum, the base URLs from its `servers`, and the credentials header from its
security scheme, so a change on either side that breaks the agreement fails
here.
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlsplit

import httpx
import pytest
from ionq_client import AuthenticatedClient, Client, authenticated_client, public_client
from ionq_client.api.backends import get_backend
from ionq_client.models import BackendName

from contract_tests.client.contract import (
    GET_BACKEND,
    auth_header_name,
    base_path,
    enum,
    media_types,
    operation,
    response_examples,
    server_urls,
)
from contract_tests.client.stub import Stub

KEY = "test-key-123"
METHOD, TEMPLATE, _ = operation(GET_BACKEND)
NAMES = enum("BackendName")
SEED = response_examples(GET_BACKEND, 200)["seed"]
# RFC 3986 unreserved characters go into a path segment as they are.
UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")


def send(client: Client | AuthenticatedClient, name: str, mode: str) -> None:
    backend = BackendName(name)
    if mode == "sync":
        get_backend.sync_detailed(backend, client=client)
    else:
        asyncio.run(get_backend.asyncio_detailed(backend, client=client))


def expected_path(server: str, name: str) -> bytes:
    assert UNRESERVED.fullmatch(name), f"{name!r} would need percent-encoding"
    return (base_path(server) + TEMPLATE.replace("{backend}", name)).encode("ascii")


def accepts(accept: str, media_type: str) -> bool:
    """Whether an Accept header admits `media_type` (RFC 9110 media ranges, q ignored)."""
    kind = media_type.split("/", 1)[0]
    ranges = {item.split(";", 1)[0].strip().lower() for item in accept.split(",")}
    return bool(ranges & {"*/*", f"{kind}/*", media_type})


def assert_matches_the_spec(request: httpx.Request, server: str, name: str) -> None:
    assert request.method == METHOD.upper()
    assert (request.url.scheme, request.url.host, request.url.port) == (
        urlsplit(server).scheme,
        urlsplit(server).hostname,
        urlsplit(server).port,
    )
    assert request.url.raw_path == expected_path(server, name)
    assert request.content == b""
    assert "content-length" not in request.headers
    assert "transfer-encoding" not in request.headers
    for media_type in media_types(GET_BACKEND):
        assert accepts(request.headers.get("accept", "*/*"), media_type)


def test_the_spec_gives_what_these_tests_need() -> None:
    assert METHOD == "get"
    assert "{backend}" in TEMPLATE
    assert len(NAMES) >= 7
    assert media_types(GET_BACKEND) == {"application/json"}


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("server", server_urls())
@pytest.mark.parametrize("name", NAMES)
def test_public_requests_carry_no_credentials(name: str, server: str, mode: str) -> None:
    stub = Stub(json=SEED)
    send(public_client(server, httpx_args=stub.httpx_args()), name, mode)
    assert_matches_the_spec(stub.request, server, name)
    assert auth_header_name() not in stub.request.headers


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("server", server_urls())
@pytest.mark.parametrize("name", NAMES)
def test_authenticated_requests_send_the_api_key(name: str, server: str, mode: str) -> None:
    stub = Stub(json=SEED)
    send(authenticated_client(KEY, server, httpx_args=stub.httpx_args()), name, mode)
    assert_matches_the_spec(stub.request, server, name)
    assert stub.request.headers.get_list(auth_header_name()) == [f"apiKey {KEY}"]


@pytest.mark.parametrize(
    ("name", "segment"),
    [
        ("qpu.tempo-1", b"qpu.tempo-1"),
        ("qpu/../../whoami", b"qpu%2F..%2F..%2Fwhoami"),
        ("a b?c#d%e", b"a%20b%3Fc%23d%25e"),
        ("qpu.ä", b"qpu.%C3%A4"),
    ],
)
def test_any_name_stays_one_path_segment(name: str, segment: bytes) -> None:
    stub = Stub(json=SEED)
    send(public_client(httpx_args=stub.httpx_args()), name, "sync")
    assert stub.request.url.raw_path == b"/v0.4/backends/" + segment
