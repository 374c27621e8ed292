"""The JSON Schema documents that GET /schemas/formats/{format} serves: one data file per format.

`fixtures/formats/<format>.schema.json` holds the draft-07 document of one
format of IonQ's results and circuits, its `$id` the format's identifier.
They are packaged data, the same for every app (a fixtures directory of
one's own has no say here), read once at start-up and kept encoded, so an
answer is the same bytes every time. A file that is not JSON, whose `$id`
is not its name, or that breaks the spec's FormatSchemaDocument stops
start-up with a FixtureError naming it. That each is a valid draft-07
schema (jsonschema's Draft7Validator.check_schema, 10 ms for all of them)
and that the fake's own results validate against theirs are checked by the
tests (contract_tests/fake/test_format_schemas.py), not on every start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mock_server.api.fixture_files import PACKAGED_FIXTURES, FixtureError, read_json
from mock_server.wire.rejections import FieldProblem
from mock_server.wire.responses import encode

FORMATS_FOLDER = PACKAGED_FIXTURES / "formats"
SUFFIX = ".schema.json"
ID_FIELD = "$id"

Check = Callable[[Any], Sequence[FieldProblem]]


@dataclass(frozen=True, slots=True)
class FormatSchemas:
    """The documents by format identifier, each as parsed and as encoded JSON."""

    documents: Mapping[str, Mapping[str, Any]]
    bodies: Mapping[str, bytes]

    def body(self, name: str) -> bytes | None:
        """The encoded document of format `name`, or None when there is none."""
        return self.bodies.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        """Every format with a document, sorted."""
        return tuple(sorted(self.bodies))


def format_name(path: Path) -> str:
    """The format a data file describes: its name without `.schema.json`."""
    return path.name.removesuffix(SUFFIX)


def load_format_schemas(check: Check, folder: Path = FORMATS_FOLDER) -> FormatSchemas:
    """Every document of `folder`; FixtureError lists all that is wrong with them."""
    documents: dict[str, Mapping[str, Any]] = {}
    problems: list[str] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            document = read_json(path)
        except FixtureError as exc:
            problems.append(str(exc))
            continue
        found = [str(problem) for problem in check(document)]
        name = format_name(path)
        if isinstance(document, dict) and document.get(ID_FIELD, name) != name:
            found.append(
                f"$.{ID_FIELD}: {document[ID_FIELD]!r} does not match the file name "
                f"(expected {name!r})"
            )
        if found:
            problems.extend(f"{path}: {problem}" for problem in found)
        else:
            documents[name] = MappingProxyType(document)
    if not documents and not problems:
        problems.append(f"{folder} has no <format>{SUFFIX} file")
    if problems:
        raise FixtureError("Invalid format schemas:\n  " + "\n  ".join(problems))
    return FormatSchemas(
        documents=MappingProxyType(documents),
        bodies=MappingProxyType({name: encode(dict(doc)) for name, doc in documents.items()}),
    )
