"""Expected values for the fake's tests, read from openapi.yaml and the fixture files.

Nothing here asks the code under test: the spec is read as YAML and the
fixtures as JSON, so a test compares the fake with its sources, not with itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask

from ionq_contract.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
PACKAGED_BACKENDS = ROOT / "mock_server" / "api" / "fixtures" / "backends"
ORIGIN = "http://127.0.0.1:8000"

AppFactory = Callable[..., Flask]


def backend_names() -> list[str]:
    """The backend names openapi.yaml lists, in its order."""
    return list(load_spec()["components"]["schemas"]["BackendName"]["enum"])


def fixture_record(name: str) -> dict[str, Any]:
    """The packaged fixture file of a backend, as JSON."""
    record: dict[str, Any] = json.loads((PACKAGED_BACKENDS / f"{name}.json").read_text("utf-8"))
    return record


def success_examples() -> dict[str, Any]:
    """The named examples of getBackend's 200 response in openapi.yaml."""
    media = load_spec()["paths"]["/backends/{backend}"]["get"]["responses"]["200"]["content"]
    return {
        name: example["value"] for name, example in media["application/json"]["examples"].items()
    }


def response_example(component: str, name: str) -> Any:
    """A named example of a response of `components/responses`."""
    media = load_spec()["components"]["responses"][component]["content"]["application/json"]
    return media["examples"][name]["value"]
