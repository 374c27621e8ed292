"""Injected faults: what a request gets instead of (or on top of) a normal answer.

Tests of code that calls IonQ need the answers the real service gives
rarely and never on demand: a slow answer, a 429, a 5xx, a connection that
drops. A fault *rule* (added through the admin API or the pytest plugin)
applies to one operation or to all of them and combines

- `delay_ms`: a fixed latency, or `[min, max]` drawn uniformly per request;
- `error`: `{"status": 503, "rate": 0.25}`, a status (or "drop") answered to
  that share of the requests it matches;
- `sequence`: `[503, 503]` answers the first matched requests in order ("fail
  twice, then succeed"); `"pass"` lets one through, `"drop"` drops one.

Random draws come from generators seeded with the rule's `seed`: the n-th
request a rule matches gets the n-th draw of `random.Random(seed)`, one
generator for the error rate and one for the latency, so a run can be
repeated exactly. Rules apply in the order they were added: their latencies
add up, and the first rule that picks an outcome answers. Statuses are
limited to those openapi.yaml documents for the operation (429, 500, 502 and
503), so an injected fault never breaks the contract.

Each app keeps its rules in its own FaultTable (mock_server/controls/state.py's
Controls), so faults of two apps (two tests) never meet.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from flask import Response, request

from ionq_contract.operations import Operation
from mock_server.controls.interruptions import pause
from mock_server.controls.ratelimit import RateLimiter, retry_after_seconds
from mock_server.shared.replica import Replica, changes_shared_state
from mock_server.wire import notes
from mock_server.wire.errors import error_body
from mock_server.wire.rejections import (
    DocumentError,
    FieldProblem,
    field_problems,
    new_validator,
)
from mock_server.wire.responses import encode, json_response

# The statuses a fault may answer, when the operation documents them.
FAULT_STATUSES = (429, 500, 502, 503)
DROP: Final = "drop"
PASS: Final = "pass"  # noqa: S105 - an outcome, not a password
Outcome = int | Literal["drop", "pass"]

RETRY_AFTER_HEADER = "Retry-After"
DEFAULT_RETRY_AFTER_S = 1

_SCHEMA = json.loads(
    (Path(__file__).with_name("schemas") / "fault-rule.schema.json").read_text("utf-8")
)
_RULE_VALIDATOR = new_validator(_SCHEMA)


@dataclass(frozen=True, slots=True)
class FaultRule:
    """One validated rule, as the admin API received it (plus its id)."""

    id: int
    operation: str | None  # None: every operation
    delay_ms: tuple[float, float] | None  # (low, high); equal for a fixed delay
    error_status: Outcome | None
    error_rate: float
    sequence: tuple[Outcome, ...]
    seed: int
    retry_after_s: int
    times: int | None  # None: forever

    def to_json(self) -> dict[str, Any]:
        """The rule as the admin API shows it."""
        document: dict[str, Any] = {"id": self.id, "operation": self.operation}
        if self.delay_ms is not None:
            low, high = self.delay_ms
            document["delay_ms"] = low if low == high else [low, high]
        if self.error_status is not None:
            document["error"] = {"status": self.error_status, "rate": self.error_rate}
        if self.sequence:
            document["sequence"] = list(self.sequence)
        document.update(seed=self.seed, retry_after=self.retry_after_s, times=self.times)
        return document


@dataclass(frozen=True, slots=True)
class Decision:
    """What a request gets from the rules: a delay, then an outcome."""

    delay_s: float = 0.0
    outcome: Outcome = PASS
    rule_id: int | None = None  # the rule that picked the outcome
    retry_after_s: int = DEFAULT_RETRY_AFTER_S
    labels: tuple[str, ...] = ()  # one per rule that applied, for the request log


@dataclass(slots=True)
class _LiveRule:
    """A rule and its progress: how often it matched, and its random generators."""

    rule: FaultRule
    error_rng: random.Random
    delay_rng: random.Random
    matched: int = 0

    def applies_to(self, operation_id: str) -> bool:
        exhausted = self.rule.times is not None and self.matched >= self.rule.times
        return not exhausted and self.rule.operation in (None, operation_id)

    def step(self) -> tuple[float, Outcome]:
        """The delay (s) and outcome of the next matched request; advances the rule."""
        rule = self.rule
        index = self.matched
        self.matched += 1
        delay_s = 0.0
        if rule.delay_ms is not None:
            low, high = rule.delay_ms
            delay_s = (low if low == high else self.delay_rng.uniform(low, high)) / 1000
        if index < len(rule.sequence):
            return delay_s, rule.sequence[index]
        if rule.error_status is not None and self.error_rng.random() < rule.error_rate:
            return delay_s, rule.error_status
        return delay_s, PASS


def decide(rules: list[_LiveRule], operation_id: str) -> Decision:
    """Apply the rules (in order) to one request of `operation_id`; advances them."""
    delay_s = 0.0
    labels: list[str] = []
    for live in rules:
        if not live.applies_to(operation_id):
            continue
        delay, outcome = live.step()
        delay_s += delay
        if delay or outcome != PASS:  # a rule that let the request through says nothing
            labels.append(f"fault rule {live.rule.id}: {_describe(delay, outcome)}")
        if outcome != PASS:
            return Decision(delay_s, outcome, live.rule.id, live.rule.retry_after_s, tuple(labels))
    return Decision(delay_s, PASS, None, DEFAULT_RETRY_AFTER_S, tuple(labels))


def _describe(delay_s: float, outcome: Outcome) -> str:
    parts = [f"delay {delay_s * 1000:.0f} ms"] if delay_s else []
    if outcome != PASS:
        parts.append(str(outcome))
    return ", ".join(parts)


class RuleError(DocumentError):
    """A rule the admin API refuses; `rejection()` is the 400's `validation` part."""


