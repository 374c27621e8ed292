"""The work queue on Redis streams: simulations handed to `ionq-mock worker` processes.

A Redis stream with a consumer group is the whole protocol: `put` adds a
message (XADD); `take` gives one to a worker (XREADGROUP), after which it is
pending for that worker until `ack` (XACK, then XDEL: a done message is of no
further use). A message that is pending has an idle time, reset whenever its
owner claims it again, and that is the heartbeat: a worker running a task
calls `touch` every HEARTBEAT_S (an XCLAIM of its own message, which resets
the idle time and nothing else). A pending message idle longer than STALE_S
belonged to a worker that died, and `stale` hands it to a live one
(XAUTOCLAIM), with the number of times it was delivered, so that a task
that kills every worker that runs it can be given up on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import redis

T = TypeVar("T")

# How often a worker running a task touches its message.
HEARTBEAT_S = 1.0
# A message idle this long lost its worker: ten missed heartbeats, room
# enough for a busy machine's pauses.
STALE_S = 10.0

# The message's one field.
_PAYLOAD = b"payload"

# KEYS: stream. ARGV: group, consumer, message id. XCLAIM only if `consumer`
# still owns the message: one presumed dead, whose message another worker
# took over, must not take it back. Returns 1 if touched, else 0.
_TOUCH = """
local mine = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
if #mine == 0 then
  return 0
end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
return 1
"""


class WorkQueue:
    """Messages of bytes on the stream `{prefix}:{stream}`, read by the consumer group `group`."""

    def __init__(
        self,
        url: str,
        prefix: str = "ionq-mock",
        stream: str = "simulations",
        group: str = "simulators",
    ) -> None:
        # RESP2 whatever redis-py's default: the replies' shapes, parsed
        # below, are then the same from redis-py 5 to 8.
        self._redis = redis.Redis.from_url(url, protocol=2)
        self._stream = f"{prefix}:{stream}"
        self._group = group
        self._touch = self._redis.register_script(_TOUCH)

    def put(self, payload: bytes) -> str:
        """Add a message; its id."""
        message_id: bytes | str = self._redis.xadd(self._stream, {_PAYLOAD: payload})
        return message_id.decode() if isinstance(message_id, bytes) else message_id

    def take(self, consumer: str, block_s: float) -> tuple[str, bytes] | None:
        """The next message no one was given yet, now pending for `consumer`.

        Waits up to `block_s` for one (not at all for 0); None if none came.
        """
        # BLOCK 0 would wait forever: no BLOCK at all is what 0 means here.
        block = max(1, round(block_s * 1000)) if block_s > 0 else None
        # redis-py types the reply of every protocol; this one's is RESP2's:
        # [[stream, [(id, {field: value})]]], or None after the wait.
        reply: Any = self._grouped(
            lambda: self._redis.xreadgroup(
                self._group, consumer, {self._stream: ">"}, count=1, block=block
            )
        )
        if not reply:
            return None
        [[_stream, [(message_id, fields)]]] = reply
        return message_id.decode(), fields[_PAYLOAD]

    def ack(self, message_id: str) -> None:
        """Done with a message: no longer pending, and gone from the stream."""
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.xack(self._stream, self._group, message_id)
            pipe.xdel(self._stream, message_id)
            pipe.execute()

    def touch(self, consumer: str, message_id: str) -> bool:
        """The heartbeat: reset the idle time of a message `consumer` holds.

        False if it no longer holds it (it was acked, or handed to another
        worker as stale): the task is someone else's now.
        """
        try:
            touched = self._touch(keys=[self._stream], args=[self._group, consumer, message_id])
        except redis.exceptions.ResponseError as error:
            if _no_group(error):
                return False
            raise
        return bool(touched)

    def stale(self, consumer: str, idle_s: float) -> list[tuple[str, bytes, int]]:
        """Take over every message idle longer than `idle_s`: (id, payload, times delivered).

        The count includes this delivery: 2 for a message whose first worker died.
        """
        idle_ms = max(0, round(idle_s * 1000))
        claimed: list[tuple[bytes, dict[bytes, bytes]]] = []
        start: bytes | str = "0-0"
        while True:
            claim = partial(
                self._redis.xautoclaim,
                self._stream,
                self._group,
                consumer,
                idle_ms,
                start_id=start,
                count=100,
            )
            reply: list[Any] = self._grouped(claim)
            # Redis 7 adds the ids deleted while pending; they left the group.
            start, messages = reply[0], reply[1]
            # Redis 6.2 lists a message deleted while pending as (None, None).
            claimed.extend(message for message in messages if message[0] is not None)
            if start in (b"0-0", "0-0"):
                break
        if not claimed:
            return []
        with self._redis.pipeline(transaction=False) as pipe:
            for message_id, _fields in claimed:
                pipe.xpending_range(
                    self._stream, self._group, message_id, message_id, 1, consumername=consumer
                )
            pending: list[list[dict[str, Any]]] = pipe.execute()
        return [
            (message_id.decode(), fields[_PAYLOAD], int(found[0]["times_delivered"]))
            for (message_id, fields), found in zip(claimed, pending, strict=True)
            # Acked in between by the worker presumed dead: not stale after all.
            if found
        ]

    def close(self) -> None:
        """Close the connections of the client's pool."""
        self._redis.close()

    def _grouped(self, read: Callable[[], T]) -> T:
        """`read()`, after creating the group (and the stream) if it is missing.

        From the stream's first message ("0"), so that messages put before
        any worker started are read too.
        """
        try:
            return read()
        except redis.exceptions.ResponseError as error:
            if not _no_group(error):
                raise
        try:
            self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except redis.exceptions.ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise
        return read()


def _no_group(error: redis.exceptions.ResponseError) -> bool:
    return str(error).startswith("NOGROUP")
