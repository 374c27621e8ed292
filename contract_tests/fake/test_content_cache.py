"""What start-up keeps between runs (ionq_contract/content_cache.py) changes nothing it serves.

The parsed description read back from the cache is the one PyYAML parses;
a damaged copy is parsed again; a kept verdict on the characterizations
is used (the schema check does not run) only for the very bodies it was
reached on, and a changed input is checked again and refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from contract_tests.fake.support import ROOT
from ionq_contract import content_cache
from ionq_contract.spec import load_spec
from mock_server.api import characterization_history
from mock_server.api.fixture_files import FixtureError
from mock_server.app import create_app
from mock_server.wire.rejections import new_validator


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache of this test's own, and no result of another test in memory."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(content_cache.CACHE_DIR_ENV, str(directory))
    load_spec.cache_clear()
    characterization_history._checked_history.cache_clear()
    yield directory
    load_spec.cache_clear()
    characterization_history._checked_history.cache_clear()


def _parsed_yaml() -> dict[str, Any]:
    parsed: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text("utf-8"))
    return parsed


def test_the_kept_description_is_the_one_yaml_parses(cache_dir: Path) -> None:
    first = load_spec(ROOT / "openapi.yaml")
    kept = list(cache_dir.glob("openapi-*.json"))
    assert len(kept) == 1
    load_spec.cache_clear()
    again = load_spec(ROOT / "openapi.yaml")
    assert first == again == _parsed_yaml()
    assert json.loads(kept[0].read_bytes()) == _parsed_yaml()


def test_a_damaged_copy_is_parsed_again(cache_dir: Path) -> None:
    load_spec(ROOT / "openapi.yaml")
    (kept,) = cache_dir.glob("openapi-*.json")
    kept.write_bytes(b'{"openapi": "3.0.3", "paths": {')
    load_spec.cache_clear()
    assert load_spec(ROOT / "openapi.yaml") == _parsed_yaml()


def test_a_kept_verdict_spares_the_check_of_those_very_bodies(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_app()
    assert list(cache_dir.glob("characterizations-*"))
    characterization_history._checked_history.cache_clear()

    def no_check(_schema: Any) -> Any:
        raise AssertionError("the characterizations were checked again")

    monkeypatch.setattr(characterization_history, "new_validator", no_check)
    create_app()  # every verdict is kept: nothing is checked


def _schema_checks_of_a_start(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The schemas the characterizations were checked against by one more start."""
    characterization_history._checked_history.cache_clear()
    calls: list[object] = []

    def counting(schema: Any) -> Any:
        calls.append(schema)
        return new_validator(schema)

    monkeypatch.setattr(characterization_history, "new_validator", counting)
    create_app()
    return calls


def test_without_a_cache_every_start_checks(
    monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    monkeypatch.setenv(content_cache.CACHE_DIR_ENV, content_cache.OFF)
    create_app()
    assert not cache_dir.exists()
    assert _schema_checks_of_a_start(monkeypatch)


def test_a_verdict_file_that_does_not_say_valid_is_not_trusted(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_app()
    for verdict in cache_dir.glob("characterizations-*"):
        verdict.write_bytes(b"")
    assert _schema_checks_of_a_start(monkeypatch)


@pytest.mark.usefixtures("cache_dir")
def test_a_verdict_holds_for_its_schema_only(tmp_path: Path) -> None:
    create_app()  # verdicts on the packaged characterizations under openapi.yaml are kept
    spec = _parsed_yaml()
    spec["components"]["schemas"]["Characterization"]["required"].append("calibrated_by")
    edited = tmp_path / "openapi.yaml"
    edited.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    with pytest.raises(FixtureError, match="calibrated_by"):
        create_app({"SPEC_PATH": str(edited)})


def test_the_digest_tells_parts_apart() -> None:
    assert content_cache.digest("ab", "c") != content_cache.digest("a", "bc")
    assert content_cache.digest("a") == content_cache.digest(b"a")
