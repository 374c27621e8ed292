"""Find and read openapi.yaml once per process.

The description ships inside the wheel (ionq_contract/openapi.yaml); in a
checkout it is the file at the repository root. Both are the same bytes, so
callers never need to know which one they got.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, cast

import yaml

_PACKAGED = Path(__file__).with_name("openapi.yaml")
_CHECKOUT = Path(__file__).resolve().parent.parent / "openapi.yaml"

Spec = dict[str, Any]


def spec_path() -> Path:
    """The openapi.yaml this installation uses."""
    return _PACKAGED if _PACKAGED.is_file() else _CHECKOUT


@functools.cache
def load_spec(path: Path | None = None) -> Spec:
    """The parsed description. Cached: it is read at start-up, not per request."""
    source = path or spec_path()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with source.open(encoding="utf-8") as stream:
        return cast(Spec, yaml.load(stream, Loader=loader))  # noqa: S506 - a safe loader


def component_schema(spec: Spec, name: str) -> dict[str, Any]:
    """A schema of `components/schemas` that can be validated on its own.

    The returned schema carries the spec's components, so the `$ref`s inside
    it resolve without any copying of the definitions.
    """
    if name not in spec["components"]["schemas"]:
        raise KeyError(f"openapi.yaml has no schema named {name!r}")
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def base_path(spec: Spec) -> str:
    """The path prefix every operation lives under (/v0.4), from `servers`."""
    url = str(spec["servers"][0]["url"])
    return "/" + url.split("://", 1)[1].split("/", 1)[1].rstrip("/")
