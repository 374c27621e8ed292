"""Derive the description the client is generated from.

openapi.yaml is strict on purpose: every object is closed with
`additionalProperties: false`, so that the fake and schemathesis catch a
server that answers more than the contract says. The client must be lenient
in the other direction, because the real service adds fields before any
description lists them. openapi-python-client drops unknown properties of a
closed object, so the client is generated from a copy of the spec that
opens every object. Nothing else changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml


def open_objects(node: Any) -> Any:
    """Return a copy of `node` without any `additionalProperties: false`."""
    if isinstance(node, dict):
        return {
            key: open_objects(value)
            for key, value in node.items()
            if not (key == "additionalProperties" and value is False)
        }
    if isinstance(node, list):
        return [open_objects(item) for item in node]
    return node


def main(argv: list[str]) -> int:
    source, target = Path(argv[1]), Path(argv[2])
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps(open_objects(spec), indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
