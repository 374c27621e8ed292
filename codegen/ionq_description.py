"""Fetch IonQ's own description of API v0.4 into build/, never into the repository.

IonQ publishes its OpenAPI description as `openapi.json` inside the sdist of
ionq-core (its generated Python client). The contract tests compare
openapi.yaml with it (contract_tests/ionq_description/), but IonQ's text is
not ours to redistribute, so it is downloaded instead of vendored: the sdist
is found through PyPI's JSON simple index (PEP 691, what pip reads), checked
against the SHA-256 pinned here, and only `openapi.json` is extracted. A
different upload under the same name fails the check rather than silently
changing what the tests compare against.

`make build/ionq-openapi.json` runs this once; after that the file is there
and nothing needs the network. Standard library only: it runs before (and
independently of) any dependency is installed.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

PROJECT = "ionq-core"
VERSION = "0.2.0"
SDIST = f"ionq_core-{VERSION}.tar.gz"
SHA256 = "ce5fe16963f696281bb2ffe8723605ee3890f324675137e86967123bfe5dbee3"
MEMBER = f"ionq_core-{VERSION}/openapi.json"
INDEX = f"https://pypi.org/simple/{PROJECT}/"
TIMEOUT_S = 60


class FetchError(RuntimeError):
    """The sdist could not be found, downloaded or trusted."""


def _get(url: str, accept: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})  # noqa: S310 - https URLs from PyPI
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
        return bytes(response.read())


def sdist_url(index: dict[str, Any]) -> str:
    """The download URL of the pinned sdist in a PEP 691 project page, checked against the pin."""
    for entry in index.get("files", []):
        if entry.get("filename") == SDIST:
            listed = entry.get("hashes", {}).get("sha256")
            if listed != SHA256:
                raise FetchError(f"PyPI lists {SDIST} with sha256 {listed}, pinned {SHA256}")
            return str(entry["url"])
    raise FetchError(f"{INDEX} lists no {SDIST}")


def extract_description(sdist: bytes) -> bytes:
    """`openapi.json` out of the sdist's bytes, once they match the pinned digest."""
    digest = hashlib.sha256(sdist).hexdigest()
    if digest != SHA256:
        raise FetchError(f"{SDIST} has sha256 {digest}, pinned {SHA256}")
    with tarfile.open(fileobj=io.BytesIO(sdist), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise FetchError(f"{SDIST} has no {MEMBER}")
        text = member.read()
    json.loads(text)  # a description that does not parse is not written
    return text


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path("build/ionq-openapi.json")
    try:
        index = json.loads(_get(INDEX, accept="application/vnd.pypi.simple.v1+json"))
        description = extract_description(_get(sdist_url(index)))
    except (OSError, ValueError, FetchError) as error:
        print(f"could not fetch IonQ's description ({PROJECT} {VERSION}): {error}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(description)
    partial.replace(target)  # never a half-written file that make would take as done
    print(f"{target}: openapi.json of {SDIST} (sha256 {SHA256[:12]}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
