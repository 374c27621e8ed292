"""Checking a job body at IonQ's 10 MB limit: before and after, and the reads meanwhile.

Three bodies of POST /jobs, all `dry_run` so that nothing is simulated:

- `valid`: 150,000 valid gates (`circuit`'s maxItems), padded with the job's
  name to just under 10,000,000 bytes (IonQ's limit; the fake answers 413
  above it);
- `invalid`: the same body with its last gate's name outside the enum;
- `wrong items`: a circuit of 150,000 zeros, each item wrong.

"Before" is the way the fake checked a body until jsonschema-rs came in:
jsonschema's whole `iter_errors` over the body, with the project's validator
as it was (mock_server.wire.rejections.new_validator with its `items` keyword
put back to openapi-schema-validator's own; `oneOf` stays the project's,
which picks the branch by `type`: a bare OAS30Validator refuses every job
body at its discriminated `oneOf` in a tenth of a second, which is not what the
fake did), and every error explained and joined into the 400's message, whose
size is the old answer's. "After" is what the app does now: the body POSTed
to `mock_server.app.create_app()` through Flask's test client, timed, with
the answer's status and size.

``reads_while_checking`` is the same question over a socket: the fake as
`make bench` starts it, wrk with one connection on GET /backends/qpu.aria-1
for the run's duration, idle, then again while another client POSTs the
valid body back to back (and deletes each job it made).
"""

from __future__ import annotations

import http.client
import json
import math
import random
import statistics
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema.validators import extend  # type: ignore[import-untyped]
from openapi_schema_validator import OAS30Validator

from bench.jobs import READ_PATH, percentile
from bench.load import LoadSettings, run_wrk
from bench.procmem import tree_cpu_seconds
from bench.servers import RunningServer, ServerSpec, launch
from ionq_contract.operations import read_operations
from ionq_contract.schema_errors import FieldError, Kind, field_errors
from ionq_contract.spec import load_spec
from mock_server.wire.compiled import compile_check
from mock_server.wire.errors import error_body
from mock_server.wire.rejections import Rejection, field_problems, new_validator
from mock_server.wire.responses import encode

LIMIT_BYTES = 10_000_000  # IonQ's limit on a request body (the fake's MAX_CONTENT_LENGTH)
MAX_GATES = 150_000  # `circuit`'s maxItems
# How far under the limit the bodies stay: "under it", with room for a server
# that counts the limit as exclusive.
HEADROOM_BYTES = 1_000
QUBITS = 29
KEY = "apiKey bench-body-checks"
JOBS_PATH = "/jobs"
BAD_GATE: dict[str, Any] = {"gate": "bogus", "target": 0}


def encode_body(body: Mapping[str, Any]) -> bytes:
    """A body as a client sends it: JSON with the default separators, UTF-8."""
    return json.dumps(body).encode()


def _gate(rng: random.Random, index: int) -> dict[str, Any]:
    """Gate `index` of the valid circuit: rotations with full floats, CNOTs, controlled
    rotations, single qubits and lists; the mix averages about 66 bytes a gate, so
    150,000 of them fill all but a few tens of kilobytes of the 10 MB."""
    a = rng.randrange(QUBITS)
    b = (a + 1 + rng.randrange(QUBITS - 1)) % QUBITS
    angle = rng.uniform(-math.pi, math.pi)
    kind = index % 8
    if kind in (0, 4):
        return {"gate": "rx" if kind == 0 else "ry", "targets": [a], "rotation": angle}
    if kind in (1, 5):
        return {"gate": "cnot", "controls": [a], "targets": [b]}
    if kind in (2, 6):
        return {"gate": "xx", "targets": [a, b], "rotation": angle}
    if kind == 3:
        return {"gate": "rz", "controls": [a], "targets": [b], "rotation": angle}
    return {"gate": "rx", "control": a, "target": b, "rotation": angle}


