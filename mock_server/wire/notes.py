"""What one request carries along its way through the fake: notes kept in its WSGI environ.

A request passes several layers that do not import each other (the front,
the routes, the test controls, the handlers, the in-process transport of the
harness), and some facts found by one are needed by another: the job a
request concerned and what answered it, for the request log; that the
answer may be kept by the fast path; that a fault asked for the connection
to be dropped; the body already parsed. The environ travels with the
request through all of them, so the facts are kept there, under keys this
module alone names, and read and written only through these functions.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

Environ = MutableMapping[str, Any]

_JOB_ID = "ionq_mock.job_id"  # the job a handler found the request to concern
_SCENARIO = "ionq_mock.scenario"  # what answered (or changed) the request, for the request log
_DROP = "ionq_mock.drop"  # why the answer is to be cut off after its headers
_PURE = "ionq_mock.pure"  # the answer is a pure function of request and state
_READ_TIMEOUT = "ionq_mock.read_timeout"  # the in-process client's read timeout, in seconds
_BODY = "ionq_mock.json_body"  # the body's JSON document (or its Rejection), parsed once


def note_job(environ: Environ, job_id: str) -> None:
    """The request concerns this job (the request log shows its id)."""
    environ[_JOB_ID] = job_id


def job_of(environ: Mapping[str, Any]) -> str | None:
    """The job the request concerned, if a handler noted one."""
    value = environ.get(_JOB_ID)
    return value if isinstance(value, str) else None


def note_scenario(environ: Environ, label: str) -> None:
    """Add to what answered (or changed) this request: `; ` joins several."""
    previous = environ.get(_SCENARIO)
    environ[_SCENARIO] = f"{previous}; {label}" if previous else label


def scenario_of(environ: Mapping[str, Any]) -> str | None:
    """What answered the request, when a fault rule or a `Prefer` scenario did."""
    value = environ.get(_SCENARIO)
    return value if isinstance(value, str) else None


def note_drop(environ: Environ, reason: str) -> None:
    """The answer is to be cut off after its headers, because of `reason`."""
    environ[_DROP] = reason


def drop_of(environ: Mapping[str, Any]) -> str | None:
    """Why the answer is to be cut off, or None when it goes out whole."""
    value = environ.get(_DROP)
    return value if isinstance(value, str) else None


def note_pure(environ: Environ) -> None:
    """The answer is a pure function of the request and the state: the fast path may keep it."""
    environ[_PURE] = True


def is_pure(environ: Mapping[str, Any]) -> bool:
    """Whether the pipeline marked the answer as one the fast path may keep."""
    return environ.get(_PURE) is True


def note_read_timeout(environ: Environ, seconds: float) -> None:
    """The in-process client gives up after `seconds` (a socket's client does that itself)."""
    environ[_READ_TIMEOUT] = seconds


def read_timeout_of(environ: Mapping[str, Any]) -> float | None:
    """The in-process client's read timeout, if the request came through it."""
    value = environ.get(_READ_TIMEOUT)
    return float(value) if isinstance(value, int | float) else None


def body_of(environ: Mapping[str, Any]) -> Any | None:
    """The request's parsed body, if it was parsed already (None: not yet)."""
    return environ.get(_BODY)


def note_body(environ: Environ, document: Any) -> None:
    """Keep the request's parsed body, so that validation and handler parse it once."""
    environ[_BODY] = document
