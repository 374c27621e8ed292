"""Client code against injected faults, in process and over a real socket.

What a user of the plugin writes: a retry loop against "fail twice, then
succeed", a 429 honoured through Retry-After, a timeout against a slow
answer, a dropped connection, each with the generated client and with plain
httpx. The `fake` fixture runs every test in both modes of the plugin.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

import httpx
import pytest
from ionq_client.api.backends import get_backend
from ionq_client.models import Backend, BackendName, Error

from contract_tests.fake.support import fixture_record
from mock_server.harness import FakeIonQ
from mock_server.harness.fake import AdminError

RETRIED = {429, 500, 502, 503}
PATH = "/backends/qpu.aria-1"


class Answer(Protocol):
    """What both an httpx.Response and a generated Response have."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Any: ...


@pytest.fixture(params=["wsgi", "socket"])
def fake(request: pytest.FixtureRequest) -> FakeIonQ:
    """The plugin's fake in process (`fake_ionq`) and over a socket (`fake_ionq_socket`)."""
    name = "fake_ionq" if request.param == "wsgi" else "fake_ionq_socket"
    handle: FakeIonQ = request.getfixturevalue(name)
    return handle


def with_retries(call: Callable[[], Answer], attempts: int, sleep: Callable[[float], None]) -> Any:
    """A typical retry loop: retry what SDKs retry, waiting what Retry-After says."""
    for attempt in range(1, attempts + 1):
        answer = call()
        if answer.status_code not in RETRIED or attempt == attempts:
            return answer
        sleep(float(answer.headers.get("Retry-After", "0")))
    raise AssertionError("unreachable")


def generated_call(fake: FakeIonQ, **options: Any) -> Callable[[], Any]:
    client = fake.new_client(**options)
    return lambda: get_backend.sync_detailed(BackendName.QPU_ARIA_1, client=client)


def httpx_call(fake: FakeIonQ, **options: Any) -> Callable[[], httpx.Response]:
    http = fake.http(**options)
    return lambda: http.get(PATH)


CALLS = {"generated": generated_call, "httpx": httpx_call}


@pytest.mark.parametrize("kind", CALLS)
def test_a_retry_loop_gets_through_fail_twice_then_succeed(fake: FakeIonQ, kind: str) -> None:
    fake.add_fault("getBackend", sequence=[503, 502])
    waits: list[float] = []
    answer = with_retries(CALLS[kind](fake), attempts=3, sleep=waits.append)
    assert answer.status_code == 200
    if kind == "generated":
        assert answer.parsed == Backend.from_dict(fixture_record("qpu.aria-1"))
    else:
        assert answer.json() == fixture_record("qpu.aria-1")
    assert waits == [0.0, 0.0]
    log = fake.requests()
    assert [(entry["path"], entry["status"]) for entry in log] == [
        ("/v0.4" + PATH, s) for s in (503, 502, 200)
    ]


@pytest.mark.parametrize("kind", CALLS)
def test_a_retry_loop_gives_up_when_the_failures_outlast_it(fake: FakeIonQ, kind: str) -> None:
    fake.add_fault("getBackend", sequence=[500, 500, 500])
    answer = with_retries(CALLS[kind](fake), attempts=2, sleep=lambda _: None)
    assert answer.status_code == 500
    if kind == "generated":
        assert isinstance(answer.parsed, Error)
    assert len(fake.requests()) == 2


@pytest.mark.parametrize("kind", CALLS)
def test_a_429_is_honoured_through_retry_after(fake: FakeIonQ, kind: str) -> None:
    fake.set_rate_limit(rate=1, burst=1)  # the next token in under 1 s: Retry-After 1
    call = CALLS[kind](fake, headers={"Authorization": f"apiKey {kind}-key"})
    assert call().status_code == 200
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    answer = with_retries(call, attempts=2, sleep=wait)
    assert answer.status_code == 200
    assert waits == [1.0]
    assert [entry["status"] for entry in fake.requests()] == [200, 429, 200]
    assert fake.requests()[1]["authorization"] == "apiKey <redacted>"


@pytest.mark.parametrize("kind", CALLS)
def test_a_timeout_fires_against_an_injected_delay(fake: FakeIonQ, kind: str) -> None:
    fake.add_fault("getBackend", delay_ms=600, times=1)
    call = CALLS[kind](fake, timeout=0.1)
    with pytest.raises(httpx.ReadTimeout):
        call()
    # The fake answers again once the delay is over; the rule has expired.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            assert call().status_code == 200
            break
        except httpx.ReadTimeout:
            continue


@pytest.mark.parametrize("kind", CALLS)
def test_a_prefer_delay_within_the_timeout_is_answered(fake: FakeIonQ, kind: str) -> None:
    call = CALLS[kind](fake, timeout=5, headers={"Prefer": "delay=50"})
    assert call().status_code == 200
    assert fake.requests()[0]["scenario"] == "Prefer: delay=50"


@pytest.mark.parametrize("kind", CALLS)
def test_a_dropped_connection_is_a_transport_error(fake: FakeIonQ, kind: str) -> None:
    fake.add_fault("getBackend", sequence=["drop"])
    call = CALLS[kind](fake)
    with pytest.raises(httpx.RemoteProtocolError):
        call()
    assert call().status_code == 200


def test_prefer_drop_is_a_transport_error(fake: FakeIonQ) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        fake.http(headers={"Prefer": "drop"}).get(PATH)


def test_the_default_client_and_backend_helpers(fake: FakeIonQ) -> None:
    fake.set_backend("qpu.aria-1", status="unavailable")
    backend = get_backend.sync(BackendName.QPU_ARIA_1, client=fake.client)
    assert isinstance(backend, Backend)
    assert backend.status.value == "unavailable"
    fake.remove_backend("qpu.aria-2")
    assert fake.http().get("/backends/qpu.aria-2").status_code == 404


def test_the_characterization_helpers(fake: FakeIonQ) -> None:
    original = fake.characterization("qpu.aria-1")
    assert original["id"] == fixture_record("qpu.aria-1")["characterization_id"]
    by_id = f"/backends/qpu.aria-1/characterizations/{original['id']}"
    assert fake.http().get(by_id).json() == original

    patched = fake.patch_characterization("qpu.aria-1", {"fidelity": {"2q": {"median": 0.95}}})
    assert patched["fidelity"]["2q"] == {**original["fidelity"]["2q"], "median": 0.95}
    assert fake.http().get(by_id).json() == patched == fake.characterization("qpu.aria-1")
    page = fake.http().get("/backends/qpu.aria-1/characterizations?limit=1").json()
    assert page["characterizations"] == [patched]

    replacement = {key: value for key, value in original.items() if key not in ("id", "backend")}
    replacement["timing"] = {**original["timing"], "readout": 0.0005}
    replaced = fake.set_characterization("qpu.aria-1", replacement)
    assert replaced == {**original, "timing": replacement["timing"]}
    assert fake.http().get(by_id).json() == replaced

    fake.reset()
    assert fake.characterization("qpu.aria-1") == original


def test_a_refused_characterization_raises_admin_error(fake: FakeIonQ) -> None:
    with pytest.raises(AdminError) as refused:
        fake.patch_characterization("qpu.aria-1", {"fidelity": {"2q": {"median": 1.5}}})
    assert refused.value.status_code == 400
    assert refused.value.body["validation"] == {"keys": ["fidelity"], "source": "payload"}
    with pytest.raises(AdminError) as missing:
        fake.characterization("simulator")
    assert missing.value.status_code == 404
    assert missing.value.body == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": "Backend simulator has no characterization.",
    }
