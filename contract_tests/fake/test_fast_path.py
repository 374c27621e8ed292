"""The fast path answers exactly what the whole pipeline answers.

Two apps from the same fixtures, the fast path on in one and off in the
other, get the same random interleaving of reads (every pure read, HEAD,
`Prefer`, other keys, bad names), job submissions, cancels and deletes,
admin changes of backends and characterizations, fault rules, rate limits,
job controls and resets. Every answer must be the same in status, headers and body, and the
request logs must say the same (but for the times). Job ids and the jobs'
clock are made the same in both apps, so that their documents can be
compared byte for byte.

Hypothesis runs it derandomized (the `ci` profile of contract_tests/conftest.py).
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract_tests.fake.support import BELL, circuit_job
from ionq_contract.operations import read_operations
from ionq_contract.spec import load_spec
from mock_server.api import CLOCK_READS, PURE_READS
from mock_server.api import state as api
from mock_server.api.keys import key_id, organization_of
from mock_server.app import create_app
from mock_server.controls import state as controls
from mock_server.controls.ratelimit import Limit
from mock_server.front.answers import AnswerCache
from mock_server.front.middleware import Front

KEYS: tuple[str | None, ...] = ("apiKey alpha-key", "apiKey beta-key", None, "Bearer nope")
ONE_QUBIT = circuit_job([{"gate": "rx", "target": 0, "rotation": 0.3}], qubits=1, shots=100)
QPU_JOB = circuit_job([{"gate": "x", "target": 0}], qubits=1, backend="qpu.aria-1", shots=50)
RESULTS = ("probabilities", "histogram", "shots")


class _Clock:
    """A jobs clock that moves one second per reading, the same in both apps."""

    def __init__(self) -> None:
        self._ticks = itertools.count()

    def __call__(self) -> datetime:
        return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=next(self._ticks))


def _app(*, fast_path: bool) -> Flask:
    app = create_app({"FAST_PATH": fast_path})
    jobs = app.extensions[api.EXTENSION].jobs
    jobs.clock = _Clock()
    numbers = itertools.count(1)
    jobs.new_id = lambda: str(uuid.UUID(int=next(numbers)))
    return app


@dataclass(frozen=True)
class Call:
    """One request: what to send."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None


def _headers(key: str | None, **more: str) -> dict[str, str]:
    headers = dict(more)
    if key is not None:
        headers["Authorization"] = key
    return headers


def _job_path(index: int) -> str:
    # Ids are uuid.UUID(int=n) in both apps: 1..n are jobs (or their children), beyond none.
    return f"/v0.4/jobs/{uuid.UUID(int=index)}"


