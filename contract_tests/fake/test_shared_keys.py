"""API keys in a shared store: none is kept there, and one key's jobs stay its own.

A job and a session belong to the id of the key that made them (a digest:
mock_server/api/keys.py), never the key, so that whoever reads the SQLite file
or the Redis learns no key. The scan below reads every byte each store holds;
it finds the key's id (so it does read the data) and never the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import redis
from werkzeug.test import TestResponse

from contract_tests.fake.support import BELL_CIRCUIT, circuit_job
from mock_server.api import state
from mock_server.api.keys import key_id
from mock_server.app import create_app

KEY = "Kq7-secret-" + "z" * 24
OTHER = "Kq7-other-" + "y" * 24
BELL = circuit_job(BELL_CIRCUIT, qubits=2, shots=100)


def header(key: str) -> dict[str, str]:
    return {"Authorization": f"apiKey {key}"}


def body(response: TestResponse) -> Any:
    return response.get_json()


def sqlite_bytes(directory: Path) -> bytes:
    # The database and its write-ahead log: a change may still be in the latter.
    return b"".join(path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file())


def redis_bytes(url: str) -> bytes:
    client: Any = redis.Redis.from_url(url)  # redis-py types replies loosely
    try:
        blob: list[bytes] = []
        for name in client.keys("*"):
            kind = client.type(name)
            if kind == b"hash":
                blob.extend(b"".join(pair) for pair in client.hgetall(name).items())
            elif kind == b"zset":
                blob.extend(client.zrange(name, 0, -1))
            elif kind == b"string":
                blob.append(client.get(name) or b"")
            elif kind == b"stream":
                blob.extend(
                    b"".join(k + v for k, v in fields.items())
                    for _id, fields in client.xrange(name)
                )
            else:
                raise AssertionError(f"a key of a type this scan does not read: {kind!r}")
        return b"".join(blob)
    finally:
        client.close()


@pytest.fixture(params=["sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Any]:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}", lambda: sqlite_bytes(tmp_path)
    url: str = request.getfixturevalue("redis_url")
    return url, lambda: redis_bytes(url)


def test_no_key_is_kept_and_keys_stay_apart(store: tuple[str, Any]) -> None:
    url, read_store = store
    apps = [create_app({"STORE": url}) for _ in range(2)]
    first, second = (app.test_client() for app in apps)

    created = first.post("/v0.4/jobs", json=BELL, headers=header(KEY))
    assert created.status_code == 201
    job = body(created)["id"]
    session = first.post("/v0.4/sessions", json={"backend": "qpu.aria-1"}, headers=header(KEY))
    assert session.status_code == 201
    assert body(second.get(f"/v0.4/jobs/{job}", headers=header(KEY)))["status"] == "completed"

    # Another process, another key: nothing of the first key's is there.
    assert second.get(f"/v0.4/jobs/{job}", headers=header(OTHER)).status_code == 404
    assert body(second.get("/v0.4/jobs", headers=header(OTHER)))["jobs"] == []
    assert body(second.get("/v0.4/sessions", headers=header(OTHER)))["sessions"] == []
    assert second.put(f"/v0.4/jobs/{job}/status/cancel", headers=header(OTHER)).status_code == 404

    held = read_store()
    assert key_id(f"apiKey {KEY}").encode() in held  # the scan reads what the jobs hold
    assert KEY.encode() not in held
    assert KEY[4:].encode() not in held  # nor any tell-tale part of it
    for app in apps:  # their followers stop: nothing of theirs outlives the test
        app.extensions[state.EXTENSION].clock.replica.close()
