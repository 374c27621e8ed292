"""Tests of the fake's test tools: fault rules, Prefer faults, the rate limit, the request log."""
