"""GET /schemas/formats/{format}: the documents, and the fake's own results held to them.

Each format's document is a data file (mock_server/api/fixtures/formats/),
read here with nothing but `json`. The documents must be valid draft-07
schemas (the fake checks less at start-up: see format_schemas.py), served
as they are written, and they must describe what the fake serves: the
results of real jobs, ideal and noisy, on the simulator and on QPUs, validate
against the format each result URL stands for, and every native-gate
circuit the fake runs validates against ionq.native.v1 (and the ones it
fails do not). Each check is shown able to fail.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask import Flask
from ionq_client import authenticated_client
from ionq_client.api.schemas import get_format_schema
from ionq_client.models import Error, FormatSchemaDocument
from jsonschema import Draft7Validator, SchemaError  # type: ignore[import-untyped]

from contract_tests.fake.openapi_check import ContractClient, httpx_hook
from contract_tests.fake.support import (
    BELL_CIRCUIT,
    ORIGIN,
    ROOT,
    circuit_job,
    key_header,
    result,
    submit,
    wait_for_job,
)
from ionq_contract.spec import inlined_schema, load_spec
from mock_server.api.fixture_files import FixtureError
from mock_server.api.format_schemas import load_format_schemas
from mock_server.wire.rejections import field_problems, new_validator

FORMATS_DIR = ROOT / "mock_server" / "api" / "fixtures" / "formats"
SCHEMAS = "/v0.4/schemas/formats"
KEY = "formats-test-key"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# The formats of ../shared/ionq-v04-more.md §2, each with a document.
FORMATS = [
    "ionq.result.probabilities.json.v1",
    "ionq.result.probabilities.json.v2",
    "ionq.result.histogram.json.v1",
    "ionq.result.histogram.json.v2",
    "ionq.result.shots.json.v1",
    "ionq.result.shots.json.v2",
    "ionq.result.probabilities-aggregate.json.v1",
    "ionq.native.v1",
    "ionq.qasm3.v1",
]
# The result URLs the fake serves and the format of each body.
RESULT_FORMATS = {
    "probabilities": "ionq.result.probabilities.json.v1",
    "histogram": "ionq.result.histogram.json.v1",
    "shots": "ionq.result.shots.json.v1",
}
AGGREGATE = "ionq.result.probabilities-aggregate.json.v1"
PROBABILITIES_V1 = "ionq.result.probabilities.json.v1"
PROBABILITIES_V2 = "ionq.result.probabilities.json.v2"
HISTOGRAM_V1 = "ionq.result.histogram.json.v1"
HISTOGRAM_V2 = "ionq.result.histogram.json.v2"
SHOTS_V1 = "ionq.result.shots.json.v1"
SHOTS_V2 = "ionq.result.shots.json.v2"
NATIVE = "ionq.native.v1"


def document(name: str) -> dict[str, Any]:
    """The packaged document of format `name`, as JSON."""
    found: dict[str, Any] = json.loads((FORMATS_DIR / f"{name}.schema.json").read_text("utf-8"))
    return found


def validator(name: str) -> Draft7Validator:
    return Draft7Validator(document(name))


def problems(name: str, payload: Any) -> list[str]:
    """What the document of `name` finds wrong with `payload` (nothing: it validates)."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(payload)]


# -- the documents ------------------------------------------------------------------------


def test_there_is_one_document_per_format() -> None:
    assert sorted(path.name for path in FORMATS_DIR.iterdir()) == sorted(
        f"{name}.schema.json" for name in FORMATS
    )


@pytest.mark.parametrize("name", FORMATS)
def test_each_document_is_a_valid_draft_07_schema_named_after_its_format(name: str) -> None:
    schema = document(name)
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_07
    assert schema["$id"] == name
    assert schema["type"] in {"object", "array", "string"}
    assert schema["title"]
    assert len(schema["description"]) > 40
    # Its own examples are payloads of the format.
    assert schema["examples"]
    for example in schema["examples"]:
        assert problems(name, example) == []


