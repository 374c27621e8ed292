"""FakeIonQ: a running fake and everything a test does with it, in either mode.

`start_fake("wsgi")` builds the app in this process and reaches it through
an in-process httpx transport (fast, no port); `start_fake("socket")` runs
it on granian on a free port (real timeouts, real dropped connections).
Either way, a test gets the same handle: the base URL, clients pointed at
it (plain httpx and the generated ionq_client), and the admin API as
methods: backend state and characterizations, fault rules, the rate limit,
the request log, reset.
The pytest plugin (mock_server/harness/pytest_plugin.py) hands it out as fixtures;
use `start_fake` directly for another scope or outside pytest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import httpx

from ionq_contract.spec import base_path, load_spec
from mock_server.harness.transport import FakeTransport

Mode = Literal["wsgi", "socket"]
MODES: tuple[Mode, ...] = ("wsgi", "socket")
# The origin of the in-process fake: any name works, none that resolves is used.
WSGI_ORIGIN = "http://fake-ionq.test"
API_PREFIX = base_path(load_spec())  # /v0.4, from the servers of openapi.yaml
ADMIN_PREFIX = "/__admin"


class AdminError(RuntimeError):
    """The admin API refused a change; the message has its error body."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code}: {response.text}"
        )
        self.status_code = response.status_code
        self.body: Any = response.json() if response.content else None


