"""The fake runs jobs: their life, their results, who may see them, how they fail.

Every expected value is worked out here: probabilities from the circuit's
algebra, gate counts by hand, costs from rate-cards.json, limits from the
backend fixtures and the keys from openapi.yaml. The client checks every
answer against the spec besides.
"""

from __future__ import annotations

import base64
import math
import random
import re
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask
from openapi_schema_validator import OAS30Validator

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    ADMIN_JOBS,
    BELL,
    BELL_CIRCUIT,
    JOBS,
    AppFactory,
    admin,
    circuit_job,
    fixture_record,
    get_job,
    key_header,
    rate_cards,
    result,
    schema_required,
    submit,
    wait_for_job,
)
from ionq_contract.spec import component_schema, load_spec

KEY = "jobs-test-key-4711"
OTHER = "jobs-other-key-0815"
BELL_PROBABILITIES = {"0": 0.5, "3": 0.5}
RESULT_KINDS = ("probabilities", "histogram", "shots")
# How long a job of the background lane may take to finish on a loaded machine.
BACKGROUND_DEADLINE_S = 180.0
# For a sampled count: at most Z standard deviations from n*p. A two-sided normal
# tail beyond 5 sd has probability 5.7e-7 (Binomial tails at these n and p are
# of the same order), so a correct fake trips one check in ~1.7 million.
Z = 5.0


def client_of(app: Flask) -> ContractClient:
    test_client = app.test_client()
    assert isinstance(test_client, ContractClient)
    return test_client


def hold(client: ContractClient, on: bool = True) -> None:
    response = admin(client).put(f"{ADMIN_JOBS}/hold", json={"hold": on})
    assert response.status_code == 200
    assert response.get_json()["hold"] is on


def assert_not_found(response: Any) -> None:
    """IonQ's 404 body."""
    assert response.status_code == 404
    body = response.get_json()
    assert body["statusCode"] == 404
    assert body["error"] == "Not Found Error"
    assert isinstance(body["message"], str)
    assert body["message"]


def assert_every_job_operation_not_found(
    client: ContractClient, job_id: str, headers: dict[str, str]
) -> None:
    """Each operation on one job, its results and cost included, answers 404 to `headers`."""
    assert_not_found(client.get(f"{JOBS}/{job_id}", headers=headers))
    for kind in RESULT_KINDS:
        assert_not_found(client.get(f"{JOBS}/{job_id}/results/{kind}", headers=headers))
    assert_not_found(client.get(f"{JOBS}/{job_id}/cost", headers=headers))
    assert_not_found(client.put(f"{JOBS}/{job_id}/status/cancel", headers=headers))
    assert_not_found(client.post(f"{JOBS}/{job_id}/clone", headers=headers))
    assert_not_found(client.post(f"{JOBS}/{job_id}/move", headers=headers))
    assert_not_found(client.delete(f"{JOBS}/{job_id}", headers=headers))


def assert_probabilities(served: dict[str, float], expected: dict[str, float]) -> None:
    assert sorted(served) == sorted(expected)
    for state, p in expected.items():
        assert served[state] == pytest.approx(p, abs=1e-12), state


def listed_ids(client: ContractClient, query: str = "", key: str = KEY) -> list[str]:
    response = client.get(f"{JOBS}{query}", headers=key_header(key))
    assert response.status_code == 200
    return [job["id"] for job in response.get_json()["jobs"]]


# -- lifecycle ------------------------------------------------------------------------------


def test_a_job_is_submitted_then_completed_with_every_required_key(
    client: ContractClient,
) -> None:
    response = client.post(JOBS, json=BELL, headers=key_header(KEY))
    assert response.status_code == 201
    created = response.get_json()
    assert set(created) == {"id", "status", "session_id"}
    assert created["status"] == "submitted"
    assert created["session_id"] is None
    job_id = created["id"]
    assert str(uuid.UUID(job_id)) == job_id

    job = get_job(client, job_id, KEY)  # the first poll
    assert job["status"] == "completed"
    assert set(schema_required("Job")) <= set(job)
    assert job["id"] == job_id
    assert job["type"] == "ionq.circuit.v1"
    assert job["backend"] == "simulator"
    assert job["failure"] is None
    assert job["parent_job_id"] is None
    assert job["child_job_ids"] is None
    assert job["started_at"] is not None
    assert job["completed_at"] is not None
    # The ideal simulator: URLs of the three kinds, and its distribution by format.
    assert set(job["results"]) == {
        *RESULT_KINDS,
        "ionq.result.probabilities.json.v1",
        "ionq.result.probabilities.json.v2",
    }
    for kind in RESULT_KINDS:
        url = job["results"][kind]["url"]
        assert url.startswith(f"/v0.4/jobs/{job_id}/results/")
        assert client.get(url, headers=key_header(KEY)).status_code == 200
    assert_probabilities(result(client, job_id, KEY, "probabilities"), BELL_PROBABILITIES)


def open_session(client: ContractClient, backend: str = "simulator") -> str:
    """POST /sessions for KEY; the new session's id (contract_tests/fake/test_sessions.py tests
    the sessions themselves)."""
    response = client.post("/v0.4/sessions", json={"backend": backend}, headers=key_header(KEY))
    assert response.status_code == 201
    session_id: str = response.get_json()["id"]
    return session_id


def test_a_session_id_is_echoed(client: ContractClient) -> None:
    session = open_session(client)
    response = client.post(JOBS, json={**BELL, "session_id": session}, headers=key_header(KEY))
    assert response.get_json()["session_id"] == session
    job_id = response.get_json()["id"]
    assert get_job(client, job_id, KEY)["session_id"] == session
    assert listed_ids(client, f"?session_id={session}") == [job_id]


THIRD = math.pi / 3  # ry(pi/3)|0> = cos(pi/6)|0> + sin(pi/6)|1>: P(1) = 1/4


@pytest.mark.parametrize(
    ("circuit", "qubits", "expected"),
    [
        pytest.param(BELL_CIRCUIT, 2, BELL_PROBABILITIES, id="bell"),
        pytest.param(
            [{"gate": "h", "targets": [0]}, {"gate": "x", "targets": [1], "controls": [0]}],
            2,
            BELL_PROBABILITIES,
            id="bell-as-qiskit-writes-it",
        ),
        pytest.param([{"gate": "x", "target": 0}], 2, {"1": 1.0}, id="x-on-qubit-0"),
        pytest.param([{"gate": "x", "target": 1}], 2, {"2": 1.0}, id="x-on-qubit-1"),
        pytest.param(
            [{"gate": "ry", "target": 0, "rotation": THIRD}],
            2,
            {"0": 0.75, "1": 0.25},
            id="ry-pi-3",
        ),
        pytest.param(
            [{"gate": "h", "target": q} for q in range(3)],
            3,
            {str(s): 1 / 8 for s in range(8)},
            id="uniform-3",
        ),
        pytest.param([], 3, {"0": 1.0}, id="empty"),
    ],
)
def test_the_simulator_serves_exact_probabilities(
    client: ContractClient, circuit: list[dict[str, Any]], qubits: int, expected: dict[str, float]
) -> None:
    job_id = submit(client, circuit_job(circuit, qubits=qubits), KEY)
    assert get_job(client, job_id, KEY)["status"] == "completed"
    assert_probabilities(result(client, job_id, KEY, "probabilities"), expected)