def _padded(body: dict[str, Any], size: int) -> dict[str, Any]:
    """`body` with its `name` lengthened so that it encodes to exactly `size` bytes."""
    body["name"] = ""
    short = size - len(encode_body(body))
    if short < 0:
        raise ValueError(f"the body is {-short} bytes over {size} before any padding")
    body["name"] = "x" * short
    return body


def valid_body(size: int = LIMIT_BYTES - HEADROOM_BYTES, gates: int = MAX_GATES) -> dict[str, Any]:
    """A dry-run job of `gates` valid gates that encodes to exactly `size` bytes."""
    rng = random.Random(2024)  # noqa: S311 - the same body every run, not a secret
    body: dict[str, Any] = {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "shots": 100,
        "dry_run": True,
        "name": "",
        "input": {
            "gateset": "qis",
            "qubits": QUBITS,
            "circuit": [_gate(rng, i) for i in range(gates)],
        },
    }
    return _padded(body, size)


def invalid_body(valid: Mapping[str, Any]) -> dict[str, Any]:
    """`valid` with its last gate's name outside the enum, padded to the same size."""
    size = len(encode_body(valid))
    circuit = [*valid["input"]["circuit"][:-1], dict(BAD_GATE)]
    body = {**valid, "input": {**valid["input"], "circuit": circuit}}
    return _padded(body, size)


def wrong_items_body(items: int = MAX_GATES) -> dict[str, Any]:
    """A dry-run job whose circuit is `items` zeros: as many wrong items as a circuit may hold."""
    return {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "dry_run": True,
        "input": {"gateset": "qis", "qubits": 2, "circuit": [0] * items},
    }


# -- before: jsonschema alone, every error ------------------------------------------------

# The old message's wording (mock_server/wire/rejections.py before jsonschema-rs).
_OLD_MESSAGES = {Kind.MISSING: "is required", Kind.UNDOCUMENTED: "is not a documented field"}
_OLD_LONGEST_MESSAGE = 300


def json_path(path: Sequence[str | int]) -> str:
    """`$.input.circuit[3]`: how a refusal names a field (a name that is not an
    identifier in brackets)."""
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part.isidentifier() and part.isascii():
            parts.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "$" + "".join(parts)


def old_problem(found: FieldError) -> tuple[str, str, str]:
    """(JSON path, top-level key, message) of one field error, as the old refusal worded it."""
    key = str(found.path[0]) if found.path and isinstance(found.path[0], str) else ""
    message = _OLD_MESSAGES.get(found.kind, found.message)
    if len(message) > _OLD_LONGEST_MESSAGE:
        message = message[: _OLD_LONGEST_MESSAGE - 1] + "…"
    return json_path(found.path), key, message


def old_answer(problems: Sequence[tuple[str, str, str]]) -> bytes:
    """The 400 the old way answered: every problem, sorted, joined into the message."""
    ordered = sorted(problems, key=lambda p: (p[0], p[2]))
    message = "; ".join(f"{path}: {message}" for path, _, message in ordered)
    keys = tuple(dict.fromkeys(key for _, key, _ in ordered if key))
    return encode(error_body(400, message, Rejection(keys=keys, source="payload", message=message)))


def old_validator(schema: Mapping[str, Any]) -> Any:
    """The project's body validator as it was before jsonschema-rs: `items` unaccelerated."""
    project = type(new_validator(schema))
    old = extend(project, {"items": OAS30Validator.VALIDATORS["items"]})
    return old(schema, format_checker=OAS30Validator.FORMAT_CHECKER)


def create_job_schema() -> Mapping[str, Any]:
    """The body schema of operation createJob, `$ref`s inlined."""
    for operation in read_operations(load_spec()):
        if operation.operation_id == "createJob" and operation.body_schema is not None:
            return operation.body_schema
    raise LookupError("openapi.yaml has no createJob with a body")