def test_a_broken_document_is_refused_by_the_check() -> None:
    """The check above can fail: a keyword of the wrong type is no draft-07 schema."""
    with pytest.raises(SchemaError):
        Draft7Validator.check_schema({**document(NATIVE), "required": "qubits"})


@pytest.mark.parametrize("name", FORMATS)
def test_the_fake_serves_each_document_as_written(client: ContractClient, name: str) -> None:
    response = client.get(f"{SCHEMAS}/{name}", headers=key_header(KEY))
    assert response.status_code == 200
    assert response.content_type == "application/json"
    assert response.get_json() == document(name)
    head = client.head(f"{SCHEMAS}/{name}", headers=key_header(KEY))
    assert head.status_code == 200
    assert head.headers["Content-Length"] == response.headers["Content-Length"]


@pytest.mark.parametrize(
    "name",
    [
        "ionq.result.expectation.json.v1",
        "ionq.result.probabilities.json.v3",
        "IONQ.NATIVE.V1",
        "ionq.native.v1.schema.json",
        "ionq.native.v1 ",
        "probabilities",
    ],
)
def test_a_format_without_a_document_is_404_in_ionq_s_body(
    client: ContractClient, name: str
) -> None:
    response = client.get(f"{SCHEMAS}/{name}", headers=key_header(KEY))
    assert response.status_code == 404
    assert response.get_json() == {
        "statusCode": 404,
        "error": "Not Found Error",
        "message": f"Format {name} was not found.",
    }


def test_a_long_unknown_name_is_cut_in_the_message(client: ContractClient) -> None:
    name = "ionq." + "x" * 500
    response = client.get(f"{SCHEMAS}/{name}", headers=key_header(KEY))
    assert response.status_code == 404
    assert response.get_json()["message"] == f"Format {name[:100]}… was not found."


def test_the_documents_need_a_key(client: ContractClient) -> None:
    response = client.get(f"{SCHEMAS}/{FORMATS[0]}")
    assert response.status_code == 401
    assert response.get_json()["error"] == "Unauthorized Error"


def test_a_document_is_the_same_bytes_every_time(client: ContractClient) -> None:
    answers = {client.get(f"{SCHEMAS}/{NATIVE}", headers=key_header(KEY)).data for _ in range(3)}
    assert len(answers) == 1


@pytest.mark.parametrize("name", FORMATS)
def test_the_generated_client_reads_each_document(app: Flask, name: str) -> None:
    transport = httpx.WSGITransport(app=app)
    hooks = {"response": [httpx_hook]}
    with authenticated_client(
        KEY, f"{ORIGIN}/v0.4", httpx_args={"transport": transport, "event_hooks": hooks}
    ) as client:
        found = get_format_schema.sync(name, client=client)
        missing = get_format_schema.sync_detailed(f"{name}.v0", client=client)
    assert isinstance(found, FormatSchemaDocument)
    assert (found.schema, found.id, found.type_) == (DRAFT_07, name, document(name)["type"])
    assert found.to_dict() == document(name)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, Error)
    assert missing.parsed.message == f"Format {name}.v0 was not found."


# -- start-up -----------------------------------------------------------------------------


def copy_documents(folder: Path) -> Path:
    folder.mkdir()
    for path in FORMATS_DIR.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def no_problems(_document: Any) -> list[Any]:
    return []


def test_start_up_refuses_a_document_named_after_another_format(tmp_path: Path) -> None:
    folder = copy_documents(tmp_path / "formats")
    path = folder / f"{NATIVE}.schema.json"
    path.write_text(json.dumps({**document(NATIVE), "$id": "ionq.native.v2"}), "utf-8")
    with pytest.raises(FixtureError, match=r"ionq\.native\.v1\.schema\.json: \$\.\$id: 'ionq"):
        load_format_schemas(no_problems, folder)


def test_start_up_refuses_a_document_that_is_not_json(tmp_path: Path) -> None:
    folder = copy_documents(tmp_path / "formats")
    (folder / f"{NATIVE}.schema.json").write_text('{"$id": ', "utf-8")
    with pytest.raises(FixtureError, match=r"ionq\.native\.v1\.schema\.json, line 1"):
        load_format_schemas(no_problems, folder)


