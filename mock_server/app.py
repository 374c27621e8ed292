"""The application factory of the fake IonQ (the Flask tutorial's `create_app`).

Everything that depends on openapi.yaml or on the fixtures happens here,
once: the description is read, each operation's validators are compiled,
every fixture is checked against the contract, and the routes are derived
from the paths. A problem with any of them stops start-up with a message
(SpecError, FixtureError) instead of a server that lies. Each call builds an
independent app with its own state, so tests can create as many as they like.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from flask import Flask, Response, request

from ionq_contract.operations import read_operations
from ionq_contract.spec import base_path, inlined_schema, load_spec
from mock_server.api import HANDLERS, PURE_READS
from mock_server.api import state as api
from mock_server.api.backend_store import BackendStore
from mock_server.api.characterization_history import load_histories
from mock_server.api.characterization_store import CharacterizationStore
from mock_server.api.clock import Clock
from mock_server.api.fixture_files import PACKAGED_FIXTURES, load_backends
from mock_server.api.format_schemas import load_format_schemas
from mock_server.api.jobs.costs import load_rate_cards
from mock_server.api.jobs.memory import (
    DEFAULT_MAX_JOBS,
    DEFAULT_MAX_RESULT_BYTES,
    DEFAULT_MAX_UNFINISHED,
    DEFAULT_MAX_UNFINISHED_PER_KEY,
    MemoryJobStore,
)
from mock_server.api.jobs.noise import load_noise_models
from mock_server.api.jobs.runner import (
    DEFAULT_INLINE_WAIT_S,
    DEFAULT_INLINE_WORK,
    DEFAULT_WORK_LIMIT,
    JobRunner,
    RunnerSettings,
    TaskQueue,
)
from mock_server.api.revision import Revision
from mock_server.api.sessions.store import SessionStore
from mock_server.auth import key_policy, require_keys, secured_operations
from mock_server.controls import admin, request_log
from mock_server.controls import state as controls
from mock_server.controls.jobs import JobControls
from mock_server.controls.ratelimit import Limit, parse_limit
from mock_server.front.access_log import AccessLog
from mock_server.front.answers import AnswerCache
from mock_server.front.middleware import Front
from mock_server.routes import register_operations
from mock_server.settings import SettingError
from mock_server.shared.replica import Replica, SharedWhole, Whole
from mock_server.shared.url import MEMORY, StoreURLError, open_log
from mock_server.wire.cors import allow_any_origin, preflight_response
from mock_server.wire.errors import register_error_handlers
from mock_server.wire.rejections import Rejection, field_problems, new_validator

# create_app config keys of the jobs API (their defaults are in DEFAULT_CONFIG).
JOBS_KEPT = "JOBS_KEPT"
JOBS_UNFINISHED = "JOBS_UNFINISHED"
JOBS_UNFINISHED_PER_KEY = "JOBS_UNFINISHED_PER_KEY"
JOB_RESULTS_BYTES = "JOB_RESULTS_BYTES"
SIMULATOR_MEMORY = "SIMULATOR_MEMORY"
SIMULATOR_WORK = "SIMULATOR_WORK"
JOBS_INLINE_WORK = "JOBS_INLINE_WORK"
JOBS_INLINE_WAIT_S = "JOBS_INLINE_WAIT_S"
SIMULATORS = "SIMULATORS"
# The front of the server (mock_server/front): the fast path on or off, and
# the stream of the access log (None: no access log; `ionq-mock serve` writes one).
FAST_PATH = "FAST_PATH"
ACCESS_LOG = "ACCESS_LOG"
# The clock (mock_server/api/clock.py): virtual (moved by the admin API) or real,
# and how long QPU queues and runs take as a share of IonQ's.
VIRTUAL_CLOCK = "VIRTUAL_CLOCK"
TIME_SCALE = "TIME_SCALE"
# Where the state is kept (mock_server/shared/url.py): "memory", "sqlite:///PATH",
# "redis://HOST:PORT/DB".
STORE = "STORE"

DEFAULT_CONFIG: Mapping[str, Any] = {
    # A directory with backends/<name>.json; None serves the packaged fixtures.
    "FIXTURES_DIR": None,
    # Another openapi.yaml (tests use it to check that routes follow the spec).
    "SPEC_PATH": None,
    # API keys /whoami accepts (a string of keys, and a file of them); None for
    # both accepts any well-formed key. Public operations never ask for one.
    "API_KEYS": None,
    "API_KEYS_FILE": None,
    # Test tools (mock_server/controls/state.py): a rate limit per API key, e.g.
    # {"rate": 5, "burst": 10} (None: off), and how many requests the log keeps.
    controls.RATE_LIMIT: None,
    controls.REQUEST_LOG_SIZE: request_log.DEFAULT_SIZE,
    # IonQ refuses a job body over 10 MB with 413; so does the fake, for every body.
    "MAX_CONTENT_LENGTH": 10 * 1000 * 1000,
    # Jobs (mock_server/api/jobs/memory.py, runner.py): how many jobs and how
    # many bytes of results are kept before the oldest finished ones are
    # forgotten, and how much memory one simulation may take (None: 80% of
    # what the kernel says is available when it starts).
    JOBS_KEPT: DEFAULT_MAX_JOBS,
    # How many jobs may be unfinished at once (held, waiting for a backend,
    # running); a new one beyond is answered 429.
    JOBS_UNFINISHED: DEFAULT_MAX_UNFINISHED,
    # ... and of them, how many one API key may hold, so that one key's flood never
    # refuses another key's job.
    JOBS_UNFINISHED_PER_KEY: DEFAULT_MAX_UNFINISHED_PER_KEY,
    JOB_RESULTS_BYTES: DEFAULT_MAX_RESULT_BYTES,
    SIMULATOR_MEMORY: None,
    # The most work one circuit's run may be predicted to take, in
    # amplitude-gates (mock_server/api/jobs/runner.py's circuit_work): a
    # noisy run of a million shots on 25 qubits would take days.
    SIMULATOR_WORK: DEFAULT_WORK_LIMIT,
    # Jobs predicted to take at most this work are waited for by POST /jobs,
    # up to this many seconds (the runner's small lane).
    JOBS_INLINE_WORK: DEFAULT_INLINE_WORK,
    JOBS_INLINE_WAIT_S: DEFAULT_INLINE_WAIT_S,
    # Processes that run jobs above JOBS_INLINE_WORK at once, each job in a process of
    # its own (mock_server/api/jobs/processes.py); 0 runs them one at a time on a thread
    # of this process. `ionq-mock serve` runs 1 unless --simulators says otherwise.
    SIMULATORS: 0,
    # Serve pure reads again as bytes while the state is unchanged. Off, every
    # request goes through the whole pipeline; the answers are the same.
    FAST_PATH: True,
    ACCESS_LOG: None,
    # Real time, and QPU jobs that take none (as IonQ's at time scale 0):
    # `ionq-mock serve --time-scale 1 --virtual-clock` gives IonQ's queues on a
    # clock the admin API moves; the pytest plugin's fake is virtual.
    VIRTUAL_CLOCK: False,
    TIME_SCALE: 0.0,
    # In this process's memory: the fastest, and what one process needs. A file or a
    # Redis shares one state between processes and hosts (docs/team.md).
    STORE: MEMORY,
}


# Views and hooks are registered once; a few hundred covers every app.
_SYNC_FUNCTIONS_KEPT = 512


class MockFlask(Flask):
    """Flask, with OPTIONS answered as a CORS preflight instead of an empty 200."""

    def make_default_options_response(self) -> Response:
        """204 with `Allow` and the CORS headers, for every URL Flask routes."""
        allowed = super().make_default_options_response().allow
        return preflight_response(allowed, request.headers.get("Access-Control-Request-Headers"))

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Flask's answer, worked out once per function instead of once per call.

        Flask asks `inspect.iscoroutinefunction` of the view and of every
        hook on every request: 6% of a request's time in `make bench`'s profile.
        Bounded, because `after_this_request` hands in a new function each time.
        """
        known = self._sync_functions.get(func)
        if known is None:
            known = super().ensure_sync(func)
            if len(self._sync_functions) < _SYNC_FUNCTIONS_KEPT:
                self._sync_functions[func] = known
        return known

    @cached_property
    def _sync_functions(self) -> dict[Callable[..., Any], Callable[..., Any]]:
        return {}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A new fake IonQ; `config` overrides DEFAULT_CONFIG and Flask's own settings."""
    app = MockFlask(__name__, static_folder=None)
    app.config.from_mapping(DEFAULT_CONFIG)
    if config:
        app.config.from_mapping(config)

    spec_path = app.config["SPEC_PATH"]
    spec = load_spec(Path(spec_path)) if spec_path else load_spec()
    backend_validator = new_validator(inlined_schema(spec, "Backend"))
    fixtures_dir = app.config["FIXTURES_DIR"]
    fixtures = load_backends(
        Path(fixtures_dir) if fixtures_dir else PACKAGED_FIXTURES, backend_validator
    )
    fixture_dirs = [Path(fixtures_dir), PACKAGED_FIXTURES] if fixtures_dir else [PACKAGED_FIXTURES]
    characterization_schema = inlined_schema(spec, "Characterization")
    histories = load_histories(fixture_dirs, fixtures, characterization_schema)
    policy = key_policy(app.config["API_KEYS"], app.config["API_KEYS_FILE"])
    revision = Revision()
    replica = _replica(str(app.config[STORE]))
    clock = Clock(virtual=bool(app.config[VIRTUAL_CLOCK]), time_scale=float(app.config[TIME_SCALE]))
    backends = BackendStore(fixtures, partial(field_problems, backend_validator), revision)
    jobs = MemoryJobStore(
        clock=clock.now,
        revision=revision,
        max_jobs=int(app.config[JOBS_KEPT]),
        max_result_bytes=int(app.config[JOB_RESULTS_BYTES]),
        max_unfinished=int(app.config[JOBS_UNFINISHED]),
        max_unfinished_per_key=int(app.config[JOBS_UNFINISHED_PER_KEY]),
        replica=replica,
    )
    memory = app.config[SIMULATOR_MEMORY]
    characterizations = CharacterizationStore(
        histories, partial(field_problems, new_validator(characterization_schema)), revision
    )

    job_controls = JobControls()
    served = api.ApiState(
        backends=backends,
        characterizations=characterizations,
        jobs=jobs,
        runner=JobRunner(
            jobs,
            backends,
            job_controls,
            RunnerSettings(
                memory_limit=int(memory) if memory else None,
                inline_work=int(app.config[JOBS_INLINE_WORK]),
                inline_wait_s=float(app.config[JOBS_INLINE_WAIT_S]),
                work_limit=int(app.config[SIMULATOR_WORK]),
                simulators=int(app.config[SIMULATORS]),
            ),
            noise_models=load_noise_models(),
            characterization=characterizations.current,
            clock=clock,
            queue=_work_queue(str(app.config[STORE]), int(app.config[SIMULATORS])),
        ),
        sessions=SessionStore(revision, clock.now),
        clock=clock,
        rate_cards=load_rate_cards(),
        format_schemas=load_format_schemas(
            partial(field_problems, new_validator(inlined_schema(spec, "FormatSchemaDocument")))
        ),
        base_path=base_path(spec),
        revision=revision,
    )
    app.extensions[api.EXTENSION] = served
    operations = read_operations(spec)
    failure_codes = inlined_schema(spec, "FailureCode")["enum"]
    # First: it logs what later hooks answer.
    tools = controls.install(
        app, operations, failure_codes, _rate_limit(app.config[controls.RATE_LIMIT])
    )
    _share(
        replica,
        served.sessions,
        backends=backends,
        characterizations=characterizations,
        job_controls=job_controls,
        faults=tools.faults,
        rate_limit=tools.rate_limit,
        clock=clock,
    )
    # The runs of a serving process that is gone fail (mock_server/shared/leases.py).
    replica.on_lapsed = served.runner.reap

    require_keys(app, secured_operations(operations), policy)
    handlers = {
        operation_id: partial(handler, served) for operation_id, handler in HANDLERS.items()
    }
    register_operations(app, base_path(spec), operations, handlers, tools, pure=PURE_READS)
    app.register_blueprint(admin.blueprint)
    register_error_handlers(app)
    app.after_request(allow_any_origin)
    stream = app.config[ACCESS_LOG]
    app.wsgi_app = Front(  # type: ignore[method-assign]
        app.wsgi_app,
        revision=revision,
        controls=tools,
        answers=AnswerCache() if app.config[FAST_PATH] else None,
        access_log=AccessLog(stream) if stream is not None else None,
        key_headers=[
            parameter.name
            for operation in operations
            for parameter in operation.parameters
            if parameter.location == "header"
        ],
        shared=replica if replica.shared else None,
    )
    return app


