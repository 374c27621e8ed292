"""Every structural difference between openapi.yaml and IonQ's own description.

Pure code over two parsed documents: no files, no network. The result is a
list of `Difference`s, each placed on the node of openapi.yaml a note about
it belongs on (notes.py matches them with the `x-ionq-differs` notes there).

What is compared, and no more:

* operations: a method and path one description has and the other lacks
  (path parameters compared by position, not name);
* the schemas listed in schemas.yaml, and every schema reached from them
  through properties, items, map values and oneOf/anyOf alternatives: the
  properties one side has and the other lacks, which are required, the JSON
  types, `format`, `enum` and `nullable` of each, and whether an object is
  closed (`additionalProperties: false`), open, or a map.

Descriptions, examples, defaults, bounds and patterns are not compared: they
differ everywhere in wording and would drown the differences that change what
a client may send or read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "KEYED_ASPECTS",
    "PLAIN_ASPECTS",
    "Difference",
    "Table",
    "differences",
    "pointer",
    "uncompared_bodies",
]

Node = Mapping[str, Any]

KEYED_ASPECTS = ("missing", "added", "required")
"""Aspects about a member of a container, named by its key: a property, an
alternative of a oneOf/anyOf (by component name), an operation."""

PLAIN_ASPECTS = ("absent", "type", "format", "enum", "nullable", "closed")
"""Aspects about the node itself."""

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_PARAMETER = re.compile(r"\{[^{}/]+\}")


@dataclass(frozen=True, order=True)
class Difference:
    """One way openapi.yaml and IonQ's description disagree.

    `location` is a JSON pointer into openapi.yaml: the operation, schema or
    property the difference concerns, after following `$ref`s (a `$ref` node
    cannot carry an extension). `key` names the member for a keyed aspect.
    """

    location: str
    aspect: str
    key: str | None = None
    detail: str = field(default="", compare=False)

    def __str__(self) -> str:
        member = f" {self.key!r}" if self.key is not None else ""
        return f"{self.location or '/'}: {self.aspect}{member}: {self.detail}"


def pointer(*tokens: str) -> str:
    """A JSON pointer from its unescaped tokens."""
    return "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in tokens)


def _operations(spec: Node) -> dict[str, tuple[str, str]]:
    """`METHOD /path` (parameters blanked) to the operation's own method and path."""
    found = {}
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            if method in item:
                found[f"{method.upper()} {_PARAMETER.sub('{}', path)}"] = (method, path)
    return found


def _operation_differences(ours: Node, theirs: Node) -> Iterator[Difference]:
    our_ops, their_ops = _operations(ours), _operations(theirs)
    for key in sorted(our_ops.keys() - their_ops.keys()):
        method, path = our_ops[key]
        yield Difference(
            pointer("paths", path, method), "absent", None, "IonQ's description lacks it"
        )
    for key in sorted(their_ops.keys() - our_ops.keys()):
        method, path = their_ops[key]
        yield Difference("", "missing", f"{method.upper()} {path}", "only IonQ's has it")


@dataclass(frozen=True)
class _View:
    """A schema with `$ref`s followed: where it sits, what it says, which component it is."""

    node: Node
    location: str
    component: str | None


class _Document:
    """One description, read by JSON pointer."""

    def __init__(self, spec: Node) -> None:
        self.spec = spec

    def at(self, location: str) -> Any:
        node: Any = self.spec
        for token in location.split("/")[1:]:
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node

    def view(self, node: Node, location: str) -> _View:
        """Follow `$ref`s, and an `allOf` of one schema (a way to add `nullable` to a `$ref`)."""
        component = None
        extra: dict[str, Any] = {}
        for _ in range(64):
            if "$ref" in node:
                location = node["$ref"].removeprefix("#")
                node = self.at(location)
                if location.startswith("/components/schemas/"):
                    component = location.rsplit("/", 1)[1]
            elif len(node.get("allOf", ())) == 1 and "properties" not in node:
                extra.update({k: v for k, v in node.items() if k != "allOf"})
                node = node["allOf"][0]
            else:
                break
        return _View({**node, **extra} if extra else node, location, component)

    def alternatives(self, view: _View) -> list[_View]:
        """The schemas a oneOf/anyOf allows, each followed; the schema itself otherwise."""
        for keyword in ("oneOf", "anyOf"):
            if keyword in view.node:
                return [
                    self.view(alt, f"{view.location}/{keyword}/{index}")
                    for index, alt in enumerate(view.node[keyword])
                ]
        return [view]


def _types(document: _Document, view: _View) -> frozenset[str]:
    """The JSON types a schema admits; `any` for a schema that does not say."""
    alternatives = document.alternatives(view)
    if len(alternatives) > 1:
        return frozenset().union(*(_types(document, alt) for alt in alternatives))
    node = view.node
    if "type" in node:
        return frozenset({str(node["type"])})
    if "properties" in node or "additionalProperties" in node:
        return frozenset({"object"})
    if "items" in node:
        return frozenset({"array"})
    return frozenset({"any"})


def _nullable(view: _View) -> bool:
    return bool(view.node.get("nullable"))