def test_start_up_refuses_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "formats").mkdir()
    with pytest.raises(FixtureError, match=r"has no <format>\.schema\.json file"):
        load_format_schemas(no_problems, tmp_path / "formats")


def test_start_up_holds_each_document_to_the_spec(make_app: Any, tmp_path: Path) -> None:
    """create_app checks the packaged documents against FormatSchemaDocument: shown here by
    checking a copy with one document that lacks `$schema` the same way."""
    make_app()  # the packaged documents pass
    folder = copy_documents(tmp_path / "formats")
    broken = {key: value for key, value in document(NATIVE).items() if key != "$schema"}
    (folder / f"{NATIVE}.schema.json").write_text(json.dumps(broken), "utf-8")
    check = new_validator(inlined_schema(load_spec(), "FormatSchemaDocument"))
    with pytest.raises(
        FixtureError, match=r"ionq\.native\.v1\.schema\.json: \$\['\$schema'\]: is required"
    ):
        load_format_schemas(lambda doc: field_problems(check, doc), folder)


# -- the fake's results against their formats ----------------------------------------------

# Circuits with few and with many outcomes; qubit 0 is the least significant bit.
GHZ_TILTED: list[dict[str, Any]] = [
    {"gate": "h", "target": 0},
    {"gate": "cnot", "control": 0, "target": 1},
    {"gate": "cnot", "control": 1, "target": 2},
    {"gate": "ry", "target": 2, "rotation": 0.7},
]
SPREAD: list[dict[str, Any]] = [
    *({"gate": "h", "target": q} for q in range(5)),
    {"gate": "rz", "targets": [1], "rotation": 0.3},
    {"gate": "xx", "targets": [0, 3], "rotation": 0.9},
    {"gate": "x", "targets": [4], "controls": [0, 2]},
    {"gate": "rx", "target": 3, "rotation": 1.1},
]
CIRCUITS = [
    pytest.param(BELL_CIRCUIT, 2, id="bell"),
    pytest.param(GHZ_TILTED, 3, id="ghz-tilted"),
    pytest.param(SPREAD, 5, id="spread"),
]
# Where and how a job runs: ideal, a named noise model, a QPU's own noise.
RUNS = [
    pytest.param({"backend": "simulator"}, id="ideal"),
    pytest.param(
        {"backend": "simulator", "noise": {"model": "aria-1", "seed": 7}}, id="aria-1-model"
    ),
    pytest.param(
        {"backend": "simulator", "noise": {"model": "forte-1", "seed": 8}}, id="forte-1-model"
    ),
    pytest.param({"backend": "qpu.aria-1"}, id="qpu-aria-1"),
    pytest.param({"backend": "qpu.forte-1"}, id="qpu-forte-1"),
]