def _replica(url: str) -> Replica:
    """This app's link to the state it shares (none for `memory`); else SettingError."""
    try:
        return Replica(open_log(url))
    except StoreURLError as error:
        raise SettingError(f"store: {error}") from error


def _work_queue(url: str, simulators: int) -> TaskQueue | None:
    """The queue `ionq-mock worker`s take wide runs from: with a Redis store and no
    simulation process of this server's own (mock_server/api/jobs/worker.py)."""
    if simulators > 0 or not url.startswith(("redis://", "rediss://")):
        return None
    from mock_server.shared.queue import WorkQueue  # noqa: PLC0415 - redis-py, when asked for

    return WorkQueue(url)


def _share(replica: Replica, sessions: SessionStore, **stores: SharedWhole) -> None:
    """Keep the sessions (one entry each) and each small store (one entry: replica.Whole)
    in step with other processes, then read what they hold already (the jobs registered
    themselves)."""
    if not replica.shared:
        return
    sessions.share(replica)
    for name, store in stores.items():
        store.replica = replica
        replica.register(name, Whole(store.shared_state, store.restore), store)
    replica.start()


def _rate_limit(setting: object) -> Limit | None:
    """The RATE_LIMIT setting as a Limit; else SettingError (`ionq-mock serve` prints it)."""
    if setting is None or isinstance(setting, Limit):
        return setting
    parsed = parse_limit(setting)
    if isinstance(parsed, Rejection):
        raise SettingError(f"rate limit: {parsed.message}")
    return parsed
