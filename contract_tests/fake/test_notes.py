"""The notes a request carries through the fake: one module names them, the rest call it."""

from __future__ import annotations

import re
from typing import Any

from contract_tests.fake.support import ROOT
from mock_server.wire import notes

# Any environ key of the fake's own, written as a string anywhere in its code.
_OWN_KEY = re.compile(r"""["']ionq_mock\.[a-z_]+["']""")
# app.extensions keys share the prefix; they are not environ keys.
_EXTENSION_KEYS = {'"ionq_mock.api"', '"ionq_mock.controls"'}


def test_no_module_but_notes_names_an_environ_key() -> None:
    found = {}
    for path in sorted((ROOT / "mock_server").rglob("*.py")):
        keys = set(_OWN_KEY.findall(path.read_text("utf-8"))) - _EXTENSION_KEYS
        if keys and path.name != "notes.py":
            found[str(path.relative_to(ROOT))] = sorted(keys)
    assert found == {}


def test_each_note_reads_back_what_was_written() -> None:
    environ: dict[str, Any] = {}
    assert (notes.job_of(environ), notes.scenario_of(environ), notes.drop_of(environ)) == (
        None,
        None,
        None,
    )
    assert not notes.is_pure(environ)
    notes.note_job(environ, "7f0c")
    notes.note_scenario(environ, "fault rule 1: 503")
    notes.note_scenario(environ, "Prefer: delay=10")
    notes.note_drop(environ, "Prefer: drop")
    notes.note_pure(environ)
    notes.note_read_timeout(environ, 0.5)
    notes.note_body(environ, {"ids": []})
    assert notes.job_of(environ) == "7f0c"
    assert notes.scenario_of(environ) == "fault rule 1: 503; Prefer: delay=10"
    assert notes.drop_of(environ) == "Prefer: drop"
    assert notes.is_pure(environ)
    assert notes.read_timeout_of(environ) == 0.5
    assert notes.body_of(environ) == {"ids": []}


def test_notes_are_kept_apart_from_the_server_s_own_environ() -> None:
    environ: dict[str, Any] = {"PATH_INFO": "/v0.4/jobs", "HTTP_AUTHORIZATION": "apiKey k"}
    notes.note_job(environ, "7f0c")
    notes.note_pure(environ)
    assert environ["PATH_INFO"] == "/v0.4/jobs"
    assert environ["HTTP_AUTHORIZATION"] == "apiKey k"
    assert all(
        key.startswith("ionq_mock.") for key in set(environ) - {"PATH_INFO", "HTTP_AUTHORIZATION"}
    )
