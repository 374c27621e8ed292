"""Rate limiting per API key: the token bucket, the 429 it answers, its admin API."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from contract_tests.fake.openapi_check import ContractClient
from contract_tests.faults.conftest import API
from mock_server.app import create_app
from mock_server.controls.ratelimit import Bucket, Limit, RateLimiter, retry_after_seconds, take
from mock_server.settings import SettingError, config_from_env, parse_rate_limit
from mock_server.wire.rejections import Rejection

LIMIT = "/__admin/rate-limit"
KEY_A = {"Authorization": "apiKey key-a"}
KEY_B = {"Authorization": "apiKey key-b"}


def test_a_new_key_may_send_a_burst_then_waits() -> None:
    limit = Limit(rate=2.0, burst=3)
    bucket = None
    for _ in range(3):
        bucket, wait = take(bucket, 10.0, limit)
        assert wait == 0.0
    assert bucket == Bucket(0.0, 10.0)
    refused, wait = take(bucket, 10.0, limit)
    assert wait == pytest.approx(0.5)  # one token comes back every 1 / rate seconds
    assert refused.tokens == 0.0


def test_tokens_come_back_at_the_rate_up_to_the_burst() -> None:
    limit = Limit(rate=4.0, burst=2)
    bucket, _ = take(Bucket(0.0, 0.0), 0.25, limit)  # one token refilled, and spent
    assert bucket.tokens == pytest.approx(0.0)
    bucket, wait = take(Bucket(0.0, 0.0), 100.0, limit)  # long idle: capped at the burst
    assert (bucket.tokens, wait) == (1.0, 0.0)


def test_a_refused_request_does_not_spend_a_token() -> None:
    limit = Limit(rate=1.0, burst=1)
    bucket, _ = take(None, 0.0, limit)
    bucket, wait = take(bucket, 0.5, limit)
    assert wait == pytest.approx(0.5)
    bucket, wait = take(bucket, 1.0, limit)
    assert wait == 0.0


@pytest.mark.parametrize(("wait", "header"), [(0.01, 1), (0.999, 1), (1.0, 1), (1.2, 2), (7.0, 7)])
def test_retry_after_is_whole_seconds_rounded_up(wait: float, header: int) -> None:
    assert retry_after_seconds(wait) == header


def test_the_limiter_keeps_one_bucket_per_key() -> None:
    now = [0.0]
    limiter = RateLimiter(Limit(rate=1.0, burst=1), clock=lambda: now[0])
    assert limiter.wait("apiKey a") == 0.0
    assert limiter.wait("apiKey a") == pytest.approx(1.0)
    assert limiter.wait("apiKey b") == 0.0
    now[0] = 1.0
    assert limiter.wait("apiKey a") == 0.0


def test_no_limit_by_default(api: ContractClient) -> None:
    assert {api.get(API).status_code for _ in range(50)} == {200}


def test_over_the_limit_answers_429_with_ionq_s_body_and_retry_after(
    api: ContractClient, admin: FlaskClient
) -> None:
    assert admin.put(LIMIT, json={"rate": 0.5, "burst": 2}).status_code == 200
    assert [api.get(API, headers=KEY_A).status_code for _ in range(2)] == [200, 200]
    refused = api.get(API, headers=KEY_A)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "2"  # 1 token at 0.5 per second
    assert refused.get_json() == {
        "statusCode": 429,
        "error": "Too Many Requests",
        "message": "Too many requests for this key (limit: 0.5 per second, bursts of 2); "
        "retry after 2 s.",
    }


def test_each_key_has_its_own_budget_and_anonymous_requests_share_one(
    api: ContractClient, admin: FlaskClient
) -> None:
    admin.put(LIMIT, json={"rate": 0.01, "burst": 1})
    assert api.get(API, headers=KEY_A).status_code == 200
    assert api.get(API, headers=KEY_A).status_code == 429
    assert api.get(API, headers=KEY_B).status_code == 200
    assert api.get(API).status_code == 200
    assert api.get("/v0.4/backends").status_code == 429


def test_the_limit_counts_every_operation_and_comes_before_faults(
    api: ContractClient, admin: FlaskClient
) -> None:
    admin.put(LIMIT, json={"rate": 0.01, "burst": 1})
    admin.post("/__admin/faults", json={"sequence": [503]})
    assert api.get(API).status_code == 503
    assert api.get(API).status_code == 429
    assert admin.get("/__admin/faults").get_json()[0]["matched"] == 1


def test_the_limit_can_be_read_and_removed(api: ContractClient, admin: FlaskClient) -> None:
    assert admin.get(LIMIT).get_json() == {"enabled": False}
    assert admin.put(LIMIT, json={"rate": 3}).get_json() == {
        "enabled": True,
        "rate": 3.0,
        "burst": 3,
    }
    assert admin.get(LIMIT).get_json() == {"enabled": True, "rate": 3.0, "burst": 3}
    assert admin.delete(LIMIT).status_code == 204
    assert admin.get(LIMIT).get_json() == {"enabled": False}
    assert {api.get(API).status_code for _ in range(10)} == {200}


def test_reset_goes_back_to_the_configured_limit() -> None:
    app = create_app({"RATE_LIMIT": {"rate": 0.01, "burst": 1}})
    client = app.test_client()
    assert client.get(LIMIT).get_json() == {"enabled": True, "rate": 0.01, "burst": 1}
    assert [client.get(API).status_code for _ in range(2)] == [200, 429]
    client.delete(LIMIT)
    client.post("/__admin/reset")
    assert client.get(LIMIT).get_json()["enabled"] is True
    assert client.get(API).status_code == 200  # buckets are full again


def test_a_bad_configured_limit_stops_start_up() -> None:
    with pytest.raises(SettingError, match=r"rate limit: \$.rate"):
        create_app({"RATE_LIMIT": {"rate": 0}})


@pytest.mark.parametrize(
    ("body", "keys", "message"),
    [
        ({"rate": 0}, ["rate"], "$.rate: must be a number of requests per second"),
        ({"rate": "5"}, ["rate"], "$.rate: must be a number"),
        ({"rate": True}, ["rate"], "$.rate: must be a number"),
        ({}, ["rate"], "$.rate: must be a number"),
        ({"rate": 5, "burst": 0}, ["burst"], "$.burst: must be an integer of at least 1"),
        ({"rate": 5, "burst": 2.5}, ["burst"], "$.burst: must be an integer of at least 1"),
        ({"rate": 5, "window": 1}, ["window"], "$.window: is not a field of a rate limit"),
        ([5], [], "The body must be a JSON object of rate limit fields"),
    ],
)
def test_an_invalid_limit_is_refused_with_ionq_s_body(
    admin: FlaskClient, body: Any, keys: list[str], message: str
) -> None:
    response = admin.put(LIMIT, json=body)
    assert response.status_code == 400
    document = response.get_json()
    assert (document["statusCode"], document["error"]) == (400, "Bad Request")
    assert document["validation"] == {"keys": keys, "source": "payload"}
    assert message in document["message"]
    assert admin.get(LIMIT).get_json() == {"enabled": False}


def test_parse_limit_defaults_the_burst_to_the_rate_rounded_up() -> None:
    from mock_server.controls.ratelimit import parse_limit  # noqa: PLC0415

    assert parse_limit({"rate": 2.5}) == Limit(2.5, 3)
    assert isinstance(parse_limit({"rate": -1}), Rejection)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("5", {"rate": 5.0}),
        (" 0.5/3 ", {"rate": 0.5, "burst": 3}),
        ("10/1", {"rate": 10.0, "burst": 1}),
    ],
)
def test_the_rate_limit_setting_reads_rate_and_burst(text: str, limit: dict[str, Any]) -> None:
    assert parse_rate_limit(text) == limit


@pytest.mark.parametrize("text", ["", "five", "5/", "5/x", "/3", "5/3/1"])
def test_a_rate_limit_setting_that_is_not_rate_or_rate_burst_is_refused(text: str) -> None:
    with pytest.raises(SettingError, match="expected RATE or RATE/BURST"):
        parse_rate_limit(text)


def test_the_environment_sets_the_limit_the_app_starts_with() -> None:
    config = config_from_env({"IONQ_MOCK_RATE_LIMIT": "0.01/2"})
    assert config["RATE_LIMIT"] == {"rate": 0.01, "burst": 2}
    client = create_app(config).test_client()
    assert [client.get(API).status_code for _ in range(3)] == [200, 200, 429]
    assert "RATE_LIMIT" not in config_from_env({})
