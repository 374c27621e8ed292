"""WorkQueue (mock_server/shared/queue.py) against a real redis-server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import redis

from mock_server.shared import queue
from mock_server.shared.queue import WorkQueue

# Small stand-ins for STALE_S and the heartbeat, so the tests take a second.
IDLE_S = 0.3


@pytest.fixture
def work(redis_url: str) -> Iterator[WorkQueue]:
    opened = WorkQueue(redis_url)
    yield opened
    opened.close()


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    """A plain client, to look at the stream itself."""
    opened = redis.Redis.from_url(redis_url)
    yield opened
    opened.close()


def test_the_heartbeat_fits_many_times_in_the_stale_time() -> None:
    assert queue.STALE_S == 10.0
    assert queue.STALE_S >= 5 * queue.HEARTBEAT_S


def test_messages_are_taken_in_order_once_and_acked(work: WorkQueue, client: redis.Redis) -> None:
    first = work.put(b"first")
    second = work.put(b"\x00second")
    assert work.take("worker-a", block_s=0) == (first, b"first")
    assert work.take("worker-b", block_s=0) == (second, b"\x00second")
    assert work.take("worker-a", block_s=0) is None

    work.ack(first)
    work.ack(second)
    assert client.xlen("ionq-mock:simulations") == 0
    assert client.xpending("ionq-mock:simulations", "simulators")["pending"] == 0


def test_take_waits_for_a_message(redis_url: str, work: WorkQueue) -> None:
    started = time.monotonic()
    assert work.take("worker-a", block_s=0.2) is None
    assert time.monotonic() - started >= 0.15

    producer = WorkQueue(redis_url)
    timer = threading.Timer(0.2, producer.put, args=(b"late",))
    timer.start()
    try:
        taken = work.take("worker-a", block_s=5)
    finally:
        timer.join()
        producer.close()
    assert taken is not None
    assert taken[1] == b"late"


def test_queues_under_other_names_are_apart(redis_url: str, work: WorkQueue) -> None:
    other = WorkQueue(redis_url, prefix="other")
    try:
        work.put(b"mine")
        assert other.take("worker-a", block_s=0) is None
        assert work.take("worker-a", block_s=0) is not None
    finally:
        other.close()


def test_a_message_left_idle_is_stale_and_goes_to_another_worker(work: WorkQueue) -> None:
    message = work.put(b"task")
    assert work.take("worker-a", block_s=0) == (message, b"task")
    assert work.stale("worker-b", idle_s=IDLE_S) == []

    time.sleep(IDLE_S + 0.1)
    assert work.stale("worker-b", idle_s=IDLE_S) == [(message, b"task", 2)]
    # Now worker-b's, and freshly so.
    assert work.stale("worker-c", idle_s=IDLE_S) == []

    time.sleep(IDLE_S + 0.1)
    assert work.stale("worker-c", idle_s=IDLE_S) == [(message, b"task", 3)]
    work.ack(message)
    time.sleep(IDLE_S + 0.1)
    assert work.stale("worker-d", idle_s=IDLE_S) == []


def test_touch_keeps_a_message_from_going_stale(work: WorkQueue) -> None:
    message = work.put(b"long run")
    assert work.take("worker-a", block_s=0) is not None
    for _ in range(4):
        time.sleep(IDLE_S / 3)
        assert work.touch("worker-a", message) is True
    assert work.stale("worker-b", idle_s=IDLE_S) == []


def test_a_worker_cannot_touch_what_it_no_longer_holds(work: WorkQueue) -> None:
    message = work.put(b"task")
    assert work.take("worker-a", block_s=0) is not None
    assert work.touch("worker-b", message) is False

    time.sleep(IDLE_S + 0.1)
    assert [claimed[0] for claimed in work.stale("worker-b", idle_s=IDLE_S)] == [message]
    # worker-a, presumed dead, comes back: the task stays worker-b's.
    assert work.touch("worker-a", message) is False
    assert work.touch("worker-b", message) is True

    work.ack(message)
    assert work.touch("worker-b", message) is False


def test_many_stale_messages_are_all_taken_over(work: WorkQueue) -> None:
    messages = [work.put(str(n).encode()) for n in range(250)]
    while work.take("worker-a", block_s=0) is not None:
        pass
    time.sleep(IDLE_S + 0.1)
    stale = work.stale("worker-b", idle_s=IDLE_S)
    assert [(message_id, payload) for message_id, payload, _ in stale] == [
        (message, str(n).encode()) for n, message in enumerate(messages)
    ]
    assert {count for _, _, count in stale} == {2}


def test_a_message_deleted_while_pending_is_not_stale(work: WorkQueue, client: redis.Redis) -> None:
    kept, deleted = work.put(b"kept"), work.put(b"deleted")
    work.take("worker-a", block_s=0)
    work.take("worker-a", block_s=0)
    client.xdel("ionq-mock:simulations", deleted)
    time.sleep(IDLE_S + 0.1)
    assert work.stale("worker-b", idle_s=IDLE_S) == [(kept, b"kept", 2)]


def test_the_group_comes_back_after_the_stream_is_gone(
    work: WorkQueue, client: redis.Redis
) -> None:
    before = work.put(b"before")
    assert work.take("worker-a", block_s=0) is not None
    client.flushall()
    assert work.touch("worker-a", before) is False
    assert work.take("worker-a", block_s=0) is None
    assert work.stale("worker-a", idle_s=0) == []
    message = work.put(b"after")
    assert work.take("worker-a", block_s=0) == (message, b"after")
