"""contract_tests.fake.phase_counts: per-phase case counts of a schemathesis events report."""

from __future__ import annotations

import json

from contract_tests.fake.phase_counts import phase_counts


def _finished(phase: str, recorder: dict[str, object]) -> str:
    return json.dumps({"ScenarioFinished": {"phase": phase, "recorder": recorder}})


def test_cases_are_counted_per_phase_and_skipped_scenarios_count_none() -> None:
    lines = [
        _finished("examples", {"label": "GET /backends", "cases": {"a": {}, "b": {}}}),
        _finished("fuzzing", {"label": "POST /jobs", "cases": {"c": {}}}),
        # What schemathesis 4 reports for a stateful scenario it skipped: no cases at all.
        _finished("stateful", {"label": "GET /jobs"}),
        json.dumps({"EngineFinished": {}}),
    ]
    assert phase_counts(lines) == {"examples": 2, "fuzzing": 1, "stateful": 0}
