"""Characterization histories: derived from small data files, checked against the spec.

Writing dozens of dated characterizations per backend by hand (each with
hundreds of qubit pairs) would bury the few numbers that matter. So a
fixtures directory holds one compact generator input per QPU,
`characterizations/<backend>.json`: the date of the newest measurement, how
many there are and how far apart, and the median fidelities and timings
with how much they vary. `generate_history` turns it into records the way
the service shapes them:

* the newest record carries exactly the input's values and, as its id, the
  backend's `characterization_id`, so that id always resolves;
* older ones go back `every_hours` at a time, with values varied by a random
  generator seeded from the backend name and the record's index, so the
  same files give the same records on every machine and every run;
* `qubits` comes from the backend record and `connectivity` lists every
  pair of them (IonQ's ions are connected all-to-all).

A backend without a `characterization_id` (the simulator) has no history.
Every generated record is checked against the spec's Characterization
schema at start-up; a problem stops the fake with the input file and the
field it concerns.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ionq_contract import content_cache
from mock_server.api.fixture_files import FixtureError, parse_json, read_text
from mock_server.wire import rejections
from mock_server.wire.rejections import FieldProblem, field_problems, new_validator
from mock_server.wire.responses import encode

CHARACTERIZATIONS_FOLDER = "characterizations"
# Ids of older characterizations are name-based UUIDs in this namespace.
ID_NAMESPACE = uuid.UUID("444a51fd-6240-5b89-95c7-65341626d65e")
FIDELITY_DIGITS = 5
TIMING_SIGNIFICANT_DIGITS = 4

_ESTIMATE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["median", "spread", "stderr"],
    "properties": {
        "median": {"type": "number", "minimum": 0, "maximum": 1},
        "spread": {"type": "number", "minimum": 0},
        "stderr": {"type": "number", "minimum": 0},
    },
}
TIMING_FIELDS = ("t1", "t2", "1q", "2q", "readout", "reset")
FIDELITY_FIELDS = ("spam", "1q", "2q")
# The shape of a generator input file. It is the fake's own file format, not
# part of the API, so it lives here rather than in openapi.yaml.
INPUT_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["newest", "count", "every_hours", "fidelity", "timing", "timing_spread"],
    "properties": {
        "newest": {"type": "string", "format": "date-time"},
        "count": {"type": "integer", "minimum": 1, "maximum": 1000},
        "every_hours": {"type": "number", "exclusiveMinimum": True, "minimum": 0},
        "fidelity": {
            "type": "object",
            "additionalProperties": False,
            "required": list(FIDELITY_FIELDS),
            "properties": dict.fromkeys(FIDELITY_FIELDS, _ESTIMATE),
        },
        "timing": {
            "type": "object",
            "additionalProperties": False,
            "required": list(TIMING_FIELDS),
            "properties": {key: {"type": "number", "minimum": 0} for key in TIMING_FIELDS},
        },
        "timing_spread": {"type": "number", "minimum": 0, "maximum": 1},
    },
}

_INPUT_VALIDATOR = new_validator(INPUT_SCHEMA)


def _versions(*packages: str) -> str:
    found = []
    for package in packages:
        try:
            found.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{package} unknown")
    return ", ".join(found)


# What a kept verdict on the characterizations was reached with, besides the
# schema: the validator libraries, and the fake's own checking code (this
# module and the one that compiles and words the schema's checks).
_VALIDATORS = content_cache.digest(
    _versions("jsonschema", "openapi-schema-validator"),
    Path(__file__).read_bytes(),
    Path(rejections.__file__).read_bytes(),
)
_VALID = b"valid\n"

Record = dict[str, Any]


def format_instant(instant: datetime) -> str:
    """An aware datetime as the service writes it: RFC 3339 in UTC with `Z`."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(text: str) -> datetime:
    """An RFC 3339 date-time, or a full date (midnight UTC), as an aware datetime.

    The text has passed the spec's `date`/`date-time` format check already;
    this only has to cover what RFC 3339 allows beyond Python's parser: a
    lower-case `t`/`z` and a leap second (read as the second before it).
    """
    text = text.upper()
    if "T" not in text:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    date_part, time_part = text.split("T", 1)
    if time_part[6:8] == "60":
        time_part = time_part[:6] + "59" + time_part[8:]
    return datetime.fromisoformat(f"{date_part}T{time_part}")


def all_pairs(qubits: int) -> list[list[int]]:
    """Every unordered pair of `qubits` qubits, as `[low, high]`, in order."""
    return [list(pair) for pair in combinations(range(qubits), 2)]


