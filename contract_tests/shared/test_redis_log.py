"""RedisLog (mock_server/shared/redis.py) against a real redis-server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence

import pytest
import redis

from mock_server.shared import log
from mock_server.shared import redis as redis_log
from mock_server.shared.log import Changes, Entry, SharedLog
from mock_server.shared.redis import RedisLog


@pytest.fixture
def store(redis_url: str) -> Iterator[RedisLog]:
    opened = RedisLog(redis_url)
    yield opened
    opened.close()


def as_dict(entries: Sequence[Entry]) -> dict[tuple[str, str], bytes | None]:
    """Entries by (part, key); a key twice would be a bug, so it fails here."""
    found = {(entry.part, entry.key): entry.value for entry in entries}
    assert len(found) == len(entries), entries
    return found


def write(store: RedisLog, *entries: Entry) -> int:
    with store.lock():
        return store.write(entries)


def test_it_is_a_shared_log(store: RedisLog) -> None:
    shared: SharedLog = store
    assert shared.url == store.url


def test_an_empty_log_is_at_revision_zero(store: RedisLog) -> None:
    assert store.revision() == 0
    assert store.changes(0) == Changes(revision=0, entries=[], whole=False)


def test_each_write_is_one_more_revision(store: RedisLog) -> None:
    revisions = [write(store, Entry("jobs", f"job-{n}", b"x")) for n in range(5)]
    revisions.append(write(store))
    assert revisions == [1, 2, 3, 4, 5, 6]
    assert store.revision() == 6


def test_changes_are_what_was_written_after_since(store: RedisLog) -> None:
    write(store, Entry("jobs", "a", b"a1"), Entry("jobs", "b", b"b1"))
    write(store, Entry("jobs", "a", b"a2"))
    write(store, Entry("jobs", "b", None), Entry("sessions", "s", b"s1"))
    write(store, Entry("settings", "", b"whole store"))

    assert store.changes(0).revision == 4
    assert as_dict(store.changes(0).entries) == {
        ("jobs", "a"): b"a2",
        ("jobs", "b"): None,
        ("sessions", "s"): b"s1",
        ("settings", ""): b"whole store",
    }
    assert as_dict(store.changes(1).entries) == {
        ("jobs", "a"): b"a2",
        ("jobs", "b"): None,
        ("sessions", "s"): b"s1",
        ("settings", ""): b"whole store",
    }
    assert as_dict(store.changes(2).entries) == {
        ("jobs", "b"): None,
        ("sessions", "s"): b"s1",
        ("settings", ""): b"whole store",
    }
    assert as_dict(store.changes(3).entries) == {("settings", ""): b"whole store"}
    assert store.changes(4) == Changes(revision=4, entries=[], whole=False)


def test_an_entry_written_again_after_its_deletion_is_live(store: RedisLog) -> None:
    write(store, Entry("jobs", "a", b"1"))
    write(store, Entry("jobs", "a", None))
    write(store, Entry("jobs", "a", b"2"))
    assert as_dict(store.changes(0).entries) == {("jobs", "a"): b"2"}
    assert as_dict(store.changes(1).entries) == {("jobs", "a"): b"2"}


def test_values_and_keys_come_back_as_written(store: RedisLog) -> None:
    odd = bytes(range(256)) + b"\x00\r\n"
    write(
        store,
        Entry("jobs", "ключ \x1f with a separator", odd),
        Entry("jobs", "empty", b""),
        Entry("blobs", "big", b"x" * 1_000_000),
    )
    assert as_dict(store.changes(0).entries) == {
        ("jobs", "ключ \x1f with a separator"): odd,
        ("jobs", "empty"): b"",
        ("blobs", "big"): b"x" * 1_000_000,
    }


def test_a_part_with_the_separator_is_refused(store: RedisLog) -> None:
    with store.lock(), pytest.raises(ValueError, match="part"):
        store.write([Entry("jo\x1fbs", "a", b"1")])
    assert store.revision() == 0


def test_two_instances_see_each_others_writes(redis_url: str) -> None:
    first, second = RedisLog(redis_url), RedisLog(redis_url)
    try:
        write(first, Entry("jobs", "a", b"from first"))
        assert second.revision() == 1
        assert as_dict(second.changes(0).entries) == {("jobs", "a"): b"from first"}
        write(second, Entry("jobs", "a", None), Entry("jobs", "b", b"from second"))
        changes = first.changes(1)
        assert changes.revision == 2
        assert as_dict(changes.entries) == {("jobs", "a"): None, ("jobs", "b"): b"from second"}
    finally:
        first.close()
        second.close()


def test_prefixes_keep_logs_apart(redis_url: str) -> None:
    one, other = RedisLog(redis_url, prefix="one"), RedisLog(redis_url, prefix="other")
    try:
        write(one, Entry("jobs", "a", b"1"))
        assert other.revision() == 0
        assert other.changes(0).entries == []
    finally:
        one.close()
        other.close()


def increment(store: RedisLog, times: int) -> None:
    """Read the counter, add one, write it: lost updates unless the lock excludes."""
    for _ in range(times):
        with store.lock():
            changes = store.changes(0)
            current = as_dict(changes.entries).get(("counters", "n")) or b"0"
            store.write([Entry("counters", "n", str(int(current) + 1).encode())])


@pytest.mark.parametrize("instances", ["one instance", "one each"])
def test_the_lock_excludes_other_writers(redis_url: str, instances: str) -> None:
    stores = [RedisLog(redis_url) for _ in range(1 if instances == "one instance" else 2)]
    threads = [
        threading.Thread(target=increment, args=(stores[n % len(stores)], 200)) for n in range(2)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads)
        assert as_dict(stores[0].changes(0).entries) == {("counters", "n"): b"400"}
        assert stores[0].revision() == 400
    finally:
        for opened in stores:
            opened.close()


def test_a_writer_that_waits_too_long_gets_an_error(
    redis_url: str, store: RedisLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(redis_log, "LOCK_WAIT_S", 0.2)
    other = RedisLog(redis_url)
    try:
        with store.lock():
            started = time.monotonic()
            with pytest.raises(TimeoutError, match="lock"), other.lock():
                pytest.fail("the lock was held by another")
            assert time.monotonic() - started >= 0.15  # redis-py stops a sleep early
        with other.lock():
            pass
    finally:
        other.close()


def test_a_lock_that_expired_while_held_is_an_error(
    store: RedisLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(redis_log, "LOCK_EXPIRY_S", 0.1)
    with pytest.raises(RuntimeError, match="expired"), store.lock():
        time.sleep(0.3)


def test_a_reader_behind_the_horizon_reads_the_whole_state(
    store: RedisLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log, "TOMBSTONES_KEPT", 3)
    write(store, Entry("jobs", "a", b"1"), Entry("jobs", "b", b"1"), Entry("jobs", "c", b"1"))
    write(store, Entry("jobs", "a", None))  # revision 2
    write(store, Entry("jobs", "b", b"3"))
    write(store, Entry("jobs", "d", b"4"))
    # Revision 4 keeps the tombstones of revisions 2 to 4: nothing dropped yet.
    assert store.changes(0).whole is False
    assert as_dict(store.changes(0).entries)[("jobs", "a")] is None

    write(store, Entry("jobs", "c", None))  # revision 5: the tombstone of 2 goes
    behind = store.changes(1)
    assert behind.whole is True
    assert behind.revision == 5
    assert as_dict(behind.entries) == {("jobs", "b"): b"3", ("jobs", "d"): b"4"}

    # At the horizon a reader has seen every tombstone dropped: changes only.
    at_horizon = store.changes(2)
    assert at_horizon.whole is False
    assert as_dict(at_horizon.entries) == {
        ("jobs", "b"): b"3",
        ("jobs", "d"): b"4",
        ("jobs", "c"): None,
    }


def test_the_horizon_moves_only_past_dropped_tombstones(
    store: RedisLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log, "TOMBSTONES_KEPT", 2)
    for n in range(10):
        write(store, Entry("jobs", f"job-{n}", b"v"))
    # No deletion ever: nothing to drop, so even revision 0 reads changes.
    assert store.changes(0).whole is False
    write(store, Entry("jobs", "job-0", None))  # revision 11
    for n in range(3):
        write(store, Entry("jobs", f"job-{n + 1}", b"w"))  # up to 14: 11 is dropped
    assert store.changes(10).whole is True
    assert store.changes(11).whole is False
    assert len(store.changes(10).entries) == 9


def test_a_reader_ahead_of_an_emptied_log_reads_the_whole_state(
    redis_url: str, store: RedisLog
) -> None:
    write(store, Entry("jobs", "a", b"1"))
    write(store, Entry("jobs", "b", b"1"))
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    client.close()
    write(store, Entry("jobs", "c", b"1"))
    assert store.changes(2) == Changes(revision=1, entries=[Entry("jobs", "c", b"1")], whole=True)


def test_the_url_hides_a_password() -> None:
    opened = RedisLog("redis://user:secret@127.0.0.1:1/0")
    assert opened.url == "redis://user:***@127.0.0.1:1/0"
    opened.close()
    assert RedisLog("redis://127.0.0.1:1/2").url == "redis://127.0.0.1:1/2"
