"""Every difference between openapi.yaml and IonQ's own description is explained, and only those.

IonQ's description (ionq-core 0.2.0's openapi.json, fetched into build/ by
`make ionq-description`) is where IonQ says what its service does; openapi.yaml
is what the fake serves. Where they differ, openapi.yaml says which side the
fake takes and why, in an `x-ionq-differs` note on the node concerned
(contract_tests/ionq_description/notes.py). These tests keep the notes and
the differences one-to-one: a new difference without a note fails, and so
does a note whose difference has gone.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from contract_tests.fake.support import ROOT
from contract_tests.ionq_description import loading
from contract_tests.ionq_description.compare import (
    Difference,
    Table,
    differences,
    uncompared_bodies,
)
from contract_tests.ionq_description.notes import audit, read_notes
from ionq_contract.spec import load_spec


@pytest.fixture(scope="module")
def ours() -> dict[str, Any]:
    """A copy of openapi.yaml: the tests below change theirs."""
    return copy.deepcopy(load_spec())


@pytest.fixture(scope="module")
def theirs() -> dict[str, Any]:
    return loading.ionq_description()


@pytest.fixture(scope="module")
def table() -> Table:
    return loading.table()


def _listing(items: Any) -> str:
    return "\n".join(f"  {item}" for item in items)


def test_every_difference_has_a_note(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    unexplained = audit(differences(ours, theirs, table), read_notes(ours)).unexplained
    assert not unexplained, (
        f"{len(unexplained)} differences from IonQ's description have no x-ionq-differs note "
        f"saying which side the fake takes and why:\n{_listing(unexplained)}"
    )


def test_every_note_has_a_difference(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    stale = audit(differences(ours, theirs, table), read_notes(ours)).stale
    assert not stale, (
        f"x-ionq-differs notes that no difference backs any longer:\n{_listing(stale)}"
    )


def _extension_count(node: Any) -> int:
    """How many x-ionq-differs notes a description holds, wherever they sit."""
    if isinstance(node, dict):
        here = 1 if "x-ionq-differs" in node else 0
        return here + sum(_extension_count(value) for value in node.values())
    if isinstance(node, list):
        return sum(_extension_count(value) for value in node)
    return 0


def test_the_docs_give_the_numbers_as_they_are(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    """docs/contract-tests.md says how many differences and notes there are: kept true here."""
    text = (ROOT / "docs" / "contract-tests.md").read_text("utf-8")
    found = re.search(r"there are (\d+), in (\d+) notes", text)
    assert found, "docs/contract-tests.md no longer says how many differences there are"
    stated = (int(found[1]), int(found[2]))
    assert stated == (len(differences(ours, theirs, table)), _extension_count(ours))


def test_the_table_names_schemas_both_sides_have(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    """A renamed schema would otherwise drop out of the comparison without a word."""
    our_names, their_names = ours["components"]["schemas"], theirs["components"]["schemas"]
    unknown = [name for name in table.compared if name not in our_names]
    unknown += [n for names in table.compared.values() for n in names if n not in their_names]
    unknown += [name for name in table.unspecified if name not in their_names]
    assert not unknown


def test_every_body_both_describe_is_compared(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    """A shared operation's request and success bodies are in scope, or schemas.yaml misses one."""
    assert uncompared_bodies(ours, theirs, table) == []


def test_a_body_left_out_of_the_table_is_found(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    narrower = Table({k: v for k, v in table.compared.items() if k != "JobCost"})
    assert uncompared_bodies(ours, theirs, narrower) == [
        "GET /jobs/{}/cost 200: ours JobCost, IonQ's GetJobCostResponse"
    ]


def test_a_removed_note_leaves_its_difference_unexplained(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    edited = copy.deepcopy(ours)
    del edited["components"]["schemas"]["JobFailure"]["x-ionq-differs"]
    unexplained = audit(differences(edited, theirs, table), read_notes(edited)).unexplained
    assert [(d.location, d.aspect, d.key) for d in unexplained] == [
        ("/components/schemas/JobFailure", "added", "error")
    ]


def test_a_new_difference_is_unexplained(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    edited = copy.deepcopy(theirs)
    edited["components"]["schemas"]["Whoami"]["properties"]["organization_id"] = {"type": "string"}
    edited["paths"]["/jobs/{UUID}/results/histogram"] = {"get": {"responses": {}}}
    unexplained = audit(differences(ours, edited, table), read_notes(ours)).unexplained
    assert [(d.location, d.aspect, d.key) for d in unexplained] == [
        ("/components/schemas/Whoami", "missing", "organization_id")
    ]
    stale = audit(differences(ours, edited, table), read_notes(ours)).stale
    assert stale == [("/paths/~1jobs~1{UUID}~1results~1histogram/get", "absent", None)]


def test_a_difference_gone_leaves_its_note_stale(
    ours: dict[str, Any], theirs: dict[str, Any], table: Table
) -> None:
    edited = copy.deepcopy(theirs)
    edited["components"]["schemas"]["Failure"]["properties"]["error"] = {"type": "string"}
    edited["components"]["schemas"]["Failure"]["required"].append("error")
    found = differences(ours, edited, table)
    assert audit(found, read_notes(ours)).stale == [
        ("/components/schemas/JobFailure", "added", "error")
    ]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("not a mapping", "a mapping of aspects"),
        ({"colour": "red"}, "unknown aspect 'colour'"),
        ({"closed": ""}, "non-empty string"),
        ({}, "explains nothing"),
        ({"added": "a reason without the member"}, "mapping of names"),
    ],
)
def test_a_malformed_note_is_refused(note: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_notes({"components": {"schemas": {"A": {"x-ionq-differs": note}}}})


def test_differences_of_a_small_pair() -> None:
    """The comparison on two tiny descriptions: each aspect once, placed where its note goes."""
    ours = {
        "paths": {"/a": {"get": {}}},
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "state": {"$ref": "#/components/schemas/State"},
                        "extra": {"type": "integer"},
                    },
                },
                "State": {"type": "string", "enum": ["on", "off"], "nullable": True},
            }
        },
    }
    theirs = {
        "paths": {"/b/{x}": {"post": {}}},
        "components": {
            "schemas": {
                "Item": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "state": {"type": "string", "enum": ["on"]},
                        "size": {"type": "number"},
                    },
                }
            }
        },
    }
    found = differences(ours, theirs, Table({"Thing": ["Item"]}))
    assert [(d.location, d.aspect, d.key) for d in found] == [
        ("", "missing", "POST /b/{x}"),
        ("/components/schemas/State", "enum", None),
        ("/components/schemas/State", "nullable", None),
        ("/components/schemas/Thing", "added", "extra"),
        ("/components/schemas/Thing", "closed", None),
        ("/components/schemas/Thing", "missing", "size"),
        ("/components/schemas/Thing", "required", "id"),
        ("/components/schemas/Thing/properties/id", "format", None),
        ("/paths/~1a/get", "absent", None),
    ]
    assert all(isinstance(d, Difference) and d.detail for d in found)