def check_before(validator: Any, document: Any) -> dict[str, Any]:
    """Time the old check of a parsed body: every error, explained, and the answer made."""
    started = time.perf_counter()
    problems = [
        old_problem(found) for e in validator.iter_errors(document) for found in field_errors(e)
    ]
    answer = old_answer(problems) if problems else b""
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 4),
        "problems": len(problems),
        "status": 400 if problems else 201,
        "answer_bytes": len(answer),
    }


# -- after: the app as it is -----------------------------------------------------------


def check_now(schema: Mapping[str, Any], document: Any) -> dict[str, Any]:
    """Time the check alone as mock_server/validation.py makes it now, on a parsed body:
    jsonschema-rs's verdict, and jsonschema's bounded explanation only if it refuses."""
    compiled = compile_check(schema)
    validator = new_validator(schema)
    if compiled is None:
        raise RuntimeError("the createJob schema has no compiled check")
    compiled(wrong_items_body(1))  # anything compiled lazily, outside the time
    started = time.perf_counter()
    problems = None if compiled(document) else field_problems(validator, document)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 4), "problems_shown": len(problems or ())}


def ratio(before: float, after: float) -> float | None:
    """before / after, to one decimal (None when after is zero)."""
    return round(before / after, 1) if after else None


@dataclass(frozen=True)
class Posted:
    """One POST of a body to the app: its time, status and answer."""

    seconds: float
    status: int
    answer: bytes


def summarize_posts(posts: Sequence[Posted]) -> dict[str, Any]:
    """Median, min and max seconds of a body's POSTs, their statuses, the answer's size."""
    seconds = [p.seconds for p in posts]
    return {
        "repeats": len(posts),
        "median_s": round(statistics.median(seconds), 4),
        "min_s": round(min(seconds), 4),
        "max_s": round(max(seconds), 4),
        "statuses": sorted({p.status for p in posts}),
        "status": posts[-1].status,
        "answer_bytes": len(posts[-1].answer),
        "answer_head": posts[-1].answer[:160].decode("utf-8", "replace"),
    }


def post_in_process(app: Any, data: bytes, prefix: str) -> Posted:
    """POST `data` to the app's /jobs through Flask's test client; delete the job it made."""
    client = app.test_client()
    headers = {"Authorization": KEY, "Content-Type": "application/json"}
    started = time.perf_counter()
    response = client.post(prefix + JOBS_PATH, data=data, headers=headers)
    answer = response.get_data()
    seconds = time.perf_counter() - started
    if response.status_code == 201:
        job_id = json.loads(answer)["id"]
        client.delete(f"{prefix}{JOBS_PATH}/{job_id}", headers=headers)
    return Posted(seconds, response.status_code, answer)


@dataclass(frozen=True)
class Body:
    """One body of the measurement: its name, the document and its bytes."""

    name: str
    document: Any
    data: bytes = field(repr=False)

    @classmethod
    def of(cls, name: str, document: Any) -> Body:
        """A body and its encoding."""
        return cls(name, document, encode_body(document))


def the_bodies() -> list[Body]:
    """The three bodies: valid, invalid at the last gate, a circuit of wrong items."""
    valid = valid_body()
    return [
        Body.of("valid", valid),
        Body.of("invalid", invalid_body(valid)),
        Body.of("wrong items", wrong_items_body()),
    ]


