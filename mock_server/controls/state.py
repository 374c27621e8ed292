"""The test controls of one app: fault rules, the rate limit, the request log.

create_app calls `install` once; everything it sets up lives in the app's
Controls, so two apps (two tests, two xdist workers) never share a fault,
a bucket or a log entry. The request path itself calls
mock_server.controls.faults.intercept (from routes.py) and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import Flask

from ionq_contract.operations import Operation
from mock_server.controls import interruptions
from mock_server.controls.faults import FaultTable
from mock_server.controls.ratelimit import Limit, RateLimiter
from mock_server.controls.request_log import RequestLog

EXTENSION = "ionq_mock.controls"

# create_app config keys (with their defaults).
RATE_LIMIT = "RATE_LIMIT"  # None (off) or {"rate": <per second>, "burst": <n>}
REQUEST_LOG_SIZE = "REQUEST_LOG_SIZE"  # how many requests the log keeps


@dataclass(frozen=True, slots=True)
class Controls:
    """What the test tools of one app hold; kept in `app.extensions[EXTENSION]`."""

    faults: FaultTable = field(default_factory=FaultTable)
    # The failure codes openapi.yaml lists, which the admin API may inject into jobs.
    failure_codes: frozenset[str] = frozenset()
    rate_limit: RateLimiter = field(default_factory=RateLimiter)
    requests: RequestLog = field(default_factory=RequestLog)


def install(
    app: Flask,
    operations: Iterable[Operation],
    failure_codes: Iterable[str] = (),
    rate_limit: Limit | None = None,
) -> Controls:
    """New controls, with their hooks registered; `rate_limit` is the one every reset restores.

    The request log's size comes from `app.config`. The log itself is written
    by the front of the server (mock_server/front), which sees every request,
    a 401 included.
    """
    controls = Controls(failure_codes=frozenset(failure_codes))
    app.extensions[EXTENSION] = controls
    controls.faults.operations = {op.operation_id: op for op in operations}
    controls.rate_limit.initial = rate_limit
    controls.rate_limit.reset()
    controls.requests.resize(int(app.config[REQUEST_LOG_SIZE]))
    interruptions.install(app)
    return controls


def reset(controls: Controls) -> None:
    """Back to how the app started: no fault rules, the configured limit, an empty log."""
    controls.faults.clear()
    controls.rate_limit.reset()
    controls.requests.clear()
