"""How the fake is configured from outside: the environment of a server process.

Kept apart from the app (and free of heavy imports) so that the command line
can read it without building an app: a WSGI server's workers only see the
environment, so `ionq-mock serve --fixtures DIR` passes DIR through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FIXTURES_ENV = "IONQ_MOCK_FIXTURES"
# API keys the fake accepts (separated by commas or spaces), and a file of
# them (one or more a line, `#` comments). Unset: any well-formed key.
API_KEYS_ENV = "IONQ_MOCK_API_KEYS"
API_KEYS_FILE_ENV = "IONQ_MOCK_API_KEYS_FILE"


def config_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """The create_app config the environment asks for."""
    config: dict[str, Any] = {"FIXTURES_DIR": environ.get(FIXTURES_ENV) or None}
    if environ.get(API_KEYS_ENV):
        config["API_KEYS"] = environ[API_KEYS_ENV]
    if environ.get(API_KEYS_FILE_ENV):
        config["API_KEYS_FILE"] = environ[API_KEYS_FILE_ENV]
    return config