def in_process(
    prefix: str,
    bodies: Sequence[Body] | None = None,
    *,
    repeats: int = 3,
    app_factory: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """Before (once per body: seconds each) and after (median of `repeats` POSTs) per body."""
    from mock_server.app import create_app  # noqa: PLC0415 - the app only when measured

    bodies = the_bodies() if bodies is None else bodies
    schema = create_job_schema()
    validator = old_validator(schema)
    app = (app_factory or create_app)()
    # The first request of an app compiles what it keeps; not part of any body's time.
    post_in_process(app, encode_body(wrong_items_body(1)), prefix)
    rows = []
    for body in bodies:
        before = check_before(validator, body.document)
        after = summarize_posts([post_in_process(app, body.data, prefix) for _ in range(repeats)])
        rows.append({
            "body": body.name,
            "bytes": len(body.data),
            "items": len(body.document["input"]["circuit"]),
            "before": before,
            "after": after,
            "check_alone": check_now(schema, body.document),
            "speedup": ratio(before["seconds"], after["median_s"]),
        })  # fmt: skip
    return {"limit_bytes": LIMIT_BYTES, "rows": rows}


# -- over a socket: reads while bodies are checked --------------------------------------


@dataclass
class Poster:
    """POSTs one body back to back on its own connection until stopped, deleting each job."""

    host: str
    port: int
    path: str
    data: bytes = field(repr=False)
    seconds: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _post(self, conn: http.client.HTTPConnection) -> None:
        headers = {"Authorization": KEY, "Content-Type": "application/json"}
        started = time.perf_counter()
        conn.request("POST", self.path, body=self.data, headers=headers)
        response = conn.getresponse()
        answer = response.read()
        self.seconds.append(time.perf_counter() - started)
        self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        if response.status == 201:
            conn.request("DELETE", f"{self.path}/{json.loads(answer)['id']}", headers=headers)
            conn.getresponse().read()

    def _run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            while not self._stop.is_set():
                try:
                    self._post(conn)
                except (OSError, http.client.HTTPException):
                    self.errors += 1
                    conn.close()
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        finally:
            conn.close()

    def __enter__(self) -> Poster:
        self._thread = threading.Thread(target=self._run, name="body-poster", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def _read_load(server: RunningServer, settings: LoadSettings) -> dict[str, Any]:
    cpu_before = tree_cpu_seconds(server.pid)
    figures = run_wrk(server.url(READ_PATH), settings).as_dict()
    figures["server_cpu_s"] = round(tree_cpu_seconds(server.pid) - cpu_before, 2)
    return figures


def reads_while_checking(
    spec: ServerSpec,
    log_dir: Path,
    data: bytes,
    *,
    duration_s: float = 10.0,
    warmup_s: float = 2.0,
) -> dict[str, Any]:
    """p50/p99 of GET /backends/qpu.aria-1 on one connection, idle and while `data` is POSTed."""
    one = LoadSettings(duration_s, connections=1, threads=1)
    with launch(spec, log_dir) as server:
        server.wait_ready(READ_PATH)
        if warmup_s > 0:
            run_wrk(server.url(READ_PATH), LoadSettings(warmup_s, connections=1, threads=1))
        idle = _read_load(server, one)
        poster = Poster(server.host, server.port, spec.prefix + JOBS_PATH, data)
        with poster:
            # The first body is on its way before the reads start.
            time.sleep(0.05)
            loaded = _read_load(server, one)
    posts = poster.seconds
    return {
        "path": READ_PATH,
        "connections": 1,
        "duration_s": duration_s,
        "body_bytes": len(data),
        "idle": idle,
        "checking": loaded,
        "posts": {
            "count": len(posts),
            "statuses": {str(k): v for k, v in sorted(poster.statuses.items())},
            "errors": poster.errors,
            "median_s": round(statistics.median(posts), 4) if posts else None,
            "p99_s": round(percentile(posts, 99), 4) if posts else None,
        },
        "p99_ratio": round(loaded["p99_ms"] / idle["p99_ms"], 2) if idle["p99_ms"] else None,
    }


def measure(
    spec: ServerSpec, log_dir: Path, *, duration_s: float, warmup_s: float, repeats: int = 3
) -> dict[str, Any]:
    """Both parts: the bodies in process, then the reads over a socket."""
    bodies = the_bodies()
    figures = in_process(spec.prefix, bodies, repeats=repeats)
    figures["reads"] = reads_while_checking(
        spec, log_dir, bodies[0].data, duration_s=duration_s, warmup_s=warmup_s
    )
    return figures