ALPHA, BETA = KEYS[0], KEYS[1]
# alpha's organization's usage over the days the jobs' clock runs in.
ALPHA_USAGE = (
    f"/v0.4/organizations/{organization_of(key_id(ALPHA or ''))}/usage"
    "?start_date=2026-01-01&end_date=2026-01-02&group_by=job&modality=daily"
)
# aria-1's current characterization: in the API, and in the admin API.
ARIA_CURRENT = "/v0.4/backends/qpu.aria-1/characterizations/617a1f8b-59d4-435d-aa33-695433d7155e"
ADMIN_CHARACTERIZATION = "/__admin/backends/qpu.aria-1/characterization"
# Reads in families that share a URL (or a kept answer's key, but for what
# must keep them apart: the key, a `Prefer`, a body, HEAD). A step sends a
# whole family in a random order, so a read is repeated before and after
# each kind of change, and next to each of its variants: where a fast path
# goes wrong.
FAMILIES: tuple[tuple[Call, ...], ...] = (
    (
        Call("GET", "/v0.4/backends/qpu.aria-1"),
        Call("GET", "/v0.4/backends/qpu.aria-1"),
        Call("GET", "/v0.4/backends/qpu.aria-1", _headers(ALPHA)),
        Call("HEAD", "/v0.4/backends/qpu.aria-1"),
        Call("GET", "/v0.4/backends/qpu.aria-1", _headers(None, Prefer="code=404")),
        Call("GET", "/v0.4/backends/qpu.aria-1", _headers(None, Prefer="code=404")),
        Call("GET", "/v0.4/backends/qpu.aria-1", _headers(ALPHA, Prefer="example=degraded")),
        Call("GET", "/v0.4/backends/qpu.aria-1", _headers(None, Prefer="delay=1")),
        Call("GET", "/v0.4/backends/qpu.aria-1", _headers(None, Prefer="code=999")),
    ),
    (
        Call("GET", "/v0.4/backends"),
        Call("GET", "/v0.4/backends/qpu.forte-1"),
        Call("GET", "/v0.4/backends/qpu.nonexistent-9"),
    ),
    (
        Call("GET", "/v0.4/backends/qpu.aria-1/characterizations?limit=2"),
        Call("GET", "/v0.4/backends/qpu.aria-1/characterizations?limit=0"),
        Call("GET", "/v0.4/backends/qpu.aria-1/characterizations?limit=2"),
        Call("GET", ARIA_CURRENT),
        Call("GET", ARIA_CURRENT),
    ),
    tuple(Call("GET", "/v0.4/whoami", _headers(key)) for key in KEYS),
    (
        Call("GET", "/v0.4/jobs", _headers(ALPHA)),
        Call("GET", "/v0.4/jobs", _headers(ALPHA)),
        Call("GET", "/v0.4/jobs", _headers(BETA)),
        Call("GET", "/v0.4/jobs", _headers(ALPHA), json={"limit": 1}),
        Call("GET", "/v0.4/jobs?limit=1&status=completed", _headers(ALPHA)),
    ),
    *(
        tuple(Call("GET", _job_path(i), _headers(key)) for key in (ALPHA, ALPHA, BETA))
        for i in (1, 2, 3)
    ),
    (
        *(Call("GET", f"{_job_path(1)}/results/{kind}", _headers(ALPHA)) for kind in RESULTS),
        Call("GET", f"{_job_path(1)}/results/probabilities", _headers(BETA)),
        Call("GET", f"{_job_path(1)}/results/probabilities/aggregated", _headers(ALPHA)),
        Call("GET", f"{_job_path(1)}/cost", _headers(ALPHA)),
        Call("GET", f"{_job_path(2)}/results/probabilities", _headers(ALPHA)),
    ),
    (
        Call("GET", ALPHA_USAGE, _headers(ALPHA)),
        Call("GET", ALPHA_USAGE, _headers(ALPHA)),
        Call("GET", ALPHA_USAGE, _headers(BETA)),
        Call("GET", ALPHA_USAGE.replace("daily", "monthly"), _headers(ALPHA)),
        Call("GET", ALPHA_USAGE.replace("job", "user"), _headers(ALPHA)),
    ),
)
CHANGES = (
    Call("POST", "/v0.4/jobs", _headers(ALPHA), json=BELL),
    Call("POST", "/v0.4/jobs", _headers(ALPHA), json=ONE_QUBIT),
    Call("POST", "/v0.4/jobs", _headers(BETA), json=BELL),
    Call("POST", "/v0.4/jobs", _headers(ALPHA), json=QPU_JOB),
    Call("POST", "/v0.4/jobs", _headers(ALPHA), json={"type": "ionq.circuit.v1"}),
    Call("PUT", f"{_job_path(1)}/status/cancel", _headers(ALPHA)),
    Call("POST", f"{_job_path(1)}/move", _headers(ALPHA), json={"shots": 10}),
    Call("DELETE", _job_path(1), _headers(ALPHA)),
    Call("DELETE", _job_path(2), _headers(BETA)),
    Call("PATCH", "/__admin/backends/qpu.aria-1", json={"status": "unavailable"}),
    Call("PATCH", "/__admin/backends/qpu.aria-1", json={"status": "available"}),
    Call("DELETE", "/__admin/backends/qpu.forte-1"),
    Call("PATCH", ADMIN_CHARACTERIZATION, json={"fidelity": {"2q": {"median": 0.95}}}),
    Call("PATCH", ADMIN_CHARACTERIZATION, json={"qubits": 0}),
    Call("POST", "/__admin/reset"),
    Call("POST", "/__admin/faults", json={"operation": "getBackend", "sequence": ["pass", 503]}),
    Call("POST", "/__admin/faults", json={"error": {"status": 500, "rate": 0.5}, "seed": 7}),
    Call("DELETE", "/__admin/faults"),
    Call("PUT", "/__admin/rate-limit", json={"rate": 0.001, "burst": 1}),
    Call("DELETE", "/__admin/rate-limit"),
    Call("PUT", "/__admin/jobs/hold", json={"hold": True}),
    Call("PUT", "/__admin/jobs/hold", json={"hold": False}),
    Call("POST", f"/__admin/jobs/{uuid.UUID(int=1)}/complete"),
    Call("DELETE", "/__admin/requests"),
)

steps = st.tuples(
    st.one_of(st.none(), st.sampled_from(CHANGES)),
    st.sampled_from(FAMILIES).flatmap(st.permutations),
)
calls = st.lists(steps, min_size=3, max_size=25).map(
    lambda chosen: [
        call
        for change, family in chosen
        for call in ((change,) if change is not None else ()) + tuple(family)
    ]
)


def _answers(app: Flask) -> AnswerCache:
    """The table of kept answers of an app with the fast path on."""
    front = app.wsgi_app
    assert isinstance(front, Front)
    assert front.answers is not None
    return front.answers


