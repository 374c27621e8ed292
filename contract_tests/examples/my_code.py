"""The `my_code` of the docs' pytest examples: a small module of the kind a reader has.

README.md, docs/jobs.md and docs/testing.md show pytest files that test "your
own module" against the fake; test_pytest_examples.py runs them with this
module beside them, so every call they make must exist and behave as they
assume. It is written as a user would write it, not for the fake: plain
httpx for jobs (it remembers which base URL each job went to, so that
`poll_once(job_id)` needs none), the generated client for backends, retries
for 5xx answers and Retry-After for 429s.
"""

from __future__ import annotations

import os
import time
from typing import Any

import httpx
from ionq_client import AuthenticatedClient, Client
from ionq_client.api.backends import get_backend
from ionq_client.models import Backend, BackendName

API_KEY = os.environ.get("IONQ_API_KEY", "my-key")
BELL = {
    "type": "ionq.circuit.v1",
    "backend": "simulator",
    "shots": 1000,
    "input": {
        "gateset": "qis",
        "qubits": 2,
        "circuit": [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}],
    },
}
# IonQ's v0.4 statuses, as this module reports them (v0.3 said "queued").
STATUSES = {"submitted": "queued", "ready": "queued", "started": "running"}
RETRIED = frozenset({429, 500, 502, 503})
ATTEMPTS = 4
POLL_S = 0.05

_base_urls: dict[str, str] = {}  # job id -> where it was submitted


class JobFailed(RuntimeError):  # noqa: N818 - the name the docs' examples use
    """A job ended without results: failed (with IonQ's failure code) or canceled."""


class BackendUnavailableError(RuntimeError):
    """A backend could not be read, even after retries."""


def _http(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url, headers={"Authorization": f"apiKey {API_KEY}"}, timeout=10.0
    )


def _call(job_id: str, method: str, path: str = "") -> Any:
    with _http(_base_urls[job_id]) as http:
        response = http.request(method, f"/jobs/{job_id}{path}")
    response.raise_for_status()
    return response.json()


def submit_bell(base_url: str) -> str:
    """Submit a Bell circuit to the simulator; the job's id."""
    with _http(base_url) as http:
        response = http.post("/jobs", json=BELL)
    response.raise_for_status()
    job_id = str(response.json()["id"])
    _base_urls[job_id] = base_url
    return job_id


def poll_once(job_id: str) -> str:
    """The job's status: queued, running, completed, failed or canceled."""
    status = str(_call(job_id, "GET")["status"])
    return STATUSES.get(status, status)


def wait(job_id: str, timeout: float) -> dict[str, float]:
    """The job's probabilities once it completes; JobFailed if it ends otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        job = _call(job_id, "GET")
        if job["status"] == "completed":
            probabilities: dict[str, float] = _call(job_id, "GET", "/results/probabilities")
            return probabilities
        if job["status"] == "failed":
            failure = job.get("failure") or {}
            raise JobFailed(f"job {job_id} failed: {failure.get('code')}: {failure.get('message')}")
        if job["status"] == "canceled":
            raise JobFailed(f"job {job_id} was canceled")
        if time.monotonic() > deadline:
            raise TimeoutError(f"job {job_id} is still {job['status']} after {timeout} s")
        time.sleep(POLL_S)


def run_bell(base_url: str, timeout: float = 30.0) -> dict[str, float]:
    """Submit a Bell circuit and wait for its probabilities."""
    return wait(submit_bell(base_url), timeout)


def cancel(job_id: str) -> None:
    """Cancel a job this module submitted."""
    _call(job_id, "PUT", "/status/cancel")


def get_backend_with_retries(name: str, client: Client | AuthenticatedClient) -> Backend:
    """A backend's record, retrying 429 and 5xx answers: after Retry-After seconds when
    the answer says, otherwise after a short exponential backoff."""
    for attempt in range(ATTEMPTS):
        response = get_backend.sync_detailed(BackendName(name), client=client)
        if isinstance(response.parsed, Backend):
            return response.parsed
        if response.status_code not in RETRIED or attempt == ATTEMPTS - 1:
            break
        retry_after = response.headers.get("Retry-After")
        time.sleep(float(retry_after) if retry_after else 0.05 * 2**attempt)
    raise BackendUnavailableError(f"{name}: {response.status_code} {response.content!r}")


def fetch_twice(client: Client | AuthenticatedClient) -> tuple[Backend, Backend]:
    """qpu.aria-1's record twice in a row, as a dashboard refresh would: under a rate
    limit the second one waits as long as Retry-After says."""
    return (
        get_backend_with_retries("qpu.aria-1", client),
        get_backend_with_retries("qpu.aria-1", client),
    )
