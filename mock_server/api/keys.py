"""Who a request speaks for: the API key of its Authorization header, never shown.

IonQ sends `Authorization: apiKey <key>`. The API needs to know which key
a request carries (/whoami describes it, jobs belong to it) without ever
storing or answering the key itself, so everything here turns a key into
ids derived from it with UUID v5: stable, distinct per key, not reversible.
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
PROJECT_ID = str(uuid.uuid5(KEY_NAMESPACE, "ionq-mock project"))


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


def whoami(header: str) -> dict[str, str]:
    """What /whoami says about an accepted key: ids derived from it, not the key."""
    identity = key_id(header)
    return {
        "key_id": identity,
        "key_name": f"ionq-mock key {identity[:8]}",
        "project_id": PROJECT_ID,
    }