class FakeIonQ:
    """A handle on one running fake IonQ: where it is, clients, and its admin API."""

    def __init__(
        self,
        mode: Mode,
        origin: str,
        app: Any = None,
        port: int | None = None,
        pid: int | None = None,
    ) -> None:
        self.mode = mode
        self.origin = origin
        self.base_url = origin + API_PREFIX
        self.app = app  # the Flask app in "wsgi" mode, else None
        self.port = port  # the port in "socket" mode, else None
        self.pid = pid  # the server process in "socket" mode, else None
        self._closables: list[Any] = []
        self._admin = self.http(base_url=origin + ADMIN_PREFIX, timeout=30.0)
        self._default_client: Any = None

    def for_test(self) -> FakeIonQ:
        """Another handle on the same fake, whose clients close with it (one per test)."""
        return FakeIonQ(self.mode, self.origin, self.app, self.port, self.pid)

    # Clients -----------------------------------------------------------------

    def transport(self) -> httpx.BaseTransport | None:
        """A new in-process transport ("wsgi"), or None to use the network ("socket")."""
        return FakeTransport(self.app) if self.app is not None else None

    def http(self, **options: Any) -> httpx.Client:
        """A plain httpx.Client for the API (`base_url` and the transport preset)."""
        options.setdefault("base_url", self.base_url)
        client = httpx.Client(transport=self.transport(), **options)
        self._closables.append(client)
        return client

    def new_client(self, api_key: str | None = None, **options: Any) -> Any:
        """A generated ionq_client client pointed at the fake: `public_client`, or
        `authenticated_client(api_key)`; options go to them (`timeout`, `headers`, ...)."""
        import ionq_client  # noqa: PLC0415 - the plugin works without the client installed

        transport = self.transport()
        if transport is not None:
            options["httpx_args"] = {**options.get("httpx_args", {}), "transport": transport}
        client: Any
        if api_key is None:
            client = ionq_client.public_client(self.base_url, **options)
        else:
            client = ionq_client.authenticated_client(api_key, self.base_url, **options)
        self._closables.append(client)
        return client

    @property
    def client(self) -> Any:
        """A public generated client pointed at the fake (made on first use)."""
        if self._default_client is None:
            self._default_client = self.new_client()
        return self._default_client

    def close(self) -> None:
        """Close every client this handle made."""
        for closable in reversed(self._closables):
            closable.__exit__(None, None, None)
        self._closables.clear()
        self._default_client = None

    # The admin API -----------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._admin.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise AdminError(response)
        return response.json() if response.content else None

    def reset(self) -> None:
        """Everything back to the start: fixtures, no jobs or sessions, no faults, the configured
        limit, no log."""
        self._call("POST", "/reset")

    def backend(self, name: str) -> dict[str, Any]:
        """The stored record of a backend."""
        return dict(self._call("GET", f"/backends/{name}"))

    def set_backend(self, name: str, **fields: Any) -> dict[str, Any]:
        """Change fields of a backend (None removes one); the result must keep the contract."""
        return dict(self._call("PATCH", f"/backends/{name}", json=fields))

    def remove_backend(self, name: str) -> None:
        """Forget a backend until the next reset: the API answers 404 for it."""
        self._call("DELETE", f"/backends/{name}")

    def characterization(self, name: str) -> dict[str, Any]:
        """The current (newest) characterization of a backend, as the API serves it."""
        return dict(self._call("GET", f"/backends/{name}/characterization"))

    def set_characterization(self, name: str, record: Mapping[str, Any]) -> dict[str, Any]:
        """Replace a backend's current characterization with `record` (`id` and `backend`
        may be left out); the result must keep the contract, its id and its backend."""
        return dict(self._call("PUT", f"/backends/{name}/characterization", json=dict(record)))

    def patch_characterization(self, name: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Merge `changes` (JSON Merge Patch: nested objects merge, None removes a field)
        into a backend's current characterization, e.g.
        `{"fidelity": {"2q": {"median": 0.95}}}`; the result must keep the contract."""
        return dict(self._call("PATCH", f"/backends/{name}/characterization", json=dict(changes)))

    def add_fault(  # noqa: PLR0913 - one keyword per field of a rule
        self,
        operation: str | None = None,
        *,
        delay_ms: float | Sequence[float] | None = None,
        error: int | str | None = None,
        rate: float = 1.0,
        sequence: Sequence[int | str] | None = None,
        seed: int | None = None,
        retry_after: int | None = None,
        times: int | None = None,
    ) -> dict[str, Any]:
        """Add a fault rule (see mock_server/controls/faults.py); the rule with its `id`.

        `error=503, rate=0.3` answers 503 to 30 % of the matched requests,
        `sequence=[503, 503]` fails the next two and lets the rest through,
        `delay_ms=200` or `delay_ms=(50, 300)` adds latency. Without
        `operation` the rule applies to every operation.
        """
        rule: dict[str, Any] = {"operation": operation}
        if delay_ms is not None:
            rule["delay_ms"] = delay_ms if isinstance(delay_ms, int | float) else list(delay_ms)
        if error is not None:
            rule["error"] = {"status": error, "rate": rate}
        if sequence is not None:
            rule["sequence"] = list(sequence)
        optional = {"seed": seed, "retry_after": retry_after, "times": times}
        rule.update({key: value for key, value in optional.items() if value is not None})
        return dict(self._call("POST", "/faults", json=rule))

    def faults(self) -> list[dict[str, Any]]:
        """The fault rules, each with how many requests it matched."""
        return list(self._call("GET", "/faults"))

    def remove_fault(self, rule_id: int) -> None:
        """Remove one fault rule."""
        self._call("DELETE", f"/faults/{rule_id}")

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self._call("DELETE", "/faults")

    def set_rate_limit(self, rate: float, burst: int | None = None) -> dict[str, Any]:
        """Limit every API key to `rate` requests per second, `burst` at once."""
        body: dict[str, Any] = {"rate": rate}
        if burst is not None:
            body["burst"] = burst
        return dict(self._call("PUT", "/rate-limit", json=body))

    def clear_rate_limit(self) -> None:
        """No rate limit."""
        self._call("DELETE", "/rate-limit")

    # Jobs ----------------------------------------------------------------------

    def jobs(self) -> list[dict[str, Any]]:
        """Every job of every key, newest first, as the API shows it, plus its key's `owner` id."""
        return list(self._call("GET", "/jobs"))

    def job(self, job_id: str) -> dict[str, Any]:
        """One job, whichever key it belongs to."""
        return dict(self._call("GET", f"/jobs/{job_id}"))

    def hold_jobs(self, hold: bool = True) -> None:
        """While on, every new job stays `ready` until complete_job, fail_job or cancel_job."""
        self._call("PUT", "/jobs/hold", json={"hold": hold})

    def fail_next_jobs(self, code: str, count: int = 1, message: str | None = None) -> None:
        """Make the next `count` jobs fail with IonQ's failure `code` (e.g. "TooManyGates")."""
        body: dict[str, Any] = {"code": code, "count": count}
        if message is not None:
            body["message"] = message
        self._call("POST", "/jobs/fail-next", json=body)

    def complete_job(self, job_id: str) -> dict[str, Any]:
        """Let a held job run; the job once it has finished (or after a couple of seconds)."""
        return dict(self._call("POST", f"/jobs/{job_id}/complete"))

    def fail_job(self, job_id: str, code: str, message: str | None = None) -> dict[str, Any]:
        """Fail an unfinished job with IonQ's failure `code`."""
        body: dict[str, Any] = {"code": code}
        if message is not None:
            body["message"] = message
        return dict(self._call("POST", f"/jobs/{job_id}/fail", json=body))

    def cancel_job(self, job_id: str) -> dict[str, Any]:
        """Cancel an unfinished job, whichever key it belongs to."""
        return dict(self._call("POST", f"/jobs/{job_id}/cancel"))

    def clear_jobs(self) -> None:
        """Forget every job."""
        self._call("DELETE", "/jobs")

    def sessions(self) -> list[dict[str, Any]]:
        """Every session of every key, newest first, each with `owner` (its key's id)."""
        return list(self._call("GET", "/sessions"))

    def clear_sessions(self) -> None:
        """Forget every session; their jobs stay."""
        self._call("DELETE", "/sessions")

    # The clock -----------------------------------------------------------------

    @property
    def clock(self) -> FakeClock:
        """The fake's one clock: `advance(seconds)`, `now`, `virtual`, `time_scale`."""
        return FakeClock(self._call)

    # The request log -----------------------------------------------------------

    def requests(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The requests the fake received (oldest first), the last `limit` if given."""
        params = {"limit": limit} if limit is not None else None
        return list(self._call("GET", "/requests", params=params))

    def clear_requests(self) -> None:
        """Forget the requests received so far."""
        self._call("DELETE", "/requests")


class FakeClock:
    """The clock of a fake, through its admin API (mock_server/api/clock.py says what it does).

    In the pytest plugin's fake, time is virtual: it stands still until
    `advance` moves it, and QPU jobs take no time until `time_scale` says
    how long, as a share of IonQ's (1: a 20-minute queue takes 20 minutes
    of the clock). The plugin's reset puts both back after each test.
    """

    def __init__(self, call: Any) -> None:
        self._call = call

    def state(self) -> dict[str, Any]:
        """`now`, `virtual`, `time_scale` and how many actions are `scheduled`."""
        return dict(self._call("GET", "/clock"))

    @property
    def now(self) -> datetime:
        """The fake's time now."""
        return datetime.fromisoformat(self.state()["now"])

    @property
    def virtual(self) -> bool:
        """Whether time moves only when `advance` says."""
        return bool(self.state()["virtual"])

    @virtual.setter
    def virtual(self, virtual: bool) -> None:
        self._call("PUT", "/clock", json={"virtual": virtual})

    @property
    def time_scale(self) -> float:
        """How long QPU queues and runs take, as a share of IonQ's (0: none)."""
        return float(self.state()["time_scale"])

    @time_scale.setter
    def time_scale(self, scale: float) -> None:
        self._call("PUT", "/clock", json={"time_scale": scale})

    def advance(self, seconds: float) -> datetime:
        """Move virtual time on by `seconds`: jobs start and complete, sessions run out, on
        the way; the new time."""
        moved = self._call("POST", "/clock/advance", json={"seconds": seconds})
        return datetime.fromisoformat(moved["now"])


@contextmanager
def start_fake(
    mode: Mode = "wsgi",
    *,
    fixtures: Path | str | None = None,
    config: Mapping[str, Any] | None = None,
    virtual_clock: bool = False,
) -> Iterator[FakeIonQ]:
    """A fake IonQ for the duration of the block, stopped (and its clients closed) after.

    `fixtures` is a directory of backend records as `ionq-mock serve --fixtures`
    takes it; `config` (in-process mode only) goes to create_app, e.g.
    `{"RATE_LIMIT": {"rate": 5, "burst": 5}}`; `virtual_clock` stops time
    until `fake.clock.advance` moves it (the pytest plugin's fake does).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if mode == "wsgi":
        from mock_server.app import create_app  # noqa: PLC0415 - only this mode needs Flask

        settings = {
            **({"VIRTUAL_CLOCK": True} if virtual_clock else {}),
            **(config or {}),
            **({"FIXTURES_DIR": fixtures} if fixtures else {}),
        }
        fake = FakeIonQ("wsgi", WSGI_ORIGIN, app=create_app(settings))
        try:
            yield fake
        finally:
            fake.close()
        return
    if config:
        raise ValueError("config applies to the in-process mode; use the admin API instead")
    from mock_server.harness.launcher import running_server  # noqa: PLC0415

    with running_server(
        Path(fixtures) if fixtures else None, virtual_clock=virtual_clock
    ) as server:
        fake = FakeIonQ("socket", server.origin, port=server.port, pid=server.process.pid)
        try:
            yield fake
        finally:
            fake.close()
