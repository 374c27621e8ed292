"""Jobs with IonQ's error mitigation: debiasing's variants and aggregations, sharpen,
symmetry verification, and where each applies.

Expected values are worked out here: the variants' number and shares from
the plan's rule (docs/noise.md, "Error mitigation"), the error rate of a
noisy Bell pair from the characterization the fake serves (as
test_noise_jobs.py derives it), and IonQ's output shape from openapi.yaml.
Statistical checks allow Z = 5.3 standard deviations: a two-sided normal
tail of 1.2e-7, so a correct fake trips one in about eight million runs.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from flask import Flask
from jsonschema import Draft7Validator  # type: ignore[import-untyped]
from openapi_schema_validator import OAS30Validator

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import (
    BELL_CIRCUIT,
    JOBS,
    ROOT,
    circuit_job,
    fixture_record,
    get_job,
    key_header,
    result,
    submit,
    wait_for_job,
)
from ionq_contract.spec import component_schema, load_spec
from mock_server.api.jobs.model import Job
from mock_server.api.jobs.outputs.mitigation import error_mitigation_output, mitigation_artifacts
from mock_server.api.state import EXTENSION

KEY = "mitigation-test-key-1618"
Z = 5.3
DEBIASED = {"error_mitigation": {"debiasing": True}}
VERIFIED = {"error_mitigation": {"symmetry_verification": True}}
GHZ3 = [
    {"gate": "h", "target": 0},
    {"gate": "cnot", "control": 0, "target": 1},
    {"gate": "cnot", "control": 1, "target": 2},
]
HISTOGRAM_V2 = "ionq.result.histogram.json.v2"


def _completed(client: ContractClient, body: dict[str, Any]) -> str:
    job_id = submit(client, body, KEY)
    job = wait_for_job(client, job_id, KEY, timeout_s=60)
    assert job["status"] == "completed", job.get("failure")
    return job_id


def _job(app: Flask, job_id: str) -> Job:
    job = app.extensions[EXTENSION].jobs.get(job_id)
    assert isinstance(job, Job)
    return job


def _describe(key: str, fmt: str) -> dict[str, Any]:
    return {"id": key, "format": fmt, "media_type": "application/json"}


def _probabilities(client: ContractClient, job_id: str, query: str = "") -> dict[str, float]:
    response = client.get(f"{JOBS}/{job_id}/results/probabilities{query}", headers=key_header(KEY))
    assert response.status_code == 200
    body: dict[str, float] = response.get_json()
    return body


def _odd(counts: dict[str, int]) -> int:
    return counts.get("1", 0) + counts.get("2", 0)


def _bell_parity_error(backend: str) -> float:
    """A Bell pair's chance of an odd outcome on `backend`, from its characterization.

    The cnot's two-qubit channel (r2 = 4/3 (1 - F2q)) flips the parity with
    8 of its 15 Paulis, r2/2 in all; the one-qubit channel after h never
    does (|+> is unchanged by X, and Z, Y keep the pair's parity); each bit
    is then read wrong with p = 1 - Fspam, which flips the parity with
    2p(1 - p).
    """
    record = fixture_record(backend)
    path = ROOT / "mock_server" / "api" / "fixtures" / "characterizations" / f"{backend}.json"
    fidelity = json.loads(path.read_text("utf-8"))["fidelity"]
    assert record["supported_error_mitigations"] == ["debiasing"]
    gate = 4 / 3 * (1 - float(fidelity["2q"]["median"])) / 2
    spam = float(fidelity["spam"]["median"])
    flip = 2 * (1 - spam) * spam
    return gate * (1 - flip) + (1 - gate) * flip


# -- the 500-shot rule and the plan ---------------------------------------------------------


def test_debiasing_below_500_shots_fails_and_500_make_five_variants_of_100(
    client: ContractClient, app: Flask
) -> None:
    too_few = circuit_job(
        BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=499, settings=DEBIASED
    )
    failed = wait_for_job(client, submit(client, too_few, KEY), KEY)
    assert failed["status"] == "failed"
    assert failed["failure"]["code"] == "InvalidInput"
    job_id = _completed(client, {**too_few, "shots": 500})
    mitigation = _job(app, job_id).mitigation
    assert mitigation is not None
    assert [v.shots for v in mitigation.variants] == [100] * 5


def test_the_variants_add_up_to_the_job_and_its_results_are_their_average(
    client: ContractClient, app: Flask
) -> None:
    shots = 1234
    body = circuit_job(
        GHZ3,
        qubits=3,
        backend="qpu.aria-1",
        shots=shots,
        settings=DEBIASED,
        noise={"model": "ideal", "seed": 5},
    )
    job_id = _completed(client, body)
    job = _job(app, job_id)
    assert job.mitigation is not None
    variants = job.mitigation.variants
    # 12 variants (1234 // 100): 10 shots left over, one more for each of the first ten.
    assert [v.shots for v in variants] == [103] * 10 + [102] * 2
    histogram = result(client, job_id, KEY, "histogram")
    assert sum(histogram.values()) == shots
    pooled: dict[str, int] = {}
    for variant in variants:
        assert int(variant.result.counts.sum()) == variant.shots
        assert sorted(set(variant.qubit_map)) == sorted(variant.qubit_map)
        assert all(0 <= q < fixture_record("qpu.aria-1")["qubits"] for q in variant.qubit_map)
        for state, count in zip(variant.result.states, variant.result.counts, strict=True):
            pooled[str(int(state))] = pooled.get(str(int(state)), 0) + int(count)
    assert histogram == pooled
    assert len(result(client, job_id, KEY, "shots")) == shots
    # The same seed, the same plan and shots.
    again = _job(app, _completed(client, body))
    assert again.mitigation is not None
    assert [v.qubit_map for v in again.mitigation.variants] == [v.qubit_map for v in variants]
    assert result(client, again.id, KEY, "histogram") == histogram


# -- the effect on a noisy run, and sharpen ---------------------------------------------------


def test_voting_removes_the_error_states_that_the_average_keeps(
    client: ContractClient, app: Flask
) -> None:
    """A noisy Bell pair on qpu.aria-1, 10,000 shots in 16 variants of 625.

    The average is the pooled shots, so its odd count is Binomial(10000, p),
    p from the characterization (about 2.1%): within Z sd of 10000 p, which
    bounds it below by about 1.3% of the shots. Voting credits a variant's
    shots to an odd outcome only if that outcome is its plurality, at least
    157 of its 625 shots (a quarter); at p/2 a Binomial(625, 0.011) reaches
    157 with probability below 1e-100. So voting's error probability is 0,
    lower than the average's by at least the bound.
    """
    shots = 10_000
    p = _bell_parity_error("qpu.aria-1")
    body = circuit_job(
        BELL_CIRCUIT,
        qubits=2,
        backend="qpu.aria-1",
        shots=shots,
        settings=DEBIASED,
        noise={"model": "ideal", "seed": 21},
    )
    job_id = _completed(client, body)
    averaged = result(client, job_id, KEY, "histogram")
    spread = Z * math.sqrt(shots * p * (1 - p))
    assert abs(_odd(averaged) - shots * p) <= spread, (_odd(averaged), shots * p, spread)
    lower = (shots * p - spread) / shots
    assert lower > 0.012  # the bound means something: well above zero
    sharpened = _probabilities(client, job_id, "?sharpen=true")
    assert set(sharpened) <= {"0", "3"}
    assert sum(sharpened.values()) == pytest.approx(1.0)
    plain = _probabilities(client, job_id)
    odd_average = plain.get("1", 0.0) + plain.get("2", 0.0)
    assert odd_average >= lower
    assert odd_average - (sharpened.get("1", 0.0) + sharpened.get("2", 0.0)) >= lower
    # Each of the 16 variants votes 0 or 3 with all of its 625 shots (or splits a tie).
    mitigation = _job(app, job_id).mitigation
    assert mitigation is not None
    assert mitigation.voting is not None
    assert len(mitigation.variants) == 16
    assert int(mitigation.voting.counts.sum()) == shots


@pytest.mark.parametrize("spelling", ["true", "True", "TRUE"])
def test_sharpen_gives_the_voting_aggregate_in_any_case(
    client: ContractClient, app: Flask, spelling: str
) -> None:
    body = circuit_job(
        GHZ3,
        qubits=3,
        backend="qpu.aria-1",
        shots=1000,
        settings=DEBIASED,
        noise={"model": "ideal", "seed": 8},
    )
    job_id = _completed(client, body)
    voting = _job(app, job_id).mitigation
    assert voting is not None
    assert voting.voting is not None
    expected = {
        str(int(s)): int(c) / 1000
        for s, c in zip(voting.voting.states, voting.voting.counts, strict=True)
    }
    assert _probabilities(client, job_id, f"?sharpen={spelling}") == pytest.approx(expected)
    assert set(expected) <= {"0", "7"}
    plain = _probabilities(client, job_id)
    assert _probabilities(client, job_id, "?sharpen=false") == plain
    assert _probabilities(client, job_id, "?sharpen=False") == plain
    assert plain != _probabilities(client, job_id, "?sharpen=true")


def test_sharpen_changes_nothing_for_a_job_that_was_not_debiased(client: ContractClient) -> None:
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=1000)
    job_id = _completed(client, body)
    plain = _probabilities(client, job_id)
    assert _probabilities(client, job_id, "?sharpen=true") == plain
    assert _odd({k: round(v * 1000) for k, v in plain.items()}) > 0  # noisy: errors are kept


# -- symmetry verification --------------------------------------------------------------------


def test_symmetry_verification_discards_exactly_the_shots_outside_the_ideal_support(
    client: ContractClient, app: Flask
) -> None:
    """The same seeded QPU run with and without the check: the checked histogram is the
    unchecked one without the states a noiseless GHZ-3 cannot give (all but 0 and 7)."""
    shots = 3000
    plain_body = circuit_job(
        GHZ3, qubits=3, backend="qpu.aria-1", shots=shots, noise={"model": "ideal", "seed": 9}
    )
    plain = result(client, _completed(client, plain_body), KEY, "histogram")
    checked_id = _completed(client, {**plain_body, "settings": VERIFIED})
    checked = result(client, checked_id, KEY, "histogram")
    assert checked == {k: v for k, v in plain.items() if k in {"0", "7"}}
    # About 4% of a noisy GHZ-3's shots err off the support: none discarded has chance ~e^-100.
    assert sum(checked.values()) < shots
    output = error_mitigation_output(_job(app, checked_id), _describe)
    assert output == {
        "debiasing": False,
        "symmetry_verification": {"num_allowed_states": 2, "applied": True},
    }


def test_symmetry_verification_is_not_applied_when_every_state_is_allowed(
    client: ContractClient, app: Flask
) -> None:
    uniform = [{"gate": "h", "target": 0}, {"gate": "h", "target": 1}]
    body = circuit_job(uniform, qubits=2, backend="qpu.aria-1", shots=800, settings=VERIFIED)
    job_id = _completed(client, body)
    assert sum(result(client, job_id, KEY, "histogram").values()) == 800
    output = error_mitigation_output(_job(app, job_id), _describe)
    assert output is not None
    assert output["symmetry_verification"] == {"num_allowed_states": 4, "applied": False}


def test_debiasing_and_symmetry_verification_together(client: ContractClient, app: Flask) -> None:
    settings = {"error_mitigation": {"debiasing": True, "symmetry_verification": True}}
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=2000, settings=settings)
    job_id = _completed(client, body)
    histogram = result(client, job_id, KEY, "histogram")
    assert set(histogram) <= {"0", "3"}
    job = _job(app, job_id)
    assert job.mitigation is not None
    assert sum(v.shots for v in job.mitigation.variants) == 2000
    kept = sum(int(v.result.counts.sum()) for v in job.mitigation.variants)
    assert kept == sum(histogram.values()) < 2000


# -- where it applies ---------------------------------------------------------------------


@pytest.mark.parametrize("noise", [None, {"model": "aria-1", "seed": 3}])
def test_the_simulator_offers_no_mitigation_and_says_so(
    client: ContractClient, app: Flask, noise: dict[str, Any] | None
) -> None:
    settings = {"error_mitigation": {"debiasing": True, "symmetry_verification": True}}
    body = circuit_job(BELL_CIRCUIT, qubits=2, shots=1000, settings=settings)
    if noise is not None:
        body["noise"] = noise
    job_id = _completed(client, body)
    assert fixture_record("simulator")["supported_error_mitigations"] == []
    job = get_job(client, job_id, KEY)
    messages = job["warning"]["messages"]
    assert any("Debiasing is not available on simulator" in m for m in messages)
    assert any("Symmetry verification is not available on simulator" in m for m in messages)
    assert error_mitigation_output(_job(app, job_id), _describe) == {
        "debiasing": False,
        "symmetry_verification": {"applied": False},
    }
    if noise is None:
        assert _probabilities(client, job_id) == pytest.approx({"0": 0.5, "3": 0.5})


def test_each_child_of_a_multi_circuit_job_is_debiased(client: ContractClient, app: Flask) -> None:
    body = {
        "type": "ionq.multi-circuit.v1",
        "backend": "qpu.aria-1",
        "shots": 700,
        "settings": DEBIASED,
        "input": {
            "gateset": "qis",
            "qubits": 3,
            "circuits": [{"circuit": BELL_CIRCUIT}, {"circuit": GHZ3}],
        },
    }
    parent_id = _completed(client, body)
    children = get_job(client, parent_id, KEY)["child_job_ids"]
    assert len(children) == 2
    for child_id in children:
        child = _job(app, child_id)
        assert child.mitigation is not None
        assert [v.shots for v in child.mitigation.variants] == [100] * 7
        assert error_mitigation_output(child, _describe) is not None
    assert error_mitigation_output(_job(app, parent_id), _describe) is None


# -- the output document and its artifacts ----------------------------------------------------


def test_the_output_has_ionqs_shape_and_its_artifacts_their_format(
    client: ContractClient, app: Flask
) -> None:
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=600, settings=DEBIASED)
    job = _job(app, _completed(client, body))
    output = error_mitigation_output(job, _describe)
    assert output is not None
    OAS30Validator(component_schema(load_spec(), "ErrorMitigationOutput")).validate(output)
    variants = output["debiasing"]["variants"]
    assert [v["variant_id"] for v in variants] == [str(i) for i in range(6)]
    assert sum(v["shots"] for v in variants) == 600
    assert output["debiasing"]["aggregation_method"] == "average"
    assert set(output["aggregations"]) == {"average", "voting"}
    artifacts = mitigation_artifacts(job)
    named = {v["results"][HISTOGRAM_V2]["id"] for v in variants}
    named |= {d["id"] for d in output["aggregations"].values()}
    assert set(artifacts) == named
    schema_path = ROOT / "mock_server" / "api" / "fixtures" / "formats"
    validator = Draft7Validator(
        json.loads((schema_path / f"{HISTOGRAM_V2}.schema.json").read_text("utf-8"))
    )
    totals = {}
    for key, (fmt, render) in artifacts.items():
        assert fmt == HISTOGRAM_V2
        payload = render()
        validator.validate(payload)
        (register,) = payload["histogram"]["registers"].values()
        totals[key] = sum(register.values())
    assert totals["aggregations/average"] == totals["aggregations/voting"] == 600
    assert sum(v for k, v in totals.items() if k.startswith("variants/")) == 600
    average = payload_of(artifacts, "aggregations/average")
    histogram = result(client, job.id, KEY, "histogram")
    assert average == {format(int(k), "02b"): v for k, v in histogram.items()}


def payload_of(artifacts: dict[str, Any], key: str) -> dict[str, int]:
    counts: dict[str, int] = artifacts[key][1]()["histogram"]["registers"]["output_all"]
    return counts


def test_a_job_that_asked_for_nothing_has_no_error_mitigation_output(
    client: ContractClient, app: Flask
) -> None:
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=1000)
    job = _job(app, _completed(client, body))
    assert error_mitigation_output(job, _describe) is None
    assert mitigation_artifacts(job) == {}
    off = circuit_job(
        BELL_CIRCUIT,
        qubits=2,
        backend="qpu.aria-1",
        shots=1000,
        settings={"error_mitigation": {"debiasing": False}},
    )
    assert error_mitigation_output(_job(app, _completed(client, off)), _describe) == {
        "debiasing": False
    }


def test_the_job_document_serves_the_output_and_every_descriptor_resolves(
    client: ContractClient,
) -> None:
    body = circuit_job(BELL_CIRCUIT, qubits=2, backend="qpu.aria-1", shots=600, settings=DEBIASED)
    job_id = _completed(client, body)
    document = get_job(client, job_id, KEY)
    output = document["output"]["error_mitigation"]
    descriptors = [v["results"][HISTOGRAM_V2] for v in output["debiasing"]["variants"]]
    descriptors += list(output["aggregations"].values())
    ids = [d["id"] for d in descriptors]
    assert len(set(ids)) == len(ids)
    payloads = {}
    for descriptor in descriptors:
        response = client.get(
            f"{JOBS}/{job_id}/artifacts/{descriptor['id']}", headers=key_header(KEY)
        )
        assert response.status_code == 200
        payloads[descriptor["id"]] = response.get_json()["histogram"]["registers"]["output_all"]
    variants = output["debiasing"]["variants"]
    for variant in variants:
        counts = payloads[variant["results"][HISTOGRAM_V2]["id"]]
        assert sum(counts.values()) == variant["shots"]
    # The voting aggregation is what `sharpen=true` answers, as counts over the shots.
    voting = payloads[output["aggregations"]["voting"]["id"]]
    sharpened = _probabilities(client, job_id, "?sharpen=true")
    assert {format(int(k), "02b"): round(p * 600) for k, p in sharpened.items()} == voting
    # Another key sees neither the job nor its artifacts.
    other = client.get(f"{JOBS}/{job_id}/artifacts/{ids[0]}", headers=key_header("another-key-77"))
    assert other.status_code == 404
