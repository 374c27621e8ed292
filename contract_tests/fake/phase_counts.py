"""Print how many cases each schemathesis phase ran, from its ndjson event report.

The CLI's summary gives one total; the per-phase counts show that the
examples, coverage and fuzzing phases each did their share.

    python -m contract_tests.fake.phase_counts build/schemathesis/events.ndjson
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path


def phase_counts(lines: Iterable[str]) -> Counter[str]:
    """Cases per phase, summed over the scenarios the events report."""
    counts: Counter[str] = Counter()
    for line in lines:
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if finished is not None:
            # A skipped scenario records no cases (a stateful link into an empty page).
            counts[finished["phase"]] += len(finished["recorder"].get("cases", {}))
    return counts


def main(argv: list[str]) -> int:
    """Print the counts of the report named on the command line."""
    if len(argv) != 1:
        print("usage: python -m contract_tests.fake.phase_counts EVENTS.ndjson", file=sys.stderr)
        return 2
    with Path(argv[0]).open(encoding="utf-8") as report:
        counts = phase_counts(report)
    listed = ", ".join(f"{phase} {count}" for phase, count in counts.items())
    print(f"schemathesis cases per phase: {listed} (total {sum(counts.values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
