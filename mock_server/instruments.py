"""Wire the test tools into one app: fault rules, the rate limit, the request log.

create_app calls `install` once; everything it sets up lives in the app's
MockState, so two apps (two tests, two xdist workers) never share a fault,
a bucket or a log entry. The request path itself calls
mock_server.faults.intercept (from routes.py) and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask

from mock_server import interruptions, request_log
from mock_server.contract import Operation
from mock_server.ratelimit import Limit, parse_limit
from mock_server.settings import SettingError
from mock_server.store import MockState
from mock_server.validation import Rejection

# create_app config keys (with their defaults).
RATE_LIMIT = "RATE_LIMIT"  # None (off) or {"rate": <per second>, "burst": <n>}
REQUEST_LOG_SIZE = "REQUEST_LOG_SIZE"  # how many requests the log keeps


def install(app: Flask, state: MockState, operations: Iterable[Operation]) -> None:
    """Configure the state's tools from `app.config` and register their hooks.

    Must run before any other before_request hook, so that requests another
    hook answers (a 401) are logged too.
    """
    state.faults.operations = {op.operation_id: op for op in operations}
    state.rate_limit.initial = _limit(app.config[RATE_LIMIT])
    state.rate_limit.reset()
    state.requests.resize(int(app.config[REQUEST_LOG_SIZE]))
    request_log.install(app, state.requests)
    interruptions.install(app)


def _limit(setting: object) -> Limit | None:
    if setting is None or isinstance(setting, Limit):
        return setting
    parsed = parse_limit(setting)
    if isinstance(parsed, Rejection):
        raise SettingError(f"rate limit: {parsed.message}")
    return parsed


def reset(state: MockState) -> None:
    """Back to how the app started: no fault rules, the configured limit, an empty log."""
    state.faults.clear()
    state.rate_limit.reset()
    state.requests.clear()
