"""Work that start-up does once per content, kept from one start to the next.

Parsing openapi.yaml and checking the generated characterizations against it
were half of the fake's start-up (docs/performance.md), and both depend on
nothing but bytes that rarely change. So each result is kept under the
SHA-256 of everything it depends on, in `IONQ_MOCK_CACHE_DIR` (default:
`$XDG_CACHE_HOME/ionq-mock`, that is `~/.cache/ionq-mock`). A changed input
has another digest, so nothing is ever invalidated; a cache that is missing,
unreadable or read-only only means the work is done again; `IONQ_MOCK_CACHE_DIR=off`
switches it off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_DIR_ENV = "IONQ_MOCK_CACHE_DIR"
OFF = "off"


def digest(*parts: str | bytes) -> str:
    """The SHA-256 of `parts`, each length-prefixed so that no two lists of parts collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def directory() -> Path | None:
    """Where results are kept, or None when the cache is off."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured == OFF:
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ionq-mock"


def read(name: str) -> bytes | None:
    """What was kept as `name`, or None."""
    folder = directory()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep `data` as `name`; atomically, so that a concurrent start never reads half of it."""
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