def fault_statuses(operation: Operation) -> tuple[int, ...]:
    """The fault statuses openapi.yaml documents for an operation."""
    return tuple(status for status in FAULT_STATUSES if status in operation.statuses)


def parse_rule(document: Any, rule_id: int, operations: Mapping[str, Operation]) -> FaultRule:
    """A FaultRule from the admin API's JSON, or RuleError naming every bad field."""
    found = field_problems(_RULE_VALIDATOR, document)
    if found:
        raise RuleError(found)
    operation_id = document.get("operation")
    if operation_id is not None and operation_id not in operations:
        known = ", ".join(operations)
        raise RuleError([FieldProblem("$.operation", "operation", f"is not one of [{known}]")])
    targets = [operations[operation_id]] if operation_id else list(operations.values())
    allowed = [s for s in FAULT_STATUSES if all(s in fault_statuses(op) for op in targets)]
    problems: list[FieldProblem] = []
    error = document.get("error")
    outcomes = [("$.error.status", "error", error["status"])] if error else []
    outcomes += [
        (f"$.sequence[{i}]", "sequence", o) for i, o in enumerate(document.get("sequence", []))
    ]
    for json_path, key, outcome in outcomes:
        if isinstance(outcome, bool) or not isinstance(outcome, int):
            choices = (DROP, PASS) if key == "sequence" else (DROP,)
            if outcome not in choices:
                problems.append(
                    FieldProblem(
                        json_path,
                        key,
                        f"{outcome!r} is not a status or {' or '.join(map(repr, choices))}",
                    )
                )
        elif outcome not in allowed:
            problems.append(
                FieldProblem(
                    json_path,
                    key,
                    f"{outcome} is not a fault status openapi.yaml documents for "
                    f"{operation_id or 'every operation'}; choose one of "
                    f"[{', '.join(map(str, allowed))}], {DROP!r} or {PASS!r}",
                )
            )
    delay = document.get("delay_ms")
    if isinstance(delay, list) and delay[0] > delay[1]:
        problems.append(FieldProblem("$.delay_ms", "delay_ms", "[min, max] needs min <= max"))
    if not ({"delay_ms", "error", "sequence"} & set(document)):
        problems.append(FieldProblem("$", "", "a rule needs delay_ms, error or sequence"))
    if problems:
        raise RuleError(problems)
    low_high = (delay, delay) if not isinstance(delay, list) else (delay[0], delay[1])
    return FaultRule(
        id=rule_id,
        operation=operation_id,
        delay_ms=None if delay is None else low_high,
        error_status=error["status"] if error else None,
        error_rate=float(error["rate"]) if error else 0.0,
        sequence=tuple(document.get("sequence", ())),
        seed=int(document.get("seed", 0)),
        retry_after_s=int(document.get("retry_after", DEFAULT_RETRY_AFTER_S)),
        times=document.get("times"),
    )