def completed(client: ContractClient, body: dict[str, Any]) -> dict[str, Any]:
    job = wait_for_job(client, submit(client, body, KEY), KEY)
    assert job["status"] == "completed", job
    return job


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize(("circuit", "qubits"), CIRCUITS)
def test_a_job_s_results_validate_against_their_formats(
    client: ContractClient, circuit: list[dict[str, Any]], qubits: int, run: dict[str, Any]
) -> None:
    job = completed(client, {**circuit_job(circuit, qubits=qubits, shots=500), **run})
    by_url = {kind: result(client, job["id"], KEY, kind) for kind in RESULT_FORMATS}
    for kind, name in RESULT_FORMATS.items():
        assert by_url[kind], kind
        assert problems(name, by_url[kind]) == [], kind
    # The probabilities are a distribution (which no JSON Schema can say).
    assert math.isclose(sum(by_url["probabilities"].values()), 1.0, abs_tol=1e-9)
    # By format: every descriptor's artifact is an instance of its format.
    ideal = "noise" not in run and run["backend"] == "simulator"
    expected = {PROBABILITIES_V1, PROBABILITIES_V2}
    if not ideal:  # shots were drawn: the histogram and the shots too, in v1 and v2
        expected |= {*RESULT_FORMATS.values(), HISTOGRAM_V2, SHOTS_V2}
    # Each URL entry is also its v1 document's descriptor (ionq-core reads it as one).
    for kind, name in RESULT_FORMATS.items():
        entry = job["results"][kind]
        assert entry["format"] == name
        same = client.get(
            f"/v0.4/jobs/{job['id']}/artifacts/{entry['id']}", headers=key_header(KEY)
        )
        assert same.get_json() == by_url[kind], kind
    by_format = {key: entry for key, entry in job["results"].items() if key not in RESULT_FORMATS}
    assert set(by_format) == expected
    artifacts = {}
    for name, descriptor in by_format.items():
        assert descriptor["format"] == name
        assert descriptor["media_type"] == "application/json"
        response = client.get(
            f"/v0.4/jobs/{job['id']}/artifacts/{descriptor['id']}", headers=key_header(KEY)
        )
        assert response.status_code == 200, name
        artifacts[name] = response.get_json()
        assert problems(name, artifacts[name]) == [], name
    assert artifacts[PROBABILITIES_V1] == by_url["probabilities"]
    assert_v2_is_v1_by_register(artifacts, qubits)
    if not ideal:
        assert artifacts[HISTOGRAM_V1] == by_url["histogram"]
        assert artifacts[SHOTS_V1] == by_url["shots"]


def assert_v2_is_v1_by_register(artifacts: dict[str, Any], qubits: int) -> None:
    """A v2 document is its v1 with each key written as the output_all register's bitstring.

    Bit 0 of the register (qubit 0) is the rightmost character; in the shots
    format, bit i is at index i. Read here from the bits, not from the fake.
    """
    v2 = artifacts[PROBABILITIES_V2]["probabilities"]["registers"]
    assert list(v2) == ["output_all"]
    as_decimal = {str(int(bits, 2)): p for bits, p in v2["output_all"].items()}
    assert all(len(bits) == qubits for bits in v2["output_all"])
    assert as_decimal == artifacts[PROBABILITIES_V1]
    if HISTOGRAM_V2 in artifacts:
        counts = artifacts[HISTOGRAM_V2]["histogram"]["registers"]["output_all"]
        assert {str(int(bits, 2)): n for bits, n in counts.items()} == artifacts[HISTOGRAM_V1]
        shots = [shot["registers"]["output_all"] for shot in artifacts[SHOTS_V2]["shots"]]
        assert all(len(bits) == qubits for bits in shots)
        from_bits = [str(sum(bit << i for i, bit in enumerate(bits))) for bits in shots]
        assert from_bits == artifacts[SHOTS_V1]


@pytest.mark.parametrize("run", RUNS)
def test_a_batch_s_aggregated_probabilities_validate_against_the_aggregate_format(
    client: ContractClient, run: dict[str, Any]
) -> None:
    body = {
        "type": "ionq.multi-circuit.v1",
        "shots": 300,
        "input": {
            "gateset": "qis",
            "qubits": 5,
            "circuits": [{"circuit": BELL_CIRCUIT}, {"circuit": GHZ_TILTED}, {"circuit": SPREAD}],
        },
        **run,
    }
    parent = completed(client, body)
    url = parent["results"]["probabilities"]["url"]
    aggregated = client.get(url, headers=key_header(KEY)).get_json()
    assert list(aggregated) == parent["child_job_ids"]
    assert problems(AGGREGATE, aggregated) == []
    for child in parent["child_job_ids"]:
        for kind, name in RESULT_FORMATS.items():
            assert problems(name, result(client, child, KEY, kind)) == [], kind