def _send(client: FlaskClient, call: Call) -> tuple[int, list[tuple[str, str]], bytes]:
    response = client.open(call.path, method=call.method, headers=call.headers, json=call.json)
    return response.status_code, list(response.headers.items()), response.get_data()


def _log(client: FlaskClient) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = client.get("/__admin/requests").get_json()
    return [
        {k: v for k, v in entry.items() if k not in {"time", "duration_ms"}} for entry in entries
    ]


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(calls)
def test_every_request_is_answered_alike_with_the_fast_path_on_and_off(calls: list[Call]) -> None:
    fast, full = _app(fast_path=True), _app(fast_path=False)
    fast_client, full_client = fast.test_client(), full.test_client()
    for number, call in enumerate(calls):
        answered = _send(fast_client, call)
        expected = _send(full_client, call)
        assert answered == expected, f"request {number}: {call}"
    assert _log(fast_client) == _log(full_client)


def _fault_rule(app: Flask) -> None:
    app.extensions[controls.EXTENSION].faults.add({"operation": "getBackend", "sequence": [503]})


def _rate_limit(app: Flask) -> None:
    app.extensions[controls.EXTENSION].rate_limit.configure(Limit(rate=0.001, burst=1))


def _edit_backend(app: Flask) -> None:
    app.extensions[api.EXTENSION].backends.patch("qpu.aria-1", {"status": "unavailable"})


def _edit_characterization(app: Flask) -> None:
    app.extensions[api.EXTENSION].characterizations.patch("qpu.aria-1", {"qubits": 3})


def _reset_characterizations(app: Flask) -> None:
    app.extensions[api.EXTENSION].characterizations.reset()


ARIA = Call("GET", "/v0.4/backends/qpu.aria-1")
JOBS_OF_ALPHA = Call("GET", "/v0.4/jobs", _headers(ALPHA))
Step = Call | Callable[[Flask], None]

# Each: a kept answer, then what must keep the last read from being served it.
# Changes made straight on the controls and stores, not by a request, so that
# no request bumps the revision on the way.
NEVER_SERVED_KEPT: dict[str, tuple[Step, ...]] = {
    "a Prefer header": (ARIA, Call("GET", ARIA.path, {"Prefer": "code=404"})),
    "another Prefer": (
        Call("GET", ARIA.path, {"Prefer": "code=404"}),
        Call("GET", ARIA.path, {"Prefer": "code=400"}),
    ),
    "HEAD after GET": (ARIA, Call("HEAD", ARIA.path)),
    "another key": (
        Call("POST", "/v0.4/jobs", _headers(ALPHA), json=BELL),
        Call("GET", _job_path(1), _headers(ALPHA)),
        Call("GET", _job_path(1), _headers(BETA)),
    ),
    "a GET with a body": (
        Call("POST", "/v0.4/jobs", _headers(ALPHA), json=BELL),
        Call("POST", "/v0.4/jobs", _headers(ALPHA), json=BELL),
        JOBS_OF_ALPHA,
        Call("GET", JOBS_OF_ALPHA.path, _headers(ALPHA), json={"limit": 1}),
    ),
    "a fault rule": (ARIA, _fault_rule, ARIA),
    "a rate limit": (ARIA, _rate_limit, ARIA, ARIA),
    "a store's own change": (ARIA, _edit_backend, ARIA),
    "a characterization's change": (
        Call("GET", ARIA_CURRENT),
        _edit_characterization,
        Call("GET", ARIA_CURRENT),
    ),
    "a characterization's reset": (
        _edit_characterization,
        Call("GET", ARIA_CURRENT),
        _reset_characterizations,
        Call("GET", ARIA_CURRENT),
    ),
}


@pytest.mark.parametrize("steps", NEVER_SERVED_KEPT.values(), ids=NEVER_SERVED_KEPT.keys())
def test_a_kept_answer_is_not_served_when_the_request_or_state_says_otherwise(
    steps: tuple[Step, ...],
) -> None:
    fast, full = _app(fast_path=True), _app(fast_path=False)
    answers: dict[str, list[tuple[int, list[tuple[str, str]], bytes]]] = {"fast": [], "full": []}
    for name, app in (("fast", fast), ("full", full)):
        client = app.test_client()
        for step in steps:
            if isinstance(step, Call):
                answers[name].append(_send(client, step))
            else:
                step(app)
    assert answers["fast"] == answers["full"]
    # And the case is one: the last answer is not the one kept just before it.
    assert answers["full"][-1] != answers["full"][-2]