def _openness(node: Node) -> str:
    """closed (`additionalProperties: false`), open (absent, true or `{}`) or a map."""
    extra = node.get("additionalProperties", True)
    if extra is False:
        return "closed"
    if extra is True or extra == {}:
        return "open"
    return "map"


def _enum(node: Node) -> frozenset[str] | None:
    values = node.get("enum")
    return None if values is None else frozenset(json.dumps(value) for value in values)


def _enum_detail(mine: frozenset[str] | None, theirs: frozenset[str] | None) -> str:
    if mine is None or theirs is None:
        return "only ours is an enum" if theirs is None else "only IonQ's is an enum"
    parts = [f"only ours has {', '.join(sorted(mine - theirs))}" if mine - theirs else ""]
    parts.append(f"only IonQ's has {', '.join(sorted(theirs - mine))}" if theirs - mine else "")
    return "; ".join(part for part in parts if part)


@dataclass(frozen=True)
class Table:
    """schemas.yaml: which of our schemas are compared with which of IonQ's."""

    compared: Mapping[str, Sequence[str]]
    """Our component name to IonQ's, one or more: the comparison's roots."""
    unspecified: frozenset[str] = frozenset()
    """IonQ's schemas that admit any object, standing for a shape it documents elsewhere:
    compared on type only."""


class _Comparison:
    """One walk over pairs of schemas; each pair is compared once."""

    def __init__(self, ours: Node, theirs: Node, table: Table) -> None:
        self.ours, self.theirs = _Document(ours), _Document(theirs)
        self.names = table.compared
        self.unspecified = table.unspecified
        self.seen: set[tuple[str, str, bool, bool]] = set()
        self.found: list[Difference] = []
        self.where = "IonQ's description"

    def note(self, location: str, aspect: str, key: str | None, detail: str) -> None:
        self.found.append(Difference(location, aspect, key, f"{detail} ({self.where})"))

    def schemas(self, ours: Node, our_at: str, theirs: Node, their_at: str) -> None:
        """Compare one of our schemas with one of IonQ's, and what they contain."""
        mine, other = self.ours.view(ours, our_at), self.theirs.view(theirs, their_at)
        # `nullable` may come from an `allOf` around the `$ref`: the same schema, nullable
        # or not, is a different pair.
        pair = (mine.location, other.location, _nullable(mine), _nullable(other))
        if pair in self.seen:
            return
        self.seen.add(pair)
        outer, self.where = self.where, f"IonQ's {other.location}"
        try:
            self.pair(mine, other)
        finally:
            self.where = outer

    def pair(self, mine: _View, other: _View) -> None:
        """What two schemas say of themselves, then what they contain."""
        here = mine.location
        my_types, their_types = _types(self.ours, mine), _types(self.theirs, other)
        if my_types != their_types:
            self.note(here, "type", None, f"ours {sorted(my_types)}, IonQ's {sorted(their_types)}")
        if _nullable(mine) != _nullable(other):
            self.note(here, "nullable", None, f"ours {_nullable(mine)}, IonQ's {_nullable(other)}")
        my_alts, their_alts = self.ours.alternatives(mine), self.theirs.alternatives(other)
        if len(my_alts) > 1 or len(their_alts) > 1:
            self.alternatives(here, my_alts, their_alts)
            return
        self.scalar(mine, other, my_types & their_types)
        if other.component in self.unspecified:
            return  # IonQ's says nothing more of it
        if my_types == their_types == {"object"}:
            self.object(mine, other)
        elif my_types == their_types == {"array"} and "items" in mine.node:
            self.schemas(
                mine.node["items"],
                f"{here}/items",
                other.node.get("items", {}),
                f"{other.location}/items",
            )

    def scalar(self, mine: _View, other: _View, types: frozenset[str]) -> None:
        """Format (of strings only: a number's width describes storage) and enum."""
        here = mine.location
        my_format, their_format = mine.node.get("format"), other.node.get("format")
        if "string" in types and my_format != their_format:
            self.note(
                here, "format", None, f"ours {my_format or 'none'}, IonQ's {their_format or 'none'}"
            )
        my_enum, their_enum = _enum(mine.node), _enum(other.node)
        if my_enum != their_enum:
            self.note(here, "enum", None, _enum_detail(my_enum, their_enum))

    def object(self, mine: _View, other: _View) -> None:
        """Properties each lacks, required-ness, openness; then each shared property."""
        here = mine.location
        my_props, their_props = mine.node.get("properties", {}), other.node.get("properties", {})
        for name in sorted(my_props.keys() - their_props.keys()):
            self.note(here, "added", name, "a property IonQ's description lacks")
        for name in sorted(their_props.keys() - my_props.keys()):
            self.note(here, "missing", name, "a property only IonQ's description has")
        my_required = set(mine.node.get("required", ()))
        their_required = set(other.node.get("required", ()))
        for name in sorted(my_props.keys() & their_props.keys()):
            if (name in my_required) != (name in their_required):
                side = "ours" if name in my_required else "IonQ's"
                self.note(here, "required", name, f"required in {side} only")
            self.schemas(
                my_props[name],
                f"{here}/properties/{pointer(name)[1:]}",
                their_props[name],
                f"{other.location}/properties/{pointer(name)[1:]}",
            )
        my_openness, their_openness = _openness(mine.node), _openness(other.node)
        if my_openness != their_openness:
            self.note(here, "closed", None, f"ours {my_openness}, IonQ's {their_openness}")
        elif my_openness == "map":
            self.schemas(
                mine.node["additionalProperties"],
                f"{here}/additionalProperties",
                other.node["additionalProperties"],
                f"{other.location}/additionalProperties",
            )

    def alternatives(self, here: str, mine: list[_View], theirs: list[_View]) -> None:
        """Pair the alternatives of a oneOf/anyOf: objects by component name, the rest by type."""
        my_objects = [alt for alt in mine if _types(self.ours, alt) == {"object"}]
        their_objects = [alt for alt in theirs if _types(self.theirs, alt) == {"object"}]
        if my_objects and their_objects:
            self.named_alternatives(here, my_objects, their_objects)
        elif my_objects or their_objects:
            self.where = f"IonQ's {theirs[0].location}"
            side = "ours" if my_objects else "IonQ's"
            self.note(here, "type", None, f"only {side} allows an object")
        for kind in sorted({t for alt in mine for t in _types(self.ours, alt)} - {"object"}):
            mine_of = [alt for alt in mine if _types(self.ours, alt) == {kind}]
            theirs_of = [alt for alt in theirs if _types(self.theirs, alt) == {kind}]
            if len(mine_of) == len(theirs_of) == 1:
                self.schemas(
                    mine_of[0].node, mine_of[0].location, theirs_of[0].node, theirs_of[0].location
                )

    def named_alternatives(self, here: str, mine: list[_View], theirs: list[_View]) -> None:
        """Pairs as schemas.yaml names them; one object on a side stands for all of the other's."""
        by_name = {alt.component or alt.location: alt for alt in theirs}
        paired: set[str] = set()
        for alt in mine:
            partners = [by_name[n] for n in self.names.get(alt.component or "", ()) if n in by_name]
            if not partners and (len(mine) == 1 or len(theirs) == 1):
                partners = theirs
            if not partners:
                self.where = f"IonQ's {theirs[0].location}"
                self.note(
                    here, "added", alt.component or alt.location, "an alternative IonQ's lacks"
                )
            for partner in partners:
                paired.add(partner.component or partner.location)
                self.schemas(alt.node, alt.location, partner.node, partner.location)
        for name in sorted(by_name.keys() - paired):
            self.where = f"IonQ's {by_name[name].location}"
            self.note(here, "missing", name, "an alternative only IonQ's has")