def characterization_id(backend: str, date: str) -> str:
    """The id of an older characterization: stable for a backend and date."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{backend}/{date}"))


def generate_history(
    backend: str, qubits: int, current_id: str, spec: Mapping[str, Any]
) -> list[Record]:
    """A backend's characterizations, newest first, from a checked generator input."""
    newest = parse_instant(spec["newest"])
    step = timedelta(hours=spec["every_hours"])
    connectivity = all_pairs(qubits)
    history = []
    for index in range(spec["count"]):
        date = format_instant(newest - index * step)
        # Index 0 is the input itself; a seeded generator varies the others.
        vary = random.Random(f"{backend}/{index}") if index else None  # noqa: S311 - not crypto
        history.append(
            {
                "id": current_id if index == 0 else characterization_id(backend, date),
                "backend": backend,
                "date": date,
                "qubits": qubits,
                "connectivity": connectivity,
                "fidelity": {
                    name: _estimate(estimate, vary) for name, estimate in spec["fidelity"].items()
                },
                "timing": {
                    name: _duration(value, spec["timing_spread"], vary)
                    for name, value in spec["timing"].items()
                },
            }
        )
    return history


def _estimate(estimate: Mapping[str, float], vary: random.Random | None) -> dict[str, float]:
    if vary is None:
        return {"median": estimate["median"], "stderr": estimate["stderr"]}
    median = estimate["median"] + vary.uniform(-1, 1) * estimate["spread"]
    stderr = estimate["stderr"] * vary.uniform(0.8, 1.25)
    return {
        "median": round(min(max(median, 0.0), 1.0), FIDELITY_DIGITS),
        "stderr": float(f"{stderr:.2g}"),
    }


def _duration(seconds: float, spread: float, vary: random.Random | None) -> float:
    if vary is None:
        return seconds
    varied = seconds * (1 + vary.uniform(-1, 1) * spread)
    return float(f"{varied:.{TIMING_SIGNIFICANT_DIGITS}g}")


@dataclass(frozen=True, slots=True)
class History:
    """One backend's characterizations, newest first, each with its encoded JSON."""

    dates: tuple[datetime, ...]
    bodies: tuple[bytes, ...]
    by_id: Mapping[str, bytes]

    def with_newest(self, record: Record) -> History:
        """This history with `record` as its newest characterization (same id, a new body).

        The record keeps the newest one's id (the store refuses any other)
        and a date that keeps the history newest first.
        """
        body = encode(record)
        return History(
            dates=(parse_instant(record["date"]), *self.dates[1:]),
            bodies=(body, *self.bodies[1:]),
            by_id=MappingProxyType({**self.by_id, record["id"]: body}),
        )


def encoded_history(records: Sequence[Record]) -> History:
    """A history as the store serves it: bodies encoded once, ids indexed."""
    bodies = tuple(encode(record) for record in records)
    return History(
        dates=tuple(parse_instant(record["date"]) for record in records),
        bodies=bodies,
        by_id=MappingProxyType(
            {record["id"]: body for record, body in zip(records, bodies, strict=True)}
        ),
    )


@dataclass(frozen=True, slots=True)
class Page:
    """What one request for a page of characterizations answers."""

    bodies: tuple[bytes, ...]
    remaining_pages: int

    def encode(self) -> bytes:
        """`{"characterizations": [...], "pages": n}` from the pre-encoded records."""
        return (
            b'{"characterizations":['
            + b",".join(self.bodies)
            + b'],"pages":'
            + str(self.remaining_pages).encode()
            + b"}"
        )


