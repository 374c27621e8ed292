"""The RFC 3339 reader the round-trip tests compare timestamps with."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from contract_tests.rfc3339 import instant

DAY = 86_400


def test_the_first_instant_is_zero() -> None:
    assert instant("0001-01-01T00:00:00Z") == 0
    assert instant("0001-01-02T00:00:01Z") == DAY + 1


@pytest.mark.parametrize(
    "same",
    [
        "2025-06-16T02:00:00+02:00",
        "2025-06-15T21:30:00-02:30",
        "2025-06-16T00:00:00-00:00",
        "2025-06-16t00:00:00z",
        "2025-06-16T00:00:00.000000+00:00",
    ],
)
def test_offsets_and_spellings_of_one_instant(same: str) -> None:
    assert instant(same) == instant("2025-06-16T00:00:00Z")


def test_fractions_are_exact() -> None:
    whole = instant("2025-06-16T00:00:00Z")
    assert instant("2025-06-16T00:00:00.5Z") - whole == Fraction(1, 2)
    assert instant("2025-06-16T00:00:00.000000001Z") - whole == Fraction(1, 10**9)


def test_different_instants_differ() -> None:
    assert instant("2025-06-16T00:00:01Z") - instant("2025-06-16T00:00:00Z") == 1
    assert instant("2025-06-16T00:00:00+00:01") - instant("2025-06-16T00:00:00Z") == -60


@pytest.mark.parametrize(
    "text",
    [
        "2025-06-16 00:00:00Z",  # ISO 8601 allows the space, RFC 3339's grammar does not
        "2025-06-16T00:00:00",  # no offset
        "2025-13-01T00:00:00Z",
        "2025-02-30T00:00:00Z",
        "2025-06-16T24:00:00Z",
        "2025-06-16T00:00:00+24:00",
        "20250616T000000Z",
        "",
    ],
)
def test_rejects_what_is_not_rfc_3339(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        instant(text)
