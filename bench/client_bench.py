"""What the generated client costs per call, beside a raw httpx loop.

Both loops use one keep-alive httpx.Client against the same target and read
the same JSON, so their difference is the generated code: building the
request from the operation, parsing into attrs models, wrapping a Response.
Two targets: the fake's WSGI app in-process (httpx.WSGITransport, where the
client's share is largest) and the fake over a socket (what users see).
Rounds alternate between the two loops so that drift of the machine hits
both alike; the median round is reported.
"""

from __future__ import annotations

import importlib
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from ionq_client import Client
from ionq_client.api.backends import get_backend
from ionq_client.models.backend import Backend
from ionq_client.models.backend_name import BackendName

WsgiApp = Callable[..., Any]


def load_wsgi_app(target: str) -> WsgiApp:
    """Import `module:attr`, or call `module:factory()` (gunicorn's syntax)."""
    module_name, _, attr = target.partition(":")
    if not attr:
        raise ValueError(f"WSGI target {target!r} is not module:attr")
    module = importlib.import_module(module_name)
    is_factory = attr.endswith("()")
    obj = getattr(module, attr.removesuffix("()"))
    app = obj() if is_factory else obj
    if not callable(app):
        raise TypeError(f"{target} is not a WSGI application")
    return app  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ClientFigures:
    """Calls per second of the client and of raw httpx against one target."""

    target: str
    client_calls_per_s: float
    raw_calls_per_s: float

    @property
    def overhead(self) -> float:
        """Time per client call over time per raw call (1.0 = free)."""
        return self.raw_calls_per_s / self.client_calls_per_s

    @property
    def overhead_us(self) -> float:
        """Microseconds the client adds to each call."""
        return (1 / self.client_calls_per_s - 1 / self.raw_calls_per_s) * 1e6

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "target": self.target,
            "client_calls_per_s": round(self.client_calls_per_s, 1),
            "raw_calls_per_s": round(self.raw_calls_per_s, 1),
            "overhead": round(self.overhead, 3),
            "overhead_us_per_call": round(self.overhead_us, 1),
        }


def calls_per_second(call: Callable[[], object], seconds: float) -> float:
    """Run `call` back to back for about `seconds`; return calls per second."""
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    now = start
    while now < deadline:
        for _ in range(20):  # amortise the clock reads
            call()
        calls += 20
        now = time.perf_counter()
    return calls / (now - start)


def interleaved(
    loops: dict[str, Callable[[], object]], rounds: int, round_s: float
) -> dict[str, float]:
    """Median calls/s per loop over `rounds` alternating rounds."""
    rates: dict[str, list[float]] = {name: [] for name in loops}
    for _ in range(rounds):
        for name, call in loops.items():
            rates[name].append(calls_per_second(call, round_s))
    return {name: statistics.median(values) for name, values in rates.items()}


def compare(  # noqa: PLR0913 - the settings of one comparison, all keyword-only
    target: str,
    base_url: str,
    *,
    backend: str = "qpu.aria-1",
    transport: httpx.BaseTransport | None = None,
    rounds: int = 5,
    round_s: float = 0.5,
) -> ClientFigures:
    """Time get_backend.sync against raw httpx + json.loads on the same target."""
    httpx_args: dict[str, Any] = {} if transport is None else {"transport": transport}
    client = Client(base_url=base_url, httpx_args=httpx_args)
    raw = httpx.Client(base_url=base_url, **httpx_args)
    name = BackendName(backend)
    path = f"/backends/{backend}"

    def client_call() -> object:
        return get_backend.sync(name, client=client)

    def raw_call() -> object:
        return json.loads(raw.get(path).content)

    # Both must really fetch the backend, or the timing means nothing.
    parsed = client_call()
    if not isinstance(parsed, Backend):
        raise TypeError(f"get_backend.sync on {base_url} returned {parsed!r}, not a Backend")
    if raw.get(path).status_code != 200:
        raise RuntimeError(f"GET {base_url}{path} did not answer 200")
    try:
        rates = interleaved({"client": client_call, "raw": raw_call}, rounds, round_s)
    finally:
        client.get_httpx_client().close()
        raw.close()
    return ClientFigures(target, rates["client"], rates["raw"])


def in_process(app_target: str, prefix: str, **kwargs: Any) -> ClientFigures:
    """The comparison against a WSGI app called in this process."""
    transport = httpx.WSGITransport(app=load_wsgi_app(app_target))
    return compare("in-process", f"http://fake{prefix}", transport=transport, **kwargs)


def over_socket(base_url: str, **kwargs: Any) -> ClientFigures:
    """The comparison against a running server."""
    return compare("socket", base_url, **kwargs)