def _bodies(operation: Node) -> dict[str, str]:
    """The component each JSON body of an operation names: `request`, and each 2xx status."""
    found = {"request": operation.get("requestBody", {})}
    for status, response in operation.get("responses", {}).items():
        if str(status).startswith("2"):
            found[str(status)] = response
    names = {}
    for which, body in found.items():
        ref = body.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            names[which] = ref.rsplit("/", 1)[1]
    return names


def uncompared_bodies(ours: Node, theirs: Node, table: Table) -> list[str]:
    """The bodies of operations both describe, by component on both sides, that no root pairs.

    The table is the comparison's scope; this is what keeps it honest about the
    operations: a request or response body IonQ's names a schema for is
    compared, through one of its roots, or said here. An anyOf/oneOf of IonQ's
    counts as paired when one of its alternatives is.
    """
    document = _Document(theirs)
    our_ops, their_ops = _operations(ours), _operations(theirs)
    missed = []
    for key in sorted(our_ops.keys() & their_ops.keys()):
        mine = _bodies(ours["paths"][our_ops[key][1]][our_ops[key][0]])
        other = _bodies(theirs["paths"][their_ops[key][1]][their_ops[key][0]])
        for which in sorted(mine.keys() & other.keys()):
            view = document.view({"$ref": f"#/components/schemas/{other[which]}"}, "")
            names = {other[which]} | {alt.component for alt in document.alternatives(view)}
            if not names & set(table.compared.get(mine[which], ())):
                missed.append(f"{key} {which}: ours {mine[which]}, IonQ's {other[which]}")
    return missed


def differences(ours: Node, theirs: Node, table: Table) -> list[Difference]:
    """Every difference, sorted, one per location, aspect and key (their details joined)."""
    comparison = _Comparison(ours, theirs, table)
    for mine, counterparts in table.compared.items():
        for other in counterparts:
            comparison.schemas(
                {"$ref": f"#/components/schemas/{mine}"},
                "",
                {"$ref": f"#/components/schemas/{other}"},
                "",
            )
    details: dict[Difference, list[str]] = {}
    for found in [*_operation_differences(ours, theirs), *comparison.found]:
        seen = details.setdefault(found, [])
        if found.detail not in seen:
            seen.append(found.detail)
    return sorted(
        Difference(d.location, d.aspect, d.key, "; ".join(texts)) for d, texts in details.items()
    )