def test_a_qpu_serves_counts_over_its_shots(client: ContractClient) -> None:
    shots = 1000
    circuit = [{"gate": "h", "target": q} for q in range(3)]
    job_id = submit(client, circuit_job(circuit, qubits=3, backend="qpu.aria-1", shots=shots), KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["status"] == "completed"
    assert job["shots"] == shots
    probabilities = result(client, job_id, KEY, "probabilities")
    histogram = result(client, job_id, KEY, "histogram")
    shot_list = result(client, job_id, KEY, "shots")
    for p in probabilities.values():
        assert p * shots == pytest.approx(round(p * shots), abs=1e-9)  # a multiple of 1/shots
    assert sum(histogram.values()) == shots
    assert histogram == {state: round(p * shots) for state, p in probabilities.items()}
    assert set(histogram) <= {str(s) for s in range(8)}
    assert len(shot_list) == shots
    assert Counter(shot_list) == Counter(histogram)


def _noisy_uniform(seed: int, shots: int = 1000) -> dict[str, Any]:
    circuit = [{"gate": "h", "target": q} for q in range(4)]
    return circuit_job(circuit, qubits=4, shots=shots, noise={"model": "aria-1", "seed": seed})


def test_a_noise_seed_repeats_the_draws_in_another_app(make_app: AppFactory) -> None:
    def draws(app: Flask, seed: int) -> tuple[dict[str, int], list[str]]:
        client = client_of(app)
        job_id = submit(client, _noisy_uniform(seed), KEY)
        assert wait_for_job(client, job_id, KEY)["status"] == "completed"
        return result(client, job_id, KEY, "histogram"), result(client, job_id, KEY, "shots")

    first, second = make_app(), make_app()
    histogram, shots = draws(first, 7)
    assert sum(histogram.values()) == 1000
    assert draws(second, 7) == (histogram, shots)
    assert draws(first, 7) == (histogram, shots)
    other_histogram, _ = draws(second, 8)
    assert other_histogram != histogram


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_sampled_counts_follow_the_circuit(client: ContractClient, seed: int) -> None:
    """ry(pi/3) on qubit 0 and h on qubit 1: P = 3/8, 1/8, 3/8, 1/8 for states 0..3.

    Each count is Binomial(n, p); with Z = 5 the 4 x 5 checks of this test
    raise a false alarm with probability below 1.2e-5 (union bound).
    """
    shots = 4000
    circuit = [{"gate": "ry", "target": 0, "rotation": THIRD}, {"gate": "h", "target": 1}]
    body = circuit_job(circuit, qubits=2, shots=shots, noise={"model": "aria-1", "seed": seed})
    job_id = submit(client, body, KEY)
    assert wait_for_job(client, job_id, KEY)["status"] == "completed"
    histogram = result(client, job_id, KEY, "histogram")
    expected = {"0": 3 / 8, "1": 1 / 8, "2": 3 / 8, "3": 1 / 8}
    assert set(histogram) <= set(expected)
    for state, p in expected.items():
        spread = Z * math.sqrt(shots * p * (1 - p))
        assert abs(histogram.get(state, 0) - shots * p) <= spread, (state, histogram)


def test_metadata_comes_back_unchanged(client: ContractClient) -> None:
    data = random.Random(3).randbytes(6000)  # noqa: S311 - test data, not a secret
    header = base64.b64encode(data).decode()
    metadata = {
        "qiskit_header": header,  # 8 KB in one value, as qiskit-ionq sends it
        "shots": "1000",
        "sampler_seed": "None",
        "measurement0": "m\x1f0,1\x1eq\x1f2",  # cirq-ionq's separators
        "measurement1": "\x1e\x1f",
        "": "",
    }
    job_id = submit(client, {**BELL, "metadata": metadata}, KEY)
    assert get_job(client, job_id, KEY)["metadata"] == metadata
    listing = client.get(JOBS, headers=key_header(KEY)).get_json()
    assert listing["jobs"][0]["metadata"] == metadata
    assert get_job(client, submit(client, BELL, KEY), KEY)["metadata"] is None


def test_cirq_sends_shots_as_a_string(client: ContractClient) -> None:
    body = {
        **circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots="1000"),
        "lang": "json",
        "metadata": {"shots": "1000", "measurement0": "m\x1f0,1"},
    }
    job_id = submit(client, body, KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["status"] == "completed"
    assert job["shots"] == 1000
    assert sum(result(client, job_id, KEY, "histogram").values()) == 1000
    assert len(result(client, job_id, KEY, "shots")) == 1000


def test_pennylane_sends_json_without_a_content_type(client: ContractClient) -> None:
    text = (
        '{"type": "ionq.circuit.v1", "input": {"qubits": 2, "gateset": "qis", "circuit": '
        '[{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]}, '
        '"backend": "simulator", "shots": 1000}'
    )
    response = client.post(JOBS, data=text, headers=key_header(KEY))
    assert "Content-Type" not in response.request.headers
    assert response.status_code == 201
    job_id = response.get_json()["id"]
    assert get_job(client, job_id, KEY)["status"] == "completed"
    assert_probabilities(result(client, job_id, KEY, "probabilities"), BELL_PROBABILITIES)


def test_stats_count_the_qubits_and_gates_submitted(client: ContractClient) -> None:
    circuit: list[dict[str, Any]] = [
        {"gate": "h", "target": 0},  # 1q: |000> + |001>  (qubit 0 is bit 0)
        {"gate": "x", "targets": [1], "controls": [0]},  # 2q: |000> + |011>
        {"gate": "cnot", "control": 0, "target": 1},  # 2q: |000> + |001>
        {"gate": "swap", "targets": [0, 1]},  # 2q: |000> + |010>
        {"gate": "x", "targets": [2], "controls": [0, 1]},  # 2q (3 qubits): no term has both
        {"gate": "rz", "target": 2, "rotation": 0.7},  # 1q: a phase only
    ]
    job_id = submit(client, circuit_job(circuit, qubits=3), KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["stats"] == {"qubits": 3, "circuits": 1, "gate_counts": {"1q": 2, "2q": 4}}
    assert_probabilities(result(client, job_id, KEY, "probabilities"), {"0": 0.5, "2": 0.5})
    # A width wider than the gates need is the width of the result keys.
    wide = get_job(client, submit(client, circuit_job([], qubits=5), KEY), KEY)
    assert wide["stats"]["qubits"] == 5


CIRCUITS: list[dict[str, Any]] = [
    {"name": "bell", "circuit": BELL_CIRCUIT},
    {"name": "x0", "circuit": [{"gate": "x", "target": 0}]},
    {"name": "x1", "circuit": [{"gate": "x", "targets": [1]}]},
]
CIRCUIT_PROBABILITIES = [BELL_PROBABILITIES, {"1": 1.0}, {"2": 1.0}]
BATCH: dict[str, Any] = {
    "type": "ionq.multi-circuit.v1",
    "backend": "simulator",
    "shots": 100,
    "name": "3 circuits",
    "input": {"gateset": "qis", "qubits": 2, "circuits": CIRCUITS},
}


def test_a_batch_runs_as_a_parent_and_children_in_circuit_order(client: ContractClient) -> None:
    parent_id = submit(client, BATCH, KEY)
    parent = wait_for_job(client, parent_id, KEY)
    assert parent["status"] == "completed"
    assert parent["type"] == "ionq.multi-circuit.v1"
    assert parent["parent_job_id"] is None
    children = parent["child_job_ids"]
    assert len(children) == len(CIRCUITS) == len(set(children))
    assert parent["stats"] == {"qubits": 2, "circuits": 3, "gate_counts": {"1q": 3, "2q": 1}}
    aggregate = parent["results"]["ionq.result.probabilities-aggregate.json.v1"]
    descriptor = {
        "id": aggregate["id"],
        "format": "ionq.result.probabilities-aggregate.json.v1",
        "media_type": "application/json",
    }
    assert parent["results"] == {
        "probabilities": {
            "url": f"/v0.4/jobs/{parent_id}/results/probabilities/aggregated",
            **descriptor,
        },
        "ionq.result.probabilities-aggregate.json.v1": descriptor,
    }
    by_artifact = client.get(
        f"{JOBS}/{parent_id}/artifacts/{aggregate['id']}", headers=key_header(KEY)
    )
    assert by_artifact.status_code == 200
    aggregated = client.get(parent["results"]["probabilities"]["url"], headers=key_header(KEY))
    assert aggregated.status_code == 200
    by_child = aggregated.get_json()
    assert by_artifact.get_json() == by_child  # the same document, by URL and as an artifact
    assert list(by_child) == children  # the SDKs pair them with circuits by position
    for served, expected in zip(by_child.values(), CIRCUIT_PROBABILITIES, strict=True):
        assert_probabilities(served, expected)
    for child_id, circuit, expected in zip(children, CIRCUITS, CIRCUIT_PROBABILITIES, strict=True):
        child = get_job(client, child_id, KEY)
        assert child["status"] == "completed"
        assert child["type"] == "ionq.circuit.v1"
        assert child["parent_job_id"] == parent_id
        assert child["child_job_ids"] is None
        assert child["name"] == circuit["name"]
        assert child["stats"]["circuits"] == 1
        assert_probabilities(result(client, child_id, KEY, "probabilities"), expected)
        assert_not_found(
            client.get(
                f"{JOBS}/{child_id}/results/probabilities/aggregated", headers=key_header(KEY)
            )
        )
    assert_not_found(
        client.get(f"{JOBS}/{parent_id}/results/probabilities", headers=key_header(KEY))
    )
    assert set(listed_ids(client, f"?parent_job_id={parent_id}")) == set(children)


def test_children_are_listed_in_circuit_order(client: ContractClient) -> None:
    """openapi.yaml, parameter `parent_job_id`: "Only the child jobs of this
    multi-circuit job, in circuit order"."""
    parent_id = submit(client, BATCH, KEY)
    children = wait_for_job(client, parent_id, KEY)["child_job_ids"]
    assert listed_ids(client, f"?parent_job_id={parent_id}") == children


def test_listing_is_newest_first_and_pages_see_every_job_once(client: ContractClient) -> None:
    submitted = [submit(client, BELL, KEY) for _ in range(5)]
    assert listed_ids(client) == submitted[::-1]
    seen: list[str] = []
    sizes = []
    query = "?limit=2"
    for _ in range(10):
        page = client.get(f"{JOBS}{query}", headers=key_header(KEY)).get_json()
        sizes.append(len(page["jobs"]))
        seen += [job["id"] for job in page["jobs"]]
        if page["next"] is None:
            break
        query = f"?limit=2&next={page['next']}"
    assert sizes == [2, 2, 1]
    assert seen == submitted[::-1]
    exact = client.get(f"{JOBS}?limit=5", headers=key_header(KEY)).get_json()
    assert len(exact["jobs"]) == 5
    assert exact["next"] is None  # no empty page after a full one


def test_status_and_target_filters(client: ContractClient) -> None:
    simulated = [submit(client, BELL, KEY) for _ in range(2)]
    on_qpu = submit(client, circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1"), KEY)
    for job_id in (*simulated, on_qpu):
        wait_for_job(client, job_id, KEY)
    hold(client)
    waiting = submit(client, BELL, KEY)
    assert listed_ids(client, "?status=ready") == [waiting]
    assert listed_ids(client, "?status=completed") == [on_qpu, *simulated[::-1]]
    assert listed_ids(client, "?status=failed") == []
    assert listed_ids(client, "?target=qpu.aria-1") == [on_qpu]
    assert listed_ids(client, "?target=simulator") == [waiting, *simulated[::-1]]
    assert listed_ids(client, "?target=simulator&status=completed") == simulated[::-1]
    assert listed_ids(client, "?target=qpu.forte-1") == []


def test_the_ids_filter_takes_a_repeated_parameter(client: ContractClient) -> None:
    first, second, third = (submit(client, BELL, KEY) for _ in range(3))
    assert listed_ids(client, f"?ids={first}&ids={third}") == [third, first]
    assert listed_ids(client, f"?ids={second}") == [second]
    assert listed_ids(client, f"?ids={uuid.uuid4()}") == []


def test_a_json_body_listing_ends_without_next_and_a_query_listing_with_null(
    client: ContractClient,
) -> None:
    submitted = [submit(client, BELL, KEY) for _ in range(3)]
    first = client.get(JOBS, json={"limit": 2}, headers=key_header(KEY)).get_json()
    assert [job["id"] for job in first["jobs"]] == submitted[:0:-1]
    assert isinstance(first["next"], str)
    last = client.get(f"{JOBS}?next={first['next']}", json={"limit": 2}, headers=key_header(KEY))
    assert [job["id"] for job in last.get_json()["jobs"]] == submitted[:1]
    assert "next" not in last.get_json()  # cirq-ionq stops only on a missing key
    empty = client.get(JOBS, json={"limit": 2}, headers=key_header(OTHER)).get_json()
    assert empty == {"jobs": []}
    queried = client.get(f"{JOBS}?limit=2&next={first['next']}", headers=key_header(KEY))
    assert queried.get_json()["next"] is None
    assert client.get(JOBS, headers=key_header(OTHER)).get_json() == {"jobs": [], "next": None}


def test_a_clone_runs_again_with_the_changed_shots(client: ContractClient) -> None:
    metadata = {"shots": "1000"}
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", name="bell", metadata=metadata)
    original_id = submit(client, body, KEY)
    original = wait_for_job(client, original_id, KEY)
    response = client.post(
        f"{JOBS}/{original_id}/clone", json={"shots": 200}, headers=key_header(KEY)
    )
    assert response.status_code == 201
    assert response.get_json()["status"] == "submitted"
    clone_id = response.get_json()["id"]
    assert clone_id != original_id
    clone = wait_for_job(client, clone_id, KEY)
    assert clone["status"] == "completed"
    assert clone["shots"] == 200
    assert (clone["backend"], clone["name"], clone["metadata"]) == ("qpu.aria-1", "bell", metadata)
    assert clone["stats"] == original["stats"]
    assert sum(result(client, clone_id, KEY, "histogram").values()) == 200
    assert get_job(client, original_id, KEY) == original
    unchanged = client.post(f"{JOBS}/{original_id}/clone", headers=key_header(KEY))
    assert unchanged.status_code == 201
    assert wait_for_job(client, unchanged.get_json()["id"], KEY)["shots"] == 1000


def test_a_clones_noise_replaces_the_jobs_and_repeats_a_direct_run(client: ContractClient) -> None:
    ideal_id = submit(client, circuit_job(BELL_CIRCUIT, qubits=2, shots=2000), KEY)
    assert result(client, ideal_id, KEY, "probabilities") == pytest.approx(BELL_PROBABILITIES)
    noise = {"model": "aria-1", "seed": 11}
    response = client.post(
        f"{JOBS}/{ideal_id}/clone", json={"noise": noise}, headers=key_header(KEY)
    )
    assert response.status_code == 201
    clone_id = response.get_json()["id"]
    assert wait_for_job(client, clone_id, KEY)["noise"] == noise
    # The same circuit, shots and seeded model submitted afresh: the same shots, drawn alike.
    direct_id = submit(client, circuit_job(BELL_CIRCUIT, qubits=2, shots=2000, noise=noise), KEY)
    wait_for_job(client, direct_id, KEY)
    noisy = result(client, clone_id, KEY, "histogram")
    assert noisy == result(client, direct_id, KEY, "histogram")
    assert sum(noisy.values()) == 2000
    # Back to the ideal model: a copy of the noisy clone has exact probabilities again.
    back = client.post(
        f"{JOBS}/{clone_id}/clone", json={"noise": {"model": "ideal"}}, headers=key_header(KEY)
    )
    back_id = back.get_json()["id"]
    assert wait_for_job(client, back_id, KEY)["noise"] == {"model": "ideal", "seed": None}
    assert result(client, back_id, KEY, "probabilities") == pytest.approx(BELL_PROBABILITIES)


def test_a_clone_or_move_naming_a_parent_is_a_job_of_its_own(client: ContractClient) -> None:
    # `parent` is in IonQ's clone body, undocumented; the fake accepts and ignores it
    # (openapi.yaml's x-guessed): the batch it names keeps its children and its answers.
    batch_id = submit(client, BATCH, KEY)
    batch = wait_for_job(client, batch_id, KEY)
    aggregated = result(client, batch_id, KEY, "probabilities/aggregated")
    single_id = submit(client, circuit_job(BELL_CIRCUIT, qubits=2), KEY)
    response = client.post(
        f"{JOBS}/{single_id}/clone", json={"parent": batch_id}, headers=key_header(KEY)
    )
    assert response.status_code == 201
    clone = wait_for_job(client, response.get_json()["id"], KEY)
    assert (clone["parent_job_id"], clone["child_job_ids"]) == (None, None)
    assert clone["status"] == "completed"
    assert result(client, clone["id"], KEY, "probabilities") == pytest.approx(BELL_PROBABILITIES)
    hold(client)
    held_id = submit(client, circuit_job(BELL_CIRCUIT, qubits=2), KEY)
    moved = move(client, held_id, {"parent": batch_id, "shots": 10})
    assert moved.status_code == 201
    moved_job = get_job(client, moved.get_json()["id"], KEY)
    assert (moved_job["parent_job_id"], moved_job["shots"]) == (None, 10)
    assert get_job(client, batch_id, KEY) == batch
    assert result(client, batch_id, KEY, "probabilities/aggregated") == aggregated
    assert clone["id"] in listed_ids(client)


def test_a_parent_that_is_not_a_string_is_refused(client: ContractClient) -> None:
    job_id = submit(client, circuit_job(BELL_CIRCUIT, qubits=2), KEY)
    before = job_count(client)
    response = client.post(f"{JOBS}/{job_id}/clone", json={"parent": 7}, headers=key_header(KEY))
    assert response.status_code == 400
    assert response.get_json()["validation"] == {"keys": ["parent"], "source": "payload"}
    assert job_count(client) == before


# -- move -----------------------------------------------------------------------------------


def move(client: ContractClient, job_id: str, body: Any = None, key: str = KEY) -> Any:
    return client.post(f"{JOBS}/{job_id}/move", json=body, headers=key_header(key))


def job_count(client: ContractClient) -> int:
    """Every job of every key, children included (the admin API's list)."""
    return len(admin(client).get(ADMIN_JOBS).get_json())


def test_a_move_cancels_the_job_and_queues_its_changed_copy(client: ContractClient) -> None:
    hold(client)
    metadata = {"purpose": "move test"}
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", name="bell", metadata=metadata)
    original_id = submit(client, body, KEY)
    original = get_job(client, original_id, KEY)
    assert original["status"] == "ready"
    response = move(client, original_id, {"backend": "qpu.forte-1", "shots": 500})
    assert response.status_code == 201
    created = response.get_json()
    assert set(created) == {"id", "status", "session_id"}
    assert (created["status"], created["session_id"]) == ("submitted", None)
    moved_id = created["id"]
    assert moved_id != original_id
    assert str(uuid.UUID(moved_id)) == moved_id

    canceled = get_job(client, original_id, KEY)
    assert canceled["status"] == "canceled"
    assert canceled["completed_at"] is not None
    assert canceled["metadata"] == metadata  # the old job is left as it was, but canceled
    moved = get_job(client, moved_id, KEY)
    assert moved["status"] == "ready"  # still held, as every new job
    assert (moved["backend"], moved["shots"], moved["name"]) == ("qpu.forte-1", 500, "bell")
    assert moved["metadata"] == {"purpose": "move test", "original_job_id": original_id}
    assert moved["stats"] == original["stats"]
    assert moved["submitter_id"] == original["submitter_id"]
    assert listed_ids(client) == [moved_id, original_id]

    assert admin(client).post(f"{ADMIN_JOBS}/{moved_id}/complete").status_code == 200
    assert wait_for_job(client, moved_id, KEY)["status"] == "completed"
    assert sum(result(client, moved_id, KEY, "histogram").values()) == 500
    assert_not_found(client.get(f"{JOBS}/{original_id}/results/histogram", headers=key_header(KEY)))


def test_a_move_without_changes_copies_the_job_and_names_its_original(
    client: ContractClient,
) -> None:
    hold(client)
    session = open_session(client)
    original_id = submit(
        client, circuit_job([{"gate": "x", "target": 0}], qubits=1, session_id=session), KEY
    )
    response = client.post(f"{JOBS}/{original_id}/move", headers=key_header(KEY))  # no body
    assert response.status_code == 201
    assert response.get_json()["session_id"] == session
    moved = get_job(client, response.get_json()["id"], KEY)
    assert moved["metadata"] == {"original_job_id": original_id}
    assert (moved["shots"], moved["session_id"]) == (1000, session)
    # The id of the job replaced is the fake's to write, whatever the body says.
    again = move(client, moved["id"], {"metadata": {"original_job_id": "mine", "run": "2"}})
    assert again.status_code == 201
    moved_again = get_job(client, again.get_json()["id"], KEY)
    assert moved_again["metadata"] == {"original_job_id": moved["id"], "run": "2"}


@pytest.mark.parametrize("final", ["completed", "failed", "canceled"])
def test_a_finished_job_is_not_moved_and_no_job_is_created(
    client: ContractClient, final: str
) -> None:
    if final == "failed":
        job_id = submit(
            client, circuit_job([{"gate": "gpi", "target": 0, "phase": 0}], qubits=1), KEY
        )
    else:
        if final == "canceled":
            hold(client)
        job_id = submit(client, BELL, KEY)
        if final == "canceled":
            assert admin(client).post(f"{ADMIN_JOBS}/{job_id}/cancel").status_code == 200
    before = wait_for_job(client, job_id, KEY)
    assert before["status"] == final
    response = move(client, job_id, {"shots": 10})
    assert response.status_code == 409
    assert response.get_json() == {
        "statusCode": 409,
        "error": "Conflict",
        "message": f"Job {job_id} is {final} and can no longer be canceled, so it was not moved.",
    }
    assert get_job(client, job_id, KEY) == before
    assert listed_ids(client) == [job_id]
    assert job_count(client) == 1


def test_a_job_moved_once_cannot_be_moved_again(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    first = move(client, job_id, {})
    assert first.status_code == 201
    # A retried move (its answer lost, say) finds the job canceled: no second copy.
    assert move(client, job_id, {}).status_code == 409
    assert listed_ids(client) == [first.get_json()["id"], job_id]


def test_moves_of_one_job_at_once_make_one_copy(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    app = client.application
    barrier = threading.Barrier(8)

    def attempt(_: int) -> int:
        barrier.wait()
        return int(move(client_of(app), job_id, {}).status_code)

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = sorted(pool.map(attempt, range(8)))
    assert statuses == [201] + [409] * 7
    assert get_job(client, job_id, KEY)["status"] == "canceled"
    assert job_count(client) == 2


def test_a_batch_moves_whole_and_one_circuit_does_not_move(client: ContractClient) -> None:
    hold(client)
    parent_id = submit(client, BATCH, KEY)
    child_ids = get_job(client, parent_id, KEY)["child_job_ids"]
    assert_not_found(move(client, child_ids[0], {}))
    response = move(client, parent_id, {"shots": 10})
    assert response.status_code == 201
    moved = get_job(client, response.get_json()["id"], KEY)
    assert len(moved["child_job_ids"]) == len(CIRCUITS)
    assert (moved["shots"], moved["metadata"]) == (10, {"original_job_id": parent_id})
    for job_id in (parent_id, *child_ids):
        assert get_job(client, job_id, KEY)["status"] == "canceled"
    for child_id in moved["child_job_ids"]:
        assert admin(client).post(f"{ADMIN_JOBS}/{child_id}/complete").status_code == 200
    assert wait_for_job(client, moved["id"], KEY)["status"] == "completed"
    aggregated = result(client, moved["id"], KEY, "probabilities/aggregated")
    assert list(aggregated) == moved["child_job_ids"]
    for served, expected in zip(aggregated.values(), CIRCUIT_PROBABILITIES, strict=True):
        assert_probabilities(served, expected)


def test_another_key_cannot_move_a_job(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    before = get_job(client, job_id, KEY)
    assert_not_found(move(client, job_id, {}, key=OTHER))
    assert_not_found(move(client, str(uuid.uuid4()), {}))
    assert get_job(client, job_id, KEY) == before
    assert listed_ids(client, key=OTHER) == []
    assert job_count(client) == 1


def test_a_move_takes_the_place_of_the_job_it_cancels(make_app: AppFactory) -> None:
    client = client_of(make_app(JOBS_UNFINISHED=10, JOBS_UNFINISHED_PER_KEY=1))
    hold(client)
    job_id = submit(client, BELL, KEY)
    assert client.post(JOBS, json=BELL, headers=key_header(KEY)).status_code == 429
    moved = move(client, job_id, {"shots": 10})
    assert moved.status_code == 201
    assert client.post(JOBS, json=BELL, headers=key_header(KEY)).status_code == 429


def _card_cost(backend: str, shots: int, one: int, two: int, mitigated: bool = False) -> float:
    """rate-cards.json's model: max(minimum, shots x (n1q x rate1q + n2q x rate2q)), in cents."""
    card = rate_cards()["rate_cards"][backend]
    floor = float(card["error_mitigation_minimum"] if mitigated else card["minimum"])
    gates = one * float(card["1q_gate_shot"]) + two * float(card["2q_gate_shot"])
    return round(max(floor, shots * gates), 2)


@pytest.mark.parametrize(
    ("shots", "settings", "expected"),
    [
        (1000, None, 2.61),  # 1000 x (3 x 0.00022 + 2 x 0.000975), above the minimum
        (100, None, 1.0),  # 0.261: the minimum of a job
        (1000, {"error_mitigation": {"debiasing": True}}, 97.5),  # the mitigated minimum
    ],
)
def test_a_job_costs_what_its_rate_card_says(
    client: ContractClient, shots: int, settings: dict[str, Any] | None, expected: float
) -> None:
    circuit = [
        {"gate": "h", "target": 0},
        {"gate": "x", "target": 1},
        {"gate": "cnot", "control": 0, "target": 1},
        {"gate": "rz", "target": 1, "rotation": 0.5},
        {"gate": "xx", "targets": [0, 1], "rotation": 0.3},
    ]
    body = circuit_job(circuit, qubits=2, backend="qpu.aria-1", shots=shots)
    if settings is not None:
        body["settings"] = settings
    cost = _card_cost("qpu.aria-1", shots, 3, 2, mitigated=settings is not None)
    assert cost == pytest.approx(expected)
    job_id = submit(client, body, KEY)
    assert wait_for_job(client, job_id, KEY)["status"] == "completed"
    response = client.get(f"{JOBS}/{job_id}/cost", headers=key_header(KEY))
    assert response.status_code == 200
    unit = rate_cards()["unit"]
    assert response.get_json() == {
        "dry_run": False,
        "estimated_cost": {"value": pytest.approx(cost), "unit": unit},
        "cost": {"value": pytest.approx(cost), "unit": unit},
    }


def test_a_held_job_has_an_estimate_and_no_cost_yet(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1"), KEY)
    cost = client.get(f"{JOBS}/{job_id}/cost", headers=key_header(KEY)).get_json()
    expected = _card_cost("qpu.aria-1", 1000, 1, 1)
    assert cost == {
        "dry_run": False,
        "estimated_cost": {"value": pytest.approx(expected), "unit": rate_cards()["unit"]},
    }


@pytest.mark.parametrize("mitigated", [False, True])
def test_an_estimate_carries_both_sets_of_keys(client: ContractClient, mitigated: bool) -> None:
    query = "backend=qpu.aria-1&qubits=5&shots=1000&1q_gates=10&2q_gates=4&session=true"
    if mitigated:
        query += "&error_mitigation=true"
    response = client.get(f"{JOBS}/estimate?{query}", headers=key_header(KEY))
    assert response.status_code == 200
    estimate = response.get_json()
    assert set(schema_required("JobEstimate")) <= set(estimate)
    card = rate_cards()["rate_cards"]["qpu.aria-1"]
    expected = _card_cost("qpu.aria-1", 1000, 10, 4, mitigated)
    assert expected == pytest.approx(97.5 if mitigated else 6.1)
    assert estimate["estimated_total_cost"] == pytest.approx(expected)
    assert estimate["estimated_cost"] == estimate["estimated_total_cost"]
    assert estimate["estimated_unit"] == estimate["cost_unit"] == rate_cards()["unit"]
    assert estimate["rate_card"] == estimate["rate_information"]
    (rate,) = estimate["rate_card"]["rates"]
    assert rate["cost_1q_gate"] == card["1q_gate_shot"]
    assert rate["cost_2q_gate"] == card["2q_gate_shot"]
    minimum = card["error_mitigation_minimum"] if mitigated else card["minimum"]
    assert rate["job_cost_minimum"] == minimum
    asked = {
        "backend": "qpu.aria-1",
        "type": "ionq.circuit.v1",
        "qubits": 5,
        "shots": 1000,
        "1q_gates": 10,
        "2q_gates": 4,
        "error_mitigation": mitigated,
    }
    context = estimate["estimate_context"]
    # The key's organization: a name such as IonQ's `com.my.org`, not the key, not a UUID.
    organization = context.pop("organization")
    assert re.fullmatch(r"com\.ionq-mock\.[0-9a-f]{12}", organization), organization
    assert KEY not in organization
    assert context == {**asked, "project": None}
    again = client.get(f"{JOBS}/estimate?backend=simulator", headers=key_header(KEY)).get_json()
    assert again["estimate_context"]["organization"] == organization
    theirs = client.get(f"{JOBS}/estimate?backend=simulator", headers=key_header(OTHER)).get_json()
    assert theirs["estimate_context"]["organization"] != organization
    assert estimate["input_values"] == {**asked, "session": True}
    # At the default time scale, 0, QPU jobs take no time on the fake's clock (test_clock.py).
    assert estimate["current_predicted_queue_time"] == 0
    assert estimate["estimated_execution_time"] == 0


# -- hold, cancel, delete -------------------------------------------------------------------


def test_a_held_job_stays_ready_and_has_no_results(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    for _ in range(3):
        job = get_job(client, job_id, KEY)
        assert job["status"] == "ready"
        assert job["results"] is None
        assert job["completed_at"] is None
        time.sleep(0.05)
    for kind in (*RESULT_KINDS, "probabilities/aggregated"):
        assert_not_found(client.get(f"{JOBS}/{job_id}/results/{kind}", headers=key_header(KEY)))


def test_cancel_stops_a_held_job_for_good(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    response = client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert response.status_code == 200
    assert response.get_json() == {"id": job_id, "status": "canceled"}
    job = get_job(client, job_id, KEY)
    assert job["status"] == "canceled"
    assert job["results"] is None
    assert job["completed_at"] is not None
    for kind in RESULT_KINDS:
        assert_not_found(client.get(f"{JOBS}/{job_id}/results/{kind}", headers=key_header(KEY)))
    again = client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert again.get_json() == {"id": job_id, "status": "canceled"}
    assert admin(client).post(f"{ADMIN_JOBS}/{job_id}/complete").status_code == 409
    assert get_job(client, job_id, KEY)["status"] == "canceled"


def test_cancel_of_a_completed_job_cancels_it_and_its_results_go(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    before = wait_for_job(client, job_id, KEY)
    assert before["status"] == "completed"
    response = client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert response.status_code == 200
    assert response.get_json() == {"id": job_id, "status": "canceled"}
    after = get_job(client, job_id, KEY)
    assert (after["status"], after["results"]) == ("canceled", None)
    assert after["submitted_at"] == before["submitted_at"]
    for kind in RESULT_KINDS:
        assert_not_found(client.get(f"{JOBS}/{job_id}/results/{kind}", headers=key_header(KEY)))


def test_cancel_of_a_failed_job_leaves_it_failed(client: ContractClient) -> None:
    job_id = submit(client, circuit_job([{"gate": "gpi", "target": 0, "phase": 0}], qubits=1), KEY)
    before = wait_for_job(client, job_id, KEY)
    assert before["status"] == "failed"
    response = client.put(f"{JOBS}/{job_id}/status/cancel", headers=key_header(KEY))
    assert response.get_json() == {"id": job_id, "status": "canceled"}
    assert get_job(client, job_id, KEY) == before


def test_a_deleted_job_is_gone(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    kept = submit(client, BELL, KEY)
    response = client.delete(f"{JOBS}/{job_id}", headers=key_header(KEY))
    assert response.status_code == 200
    assert response.get_json() == {"id": job_id, "status": "deleted"}
    assert_every_job_operation_not_found(client, job_id, key_header(KEY))
    assert listed_ids(client) == [kept]
    assert listed_ids(client, f"?ids={job_id}") == []


def test_deleting_a_held_job_cancels_it(client: ContractClient) -> None:
    hold(client)
    job_id = submit(client, BELL, KEY)
    assert client.delete(f"{JOBS}/{job_id}", headers=key_header(KEY)).status_code == 200
    assert_not_found(client.get(f"{JOBS}/{job_id}", headers=key_header(KEY)))
    assert admin(client).get(f"{ADMIN_JOBS}/{job_id}").status_code == 404


def test_bulk_delete_answers_only_the_jobs_it_deleted(client: ContractClient) -> None:
    done = submit(client, BELL, KEY)
    theirs = submit(client, BELL, OTHER)
    hold(client)
    waiting = submit(client, BELL, KEY)
    kept = submit(client, BELL, KEY)
    unknown = str(uuid.uuid4())
    asked = [waiting, unknown, theirs, "not-a-job-id", done, waiting]
    response = client.delete(JOBS, json={"ids": asked}, headers=key_header(KEY))
    assert response.status_code == 200
    assert response.get_json() == {"ids": [waiting, done], "status": "deleted"}
    assert listed_ids(client) == [kept]
    assert listed_ids(client, key=OTHER) == [theirs]
    again = client.delete(JOBS, json={"ids": [done]}, headers=key_header(KEY))
    assert again.get_json() == {"ids": [], "status": "deleted"}


def test_bulk_cancel_answers_only_the_jobs_it_canceled(client: ContractClient) -> None:
    done = submit(client, BELL, KEY)
    assert wait_for_job(client, done, KEY)["status"] == "completed"
    failed = submit(client, circuit_job([{"gate": "gpi", "target": 0, "phase": 0}], qubits=1), KEY)
    assert wait_for_job(client, failed, KEY)["status"] == "failed"
    hold(client)
    first, second = submit(client, BELL, KEY), submit(client, BELL, KEY)
    theirs = submit(client, BELL, OTHER)
    asked = [first, done, failed, str(uuid.uuid4()), theirs, "not-a-job-id", second]
    response = client.put(f"{JOBS}/status/cancel", json={"ids": asked}, headers=key_header(KEY))
    assert response.status_code == 200
    # A completed job is canceled too (IonQ's v0.4 does it); a failed one stays failed.
    assert response.get_json() == {"ids": [first, done, second], "status": "canceled"}
    assert get_job(client, done, KEY)["status"] == "canceled"
    assert get_job(client, failed, KEY)["status"] == "failed"
    assert get_job(client, first, KEY)["status"] == "canceled"
    assert get_job(client, second, KEY)["status"] == "canceled"
    assert get_job(client, theirs, OTHER)["status"] == "ready"


def test_canceling_a_batch_cancels_its_children(client: ContractClient) -> None:
    hold(client)
    parent_id = submit(client, BATCH, KEY)
    children = get_job(client, parent_id, KEY)["child_job_ids"]
    assert [get_job(client, c, KEY)["status"] for c in children] == ["ready"] * 3
    response = client.put(f"{JOBS}/{parent_id}/status/cancel", headers=key_header(KEY))
    assert response.get_json() == {"id": parent_id, "status": "canceled"}
    assert [get_job(client, c, KEY)["status"] for c in children] == ["canceled"] * 3
    assert_not_found(
        client.get(f"{JOBS}/{parent_id}/results/probabilities/aggregated", headers=key_header(KEY))
    )


def test_canceling_one_circuit_of_a_batch_cancels_the_batch(client: ContractClient) -> None:
    """A batch missing a circuit can never complete; it must still end (docs/jobs.md)."""
    hold(client)
    parent_id = submit(client, BATCH, KEY)
    children = get_job(client, parent_id, KEY)["child_job_ids"]
    canceled = client.put(f"{JOBS}/{children[0]}/status/cancel", headers=key_header(KEY))
    assert canceled.get_json() == {"id": children[0], "status": "canceled"}
    assert get_job(client, parent_id, KEY)["status"] == "canceled"
    assert [get_job(client, child, KEY)["status"] for child in children] == ["canceled"] * len(
        children
    )
    # Nothing is left held: completing the batch is a conflict, not a wait.
    assert admin(client).post(f"{ADMIN_JOBS}/{parent_id}/complete").status_code == 409


def test_deleting_a_circuit_of_a_batch_deletes_the_batch(client: ContractClient) -> None:
    """Alone, its absence would shift the aggregated results onto the wrong circuits."""
    parent_id = submit(client, BATCH, KEY)
    first, *others = wait_for_job(client, parent_id, KEY)["child_job_ids"]
    deleted = client.delete(f"{JOBS}/{first}", headers=key_header(KEY))
    assert deleted.get_json() == {"id": first, "status": "deleted"}
    for job_id in (parent_id, first, *others):
        assert_not_found(client.get(f"{JOBS}/{job_id}", headers=key_header(KEY)))


# -- keys -----------------------------------------------------------------------------------


def test_another_key_sees_nothing_of_a_job(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    before = wait_for_job(client, job_id, KEY)
    theirs = key_header(OTHER)
    assert_every_job_operation_not_found(client, job_id, theirs)
    bulk = client.delete(JOBS, json={"ids": [job_id]}, headers=theirs)
    assert bulk.get_json() == {"ids": [], "status": "deleted"}
    assert listed_ids(client, key=OTHER) == []
    assert listed_ids(client, f"?ids={job_id}", key=OTHER) == []
    assert get_job(client, job_id, KEY) == before
    assert listed_ids(client) == [job_id]
    parent_id = submit(client, BATCH, KEY)
    assert_not_found(
        client.get(f"{JOBS}/{parent_id}/results/probabilities/aggregated", headers=theirs)
    )


def _job_operations() -> list[tuple[str, str, Any]]:
    ids: dict[str, list[str]] = {"ids": []}  # the job's id is put in when sent
    return [
        ("POST", "/jobs", BELL),
        ("GET", "/jobs", None),
        ("DELETE", "/jobs", ids),
        ("PUT", "/jobs/status/cancel", ids),
        ("GET", "/jobs/estimate", None),
        ("GET", "/jobs/{UUID}", None),
        ("DELETE", "/jobs/{UUID}", None),
        ("PUT", "/jobs/{UUID}/status/cancel", None),
        ("POST", "/jobs/{UUID}/clone", {}),
        ("POST", "/jobs/{UUID}/move", {}),
        ("GET", "/jobs/{UUID}/cost", None),
        ("GET", "/jobs/{UUID}/results/probabilities", None),
        ("GET", "/jobs/{UUID}/results/histogram", None),
        ("GET", "/jobs/{UUID}/results/shots", None),
        ("GET", "/jobs/{UUID}/results/probabilities/aggregated", None),
        ("GET", "/jobs/{UUID}/artifacts/{artifactId}", None),
    ]


def test_every_job_operation_needs_a_key(client: ContractClient) -> None:
    job_id = submit(client, BELL, KEY)
    parent_id = submit(client, BATCH, KEY)
    operations = _job_operations()
    in_spec = {
        (method.upper(), path)
        for path, item in load_spec()["paths"].items()
        if path.startswith("/jobs")
        for method in ("get", "post", "put", "delete")
        if method in item
    }
    assert {(method, path) for method, path, _ in operations} == in_spec
    for method, template, body in operations:
        target = parent_id if template.endswith("aggregated") else job_id
        path = "/v0.4" + template.replace("{UUID}", target).replace("{artifactId}", target)
        if template == "/jobs/estimate":
            path += "?backend=simulator"
        sent = {"ids": [job_id]} if isinstance(body, dict) and "ids" in body else body
        response = client.open(path, method=method, json=sent)
        assert response.status_code == 401, (method, path)
        document = response.get_json()
        assert document["statusCode"] == 401
        assert document["error"] == "Unauthorized Error"
        assert "Authorization: apiKey <key>" in document["message"]
    assert wait_for_job(client, job_id, KEY)["status"] == "completed"
    assert len(admin(client).get(ADMIN_JOBS).get_json()) == 2 + len(CIRCUITS)


def test_the_key_never_shows_and_the_log_names_the_job(client: ContractClient) -> None:
    key = "Sup3rS3cretKeyValue"
    headers = key_header(key)
    admin(client).delete("/__admin/requests")
    created = client.post(JOBS, json=BELL, headers=headers)
    job_id = created.get_json()["id"]
    answers = [
        created,
        client.get(f"{JOBS}/{job_id}", headers=headers),
        client.get(f"{JOBS}/{job_id}/results/probabilities", headers=headers),
        client.put(f"{JOBS}/{job_id}/status/cancel", headers=headers),
        client.get(JOBS, headers=headers),
        client.get(f"{JOBS}/{job_id}/cost", headers=headers),
        client.post(f"{JOBS}/{job_id}/clone", headers=headers),
        admin(client).get(f"{ADMIN_JOBS}"),
        admin(client).get(f"{ADMIN_JOBS}/{job_id}"),
        client.delete(f"{JOBS}/{job_id}", headers=headers),
    ]
    log = admin(client).get("/__admin/requests")
    texts = [answer.get_data(as_text=True) for answer in [*answers, log]]
    for text in texts:
        assert key not in text
        assert key.lower() not in text.lower()
    entries = log.get_json()
    by_request = {(e["method"], e["path"]): e for e in entries}
    for method, path in [
        ("POST", JOBS),
        ("GET", f"{JOBS}/{job_id}"),
        ("GET", f"{JOBS}/{job_id}/results/probabilities"),
        ("PUT", f"{JOBS}/{job_id}/status/cancel"),
        ("GET", f"{JOBS}/{job_id}/cost"),
        ("DELETE", f"{JOBS}/{job_id}"),
    ]:
        assert by_request[(method, path)]["job_id"] == job_id, (method, path)
    assert by_request[("GET", JOBS)]["job_id"] is None
    assert {e["authorization"] for e in entries} == {"apiKey <redacted>"}
    assert answers[8].get_json()["owner"] == answers[1].get_json()["submitter_id"]
    job_schema = OAS30Validator(
        component_schema(load_spec(), "Job"), format_checker=OAS30Validator.FORMAT_CHECKER
    )
    listed = answers[7].get_json()
    assert len(listed) == 2  # the job and its clone, whatever key they belong to
    for document in listed:
        assert document.pop("owner") == document["submitter_id"]
        assert list(job_schema.iter_errors(document)) == []


# -- failures -------------------------------------------------------------------------------


def _failure(client: ContractClient, body: dict[str, Any]) -> dict[str, Any]:
    job_id = submit(client, body, KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["status"] == "failed", job
    assert job["results"] is None
    failure: dict[str, Any] = job["failure"]
    assert set(failure) == {"code", "message", "error"}
    assert failure["error"] == failure["message"]
    assert failure["message"]
    assert_not_found(client.get(f"{JOBS}/{job_id}/results/probabilities", headers=key_header(KEY)))
    return failure


def test_a_native_gate_in_a_qis_circuit_is_unsupported(client: ContractClient) -> None:
    body = circuit_job([{"gate": "gpi", "target": 0, "phase": 0.25}], qubits=1)
    assert _failure(client, body)["code"] == "UnsupportedGate"


def test_a_qis_gate_in_a_native_circuit_is_unsupported(client: ContractClient) -> None:
    body = circuit_job([{"gate": "h", "target": 0}], qubits=1, gateset="native")
    assert _failure(client, body)["code"] == "UnsupportedGate"


def test_a_gate_on_a_qubit_outside_the_circuit_is_invalid_input(client: ContractClient) -> None:
    """openapi.yaml, POST /jobs x-guessed: "`InvalidInput` for a gate on a qubit at or above
    `qubits`"; NotEnoughQubits is for a job wider than its backend."""
    body = circuit_job([{"gate": "x", "target": 2}], qubits=2)
    assert _failure(client, body)["code"] == "InvalidInput"


def test_a_gate_without_its_parameter_is_invalid_input(client: ContractClient) -> None:
    body = circuit_job([{"gate": "rx", "target": 0}], qubits=1)
    assert _failure(client, body)["code"] == "InvalidInput"


@pytest.mark.parametrize("backend", ["simulator", "qpu.aria-1"])
def test_a_job_wider_than_its_backend_has_not_enough_qubits(
    client: ContractClient, backend: str
) -> None:
    qubits = fixture_record(backend)["qubits"] + 1  # 30 on the simulator, 26 on Aria 1
    assert qubits == {"simulator": 30, "qpu.aria-1": 26}[backend]
    body = circuit_job([{"gate": "h", "target": qubits - 1}], qubits=qubits, backend=backend)
    assert _failure(client, body)["code"] == "NotEnoughQubits"


def test_a_job_the_memory_cannot_hold_fails_before_it_runs(make_app: AppFactory) -> None:
    client = client_of(make_app(SIMULATOR_MEMORY=2**20))
    body = circuit_job([{"gate": "h", "target": q} for q in range(20)], qubits=20)
    job_id = submit(client, body, KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "SimulationError"
    assert job["started_at"] is None


def test_a_dry_run_completes_without_results(client: ContractClient) -> None:
    """openapi.yaml: a dry run "completes without results"; its `results` is null and its
    probabilities answer 404; its cost is an estimate."""
    job_id = submit(client, {**BELL, "dry_run": True}, KEY)
    job = wait_for_job(client, job_id, KEY)
    assert job["dry_run"] is True
    assert job["status"] == "completed"
    cost = client.get(f"{JOBS}/{job_id}/cost", headers=key_header(KEY)).get_json()
    assert cost["dry_run"] is True
    assert "cost" not in cost
    assert job["results"] is None
    assert_not_found(client.get(f"{JOBS}/{job_id}/results/probabilities", headers=key_header(KEY)))


def test_debiasing_with_fewer_than_500_shots_is_invalid_input(client: ContractClient) -> None:
    """openapi.yaml, ErrorMitigationSettings: "IonQ asks for at least 500 shots; fewer fails
    the job with `InvalidInput`" (also POST /jobs x-guessed)."""
    settings = {"error_mitigation": {"debiasing": True}}
    enough = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=500, settings=settings)
    assert wait_for_job(client, submit(client, enough, KEY), KEY)["status"] == "completed"
    too_few = {**enough, "shots": 499}
    assert _failure(client, too_few)["code"] == "InvalidInput"


# -- background and bounds ------------------------------------------------------------------


def _wide_circuit(qubits: int, gates: int) -> list[dict[str, Any]]:
    rng = random.Random(qubits)  # noqa: S311 - a repeatable circuit, not a secret
    circuit: list[dict[str, Any]] = []
    for index in range(gates):
        q = rng.randrange(qubits)
        if index % 3 == 0:
            circuit.append({"gate": "cnot", "control": q, "target": (q + 1) % qubits})
        else:
            circuit.append({"gate": "rx", "target": q, "rotation": rng.uniform(0, math.pi)})
    return circuit


def test_a_wide_job_runs_in_the_background(client: ContractClient) -> None:
    """20 qubits, 200 gates: about a second of simulation on one core."""
    body = circuit_job(_wide_circuit(20, 200), qubits=20, shots=100)
    started = time.monotonic()
    job_id = submit(client, body, KEY)
    assert time.monotonic() - started < 0.5  # answered at once, not after the run
    first = get_job(client, job_id, KEY)["status"]
    assert first in {"ready", "started"}
    job = wait_for_job(client, job_id, KEY, statuses=frozenset({"started", "completed"}))
    assert job["status"] == "started", "the job finished before a poll saw it run"
    assert job["started_at"] is not None
    assert job["results"] is None
    backend = client.get("/v0.4/backends/qpu.aria-1")
    assert backend.status_code == 200
    assert backend.get_json() == fixture_record("qpu.aria-1")
    # The background lane runs at the lowest CPU priority: while the suite's other
    # worker keeps both cores busy it may wait long for one. The bound is against a
    # hang, not a speed (make bench measures that).
    done = wait_for_job(client, job_id, KEY, timeout_s=BACKGROUND_DEADLINE_S)
    assert done["status"] == "completed"
    histogram = result(client, job_id, KEY, "histogram")
    assert sum(histogram.values()) == 100


def test_a_long_narrow_job_is_not_waited_for(client: ContractClient) -> None:
    """30,000 gates on two qubits: a second of Python, though its state vector is tiny."""
    gates = [{"gate": "h" if i % 2 else "x", "target": i % 2} for i in range(30_000)]
    job_id = submit(client, circuit_job(gates, qubits=2, shots=10), KEY)
    assert get_job(client, job_id, KEY)["status"] in {"ready", "started"}
    done = wait_for_job(client, job_id, KEY, timeout_s=BACKGROUND_DEADLINE_S)
    assert done["status"] == "completed"
    assert sum(result(client, job_id, KEY, "histogram").values()) == 10


def test_only_the_newest_jobs_are_kept(make_app: AppFactory) -> None:
    client = client_of(make_app(JOBS_KEPT=3))
    submitted = []
    for _ in range(4):
        submitted.append(submit(client, BELL, KEY))
        assert wait_for_job(client, submitted[-1], KEY)["status"] == "completed"
    assert_not_found(client.get(f"{JOBS}/{submitted[0]}", headers=key_header(KEY)))
    assert_not_found(
        client.get(f"{JOBS}/{submitted[0]}/results/probabilities", headers=key_header(KEY))
    )
    assert listed_ids(client) == submitted[:0:-1]
    for job_id in submitted[1:]:
        assert get_job(client, job_id, KEY)["status"] == "completed"
    assert [job["id"] for job in admin(client).get(ADMIN_JOBS).get_json()] == submitted[:0:-1]


def test_a_batch_that_failed_stays_failed_while_its_other_circuits_run(
    client: ContractClient,
) -> None:
    """One circuit failing fails the batch at once; the rest may still run, but
    the batch neither starts again nor gets a start after its end."""
    hold(client)
    parent_id = submit(client, BATCH, KEY)
    first, *others = get_job(client, parent_id, KEY)["child_job_ids"]
    failed = admin(client).post(f"{ADMIN_JOBS}/{first}/fail", json={"code": "SimulationError"})
    assert failed.status_code == 200
    assert admin(client).post(f"{ADMIN_JOBS}/{parent_id}/complete").status_code == 200
    for child in others:
        assert wait_for_job(client, child, KEY, timeout_s=3)["status"] == "completed"
    parent = get_job(client, parent_id, KEY)
    assert parent["status"] == "failed"
    assert parent["failure"]["code"] == "SimulationError"
    if parent["started_at"] is not None:
        assert parent["started_at"] <= parent["completed_at"]


def test_qbraids_input_format_is_accepted_and_runs_as_any_circuit(client: ContractClient) -> None:
    """qBraid 0.13.0 writes `input.format: "ionq.circuit.v0"` on every job (openapi.yaml's
    CircuitFormat); the circuit is the same JSON circuit, so a Bell pair gives 1/2, 1/2."""
    body = circuit_job(BELL_CIRCUIT, qubits=2)
    body["input"]["format"] = "ionq.circuit.v0"
    job_id = submit(client, body, KEY)
    assert wait_for_job(client, job_id, KEY)["status"] == "completed"
    assert_probabilities(result(client, job_id, KEY, "probabilities"), BELL_PROBABILITIES)
    batch = {
        "type": "ionq.multi-circuit.v1",
        "backend": "simulator",
        "shots": 100,
        "input": {
            "gateset": "qis",
            "qubits": 2,
            "format": "ionq.circuit.v0",
            "circuits": [{"circuit": BELL_CIRCUIT}, {"circuit": [{"gate": "x", "target": 1}]}],
        },
    }
    parent = wait_for_job(client, submit(client, batch, KEY), KEY)
    assert parent["status"] == "completed"
    other = {**body, "input": {**body["input"], "format": "ionq.circuit.v1"}}
    response = client.post(JOBS, json=other, headers=key_header(KEY))
    assert response.status_code == 400
    assert "format" in response.get_json()["message"]
