"""Find and read openapi.yaml once per process, and follow its `$ref`s.

The description ships inside the wheel (ionq_contract/openapi.yaml); in a
checkout it is the file at the repository root. Both are the same bytes, so
callers never need to know which one they got. The fake (mock_server) and
the response validation (ionq_contract.operations) both read operations and
schemas through the helpers here, so there is one way of resolving the spec.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from ionq_contract import content_cache

_PACKAGED = Path(__file__).with_name("openapi.yaml")
_CHECKOUT = Path(__file__).resolve().parent.parent / "openapi.yaml"

Spec = dict[str, Any]


def _parser() -> str:
    """Part of the kept copy's digest: another YAML reader might read the same bytes otherwise."""
    try:
        return f"PyYAML {importlib.metadata.version('PyYAML')}, safe loader"
    except importlib.metadata.PackageNotFoundError:
        return "PyYAML, safe loader"


HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
"""The keys of a path item that are operations, in the order they are read."""


class SpecError(ValueError):
    """openapi.yaml uses something a reader here cannot follow; raised at start-up."""


def spec_path() -> Path:
    """The openapi.yaml this installation uses."""
    return _PACKAGED if _PACKAGED.is_file() else _CHECKOUT


@functools.cache
def load_spec(path: Path | None = None) -> Spec:
    """The parsed description. Cached: it is read at start-up, not per request.

    Parsing the YAML is slow next to reading JSON (tens of milliseconds
    against two), so the parsed document is also kept as JSON under the
    digest of the file's bytes (ionq_contract/content_cache.py) and read
    from there by the next start.
    """
    text = (path or spec_path()).read_bytes()
    name = f"openapi-{content_cache.digest('openapi.yaml', _parser(), text)}.json"
    kept = content_cache.read(name)
    if kept is not None:
        try:
            return cast(Spec, json.loads(kept))
        except ValueError:
            pass  # a damaged copy: parse the YAML again, and replace it
    import yaml  # noqa: PLC0415 - only when the parsed copy is not kept

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec = cast(Spec, yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader
    try:
        encoded = json.dumps(spec, separators=(",", ":"))
    except (TypeError, ValueError):
        return spec  # YAML that JSON cannot hold (a date, say): nothing is kept
    if json.loads(encoded) == spec:  # only what JSON gives back exactly (no int keys)
        content_cache.write(name, encoded.encode("utf-8"))
    return spec


def component_schema(spec: Spec, name: str) -> dict[str, Any]:
    """A schema of `components/schemas` that can be validated on its own.

    The returned schema carries the spec's components, so the `$ref`s inside
    it resolve without any copying of the definitions.
    """
    if name not in spec["components"]["schemas"]:
        raise KeyError(f"openapi.yaml has no schema named {name!r}")
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def resolve_pointer(root: Mapping[str, Any], ref: str) -> Any:
    """The node a local `$ref` (`#/a/b`) points at."""
    if not ref.startswith("#/"):
        raise SpecError(f"only local $refs are supported, not {ref!r}")
    node: Any = root
    for token in ref[2:].split("/"):
        key = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or key not in node:
            raise SpecError(f"$ref {ref!r} points at nothing")
        node = node[key]
    return node


def inline_refs(node: Any, root: Mapping[str, Any], _trail: tuple[str, ...] = ()) -> Any:
    """A copy of `node` with every local `$ref` replaced by what it points at.

    Validators compiled from inlined schemas resolve nothing per call, which
    keeps request validation cheap. A `$ref` cycle cannot be inlined and is
    reported instead of recursing forever.
    """
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in _trail:
                raise SpecError(f"$ref cycle through {ref!r} cannot be inlined")
            return inline_refs(resolve_pointer(root, ref), root, (*_trail, ref))
        return {key: inline_refs(value, root, _trail) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(item, root, _trail) for item in node]
    return node


def inlined_schema(spec: Spec, name: str) -> dict[str, Any]:
    """A schema of `components/schemas` with every `$ref` inlined: a validator
    compiled from it resolves nothing per call, which keeps validation cheap."""
    schemas = spec.get("components", {}).get("schemas", {})
    if name not in schemas:
        raise SpecError(f"openapi.yaml has no schema named {name!r}")
    return dict(inline_refs(schemas[name], spec))


def base_path(spec: Spec) -> str:
    """The path prefix every operation lives under (/v0.4), from `servers`."""
    url = str(spec["servers"][0]["url"])
    return "/" + url.split("://", 1)[1].split("/", 1)[1].rstrip("/")