def select_page(
    dates: Sequence[datetime],
    start: datetime | None,
    end: datetime | None,
    limit: int,
    page: int,
) -> tuple[range, int]:
    """Which indexes of a newest-first history a page holds, and how many pages follow.

    `start` is inclusive and `end` exclusive. Pages count from 1; a page after
    the last one holds nothing and has no pages after it.
    """
    # Newest first: the records in [start, end) are one contiguous run.
    first = sum(1 for date in dates if end is not None and date >= end)
    last = sum(1 for date in dates if start is None or date >= start)
    matching = max(last - first, 0)
    total_pages = -(-matching // limit)
    offset = (page - 1) * limit
    if offset >= matching:
        return range(0), 0
    begin = first + offset
    return range(begin, min(begin + limit, first + matching)), total_pages - page


def load_histories(
    directories: Sequence[Path],
    backends: Mapping[str, Mapping[str, Any]],
    characterization_schema: Mapping[str, Any],
) -> dict[str, History]:
    """Generate the history of every backend that names a characterization.

    The generator input of a backend is `characterizations/<name>.json` of
    the first of `directories` that has one (the user's fixtures, then the
    packaged ones). FixtureError lists everything wrong, by file and field.
    """
    schema_json = json.dumps(characterization_schema, sort_keys=True)
    histories: dict[str, History] = {}
    problems: list[str] = []
    for name, backend in sorted(backends.items()):
        current_id = backend.get("characterization_id")
        if current_id is None:
            continue
        found = _input_path(directories, name)
        if found is None:
            folders = " or ".join(str(d / CHARACTERIZATIONS_FOLDER) for d in directories)
            problems.append(
                f"backends/{name}.json: $.characterization_id: names a characterization, "
                f"but there is no {name}.json in {folders} to generate it from"
            )
            continue
        try:
            text = read_text(found)
        except FixtureError as exc:
            problems.append(str(exc))
            continue
        history, found_problems = _checked_history(
            _Source(found, text, name, int(backend["qubits"]), str(current_id)), schema_json
        )
        problems.extend(found_problems)
        if history is not None:
            histories[name] = history
    if problems:
        raise FixtureError("Invalid characterization fixtures:\n  " + "\n  ".join(problems))
    return histories


def _input_path(directories: Sequence[Path], name: str) -> Path | None:
    for directory in directories:
        path = directory / CHARACTERIZATIONS_FOLDER / f"{name}.json"
        if path.is_file():
            return path
    return None


@dataclass(frozen=True, slots=True)
class _Source:
    """Everything one history is generated from; hashable, to cache the result."""

    path: Path
    text: str
    backend: str
    qubits: int
    current_id: str


@functools.lru_cache(maxsize=16)
def _connectivity_problems(schema_json: str, connectivity_json: str) -> tuple[FieldProblem, ...]:
    """What the `connectivity` property of the Characterization schema finds wrong
    with one connectivity list (given as JSON, so that equal lists share the answer)."""
    connectivity_schema = json.loads(schema_json)["properties"]["connectivity"]
    validator = new_validator(
        {"type": "object", "properties": {"connectivity": connectivity_schema}}
    )
    return tuple(field_problems(validator, {"connectivity": json.loads(connectivity_json)}))


@functools.lru_cache(maxsize=64)
def _checked_history(source: _Source, schema_json: str) -> tuple[History | None, tuple[str, ...]]:
    """The encoded history of one backend, or what is wrong with its input or output.

    Cached: every app of a process (tests build hundreds) generates the same
    histories from the same files, and checking them is the slow part.
    """
    path = source.path
    try:
        spec = parse_json(path, source.text)
    except FixtureError as exc:
        return None, (str(exc),)
    problems = [f"{path}: {problem}" for problem in field_problems(_INPUT_VALIDATOR, spec)]
    try:
        canonical = str(uuid.UUID(source.current_id))
    except ValueError:
        canonical = None
    if canonical != source.current_id:
        problems.append(
            f"backends/{source.backend}.json: $.characterization_id: {source.current_id!r} is "
            "not a UUID in lower-case hex with dashes, so no characterization can have it as its id"
        )
    if problems:
        return None, tuple(problems)
    history = generate_history(source.backend, source.qubits, source.current_id, spec)
    encoded = encoded_history(history)
    # These exact bodies were found valid under this exact schema before: the
    # verdict is kept by content (ionq_contract/content_cache.py), not checked again.
    verdict = "characterizations-" + content_cache.digest(schema_json, _VALIDATORS, *encoded.bodies)
    if content_cache.read(verdict) == _VALID:
        return encoded, ()
    record_validator = new_validator(json.loads(schema_json))
    connectivity_checked: set[int] = set()
    for record in history:
        # Every record of a history shares one connectivity list (all pairs of
        # the backend's qubits), and backends with as many qubits have equal
        # ones: each distinct list is checked once, on its own, and the
        # records without it. Checking hundreds of pairs per record would
        # make start-up slow.
        connectivity = record["connectivity"]
        found = list(field_problems(record_validator, {**record, "connectivity": []}))
        if id(connectivity) not in connectivity_checked:
            connectivity_checked.add(id(connectivity))
            found += _connectivity_problems(schema_json, json.dumps(connectivity))
        for problem in found:
            problems.append(f"{path}: the characterization of {record['date']}: {problem}")
    if problems:
        return None, tuple(problems)
    content_cache.write(verdict, _VALID)
    return encoded, ()
