"""Fixture files: the backends the fake serves, one JSON record per file.

A fixtures directory holds `backends/<name>.json`, whose `backend` field is
`<name>`. The fake ships one realistic record for every backend openapi.yaml
names (mock_server/fixtures); users can point it at a directory of their own.
Every record is checked against the spec's Backend schema before the server
starts: a fixture that breaks the contract would make the fake lie to the
clients it is meant to test, so it stops start-up with a message naming the
file and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator

from mock_server.wire.rejections import field_problems

PACKAGED_FIXTURES = Path(__file__).with_name("fixtures")
BACKENDS_FOLDER = "backends"
NAME_FIELD = "backend"


class FixtureError(Exception):
    """A fixtures directory that cannot be served; the message says where and why."""


def load_backends(directory: Path, validator: OAS30Validator) -> dict[str, dict[str, Any]]:
    """Every backend record of `directory`, by name; FixtureError lists all that is wrong."""
    folder = directory / BACKENDS_FOLDER
    if not directory.is_dir():
        raise FixtureError(f"Fixtures directory {directory} does not exist")
    if not folder.is_dir():
        raise FixtureError(
            f"Fixtures directory {directory} has no {BACKENDS_FOLDER}/ folder: "
            f"put one <backend name>.json per backend in {folder}"
        )
    records: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            record = read_json(path)
        except FixtureError as exc:
            problems.append(str(exc))
            continue
        found = record_problems(path, record, validator)
        if found:
            problems.extend(f"{path}: {problem}" for problem in found)
        else:
            records[path.stem] = record
    if problems:
        raise FixtureError("Invalid fixtures:\n  " + "\n  ".join(problems))
    return records


def read_json(path: Path) -> Any:
    """The JSON document in `path`; FixtureError names the file, line and column otherwise."""
    return parse_json(path, read_text(path))


def read_text(path: Path) -> str:
    """The text of a data file; FixtureError names the file when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FixtureError(f"{path}: cannot be read: {exc}") from exc


def parse_json(path: Path, text: str) -> Any:
    """The JSON document `text` read from `path`; FixtureError says where it is broken."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FixtureError(
            f"{path}, line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        ) from exc


def record_problems(path: Path, record: Any, validator: OAS30Validator) -> list[str]:
    """What is wrong with one record: the schema's complaints, then a name/file mismatch."""
    problems = [str(problem) for problem in field_problems(validator, record)]
    if isinstance(record, dict) and NAME_FIELD in record and record[NAME_FIELD] != path.stem:
        problems.append(
            f"$.{NAME_FIELD}: {record[NAME_FIELD]!r} does not match the file name "
            f"(expected {path.stem!r})"
        )
    return problems
