"""API keys: which operations need one (from openapi.yaml) and which keys the fake accepts.

IonQ sends `Authorization: apiKey <key>`. An operation needs a key when its
`security` (or the description's global one) names a requirement; an
operation with `security: []` is public and never looks at the header, so a
public request with a wrong key still succeeds, as it does at IonQ.

By default any well-formed key is accepted, so that SDKs and notebooks work
against the fake without set-up. Given a set of keys (flag, environment or
file, see mock_server/settings.py), only those are. Either way the key is
never written anywhere: not in a log line, not in an error message, and
/whoami describes a key by an id derived from it, never by the key itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, request

from ionq_contract.operations import Operation
from mock_server.api.keys import AUTHORIZATION, CREDENTIALS, SCHEME
from mock_server.wire.errors import error_response

# Where an app keeps its KeyPolicy (app.extensions), for the start-up message.
POLICY_EXTENSION = "ionq_mock_api_keys"

MISSING_KEY = "An API key is required: send the header `Authorization: apiKey <key>`."
MALFORMED_KEY = "The Authorization header must be `apiKey <key>`."
INVALID_KEY = "The API key is not valid."


class ApiKeyError(ValueError):
    """API keys that cannot be used (an unreadable file, a malformed key); raised at start-up."""


@dataclass(frozen=True, slots=True)
class KeyPolicy:
    """Which keys the fake accepts: any well-formed one when `keys` is None."""

    keys: frozenset[str] | None = None

    def __repr__(self) -> str:
        # Never the keys themselves: a policy may end up in a log or a traceback.
        accepted = "any well-formed key" if self.keys is None else f"{len(self.keys)} keys"
        return f"KeyPolicy({accepted})"

    def check(self, header: str | None) -> str | None:
        """The 401 message for this Authorization header, or None when it is accepted."""
        if header is None or not header.strip():
            return MISSING_KEY
        match = CREDENTIALS.fullmatch(header.strip())
        if match is None:
            return MALFORMED_KEY
        if self.keys is not None and match.group(1) not in self.keys:
            return INVALID_KEY
        return None


def is_well_formed(key: str) -> bool:
    """Whether `key` can be sent as `apiKey <key>`."""
    return CREDENTIALS.fullmatch(f"{SCHEME} {key}") is not None


def parse_keys(text: str, source: str) -> frozenset[str]:
    """Keys separated by commas, spaces or new lines; `#` starts a comment line."""
    keys: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for key in re.split(r"[\s,]+", line.strip()):
            if not key:
                continue
            if not is_well_formed(key):
                # Say where, never what: the malformed text may be a real key.
                raise ApiKeyError(
                    f"{source}, line {number}: an API key may only hold letters, digits "
                    "and . _ ~ + / = -"
                )
            keys.add(key)
    if not keys:
        raise ApiKeyError(f"{source} lists no API key; leave it out to accept any key")
    return frozenset(keys)


def key_policy(keys: str | None = None, keys_file: str | Path | None = None) -> KeyPolicy:
    """The policy of the configured keys: those of `keys` and of the file, or any."""
    accepted: set[str] = set()
    if keys:
        accepted |= parse_keys(keys, "the configured API keys")
    if keys_file:
        path = Path(keys_file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ApiKeyError(f"API keys file {path}: cannot be read: {exc}") from exc
        accepted |= parse_keys(text, f"API keys file {path}")
    return KeyPolicy(frozenset(accepted) if accepted else None)


def secured_operations(operations: Iterable[Operation]) -> frozenset[str]:
    """The operationIds whose effective `security` in the spec requires a key."""
    return frozenset(operation.operation_id for operation in operations if operation.secured)


def require_keys(app: Flask, secured: Iterable[str], policy: KeyPolicy) -> None:
    """Answer 401 before anything else for a secured operation without an accepted key.

    A `before_request` hook, so a request without a key learns nothing else
    first: not whether its parameters are valid, nor a `Prefer` scenario.
    """
    endpoints = frozenset(secured)
    app.extensions[POLICY_EXTENSION] = policy

    def check() -> Response | None:
        if request.endpoint not in endpoints or request.method == "OPTIONS":
            return None
        message = policy.check(request.headers.get(AUTHORIZATION))
        return None if message is None else error_response(401, message)

    hook: Callable[[], Response | None] = check
    app.before_request(hook)
