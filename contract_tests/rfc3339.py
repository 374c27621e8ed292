"""Read an RFC 3339 date-time as the instant it names, independently of datetime.

The generated client re-serialises timestamps (`Z` becomes `+00:00`, `.5`
becomes `.500000`), so tests compare the instants sent and returned. The
parser here follows RFC 3339 section 5.6 directly rather than
`datetime.fromisoformat`, which is what the client uses: a test that parsed
both sides with the client's own parser could not catch that parser's
mistakes.
"""

from __future__ import annotations

import datetime
import re
from fractions import Fraction

_DATE_TIME = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[Tt]"
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?P<fraction>\.\d+)?"
    r"(?:[Zz]|(?P<sign>[+-])(?P<offset_hour>\d{2}):(?P<offset_minute>\d{2}))"
)
_DAY = 86_400


def instant(text: str) -> Fraction:
    """Seconds since 0001-01-01T00:00:00Z (exact), for an RFC 3339 date-time.

    Raises ValueError for anything that is not one, naming the text.
    """
    match = _DATE_TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"not an RFC 3339 date-time: {text!r}")
    part = {
        name: int(value)
        for name, value in match.groupdict(default="0").items()
        if name not in ("fraction", "sign")
    }
    if part["hour"] > 23 or part["minute"] > 59 or part["second"] > 60:
        raise ValueError(f"time out of range in {text!r}")
    if part["offset_hour"] > 23 or part["offset_minute"] > 59:
        raise ValueError(f"offset out of range in {text!r}")
    try:
        day = datetime.date(part["year"], part["month"], part["day"]).toordinal() - 1
    except ValueError as error:
        raise ValueError(f"no such date in {text!r}") from error
    offset = (part["offset_hour"] * 60 + part["offset_minute"]) * 60
    if match["sign"] == "-":
        offset = -offset
    seconds = day * _DAY + part["hour"] * 3600 + part["minute"] * 60 + part["second"] - offset
    return Fraction(seconds) + Fraction(match["fraction"] or "0")
