"""API keys: /whoami needs one, public operations never ask, keys are configurable and secret."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from contract_tests.fake.live import failed_start, running_fake
from contract_tests.fake.openapi_check import ContractClient
from contract_tests.fake.support import ROOT, AppFactory, fixture_record, response_example
from ionq_contract.operations import read_operations
from ionq_contract.spec import load_spec
from mock_server.auth import ApiKeyError, KeyPolicy, key_policy, secured_operations
from mock_server.cli import build_parser, main
from mock_server.settings import config_from_env

WHOAMI = "/v0.4/whoami"


def unauthorized(example: str) -> dict[str, object]:
    body: dict[str, object] = response_example("Unauthorized", example)
    return body


JOB_OPERATIONS = {
    "createJob",
    "getJobs",
    "deleteJobs",
    "cancelJobs",
    "getJobEstimate",
    "getJob",
    "deleteJob",
    "cancelJob",
    "cloneJob",
    "moveJob",
    "getJobCost",
    "getJobProbabilities",
    "getJobAggregatedProbabilities",
    "getJobHistogram",
    "getJobShots",
    "getJobArtifact",
}
SESSION_OPERATIONS = {
    "createSession",
    "getSessions",
    "getSession",
    "endSession",
    "getSessionJobs",
}


def test_whoami_usage_the_format_schemas_and_every_job_and_session_operation_need_a_key() -> None:
    # The backends family is public at IonQ; everything about a key's own work is not,
    # nor the format schemas (ionq-core offers get_format_schema to authenticated clients only).
    secured = secured_operations(read_operations(load_spec()))
    expected = {"getWhoami", "getUsages", "getFormatSchema"} | JOB_OPERATIONS | SESSION_OPERATIONS
    assert secured == expected


def test_security_is_read_from_the_spec() -> None:
    spec = {
        "security": [{"apiKeyAuth": []}],
        "paths": {
            "/a": {"get": {"operationId": "a"}},
            "/b": {"get": {"operationId": "b", "security": []}},
            "/c": {"get": {"operationId": "c", "security": [{}, {"apiKeyAuth": []}]}},
            "/d": {"post": {"operationId": "d", "security": [{"apiKeyAuth": []}]}},
            # A path item given by reference is secured like any other.
            "/e": {"$ref": "#/components/pathItems/E"},
        },
        "components": {"pathItems": {"E": {"get": {"operationId": "e"}}}},
    }
    assert secured_operations(read_operations(spec)) == {"a", "d", "e"}


@pytest.mark.parametrize(
    ("headers", "example"),
    [
        ({}, "missingKey"),
        ({"Authorization": ""}, "missingKey"),
        ({"Authorization": "   "}, "missingKey"),
        ({"Authorization": "apiKey"}, "malformedKey"),
        ({"Authorization": "apiKey "}, "malformedKey"),
        ({"Authorization": "Bearer abc"}, "malformedKey"),
        ({"Authorization": "abc"}, "malformedKey"),
        ({"Authorization": "apiKey two words"}, "malformedKey"),
        ({"Authorization": "apiKey k\u00e9y"}, "malformedKey"),
    ],
)
def test_whoami_without_a_well_formed_key_is_unauthorized(
    client: ContractClient, headers: dict[str, str], example: str
) -> None:
    response = client.get(WHOAMI, headers=headers)
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json() == unauthorized(example)


@pytest.mark.parametrize(
    "header", ["apiKey abc", "APIKEY abc", "apikey  abc ", "apiKey a.b_c~d+e/f=-"]
)
def test_any_well_formed_key_is_accepted_by_default(client: ContractClient, header: str) -> None:
    response = client.get(WHOAMI, headers={"Authorization": header})
    assert response.status_code == 200


def test_whoami_describes_the_key_without_showing_it(client: ContractClient) -> None:
    first = client.get(WHOAMI, headers={"Authorization": "apiKey first-key"}).get_json()
    again = client.get(WHOAMI, headers={"Authorization": "apiKey first-key"}).get_json()
    second = client.get(WHOAMI, headers={"Authorization": "apiKey second-key"}).get_json()
    assert first == again
    assert first["key_id"] != second["key_id"]
    assert first["project_id"] == second["project_id"]
    for body in (first, second):
        assert set(body) == {"key_id", "key_name", "project_id"}
        assert str(uuid.UUID(body["key_id"])) == body["key_id"]
        assert "key" in body["key_name"]
    assert "first-key" not in str(first)


def test_configured_keys_are_the_only_ones_accepted(make_app: AppFactory) -> None:
    client = make_app(API_KEYS="alpha, beta").test_client()
    for key in ("alpha", "beta"):
        assert client.get(WHOAMI, headers={"Authorization": f"apiKey {key}"}).status_code == 200
    refused = client.get(WHOAMI, headers={"Authorization": "apiKey gamma"})
    assert refused.status_code == 401
    assert refused.get_json() == unauthorized("invalidKey")
    assert "gamma" not in refused.get_data(as_text=True)


def test_auth_comes_before_validation_and_scenarios(make_app: AppFactory) -> None:
    client = make_app(API_KEYS="alpha").test_client()
    for prefer in ("code=200", "code=500", "nonsense"):
        response = client.get(WHOAMI, headers={"Prefer": prefer})
        assert response.status_code == 401
    accepted = client.get(
        WHOAMI, headers={"Prefer": "example=key", "Authorization": "apiKey alpha"}
    )
    assert accepted.get_json()["key_name"] == "My First Key"


def test_public_operations_never_ask_for_a_key(make_app: AppFactory) -> None:
    client = make_app(API_KEYS="alpha").test_client()
    current = fixture_record("qpu.aria-1")["characterization_id"]
    paths = [
        "/v0.4/backends",
        "/v0.4/backends/qpu.aria-1",
        "/v0.4/backends/qpu.aria-1/characterizations",
        f"/v0.4/backends/qpu.aria-1/characterizations/{current}",
    ]
    for path in paths:
        for headers in ({}, {"Authorization": "apiKey wrong"}, {"Authorization": "nonsense"}):
            assert client.get(path, headers=headers).status_code == 200, (path, headers)


def test_a_preflight_of_whoami_needs_no_key(make_app: AppFactory) -> None:
    client = make_app(API_KEYS="alpha").test_client()
    response = client.options(
        WHOAMI,
        headers={"Origin": "https://notebook.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204


def test_head_of_whoami_needs_a_key_too(client: ContractClient) -> None:
    assert client.head(WHOAMI).status_code == 401
    assert client.head(WHOAMI, headers={"Authorization": "apiKey x"}).status_code == 200


def test_keys_come_from_a_file(make_app: AppFactory, tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# team keys\nalpha\n\n  beta, gamma\n", encoding="utf-8")
    policy = key_policy(keys_file=keys)
    assert set(policy.keys or ()) == {"alpha", "beta", "gamma"}
    client = make_app(API_KEYS_FILE=str(keys), API_KEYS="delta").test_client()
    for key, status in (("gamma", 200), ("delta", 200), ("epsilon", 401)):
        assert client.get(WHOAMI, headers={"Authorization": f"apiKey {key}"}).status_code == status


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# nothing\n", "lists no API key"),
        ("good\nb@d\n", "line 2: an API key may only hold"),
    ],
)
def test_a_bad_keys_file_stops_start_up_without_showing_keys(
    make_app: AppFactory, tmp_path: Path, text: str, problem: str
) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text(text, encoding="utf-8")
    with pytest.raises(ApiKeyError, match=problem) as caught:
        make_app(API_KEYS_FILE=str(keys))
    assert "good" not in str(caught.value)
    assert "b@d" not in str(caught.value)


def test_a_missing_keys_file_is_reported(make_app: AppFactory, tmp_path: Path) -> None:
    with pytest.raises(ApiKeyError, match="cannot be read"):
        make_app(API_KEYS_FILE=str(tmp_path / "nowhere.txt"))


def test_a_policy_never_shows_its_keys() -> None:
    policy = KeyPolicy(frozenset({"secret-one", "secret-two"}))
    assert "secret" not in repr(policy)
    assert repr(policy) == "KeyPolicy(2 keys)"
    assert repr(KeyPolicy()) == "KeyPolicy(any well-formed key)"


def test_the_environment_names_keys_and_a_keys_file() -> None:
    config = config_from_env({"IONQ_MOCK_API_KEYS": "a,b", "IONQ_MOCK_API_KEYS_FILE": "/k.txt"})
    assert config == {"FIXTURES_DIR": None, "API_KEYS": "a,b", "API_KEYS_FILE": "/k.txt"}


def test_the_command_line_takes_keys_and_a_keys_file() -> None:
    args = build_parser().parse_args(
        ["serve", "--api-key", "a", "--api-key", "b", "--api-keys-file", "k.txt"]
    )
    assert args.api_key == ["a", "b"]
    assert args.api_keys_file == Path("k.txt")
    assert build_parser().parse_args(["serve"]).api_key is None


def test_serve_stops_before_listening_on_a_bad_keys_file(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("sp ace\tand-tab b@d\n", encoding="utf-8")
    result = failed_start(["--api-keys-file", str(keys)])
    assert result.returncode == 2
    assert f"API keys file {keys}, line 1: an API key may only hold" in result.stderr
    assert "b@d" not in result.stderr


def test_check_fixtures_still_ignores_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-fixtures", str(ROOT / "mock_server" / "api" / "fixtures")]) == 0
    assert "are valid" in capsys.readouterr().out


@pytest.mark.parametrize("how", ["flag", "environment", "file"])
def test_a_live_fake_takes_keys_and_never_logs_them(how: str, tmp_path: Path) -> None:
    key = f"live-{how}-{uuid.uuid4().hex}"
    extra: list[str] = []
    env: dict[str, str] = {}
    if how == "flag":
        extra = ["--api-key", key]
    elif how == "environment":
        env = {"IONQ_MOCK_API_KEYS": key}
    else:
        (tmp_path / "keys").write_text(key + "\n", encoding="utf-8")
        extra = ["--api-keys-file", str(tmp_path / "keys")]
    with running_fake(extra, env) as fake:
        good = httpx.get(f"{fake.base_url}/whoami", headers={"Authorization": f"apiKey {key}"})
        wrong = httpx.get(f"{fake.base_url}/whoami", headers={"Authorization": "apiKey other"})
        public = httpx.get(f"{fake.base_url}/backends", headers={"Authorization": f"apiKey {key}"})
        assert (good.status_code, wrong.status_code, public.status_code) == (200, 401, 200)
        assert "API keys: 1 accepted" in fake.output()
        assert '"GET /v0.4/whoami HTTP/1.1" 200' in wait_for_log(fake.output, "whoami")
        assert key not in fake.output()
        assert key not in good.text + wrong.text


def wait_for_log(read: Callable[[], str], needle: str, timeout_s: float = 5.0) -> str:
    """The server's output once it mentions `needle` (access log lines are written late)."""
    deadline = time.monotonic() + timeout_s
    text = read()
    while needle not in text and time.monotonic() < deadline:
        time.sleep(0.05)
        text = read()
    return text
