"""Who a request speaks for: the API key of its Authorization header, never shown.

IonQ sends `Authorization: apiKey <key>`. The API needs to know which key
a request carries (/whoami describes it, jobs belong to it) without ever
storing or answering the key itself, so everything here turns a key into
ids derived from it with UUID v5: stable, distinct per key, not reversible.
Every key belongs to one project, the same for all, and to an organization
of its own, whose id is derived from the key's id (so the store, which
knows jobs by their key's id, can tell a job's organization too).
Which keys are accepted at all is the server's business (mock_server/auth.py).
"""

from __future__ import annotations

import re
import uuid

AUTHORIZATION = "Authorization"
SCHEME = "apiKey"
# RFC 7235: the scheme is case-insensitive; the key is one token68 (no spaces).
CREDENTIALS = re.compile(r"apiKey +([A-Za-z0-9._~+/=-]+) *", re.IGNORECASE)
KEY_NAMESPACE = uuid.UUID("52c78681-f4f9-5d7f-9aec-6da530c33021")
# Every key of the fake belongs to one project.
PROJECT_NAME = "ionq-mock project"
PROJECT_ID = str(uuid.uuid5(KEY_NAMESPACE, PROJECT_NAME))
# IonQ's organization ids are names such as `com.my.org`, not UUIDs: the
# fake's are this prefix and 12 hex digits derived from the key's id.
ORGANIZATION_PREFIX = "com.ionq-mock."


def api_key(header: str | None) -> str | None:
    """The key of a well-formed Authorization header, else None."""
    if header is None:
        return None
    match = CREDENTIALS.fullmatch(header.strip())
    return match.group(1) if match is not None else None


def key_id(header: str) -> str:
    """The id of the key an accepted header carries: what /whoami and jobs name it by."""
    key = api_key(header)
    if key is None:  # the policy accepted the header before this is called
        raise ValueError("not an accepted Authorization header")
    return str(uuid.uuid5(KEY_NAMESPACE, key))


def key_name(identity: str) -> str:
    """The name of the key whose id is `identity` (what /whoami says)."""
    return f"ionq-mock key {identity[:8]}"


def organization_of(identity: str) -> str:
    """The id of the organization of the key whose id is `identity`."""
    digest = uuid.uuid5(KEY_NAMESPACE, f"organization of {identity}")
    return f"{ORGANIZATION_PREFIX}{digest.hex[:12]}"


def whoami(header: str) -> dict[str, str]:
    """What /whoami says about an accepted key: ids derived from it, not the key."""
    identity = key_id(header)
    return {
        "key_id": identity,
        "key_name": key_name(identity),
        "project_id": PROJECT_ID,
    }
