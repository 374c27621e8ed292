"""Rate limiting per API key: a token bucket for each `Authorization` value.

IonQ answers a client that sends too much with 429 and a `Retry-After`
header (seconds); SDKs wait that long and retry. The fake can do the same,
off by default: `rate` requests per second on average, `burst` at once. Each
key has its own bucket, and requests without a key share one. `take` is a
pure function of a bucket and the time, so the arithmetic is tested without
a clock; RateLimiter keeps the buckets of one app under a lock.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.shared.replica import Replica, changes_shared_state
from mock_server.wire.rejections import SOURCES, Rejection

# Buckets kept at most; the least recently used key is forgotten first (and
# starts again with a full bucket), so a flood of keys cannot exhaust memory.
MAX_KEYS = 4096
MAX_RATE = 1_000_000.0


@dataclass(frozen=True, slots=True)
class Limit:
    """`rate` requests per second on average, up to `burst` at once."""

    rate: float
    burst: int

    def to_json(self) -> dict[str, Any]:
        """The limit as the admin API shows it."""
        return {"rate": self.rate, "burst": self.burst}


@dataclass(frozen=True, slots=True)
class Bucket:
    """Tokens left at a moment; a request takes one."""

    tokens: float
    stamp: float


def take(bucket: Bucket | None, now: float, limit: Limit) -> tuple[Bucket, float]:
    """Spend one token: the new bucket and 0.0, or the unchanged bucket and
    the seconds until a token is available (the request is refused)."""
    if bucket is None:
        tokens = float(limit.burst)
    else:
        tokens = min(float(limit.burst), bucket.tokens + (now - bucket.stamp) * limit.rate)
    if tokens >= 1.0:
        return Bucket(tokens - 1.0, now), 0.0
    return Bucket(tokens, now), (1.0 - tokens) / limit.rate


def retry_after_seconds(wait_s: float) -> int:
    """`Retry-After` in whole seconds (HTTP has no fractions), at least 1."""
    return max(1, math.ceil(wait_s))


def parse_limit(document: Any) -> Limit | Rejection:
    """A Limit from the admin API's JSON `{"rate": 5, "burst": 10}` (burst defaults to
    the rate rounded up), or the 400 explaining what is wrong."""

    def refuse(key: str, message: str) -> Rejection:
        return Rejection(keys=(key,) if key else (), source=SOURCES["body"], message=message)

    if not isinstance(document, Mapping):
        return refuse("", 'The body must be a JSON object: {"rate": <per second>, "burst": <n>}')
    unknown = sorted(set(document) - {"rate", "burst"})
    if unknown:
        return refuse(unknown[0], f"$.{unknown[0]}: is not a field of a rate limit (rate, burst)")
    rate = document.get("rate")
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate <= MAX_RATE:
        return refuse(
            "rate", f"$.rate: must be a number of requests per second in (0, {MAX_RATE:g}]"
        )
    burst = document.get("burst", math.ceil(rate))
    if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
        return refuse("burst", "$.burst: must be an integer of at least 1")
    return Limit(float(rate), burst)


class RateLimiter:
    """The limit of one app and its buckets, one per key; off when the limit is None."""

    def __init__(
        self, limit: Limit | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.initial = limit  # what reset() goes back to
        self.limit = limit
        self._clock = clock
        self._buckets: OrderedDict[str, Bucket] = OrderedDict()
        self._lock = threading.Lock()
        # The limit is shared with other processes (mock_server/shared); the buckets are
        # each process's own (docs/team.md says why).
        self.replica = Replica()

    def shared_state(self) -> Limit | None:
        """The limit: what other processes sharing the state read."""
        return self.limit

    def restore(self, limit: Limit | None) -> None:
        """Take the limit another process set; every key starts again with a full bucket."""
        with self._lock:
            self.limit = limit
            self._buckets.clear()

    @changes_shared_state
    def configure(self, limit: Limit | None) -> None:
        """A new limit (None: off); every key starts again with a full bucket."""
        with self._lock:
            self.limit = limit
            self._buckets.clear()

    def reset(self) -> None:
        """Back to the limit the app was created with, all buckets full."""
        self.configure(self.initial)

    def wait(self, key: str) -> float:
        """0.0 if `key` may send a request now (and it is counted), else the seconds to wait."""
        with self._lock:
            # Read under the lock: a reconfiguration clears the buckets, and a
            # bucket computed with the old limit must not survive it. (Callers
            # skip this call while no limit is set: faults.intercept.)
            limit = self.limit
            if limit is None:
                return 0.0
            bucket, wait_s = take(self._buckets.pop(key, None), self._clock(), limit)
            self._buckets[key] = bucket
            if len(self._buckets) > MAX_KEYS:
                self._buckets.popitem(last=False)
            return wait_s
