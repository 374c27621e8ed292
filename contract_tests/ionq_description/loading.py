"""Reading the two descriptions and schemas.yaml for the comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import yaml

from contract_tests.ionq_description.compare import Table

ROOT = Path(__file__).resolve().parents[2]
IONQ_DESCRIPTION = ROOT / "build" / "ionq-openapi.json"
TABLE = Path(__file__).with_name("schemas.yaml")


class MissingDescriptionError(FileNotFoundError):
    """build/ionq-openapi.json is not there: it is fetched by make, not committed."""


def ionq_description(path: Path = IONQ_DESCRIPTION) -> dict[str, Any]:
    """IonQ's description as fetched by `make ionq-description`."""
    if not path.is_file():
        raise MissingDescriptionError(
            f"{path} is missing: run `make ionq-description` (it downloads ionq-core's sdist once)"
        )
    return cast(dict[str, Any], json.loads(path.read_text(encoding="utf-8")))


def table(path: Path = TABLE) -> Table:
    """schemas.yaml as a Table."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    compared = {
        str(ours): [str(name) for name in theirs] for ours, theirs in raw["compared"].items()
    }
    return Table(compared, frozenset(str(name) for name in raw.get("unspecified", ())))
