"""Every OpenAPI link of openapi.yaml resolves: followed by hand, each once, deterministically.

schemathesis' stateful phase follows links at random and may leave a rare
one out in a run (there are two dozen now, most on the job lifecycle); this
test follows every one of them. For each link it makes a real request of
the link's source operation, evaluates the link's `$response.body#/...`
expressions on that answer exactly as the OpenAPI rules say, sends the
target operation with those values (and the examples of the spec for its
other required parameters), and asserts that it succeeds. The client
checks every response against the spec.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import BELL_CIRCUIT, circuit_job
from ionq_contract.spec import load_spec

KEY = {"Authorization": "apiKey links-test-key"}
BELL = circuit_job(BELL_CIRCUIT, qubits=2, shots=100)
TWO_CIRCUITS: dict[str, Any] = {
    "type": "ionq.multi-circuit.v1",
    "backend": "simulator",
    "shots": 100,
    "input": {
        "gateset": "qis",
        "qubits": 2,
        "circuits": [
            {"circuit": BELL_CIRCUIT},
            {"circuit": [{"gate": "x", "target": 0}]},
        ],
    },
}


def _created(client: ContractClient, body: dict[str, Any]) -> str:
    job_id: str = client.post("/v0.4/jobs", json=body, headers=KEY).get_json()["id"]
    return job_id


@contextlib.contextmanager
def _held(client: ContractClient) -> Iterator[None]:
    """New jobs stay `ready` meanwhile (a job that completed can no longer be moved)."""
    admin = FlaskClient(client.application, client.application.response_class)
    admin.put("/__admin/jobs/hold", json={"hold": True})
    try:
        yield
    finally:
        admin.put("/__admin/jobs/hold", json={"hold": False})


def _session(client: ContractClient) -> TestResponse:
    return client.post("/v0.4/sessions", json={"backend": "simulator"}, headers=KEY)


def _moved(client: ContractClient) -> TestResponse:
    """A move of a job held `ready`."""
    with _held(client):
        return client.post(f"/v0.4/jobs/{_created(client, BELL)}/move", json={}, headers=KEY)


# How to get an answer of each source operation that has links, and the path
# values of that request (for `$request.path.<name>` expressions).
SOURCE_PATH = {"backend": "qpu.aria-1"}
SOURCES: dict[str, Callable[[ContractClient], TestResponse]] = {
    "getBackends": lambda c: c.get("/v0.4/backends"),
    "getBackend": lambda c: c.get("/v0.4/backends/qpu.aria-1"),
    "getCharacterizationsForBackend": lambda c: c.get(
        "/v0.4/backends/qpu.aria-1/characterizations"
    ),
    "getCharacterization": lambda c: c.get(
        "/v0.4/backends/qpu.aria-1/characterizations/"
        + c.get("/v0.4/backends/qpu.aria-1").get_json()["characterization_id"]
    ),
    "createJob": lambda c: c.post("/v0.4/jobs", json=BELL, headers=KEY),
    "getJob": lambda c: c.get(f"/v0.4/jobs/{_created(c, BELL)}", headers=KEY),
    "getJobs": lambda c: (_created(c, BELL), c.get("/v0.4/jobs", headers=KEY))[1],
    "cloneJob": lambda c: c.post(f"/v0.4/jobs/{_created(c, BELL)}/clone", headers=KEY),
    "moveJob": _moved,
    "getJobEstimate": lambda c: c.get("/v0.4/jobs/estimate?backend=qpu.aria-1", headers=KEY),
    "getJobProbabilities": lambda c: c.get(
        f"/v0.4/jobs/{_created(c, BELL)}/results/probabilities", headers=KEY
    ),
    "getJobAggregatedProbabilities": lambda c: c.get(
        f"/v0.4/jobs/{_created(c, TWO_CIRCUITS)}/results/probabilities/aggregated", headers=KEY
    ),
    "getJobHistogram": lambda c: c.get(
        f"/v0.4/jobs/{_created(c, BELL)}/results/histogram", headers=KEY
    ),
    "getJobShots": lambda c: c.get(f"/v0.4/jobs/{_created(c, BELL)}/results/shots", headers=KEY),
    "createSession": _session,
}
# Links whose target only answers for a multi-circuit parent: followed from one.
MULTI_CIRCUIT_TARGETS = {"getJobAggregatedProbabilities"}
# Links whose target only answers 2xx for an unfinished job: followed with jobs held.
HELD_TARGETS = {"moveJob"}


def _operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path, operation), from the spec itself."""
    found = {}
    for path, item in load_spec()["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (method.upper(), path, operation)
    return found


def _links() -> list[tuple[str, str, dict[str, Any]]]:
    links = []
    for operation_id, (_method, _path, operation) in _operations().items():
        for status, response in operation["responses"].items():
            if not str(status).startswith("2"):
                continue
            for name, link in response.get("links", {}).items():
                links.append((operation_id, name, link))
    return links


def _evaluate(expression: str, body: Any) -> Any:
    """A runtime expression of the forms this spec uses: `$request.path.<name>`, or
    `$response.body#/json/pointer` (RFC 6901) on the source's JSON body; or a constant
    (a result's format, for the link to its schema)."""
    if not expression.startswith("$"):
        return expression
    if expression.startswith("$request.path."):
        return SOURCE_PATH[expression.removeprefix("$request.path.")]
    prefix = "$response.body#"
    assert expression.startswith(prefix), expression
    node = body
    for token in expression[len(prefix) :].split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def test_every_source_of_a_link_can_be_answered() -> None:
    assert {source for source, _, _ in _links()} == set(SOURCES)


@pytest.mark.parametrize(
    ("source", "name", "link"), _links(), ids=[f"{s}-{n}" for s, n, _ in _links()]
)
def test_the_link_resolves(
    client: ContractClient, source: str, name: str, link: dict[str, Any]
) -> None:
    target = link["operationId"]
    held = _held(client) if target in HELD_TARGETS else contextlib.nullcontext()
    with held:
        _follow(client, source, name, link)


def _follow(client: ContractClient, source: str, name: str, link: dict[str, Any]) -> None:
    target = link["operationId"]
    if target in MULTI_CIRCUIT_TARGETS:
        answer = client.get(f"/v0.4/jobs/{_created(client, TWO_CIRCUITS)}", headers=KEY)
    else:
        answer = SOURCES[source](client)
    assert 200 <= answer.status_code < 300, answer.get_data(as_text=True)
    method, path, operation = _operations()[target]
    query = {
        parameter["name"]: parameter["example"]
        for parameter in operation.get("parameters", [])
        if "$ref" not in parameter
        and parameter["in"] == "query"
        and parameter["required"]
        and parameter["name"] not in link["parameters"]
    }
    for parameter, expression in link["parameters"].items():
        value = _evaluate(expression, answer.get_json())
        assert value is not None, f"{name}: {expression} is null in {answer.get_json()}"
        if "{" + parameter + "}" in path:
            path = path.replace("{" + parameter + "}", str(value))
        else:
            query[parameter] = value
    followed = client.open("/v0.4" + path, method=method, query_string=query, headers=KEY)
    assert 200 <= followed.status_code < 300, (name, followed.get_data(as_text=True))