BROKEN_RESULTS = [
    pytest.param(RESULT_FORMATS["probabilities"], {"0b11": 1.0}, id="probabilities-binary-key"),
    pytest.param(RESULT_FORMATS["probabilities"], {"3": 1.5}, id="probabilities-over-1"),
    pytest.param(RESULT_FORMATS["probabilities"], {"3": "1"}, id="probabilities-as-text"),
    pytest.param(RESULT_FORMATS["histogram"], {"3": 0.5}, id="histogram-fraction"),
    pytest.param(RESULT_FORMATS["histogram"], {"3": -1}, id="histogram-negative"),
    pytest.param(RESULT_FORMATS["shots"], [0, 3], id="shots-as-integers"),
    pytest.param(RESULT_FORMATS["shots"], {"0": 1}, id="shots-as-object"),
    pytest.param(AGGREGATE, {"bell": {"0": 1.0}}, id="aggregate-not-a-job-id"),
    pytest.param(
        AGGREGATE,
        {"7e9b0c3f-1a2d-4e5f-8b6c-9d0e1f2a3b4d": {"probabilities": {"0": 1.0}}},
        id="aggregate-of-other-payloads",
    ),
    pytest.param(
        "ionq.result.probabilities.json.v2",
        {"probabilities": {"registers": {"c": {"2": 1.0}}}},
        id="v2-decimal-key",
    ),
    pytest.param("ionq.result.histogram.json.v2", {"histogram": {}}, id="v2-no-registers"),
    pytest.param(
        "ionq.result.shots.json.v2", {"shots": [{"registers": {"c": [2]}}]}, id="v2-shot-bit-2"
    ),
    pytest.param("ionq.qasm3.v1", "", id="qasm3-empty"),
]


@pytest.mark.parametrize(("name", "payload"), BROKEN_RESULTS)
def test_the_documents_refuse_payloads_of_another_shape(name: str, payload: Any) -> None:
    assert problems(name, payload) != []


# -- native circuits ------------------------------------------------------------------------

# Native circuits as each SDK writes them (../shared/ionq-jobs-notes.md §2.3).
NATIVE_CIRCUITS = [
    pytest.param(
        [
            {"gate": "gpi2", "targets": [0], "phase": 0.25},
            {"gate": "ms", "targets": [0, 1], "phases": [0, 0.25], "angle": 0.25},
            {"gate": "zz", "targets": [1, 2], "angle": 0.1},
        ],
        3,
        id="qiskit-ionq",
    ),
    pytest.param(
        [
            {"gate": "gpi", "targets": [0], "phase": 0.1},
            {"gate": "ms", "targets": [1, 0], "phases": [0.5, 0.75]},
            {"gate": "zz", "targets": [0, 1], "phase": 0.2},
        ],
        2,
        id="cirq-ionq",
    ),
    pytest.param(
        [
            {"gate": "gpi", "target": 0, "phase": 0.3},
            {"gate": "gpi2", "target": 1, "phase": -0.25},
            {"gate": "ms", "targets": [0, 1], "phases": [0, 0]},
        ],
        2,
        id="pennylane-ionq",
    ),
    pytest.param(
        [
            {"gate": "gpi", "target": 0, "targets": [0], "phase": 1.25},
            {"gate": "nop", "target": 1},
            {"gate": "ms", "targets": [0, 1], "phases": [0.1, 0.2], "angle": 0.125},
        ],
        2,
        id="both-target-forms-and-nop",
    ),
    pytest.param([], 1, id="empty"),
]


def native_input(circuit: list[dict[str, Any]], qubits: int) -> dict[str, Any]:
    return {"gateset": "native", "qubits": qubits, "circuit": circuit}


@pytest.mark.parametrize(("circuit", "qubits"), NATIVE_CIRCUITS)
def test_a_native_circuit_the_fake_runs_is_an_ionq_native_v1_payload(
    client: ContractClient, circuit: list[dict[str, Any]], qubits: int
) -> None:
    completed(client, circuit_job(circuit, qubits=qubits, gateset="native"))
    assert problems(NATIVE, native_input(circuit, qubits)) == []
    assert problems(NATIVE, {"qubits": qubits, "circuit": circuit}) == []