def test_the_fast_path_serves_again_and_forgets_on_a_change() -> None:
    """The equivalence above would pass with a fast path that keeps nothing: it keeps."""
    app = _app(fast_path=True)
    answers = _answers(app)
    client = app.test_client()
    first = client.get("/v0.4/backends/qpu.aria-1")
    assert len(answers) == 1
    again = client.get("/v0.4/backends/qpu.aria-1")
    assert again.get_data() == first.get_data()
    assert len(answers) == 1
    client.patch("/__admin/backends/qpu.aria-1", json={"status": "unavailable"})
    changed = client.get("/v0.4/backends/qpu.aria-1")
    assert changed.get_json()["status"] == "unavailable"
    assert len(answers) == 1  # the old revision's table is gone


@pytest.mark.parametrize(
    ("prefer", "kept"),
    [("code=404", True), ("example=degraded", True), ("code=999", True), ("delay=1", False)],
)
def test_a_scenario_is_kept_only_when_it_answers_a_documented_example_or_a_400(
    prefer: str, kept: bool
) -> None:
    app = _app(fast_path=True)
    answers = _answers(app)
    client = app.test_client()
    first = client.get(ARIA.path, headers={"Prefer": prefer})
    assert len(answers) == int(kept)
    again = client.get(ARIA.path, headers={"Prefer": prefer})
    assert (again.status_code, again.get_data()) == (first.status_code, first.get_data())
    logged = client.get("/__admin/requests").get_json()
    assert [entry["scenario"] for entry in logged] == [
        entry["scenario"] for entry in logged[:1]
    ] * 2


def test_nothing_is_kept_over_http2_where_a_get_may_carry_a_body_without_a_length() -> None:
    app = _app(fast_path=True)
    answers = _answers(app)
    client = app.test_client()
    assert client.get(ARIA.path, environ_overrides={"SERVER_PROTOCOL": "HTTP/2"}).status_code == 200
    assert len(answers) == 0
    assert client.get(ARIA.path).status_code == 200
    assert len(answers) == 1


def test_a_job_that_moves_on_its_own_is_never_served_stale() -> None:
    """Changes no request makes: a backend edited in the store, a job run by the runner."""
    app = _app(fast_path=True)
    state = app.extensions[api.EXTENSION]
    client = app.test_client()
    key = {"Authorization": "apiKey alpha-key"}
    client.patch("/__admin/backends/qpu.aria-1", json={"status": "unavailable"})
    job_id = client.post("/v0.4/jobs", json=QPU_JOB, headers=key).get_json()["id"]
    assert client.get(f"/v0.4/jobs/{job_id}", headers=key).get_json()["status"] == "ready"
    assert client.get(f"/v0.4/jobs/{job_id}", headers=key).get_json()["status"] == "ready"
    state.backends.patch("qpu.aria-1", {"status": "available"})
    assert state.jobs.wait_finished(job_id, timeout_s=10)
    assert client.get(f"/v0.4/jobs/{job_id}", headers=key).get_json()["status"] == "completed"
    assert client.get("/v0.4/backends/qpu.aria-1").get_json()["status"] == "available"


def test_results_polled_while_a_wide_job_runs_are_there_the_moment_it_completes() -> None:
    """A job wide enough for the runner's own thread completes between two polls."""
    app = _app(fast_path=True)
    client = app.test_client()
    key = {"Authorization": "apiKey alpha-key"}
    wide = circuit_job([{"gate": "h", "target": q} for q in range(16)] * 5, qubits=16, shots=10)
    job_id = client.post("/v0.4/jobs", json=wide, headers=key).get_json()["id"]
    polls_before = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        shots = client.get(f"/v0.4/jobs/{job_id}/results/shots", headers=key)
        if client.get(f"/v0.4/jobs/{job_id}", headers=key).get_json()["status"] == "completed":
            break
        assert shots.status_code == 404
        polls_before += 1
    assert polls_before > 0, "the job completed before it could be polled: make it wider"
    assert client.get(f"/v0.4/jobs/{job_id}/results/shots", headers=key).status_code == 200


def test_one_keys_answer_is_never_served_for_another() -> None:
    app = _app(fast_path=True)
    client = app.test_client()
    alpha, beta = {"Authorization": "apiKey alpha-key"}, {"Authorization": "apiKey beta-key"}
    job_id = client.post("/v0.4/jobs", json=BELL, headers=alpha).get_json()["id"]
    assert client.get(f"/v0.4/jobs/{job_id}", headers=alpha).status_code == 200
    assert client.get(f"/v0.4/jobs/{job_id}", headers=beta).status_code == 404
    assert (
        client.get("/v0.4/whoami", headers=alpha).get_json()
        != client.get("/v0.4/whoami", headers=beta).get_json()
    )


@pytest.mark.parametrize(
    "operation",
    sorted(op.operation_id for op in read_operations(load_spec()) if op.method == "GET"),
)
def test_every_read_of_the_spec_is_declared_pure_or_not(operation: str) -> None:
    assert (operation in PURE_READS) != (operation in CLOCK_READS)
