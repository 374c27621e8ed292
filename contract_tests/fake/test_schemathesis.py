"""schemathesis, in-process, holds the fake to openapi.yaml.

The examples, coverage and fuzzing phases generate valid and invalid
requests from the description and run every check schemathesis.toml enables
(the same file the CLI of `make contract` reads). Deterministic: the toml
fixes the seed and derandomizes generation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from contract_tests.fake.support import ROOT
from ionq_contract.spec import spec_path
from mock_server.app import create_app

PHASES = {"examples", "coverage", "fuzzing"}

schema = schemathesis.openapi.from_path(
    spec_path(), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
)
# Calls go straight to the WSGI app: no server, no port.
schema.app = create_app()


@pytest.fixture(scope="module")
def cases_per_phase() -> Iterator[Counter[str]]:
    """Counts the cases of each phase; fails the module if a phase generated none."""
    counts: Counter[str] = Counter()
    yield counts
    assert set(counts) == PHASES, f"phases that ran: {dict(counts)}"


@schema.parametrize()
def test_the_fake_keeps_the_contract(case: Case[Any], cases_per_phase: Counter[str]) -> None:
    case.call_and_validate()
    assert case.meta is not None
    cases_per_phase[case.meta.phase.name.value] += 1