class FaultTable:
    """The fault rules of one app, in the order they were added. Thread-safe.

    `active` is read without the lock on every request, so that an app without
    rules pays one attribute read for the whole feature.
    """

    def __init__(self, operations: Mapping[str, Operation] | None = None) -> None:
        self.operations: Mapping[str, Operation] = operations or {}
        self.active = False
        self._rules: list[_LiveRule] = []
        self._next_id = 1
        self._lock = threading.Lock()
        self.replica = Replica()  # create_app's, when other processes share the state

    def shared_state(self) -> tuple[list[_LiveRule], int]:
        """The rules and their progress: what other processes sharing the state read."""
        with self._lock:
            return list(self._rules), self._next_id

    def restore(self, state: tuple[list[_LiveRule], int]) -> None:
        """Take the rules another process wrote."""
        with self._lock:
            self._rules, self._next_id = state
            self.active = bool(self._rules)

    @changes_shared_state
    def add(self, document: Any) -> dict[str, Any]:
        """Validate and append a rule; its JSON (with its id). RuleError if invalid."""
        with self._lock:
            rule = parse_rule(document, self._next_id, self.operations)
            self._next_id += 1
            self._rules.append(
                _LiveRule(rule, random.Random(rule.seed), random.Random(rule.seed))  # noqa: S311
            )
            self.active = True
            return self._json(self._rules[-1])

    @changes_shared_state
    def remove(self, rule_id: int) -> bool:
        """Forget one rule; False when there is none with this id."""
        with self._lock:
            kept = [live for live in self._rules if live.rule.id != rule_id]
            found = len(kept) != len(self._rules)
            self._rules = kept
            self.active = bool(kept)
            return found

    @changes_shared_state
    def clear(self) -> None:
        """No rules any more (ids keep counting, so an old id never means a new rule)."""
        with self._lock:
            self._rules = []
            self.active = False

    def rules(self) -> list[dict[str, Any]]:
        """Every rule as JSON, with how many requests it matched so far."""
        with self._lock:
            return [self._json(live) for live in self._rules]

    @changes_shared_state
    def decide(self, operation_id: str) -> Decision:
        """What the next request of `operation_id` gets."""
        with self._lock:
            return decide(self._rules, operation_id)

    @staticmethod
    def _json(live: _LiveRule) -> dict[str, Any]:
        return {**live.rule.to_json(), "matched": live.matched}


def retry_after_headers(status: int, seconds: int = DEFAULT_RETRY_AFTER_S) -> dict[str, str]:
    """`Retry-After` for a 429, which openapi.yaml requires; nothing for other statuses."""
    return {RETRY_AFTER_HEADER: str(seconds)} if status == 429 else {}


def fault_response(operation: Operation, status: int, retry_after_s: int) -> Response:
    """A fault status with the first example openapi.yaml documents for it."""
    examples = operation.examples(status)
    body = (
        next(iter(examples.values()))
        if examples
        else error_body(status, f"Fault injected by the fake IonQ: {status}.")
    )
    return json_response(encode(body), status, retry_after_headers(status, retry_after_s))


def intercept(faults: FaultTable, limiter: RateLimiter, operation: Operation) -> Response | None:
    """The rate limit and the fault rules, before a request is validated (as a
    gateway in front of a service would): an answer, or None to carry on.

    Called first by every operation's view (mock_server/routes.py); costs two
    attribute reads while neither a limit nor a rule is set.
    """
    if limiter.limit is not None:
        wait_s = limiter.wait(request.headers.get("Authorization") or "")
        if wait_s:
            return too_many_requests(limiter, wait_s)
    if faults.active:
        return apply(faults.decide(operation.operation_id), operation, request.environ)
    return None


def too_many_requests(limiter: RateLimiter, wait_s: float) -> Response:
    """The rate limiter's 429: IonQ's body and the seconds to wait in `Retry-After`."""
    limit = limiter.limit
    seconds = retry_after_seconds(wait_s)
    notes.note_scenario(request.environ, f"rate limit: retry after {seconds} s")
    described = f"{limit.rate:g} per second, bursts of {limit.burst}" if limit else "exceeded"
    body = error_body(
        429, f"Too many requests for this key (limit: {described}); retry after {seconds} s."
    )
    return json_response(encode(body), 429, retry_after_headers(429, seconds))


def apply(
    decision: Decision, operation: Operation, environ: MutableMapping[str, Any]
) -> Response | None:
    """Carry out a decision: sleep, then answer a fault status, mark a drop, or pass."""
    for label in decision.labels:
        notes.note_scenario(environ, label)
    if decision.delay_s:
        timed_out = pause(decision.delay_s, environ)
        if timed_out is not None:
            return timed_out
    if decision.outcome == DROP:
        notes.note_drop(environ, f"fault rule {decision.rule_id}")
        return None
    if isinstance(decision.outcome, int):
        return fault_response(operation, decision.outcome, decision.retry_after_s)
    return None
