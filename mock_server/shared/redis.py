"""The shared log in Redis: one state for fakes on several hosts.

Five keys under a prefix hold the log:

    {prefix}:rev      the revision of the latest write (INCR)
    {prefix}:data     hash, field part + US + key -> value, the live entries
    {prefix}:log      sorted set, live field -> revision of its last write
    {prefix}:gone     sorted set, deleted field -> revision of its deletion
    {prefix}:horizon  the newest revision whose tombstones were dropped

A field is in `log` or in `gone`, never both. Writes and reads are Lua
scripts, because Redis runs a script whole with nothing in between: a reader
that saw revision R has seen every entry of R, which a reader outside a
script could not promise (it might read `rev` between a writer's INCR and its
HSETs, and then never read those entries). Writers also take a Redis lock
(redis-py's `Lock`, SET NX with an expiry), since a change reads the state
before it writes; readers never take it.

`import redis` below is redis-py, not this module: imports are absolute.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import redis

from mock_server.shared import log
from mock_server.shared.log import Changes, Entry
from mock_server.shared.url import without_password

# Between a part and a key in a field of the hash: the ASCII unit separator,
# which no store's name contains. Keys may (the field splits at the first).
SEPARATOR = "\x1f"

# A writer holds the lock for milliseconds; one that held it this long has
# died, and Redis lets the lock go so the others are not stuck behind it.
LOCK_EXPIRY_S = 30.0
# How long a writer waits for the lock before it gives up with an error.
LOCK_WAIT_S = 60.0
# How often a waiting writer tries again. redis-py's default, 0.1 s, would
# add up to that much to every write that meets another.
LOCK_RETRY_S = 0.005

# KEYS: rev, data, log, gone, horizon. ARGV: since.
# Returns {revision, whole (0/1), fields, values, deleted fields}; whole when
# `since` is behind the horizon, or ahead of the log (it was emptied since).
_CHANGES = """
local rev = tonumber(redis.call('GET', KEYS[1]) or '0')
local horizon = tonumber(redis.call('GET', KEYS[5]) or '0')
local since = tonumber(ARGV[1])
if since < horizon or since > rev then
  local fields, values = {}, {}
  local all = redis.call('HGETALL', KEYS[2])
  for i = 1, #all, 2 do
    fields[#fields + 1] = all[i]
    values[#values + 1] = all[i + 1]
  end
  return {rev, 1, fields, values, {}}
end
local fields = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. since, '+inf')
local values = {}
for i, field in ipairs(fields) do
  values[i] = redis.call('HGET', KEYS[2], field)
end
local gone = redis.call('ZRANGEBYSCORE', KEYS[4], '(' .. since, '+inf')
return {rev, 0, fields, values, gone}
"""

# KEYS: rev, data, log, gone, horizon. ARGV: tombstones kept, then for each
# entry field, "1" and the value, or "0" and "" for a deletion.
# Returns the new revision.
_WRITE = """
local rev = redis.call('INCR', KEYS[1])
for i = 2, #ARGV, 3 do
  local field = ARGV[i]
  if ARGV[i + 1] == '1' then
    redis.call('HSET', KEYS[2], field, ARGV[i + 2])
    redis.call('ZADD', KEYS[3], rev, field)
    redis.call('ZREM', KEYS[4], field)
  else
    redis.call('HDEL', KEYS[2], field)
    redis.call('ZREM', KEYS[3], field)
    redis.call('ZADD', KEYS[4], rev, field)
  end
end
local cutoff = rev - tonumber(ARGV[1])
if cutoff > 0 then
  local newest = redis.call('ZREVRANGEBYSCORE', KEYS[4], cutoff, '-inf',
    'WITHSCORES', 'LIMIT', 0, 1)
  if #newest > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', cutoff)
    redis.call('SET', KEYS[5], newest[2])
  end
end
return rev
"""


class RedisLog:
    """A `SharedLog` (log.py) in a Redis database, under keys that start with `prefix`."""

    def __init__(self, url: str, prefix: str = "ionq-mock") -> None:
        # RESP2 whatever redis-py's default: the replies' shapes, parsed
        # below, are then the same from redis-py 5 to 8.
        self._redis = redis.Redis.from_url(url, protocol=2)
        self._url = without_password(url)
        self._prefix = prefix
        self._keys = [f"{prefix}:{name}" for name in ("rev", "data", "log", "gone", "horizon")]
        self._changes = self._redis.register_script(_CHANGES)
        self._write = self._redis.register_script(_WRITE)

    @property
    def url(self) -> str:
        """The URL the log was opened with, less any password."""
        return self._url

    def revision(self) -> int:
        """The revision of the latest write (0 before any)."""
        return int(self._redis.get(self._keys[0]) or 0)

    def changes(self, since: int) -> Changes:
        """Entries written after `since`, the latest value of each, deletions as None."""
        reply: list[Any] = self._changes(keys=self._keys, args=[since])
        revision, whole, fields, values, gone = reply
        entries = [_entry(field, value) for field, value in zip(fields, values, strict=True)]
        entries.extend(_entry(field, None) for field in gone)
        return Changes(revision=int(revision), entries=entries, whole=bool(whole))

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the writers' lock; TimeoutError after LOCK_WAIT_S of waiting for it.

        thread_local=False: the lock's token belongs to this context, not to
        the thread, so nothing depends on which thread leaves it.
        """
        held = self._redis.lock(
            f"{self._prefix}:lock",
            timeout=LOCK_EXPIRY_S,
            sleep=LOCK_RETRY_S,
            blocking_timeout=LOCK_WAIT_S,
            thread_local=False,
        )
        if not held.acquire():
            raise TimeoutError(
                f"{self._url}: waited {LOCK_WAIT_S:g} s for the shared store's lock"
                f" ({self._prefix}:lock); another process holds it"
            )
        try:
            yield
        finally:
            try:
                held.release()
            except redis.exceptions.LockNotOwnedError as error:
                # The lock expired while held, so another writer may have
                # written in between: the change may have been lost.
                raise RuntimeError(
                    f"{self._url}: the shared store's lock expired after {LOCK_EXPIRY_S:g} s"
                    " while a change held it"
                ) from error

    def write(self, entries: Sequence[Entry]) -> int:
        """Write entries under one new revision, dropping old tombstones; that revision.

        The caller holds `lock`. Tombstones older than log.TOMBSTONES_KEPT
        revisions go, and the horizon moves to the newest of them, so a
        reader behind it reads the whole state instead.
        """
        args: list[str | bytes | int] = [log.TOMBSTONES_KEPT]
        for entry in entries:
            if SEPARATOR in entry.part:
                raise ValueError(f"a part's name has no {SEPARATOR!r}: {entry.part!r}")
            args.append(entry.part + SEPARATOR + entry.key)
            args.extend(("0", b"") if entry.value is None else ("1", entry.value))
        return int(self._write(keys=self._keys, args=args))

    def close(self) -> None:
        """Close the connections of the client's pool."""
        self._redis.close()


def _entry(field: bytes, value: bytes | None) -> Entry:
    part, _, key = field.decode().partition(SEPARATOR)
    return Entry(part=part, key=key, value=value)
