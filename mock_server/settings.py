"""How the fake is configured from outside: the environment of a server process.

Kept apart from the app (and free of heavy imports) so that the command line
can read it without building an app: a WSGI server's workers only see the
environment, so `ionq-mock serve --fixtures DIR` passes DIR through it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FIXTURES_ENV = "IONQ_MOCK_FIXTURES"
# API keys the fake accepts (separated by commas or spaces), and a file of
# them (one or more a line, `#` comments). Unset: any well-formed key.
API_KEYS_ENV = "IONQ_MOCK_API_KEYS"
API_KEYS_FILE_ENV = "IONQ_MOCK_API_KEYS_FILE"
# A rate limit per API key from the start: `RATE` or `RATE/BURST` (5 or 5/10).
RATE_LIMIT_ENV = "IONQ_MOCK_RATE_LIMIT"
# How much memory one simulation may take: bytes, or with a unit (512MiB, 8GiB).
SIMULATOR_MEMORY_ENV = "IONQ_MOCK_SIMULATOR_MEMORY"
# "1": write the access log to standard output (`ionq-mock serve` sets it unless
# --no-access-log; a WSGI server of your own has an access log of its own).
ACCESS_LOG_ENV = "IONQ_MOCK_ACCESS_LOG"
# "0": no fast path, every request through the whole pipeline (mock_server/front).
FAST_PATH_ENV = "IONQ_MOCK_FAST_PATH"
# Seconds a request's body may take to arrive once its headers are in; a body
# still unfinished then is answered 408 and its connection closed
# (mock_server/front/rsgi.py). Read by the server `ionq-mock serve` runs.
BODY_TIMEOUT_ENV = "IONQ_MOCK_BODY_TIMEOUT"
DEFAULT_BODY_TIMEOUT_S = 10.0
# Python threads per worker that run the app (`ionq-mock serve --threads`).
THREADS_ENV = "IONQ_MOCK_THREADS"
# How long QPU queues and runs take, as a share of IonQ's (`--time-scale`; 0: none),
# and "1" for a virtual clock that only the admin API moves (`--virtual-clock`).
TIME_SCALE_ENV = "IONQ_MOCK_TIME_SCALE"
# Simulation processes (`--simulators`): wide jobs each run in a process of their own.
SIMULATORS_ENV = "IONQ_MOCK_SIMULATORS"
VIRTUAL_CLOCK_ENV = "IONQ_MOCK_VIRTUAL_CLOCK"
# Where the state is kept (`--store`): memory, sqlite:///PATH or redis://HOST:PORT/DB.
STORE_ENV = "IONQ_MOCK_STORE"

MAX_SIMULATORS = 64
MAX_TIME_SCALE = 1000  # as mock_server/api/clock.py's (the settings import nothing heavy)

_UNITS = {
    "": 1,
    "b": 1,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
}


class SettingError(ValueError):
    """A setting the fake cannot start with; `ionq-mock serve` prints it and exits 2."""


def parse_rate_limit(text: str) -> dict[str, float | int]:
    """`5` or `5/10` as create_app's RATE_LIMIT setting; the app checks the ranges.

    SettingError names the setting, so `ionq-mock serve` can print it as it is.
    """
    rate_text, slash, burst_text = text.strip().partition("/")
    try:
        limit: dict[str, float | int] = {"rate": float(rate_text)}
        if slash:
            limit["burst"] = int(burst_text)
    except ValueError:
        raise SettingError(
            f"rate limit {text!r}: expected RATE or RATE/BURST, e.g. 5 or 5/10 "
            "(requests per second / requests at once)"
        ) from None
    return limit


def parse_bytes(text: str) -> int:
    """`512MiB`, `8GiB`, `1000000` as a number of bytes; SettingError names the setting."""
    stripped = text.strip().lower()
    digits = stripped.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = stripped[len(digits) :].strip()
    if not digits.strip().isdigit() or unit not in _UNITS:
        raise SettingError(
            f"simulator memory {text!r}: expected bytes, or a number with KiB, MiB or GiB "
            "(e.g. 512MiB)"
        )
    return int(digits) * _UNITS[unit]


def parse_seconds(text: str) -> float:
    """`10` or `2.5` as a body time limit in seconds; SettingError names the setting."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise SettingError(f"body timeout {text!r}: expected a number of seconds above 0, e.g. 10")
    return seconds


@dataclass(frozen=True)
class ServerSettings:
    """How the server side of one worker runs (mock_server/front/rsgi.py)."""

    threads: int = 1  # Python threads that run the app
    body_timeout_s: float = DEFAULT_BODY_TIMEOUT_S  # for a request's body to arrive


def server_settings_from_env(environ: Mapping[str, str]) -> ServerSettings:
    """The ServerSettings the environment asks for; SettingError for a bad value."""
    threads_text = environ.get(THREADS_ENV) or "1"
    if not threads_text.isdigit() or int(threads_text) < 1:
        raise SettingError(f"threads {threads_text!r}: expected a whole number of at least 1")
    timeout_text = environ.get(BODY_TIMEOUT_ENV)
    return ServerSettings(
        threads=int(threads_text),
        body_timeout_s=parse_seconds(timeout_text) if timeout_text else DEFAULT_BODY_TIMEOUT_S,
    )


def config_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """The create_app config the environment asks for."""
    config: dict[str, Any] = {"FIXTURES_DIR": environ.get(FIXTURES_ENV) or None}
    if environ.get(API_KEYS_ENV):
        config["API_KEYS"] = environ[API_KEYS_ENV]
    if environ.get(API_KEYS_FILE_ENV):
        config["API_KEYS_FILE"] = environ[API_KEYS_FILE_ENV]
    if environ.get(RATE_LIMIT_ENV):
        config["RATE_LIMIT"] = parse_rate_limit(environ[RATE_LIMIT_ENV])
    if environ.get(SIMULATOR_MEMORY_ENV):
        config["SIMULATOR_MEMORY"] = parse_bytes(environ[SIMULATOR_MEMORY_ENV])
    if environ.get(ACCESS_LOG_ENV) == "1":
        config["ACCESS_LOG"] = sys.stdout
    if environ.get(FAST_PATH_ENV) == "0":
        config["FAST_PATH"] = False
    if environ.get(TIME_SCALE_ENV):
        config["TIME_SCALE"] = parse_time_scale(environ[TIME_SCALE_ENV])
    if environ.get(VIRTUAL_CLOCK_ENV) == "1":
        config["VIRTUAL_CLOCK"] = True
    if environ.get(SIMULATORS_ENV):
        config["SIMULATORS"] = parse_simulators(environ[SIMULATORS_ENV])
    if environ.get(STORE_ENV):
        config["STORE"] = environ[STORE_ENV]
    return config


def parse_simulators(text: str) -> int:
    """How many simulation processes: a whole number, 0 (none: threads of the server) to 64."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_SIMULATORS:
        raise SettingError(f"simulators {text!r}: expected a whole number from 0 to 64")
    return int(text)


def parse_time_scale(text: str) -> float:
    """A time scale: a finite number, 0 or more (1: IonQ's own times)."""
    try:
        scale = float(text)
    except ValueError:
        scale = math.nan
    if not (math.isfinite(scale) and 0 <= scale <= MAX_TIME_SCALE):
        raise SettingError(
            f"time scale {text!r}: expected a number from 0 to {MAX_TIME_SCALE} (1: IonQ's times)"
        )
    return scale
