"""Over a socket: a slow, unfinished or oversized body, and requests granian refuses itself.

A body that does not arrive in time is answered 408 with IonQ's error body
and its connection closed, and holds nobody else up meanwhile; a chunked
body over 10 MB is 413, one cut before its last chunk 400 (never a job).
What granian refuses before the fake sees a request has no body at all
(docs/fake.md, "Slow clients and broken requests"): the table below is that
documentation's, checked.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from contract_tests.fake.live import LiveFake, running_fake
from mock_server.wire.errors import PAYLOAD_TOO_LARGE_MESSAGE

BODY_TIMEOUT_S = 3
# How long a test waits for an answer that must come: the time limit, and a
# wide margin for a crowded machine. Not a measure of speed.
WAIT_S = BODY_TIMEOUT_S + 20
KEY = "apiKey slow-clients"
JOB = json.dumps(
    {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": 1, "circuit": [{"gate": "h", "target": 0}]},
    }
).encode()


@pytest.fixture(scope="module")
def fake() -> Iterator[LiveFake]:
    """One thread for the app: anything that held it would hold everyone."""
    with running_fake(["--threads", "1", "--body-timeout", str(BODY_TIMEOUT_S)]) as live:
        yield live


@pytest.fixture(autouse=True)
def _reset(fake: LiveFake) -> None:
    httpx.post(f"{fake.origin}/__admin/reset", timeout=WAIT_S).raise_for_status()


@dataclass
class Answer:
    """One raw HTTP answer, read until the server closed the connection."""

    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool  # the server closed the connection after it

    def json(self) -> Any:
        return json.loads(self.body)


def _connect(fake: LiveFake, head: bytes, body: bytes = b"") -> socket.socket:
    port = int(fake.origin.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT_S)
    sock.sendall(head + body)
    return sock


def _head(method: str, path: str, *headers: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: fake", f"Authorization: {KEY}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _read(sock: socket.socket, timeout_s: float = WAIT_S) -> Answer:
    """Everything the server sends until it closes (or the timeout, then closed=False)."""
    sock.settimeout(timeout_s)
    data = b""
    closed = False
    try:
        while chunk := sock.recv(65536):
            data += chunk
        closed = True
    except TimeoutError:
        pass
    except ConnectionResetError:  # closed with part of the request unread
        closed = True
    finally:
        sock.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    status = int(status_line.split(" ")[1]) if status_line else 0
    return Answer(status, headers, body, closed)


def _unanswered(sock: socket.socket) -> bool:
    """True while the server has sent nothing on this connection and kept it open."""
    sock.setblocking(False)
    try:
        sock.recv(1)
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)
    return False


def _slow_content_length(fake: LiveFake) -> socket.socket:
    head = _head("POST", "/v0.4/jobs", "Content-Type: application/json", "Content-Length: 1000")
    return _connect(fake, head, JOB[:10])


def _slow_chunked(fake: LiveFake) -> socket.socket:
    head = _head(
        "POST", "/v0.4/jobs", "Content-Type: application/json", "Transfer-Encoding: chunked"
    )
    return _connect(fake, head, b"%x\r\n%s\r\n" % (10, JOB[:10]))


def _assert_timed_out(answer: Answer) -> None:
    assert answer.status == 408, answer
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["connection"] == "close"
    assert answer.json() == {
        "statusCode": 408,
        "error": "Request Timeout",
        "message": f"The request body did not arrive within {BODY_TIMEOUT_S} s.",
    }
    assert answer.closed


def _jobs(fake: LiveFake) -> list[Any]:
    response = httpx.get(f"{fake.base_url}/jobs", headers={"Authorization": KEY}, timeout=WAIT_S)
    assert response.status_code == 200
    jobs: list[Any] = response.json()["jobs"]
    return jobs


def test_slow_bodies_hold_up_nobody_while_they_are_open(fake: LiveFake) -> None:
    slow = [opener(fake) for opener in (_slow_content_length, _slow_chunked) * 2]
    time.sleep(0.2)  # the four requests have reached the server and wait for their bodies
    with httpx.Client(base_url=fake.base_url, timeout=WAIT_S) as client:
        reads = [client.get("/backends/qpu.aria-1").status_code for _ in range(20)]
        job = client.post("/jobs", content=JOB, headers={"Authorization": KEY})
    assert reads == [200] * 20
    assert job.status_code == 201
    # All of that was answered while the four slow bodies were still pending.
    assert all(_unanswered(sock) for sock in slow)
    for sock in slow:
        _assert_timed_out(_read(sock))


def test_a_slow_content_length_body_gets_408_and_a_closed_connection(fake: LiveFake) -> None:
    _assert_timed_out(_read(_slow_content_length(fake)))
    assert _jobs(fake) == []
    logged = httpx.get(f"{fake.origin}/__admin/requests", timeout=WAIT_S).json()
    # The request log has it, as it has every request.
    assert ("POST", "/v0.4/jobs", 408) in [
        (entry["method"], entry["path"], entry["status"]) for entry in logged
    ]


def test_the_environment_sets_the_time_limit() -> None:
    with running_fake(["--threads", "1"], env={"IONQ_MOCK_BODY_TIMEOUT": "1"}) as live:
        answer = _read(_slow_content_length(live))
    assert answer.status == 408
    assert answer.json()["message"] == "The request body did not arrive within 1 s."


def test_an_unfinished_chunked_body_gets_408_and_a_closed_connection(fake: LiveFake) -> None:
    _assert_timed_out(_read(_slow_chunked(fake)))
    assert _jobs(fake) == []


def test_a_chunked_body_over_the_limit_is_413(fake: LiveFake) -> None:
    head = _head(
        "POST", "/v0.4/jobs", "Content-Type: application/json", "Transfer-Encoding: chunked"
    )
    sock = _connect(fake, head)
    piece = b" " * 2**20
    try:
        for _ in range(11):  # 11 MiB, over the 10 MB limit
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        sock.sendall(b"0\r\n\r\n")
    except OSError:  # the server may answer and close before it has all of it
        pass
    answer = _read(sock)
    assert answer.status == 413
    assert answer.json() == {
        "statusCode": 413,
        "error": "Payload Too Large",
        "message": PAYLOAD_TOO_LARGE_MESSAGE,
    }
    assert answer.closed


def test_a_chunked_body_cut_before_its_last_chunk_is_400_and_no_job(fake: LiveFake) -> None:
    head = _head(
        "POST", "/v0.4/jobs", "Content-Type: application/json", "Transfer-Encoding: chunked"
    )
    sock = _connect(fake, head, b"%x\r\n%s\r\n" % (len(JOB), JOB))  # the whole JSON, no last chunk
    sock.shutdown(socket.SHUT_WR)
    answer = _read(sock)
    assert answer.status == 400
    assert answer.json() == {
        "statusCode": 400,
        "error": "Bad Request",
        "message": "The request body ended before its last chunk.",
    }
    assert answer.closed
    assert _jobs(fake) == []


def test_a_content_length_body_cut_short_is_400(fake: LiveFake) -> None:
    head = _head("POST", "/v0.4/jobs", "Content-Type: application/json", "Content-Length: 1000")
    sock = _connect(fake, head, JOB)
    sock.shutdown(socket.SHUT_WR)
    answer = _read(sock)
    assert answer.status == 400
    assert answer.json()["message"] == (
        "The request body ended before its Content-Length (1000 bytes)."
    )
    assert _jobs(fake) == []


def test_a_whole_chunked_job_is_taken(fake: LiveFake) -> None:
    head = _head(
        "POST",
        "/v0.4/jobs",
        "Content-Type: application/json",
        "Transfer-Encoding: chunked",
        "Connection: close",
    )
    half = len(JOB) // 2
    body = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (JOB[:half], JOB[half:]))
    answer = _read(_connect(fake, head, body + b"0\r\n\r\n"))
    assert answer.status == 201
    assert [job["id"] for job in _jobs(fake)] == [answer.json()["id"]]


# What granian answers itself, before the fake sees the request: the status,
# `content-length: 0`, no body, and the connection closed (docs/fake.md).
_PATH = b"/v0.4/backends"
REFUSED_BY_GRANIAN = {
    "a request line that is not one": (b"HELLO\r\n\r\n", 400),
    "no HTTP version": (b"GET " + _PATH + b"\r\n\r\n", 400),
    "an unknown HTTP version": (b"GET " + _PATH + b" HTTP/9.9\r\nHost: a\r\n\r\n", 400),
    "a method with a bad character": (b"G(T " + _PATH + b" HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    "a space in the path": (b"GET /v0.4/back ends HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    "a raw byte in the path": (b"GET /v0.4/backends/\xff HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    "a control character in the path": (b"GET /v0.4/\x01 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    "a raw byte in the query": (b"GET " + _PATH + b"?a=\xff HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    "a URI over 64 KiB": (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414),
    "a header line without a colon": (b"GET " + _PATH + b" HTTP/1.1\r\nHost: a\r\nX\r\n\r\n", 400),
    "a header name with a space": (b"GET " + _PATH + b" HTTP/1.1\r\nX Y: z\r\n\r\n", 400),
    "a folded header line": (b"GET " + _PATH + b" HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n", 400),
    "over 100 headers": (
        b"GET "
        + _PATH
        + b" HTTP/1.1\r\n"
        + b"".join(b"X-%d: y\r\n" % i for i in range(101))
        + b"\r\n",
        431,
    ),
    "headers over 1 MB": (b"GET " + _PATH + b" HTTP/1.1\r\nX: " + b"a" * 2**20 + b"\r\n\r\n", 431),
    "a Content-Length that is no number": (
        b"POST /v0.4/jobs HTTP/1.1\r\nHost: a\r\nContent-Length: ten\r\n\r\n",
        400,
    ),
    "two different Content-Lengths": (
        b"POST /v0.4/jobs HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        400,
    ),
    "a Transfer-Encoding other than chunked": (
        b"POST /v0.4/jobs HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nab",
        400,
    ),
}


@pytest.mark.parametrize(
    ("raw", "status"), REFUSED_BY_GRANIAN.values(), ids=list(REFUSED_BY_GRANIAN)
)
def test_what_granian_refuses_itself_has_no_body(fake: LiveFake, raw: bytes, status: int) -> None:
    sock = _connect(fake, b"")
    with contextlib.suppress(OSError):  # granian may refuse and close before it is all sent
        sock.sendall(raw)
    answer = _read(sock)
    assert (answer.status, answer.headers["content-length"], answer.body) == (status, "0", b"")
    assert answer.closed
