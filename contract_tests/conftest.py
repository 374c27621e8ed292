"""Hypothesis profiles shared by every contract test, and a private Redis for those that need one.

`ci` (the default) derandomizes: every run tries the same examples, so a
red build is reproducible and a green one is not luck. Set
`HYPOTHESIS_PROFILE=explore` to draw fresh random examples and hunt for new
failures; commit what they find as explicit examples. Neither has a deadline:
generating and parsing bodies on a loaded CI machine is slow at times, and a
timing failure would say nothing about the contract.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

# Imported before any test runs: the fake loads numpy with its first job, on
# the job runner's thread, and hypothesis looks numpy up in sys.modules while
# it draws; a module still being imported there has no `ndarray` yet.
import numpy  # noqa: F401
import pytest
import redis
from hypothesis import settings

from mock_server.harness.redis_server import RedisServer, start_redis

settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One private redis-server for the session (each xdist worker has its own), for the
    tests of the Redis store, the work queue and the fakes that share one Redis."""
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The server's URL, its databases emptied (FLUSHALL) first."""
    client = redis.Redis.from_url(redis_server.url)
    try:
        client.flushall()
    finally:
        client.close()
    return redis_server.url
