"""bench/body_checks.py without a server: the bodies, the old refusal, the summaries."""
# ruff: noqa: S101

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.body_checks import (
    BAD_GATE,
    LIMIT_BYTES,
    MAX_GATES,
    Body,
    Posted,
    check_before,
    create_job_schema,
    encode_body,
    in_process,
    invalid_body,
    json_path,
    old_answer,
    old_problem,
    old_validator,
    ratio,
    summarize_posts,
    valid_body,
    wrong_items_body,
)
from bench.servers import API_PREFIX
from ionq_contract.schema_errors import FieldError, Kind
from mock_server.wire.compiled import compile_check
from mock_server.wire.rejections import new_validator

SCHEMA = create_job_schema()


def errors_of(document: Any) -> list[Any]:
    return list(new_validator(SCHEMA).iter_errors(document))


def test_the_valid_body_fills_the_limit_with_the_most_gates_and_is_valid() -> None:
    body = valid_body()
    data = encode_body(body)
    assert len(data) == LIMIT_BYTES - 1_000
    assert len(body["input"]["circuit"]) == MAX_GATES
    # The gates fill the body; the name only pads the last bytes.
    assert len(body["name"]) < 0.01 * LIMIT_BYTES
    check = compile_check(SCHEMA)
    assert check is not None
    assert check(json.loads(data))


def test_a_small_valid_body_is_exactly_its_size_and_valid_for_jsonschema_too() -> None:
    body = valid_body(size=30_000, gates=300)
    assert len(encode_body(body)) == 30_000
    assert errors_of(body) == []
    assert {gate["gate"] for gate in body["input"]["circuit"]} == {"rx", "ry", "rz", "xx", "cnot"}


def test_a_body_too_large_for_its_gates_is_refused() -> None:
    with pytest.raises(ValueError, match="over"):
        valid_body(size=1_000, gates=300)


def test_the_invalid_body_has_the_same_size_and_one_problem_at_its_last_gate() -> None:
    valid = valid_body(size=30_000, gates=300)
    body = invalid_body(valid)
    assert len(encode_body(body)) == 30_000
    assert body["input"]["circuit"][-1] == BAD_GATE
    assert valid["input"]["circuit"][-1] != BAD_GATE  # the valid body is left as it was
    (error,) = errors_of(body)
    assert list(error.absolute_path) == ["input", "circuit", 299, "gate"]


def test_the_wrong_items_body_is_as_many_wrong_items_as_a_circuit_holds() -> None:
    body = wrong_items_body()
    assert body["input"]["circuit"] == [0] * MAX_GATES
    assert len(errors_of(wrong_items_body(5))) == 5


def test_json_paths_name_fields_as_the_fake_does() -> None:
    assert json_path(()) == "$"
    assert json_path(("input", "circuit", 3, "gate")) == "$.input.circuit[3].gate"
    assert json_path(("odd key", "it's")) == "$['odd key']['it\\'s']"


def test_the_old_problem_words_and_cuts_a_message() -> None:
    missing = old_problem(FieldError(("input", "qubits"), Kind.MISSING, ""))
    assert missing == ("$.input.qubits", "input", "is required")
    long = old_problem(FieldError((0,), Kind.INVALID, "x" * 1000))
    assert long[1] == ""
    assert len(long[2]) == 300
    assert long[2].endswith("…")


def test_the_old_answer_has_every_problem_in_order_and_the_keys_once() -> None:
    problems = [("$.input.b", "input", "two"), ("$.input.a", "input", "one"), ("$", "", "x")]
    answer = json.loads(old_answer(problems))
    assert answer["statusCode"] == 400
    assert answer["message"] == "$: x; $.input.a: one; $.input.b: two"
    assert answer["validation"] == {"keys": ["input"], "source": "payload"}


def test_the_old_check_counts_every_problem_where_the_new_one_stops() -> None:
    validator = old_validator(SCHEMA)
    zeros = check_before(validator, wrong_items_body(1_500))
    assert (zeros["problems"], zeros["status"]) == (1_500, 400)
    assert zeros["answer_bytes"] > 1_500 * len("0 is not of type 'object'")
    fine = check_before(validator, valid_body(size=30_000, gates=300))
    assert (fine["problems"], fine["status"], fine["answer_bytes"]) == (0, 201, 0)


def test_posts_are_summarized_by_their_median_and_last_answer() -> None:
    posts = [Posted(0.3, 201, b"{}"), Posted(0.1, 201, b"{}"), Posted(0.2, 400, b'{"a":1}')]
    figures = summarize_posts(posts)
    assert (figures["median_s"], figures["min_s"], figures["max_s"]) == (0.2, 0.1, 0.3)
    assert figures["statuses"] == [201, 400]
    assert (figures["status"], figures["answer_bytes"]) == (400, 7)
    assert ratio(3.0, 0.5) == 6.0
    assert ratio(3.0, 0.0) is None


def test_in_process_posts_each_body_to_the_app() -> None:
    valid = valid_body(size=30_000, gates=300)
    bodies = [
        Body.of("valid", valid),
        Body.of("invalid", invalid_body(valid)),
        Body.of("wrong items", wrong_items_body(200)),
    ]
    figures = in_process(API_PREFIX, bodies, repeats=2)
    rows = {row["body"]: row for row in figures["rows"]}
    assert [rows[name]["after"]["status"] for name in rows] == [201, 400, 400]
    assert [rows[name]["before"]["status"] for name in rows] == [201, 400, 400]
    assert rows["wrong items"]["before"]["problems"] == 200
    # The app names at most 20 problems; the old way all 200.
    assert rows["wrong items"]["check_alone"]["problems_shown"] == 20
    assert (
        rows["wrong items"]["after"]["answer_bytes"] < rows["wrong items"]["before"]["answer_bytes"]
    )
    assert rows["valid"]["bytes"] == 30_000
    assert rows["valid"]["after"]["repeats"] == 2
