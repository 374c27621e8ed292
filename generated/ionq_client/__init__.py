"""Typed client of IonQ's quantum cloud REST API v0.4, generated from openapi.yaml.

Start from `public_client()` for the operations that need no key (describing
backends) or `authenticated_client(api_key)` for the rest. Both point at
IonQ's production service unless given another `base_url`, such as the fake
IonQ of the ionq-contract project, and both give every request a timeout.

The generated `Client` and `AuthenticatedClient` stay available for full
control; note that on their own they wait forever for an answer and that
`AuthenticatedClient` defaults to the `Bearer` scheme, which IonQ rejects.
"""

from typing import Any, Final

import httpx

from .client import AuthenticatedClient, Client

DEFAULT_BASE_URL: Final = "https://api.ionq.co/v0.4"
"""IonQ's production service: the first entry of `servers` in openapi.yaml."""

DEFAULT_TIMEOUT_SECONDS: Final = 30.0
"""How long one phase of a request (connect, write, read, pool) may take.

The generated classes default to no timeout at all, which turns a stalled
connection into a hung program. 30 s leaves a slow answer plenty of time and
still notices a dead connection.
"""

API_KEY_SCHEME: Final = "apiKey"
"""IonQ's scheme of the Authorization header: `Authorization: apiKey <key>`."""

_HIDDEN: Final = "<hidden>"


class _ApiKeyClient(AuthenticatedClient):
    """An `AuthenticatedClient` whose repr never shows the API key.

    Clients end up in logs, tracebacks and debugger views. The generated repr
    prints the key twice (as `token`, and in the headers once a request was
    made), so the clients made by `authenticated_client` print this instead.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return (
            f"AuthenticatedClient(base_url={self._base_url!r}, token={_HIDDEN!r}, "
            f"prefix={self.prefix!r}, timeout={self._timeout!r})"
        )


def _as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    """Seconds (or None: wait forever) as the httpx.Timeout the generated classes take."""
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def public_client(
    base_url: str = DEFAULT_BASE_URL,
    *,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT_SECONDS,
    **options: Any,
) -> Client:
    """A client without credentials, for the operations that need no API key.

    `timeout` is in seconds per phase of a request, or an `httpx.Timeout`;
    None waits forever. Other keyword arguments (`headers`, `verify_ssl`,
    `raise_on_unexpected_status`, `httpx_args`, ...) go to `Client` unchanged.
    """
    return Client(base_url=base_url, timeout=_as_timeout(timeout), **options)


def authenticated_client(
    api_key: str,
    base_url: str = DEFAULT_BASE_URL,
    *,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT_SECONDS,
    **options: Any,
) -> AuthenticatedClient:
    """A client that sends `Authorization: apiKey <api_key>` with every request.

    An empty key is refused here, because IonQ would only answer 401 later,
    far from the mistake. The client's repr leaves the key out. `timeout` and
    the other keyword arguments are as for `public_client`.
    """
    if not api_key.strip():
        raise ValueError("api_key is empty: pass the key from the IonQ Quantum Cloud console")
    return _ApiKeyClient(
        base_url=base_url,
        token=api_key,
        prefix=API_KEY_SCHEME,
        timeout=_as_timeout(timeout),
        **options,
    )


__all__ = (
    "API_KEY_SCHEME",
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT_SECONDS",
    "AuthenticatedClient",
    "Client",
    "authenticated_client",
    "public_client",
)
