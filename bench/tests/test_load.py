"""Reading wrk's output and judging statuses, without running wrk."""
# ruff: noqa: S101

from __future__ import annotations

import json

import pytest

from bench.load import LoadResult, LoadSettings, Scenario, count_unexpected, parse_wrk_output

LINE = {
    "duration_us": 2_000_000,
    "requests": 1000,
    "bytes": 250_000,
    "errors": {"connect": 0, "read": 1, "write": 0, "status": 3, "timeout": 2},
    "latency_us": {"p50": 1500, "p90": 2500, "p99": 9000, "max": 20000, "mean": 1700.5},
    "statuses": {"200": 990, "404": 7, "500": 3},
}


def wrk_text(data: dict[str, object]) -> str:
    return "Running 2s test @ http://x\n  noise\nBENCH_JSON " + json.dumps(data) + "\n"


def test_parse_reads_the_marker_line() -> None:
    result = parse_wrk_output(wrk_text(LINE))
    assert result.requests == 1000
    assert result.requests_per_s == pytest.approx(500.0)
    assert (result.p50_ms, result.p99_ms, result.max_ms) == (1.5, 9.0, 20.0)
    assert result.socket_errors == {"connect": 0, "read": 1, "write": 0, "timeout": 2}
    assert result.non_2xx_3xx == 3
    assert result.statuses == {200: 990, 404: 7, 500: 3}


def test_parse_without_marker_fails_clearly() -> None:
    with pytest.raises(ValueError, match="BENCH_JSON"):
        parse_wrk_output("Requests/sec: 1\n")


def test_unexpected_counts_statuses_outside_the_expected_set() -> None:
    result = parse_wrk_output(wrk_text(LINE))
    assert count_unexpected(result, {200, 404}) == 3
    result.unexpected_statuses = count_unexpected(result, {200, 404})
    # Socket errors and timeouts count too; expected 4xx do not.
    assert result.errors == 1 + 2 + 3


def test_without_a_histogram_wrk_status_errors_are_unexpected() -> None:
    result = parse_wrk_output(wrk_text({**LINE, "statuses": {}}))
    assert count_unexpected(result, {200}) == 3


def test_as_dict_is_json_ready() -> None:
    result: LoadResult = parse_wrk_output(wrk_text(LINE))
    document = json.loads(json.dumps(result.as_dict()))
    assert document["statuses"] == {"200": 990, "404": 7, "500": 3}
    assert "raw" not in document


def test_scenario_argument_carries_an_optional_header() -> None:
    assert Scenario("a", "/p", 200).wrk_arg() == "/p"
    assert Scenario("b", "/p", 200, ("Prefer", "example=x")).wrk_arg() == "/p|Prefer: example=x"


def test_settings_become_wrk_options() -> None:
    args = LoadSettings(duration_s=10, connections=32, threads=2, timeout_s=2).wrk_args()
    assert args == [
        "--threads=2",
        "--connections=32",
        "--duration=10s",
        "--timeout=2s",
        "--latency",
    ]