def random_native_gate(rng: random.Random, qubits: int) -> dict[str, Any]:
    """A native gate in any of the forms the SDKs write."""
    name = rng.choice(["gpi", "gpi2", "ms", "zz", "nop"])
    if name in {"gpi", "gpi2", "nop"}:
        qubit = rng.randrange(qubits)
        gate: dict[str, Any] = {"gate": name}
        gate.update(rng.choice([{"target": qubit}, {"targets": [qubit]}]))
        if name != "nop":
            gate["phase"] = rng.uniform(-1, 1)
        return gate
    pair = rng.sample(range(qubits), 2)
    gate = {"gate": name, "targets": pair}
    if name == "ms":
        gate["phases"] = [rng.uniform(0, 1), rng.uniform(0, 1)]
        if rng.random() < 0.5:
            gate["angle"] = rng.uniform(0, 0.25)
    else:
        gate[rng.choice(["angle", "phase"])] = rng.uniform(-0.5, 0.5)
    return gate


@pytest.mark.parametrize("seed", range(6))
def test_random_native_circuits_the_fake_runs_are_ionq_native_v1_payloads(
    client: ContractClient, seed: int
) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible circuits, not secrets
    qubits = rng.randint(2, 6)
    circuit = [random_native_gate(rng, qubits) for _ in range(rng.randint(1, 40))]
    completed(client, circuit_job(circuit, qubits=qubits, gateset="native", shots=100))
    assert problems(NATIVE, native_input(circuit, qubits)) == []


@pytest.mark.parametrize(
    ("backend", "gates"),
    [
        pytest.param("qpu.aria-1", [{"gate": "ms", "targets": [0, 1], "phases": [0, 0]}], id="ms"),
        pytest.param("qpu.forte-1", [{"gate": "zz", "targets": [0, 1], "angle": 0.25}], id="zz"),
    ],
)
def test_a_qpu_s_entangling_gate_runs_there_and_validates(
    client: ContractClient, backend: str, gates: list[dict[str, Any]]
) -> None:
    circuit = [{"gate": "gpi2", "target": 0, "phase": 0}, *gates]
    served = client.get(f"/v0.4/backends/{backend}").get_json()
    assert gates[0]["gate"] in served["supported_native_gates"]
    completed(client, circuit_job(circuit, qubits=2, gateset="native", backend=backend))
    assert problems(NATIVE, native_input(circuit, 2)) == []


# Native gates the schema allows but the fake fails (InvalidInput), and so the document refuses.
FAILING_NATIVE = [
    pytest.param({"gate": "gpi", "target": 0}, id="gpi-without-phase"),
    pytest.param({"gate": "gpi2", "targets": [0, 1], "phase": 0.1}, id="gpi2-on-two-qubits"),
    pytest.param({"gate": "ms", "targets": [0, 1], "angle": 0.25}, id="ms-without-phases"),
    pytest.param({"gate": "ms", "targets": [0], "phases": [0, 0]}, id="ms-on-one-qubit"),
    pytest.param({"gate": "ms", "target": 0, "phases": [0, 0]}, id="ms-with-a-single-target"),
    pytest.param({"gate": "zz", "targets": [0, 1]}, id="zz-without-an-angle"),
    pytest.param({"gate": "nop"}, id="nop-without-a-target"),
]


@pytest.mark.parametrize("gate", FAILING_NATIVE)
def test_a_native_gate_the_fake_fails_is_refused_by_the_document(
    client: ContractClient, gate: dict[str, Any]
) -> None:
    job = wait_for_job(
        client, submit(client, circuit_job([gate], qubits=2, gateset="native"), KEY), KEY
    )
    assert job["status"] == "failed"
    assert job["failure"]["code"] == "InvalidInput"
    assert problems(NATIVE, native_input([gate], 2)) != []


def test_a_qis_circuit_is_no_native_payload() -> None:
    assert problems(NATIVE, native_input(BELL_CIRCUIT, 2)) != []
    assert problems(NATIVE, {"gateset": "qis", "qubits": 2, "circuit": []}) != []


def test_a_qasm3_program_is_a_qasm3_payload() -> None:
    program = (
        'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[1] c;\nx q[0];\nc = measure q;\n'
    )
    assert problems("ionq.qasm3.v1", program) == []
    assert problems("ionq.qasm3.v1", {"data": program}) != []
