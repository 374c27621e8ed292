"""`--store URL`: where the state is kept, read into the shared log that keeps it there.

memory                  this process only (no log): the default, and the fastest
sqlite:///PATH          a file; the processes of one machine, and restarts
redis://HOST:PORT/DB    a Redis server; processes on several machines
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mock_server.shared.log import SharedLog

MEMORY = "memory"
SCHEMES = ("memory", "sqlite:///PATH", "redis://HOST:PORT/DB")


class StoreURLError(ValueError):
    """A --store URL the fake cannot use; the message says what it takes."""


def open_log(url: str) -> SharedLog | None:
    """The shared log at `url`; None for `memory`, which shares nothing."""
    if url == MEMORY:
        return None
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.name:
            raise StoreURLError("sqlite:///PATH needs the path of a file")
        from mock_server.shared.sqlite import SqliteLog  # noqa: PLC0415 - only when asked for

        try:
            return SqliteLog(path.expanduser())
        except OSError as error:
            raise StoreURLError(f"cannot open {path}: {error}") from error
        except Exception as error:  # sqlite3.Error: not a database, a directory, no access
            raise StoreURLError(f"cannot use {path} as the store: {error}") from error
    if url.startswith(("redis://", "rediss://")):
        from mock_server.shared.redis import RedisLog  # noqa: PLC0415 - only when asked for

        try:
            log = RedisLog(url)
            log.revision()  # reached now, not at the first request
        except Exception as error:  # redis.ConnectionError and its kin
            raise StoreURLError(f"cannot reach the Redis at {url}: {error}") from error
        return log
    raise StoreURLError(f"the store is one of {', '.join(SCHEMES)}, not {url!r}")


def without_password(url: str) -> str:
    """The URL for messages: a password there would end up in logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")[2]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + netloc))
