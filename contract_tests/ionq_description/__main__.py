"""`python -m contract_tests.ionq_description`: the differences from IonQ's description, counted.

Prints how many differences there are by kind, then each one, so that the
numbers in docs/contract-tests.md can be checked and a new difference read
in full before its note is written. Needs build/ionq-openapi.json
(`make ionq-description`).
"""

from __future__ import annotations

import collections
import sys

from contract_tests.ionq_description import loading
from contract_tests.ionq_description.compare import Difference, differences
from ionq_contract.spec import load_spec


def kind(difference: Difference) -> str:
    """The row of the summary a difference is counted in."""
    if difference.location == "":
        return "operations only IonQ's has"
    if difference.aspect == "absent":
        return "operations only ours has"
    if difference.aspect in ("added", "missing"):
        side = "ours" if difference.aspect == "added" else "IonQ's"
        member = "alternatives" if "alternative" in difference.detail else "properties"
        return f"{member} only {side} has"
    return {
        "required": "required in one only",
        "closed": "closed in one, open in the other",
    }.get(difference.aspect, f"{difference.aspect} differs")


def main() -> int:
    found = differences(load_spec(), loading.ionq_description(), loading.table())
    counts = collections.Counter(kind(difference) for difference in found)
    print(f"{len(found)} differences from IonQ's description")
    for row, count in counts.most_common():
        print(f"  {count:4}  {row}")
    for difference in found:
        print(difference)
    return 0


if __name__ == "__main__":
    sys.exit(main())
