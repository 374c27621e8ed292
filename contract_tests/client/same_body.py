"""Compare a body the client re-serialised with the body it was given.

`to_dict()` must give back exactly what `from_dict()` got, with one
allowance: date-times are re-serialised (`Z` becomes `+00:00`), so they are
compared as instants, read by an RFC 3339 parser of our own. Everything else
is compared as canonical JSON text, which tells `1` from `1.0` and `true`
from `1` where Python's `==` would not.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from contract_tests.rfc3339 import instant


def assert_same_body(
    sent: Mapping[str, Any], returned: Mapping[str, Any], date_times: Collection[str] = ()
) -> None:
    assert sorted(returned) == sorted(sent), "the client added or dropped fields"
    for name in date_times:
        if name in sent:
            assert instant(returned[name]) == instant(sent[name]), f"{name} names another instant"

    def rest(body: Mapping[str, Any]) -> str:
        return json.dumps(
            {key: value for key, value in body.items() if key not in date_times}, sort_keys=True
        )

    assert rest(returned) == rest(sent)
