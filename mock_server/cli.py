"""`ionq-mock`: run the fake IonQ on granian, a production server.

    ionq-mock serve [--host 127.0.0.1] [--port 8000] [--fixtures DIR] [--workers 1] [--threads 1]
                    [--api-key KEY ...] [--api-keys-file FILE] [--rate-limit RATE[/BURST]]
                    [--no-access-log] [--no-fast-path] [--simulator-memory BYTES] [--share-port]
                    [--body-timeout SECONDS] [--store URL] [--simulators N] [--time-scale F]
    ionq-mock worker --store redis://HOST:PORT/DB [--simulators 1] [--name NAME]
    ionq-mock check-fixtures DIR

The app is built (and its fixtures validated) in the main process before
granian starts, so a bad fixture stops start-up with its message and exit
status 2 instead of a crash loop of workers. Granian forks its workers from
that process, so they start serving without importing anything again.

One fake per port: granian binds with SO_REUSEPORT, so a second server on
a taken port would start without a word and take half of the traffic with
a state of its own. So serve refuses a port something already listens on
(exit 2), unless --share-port says that is what you want. A worker that
dies (the kernel's OOM killer, a crash) is replaced instead of taking the
server down; the jobs and changes it held in memory are lost with it.

granian serves the app through its RSGI interface and mock_server/front/rsgi.py,
which reads request bodies on the event loop with a time limit
(--body-timeout), so a client that sends its body slowly holds no thread.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mock_server.settings import (
    ACCESS_LOG_ENV,
    API_KEYS_ENV,
    API_KEYS_FILE_ENV,
    BODY_TIMEOUT_ENV,
    DEFAULT_BODY_TIMEOUT_S,
    FAST_PATH_ENV,
    FIXTURES_ENV,
    RATE_LIMIT_ENV,
    SIMULATOR_MEMORY_ENV,
    SIMULATORS_ENV,
    STORE_ENV,
    THREADS_ENV,
    TIME_SCALE_ENV,
    VIRTUAL_CLOCK_ENV,
    SettingError,
    parse_simulators,
)
from mock_server.shared.url import MEMORY, without_password

# What granian serves: the fake behind its RSGI front (mock_server/wsgi.py).
# bench/bare_serve.py swaps in a WSGI app of its own (TARGET_INTERFACE "wsgi").
TARGET = "mock_server.wsgi:served"
TARGET_INTERFACE = "rsgi"
BLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS"
EXIT_BAD_INPUT = 2
# How soon granian replaces a worker that died.
RESPAWN_INTERVAL_S = 0.5


def build_parser() -> argparse.ArgumentParser:
    """The command line, kept apart from main() so that tests can read it."""
    parser = argparse.ArgumentParser(
        prog="ionq-mock", description="A fake IonQ quantum cloud API v0.4 for offline work and CI."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the fake on granian")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--fixtures",
        type=Path,
        default=None,
        help=f"directory with backends/<name>.json (default: ${FIXTURES_ENV} or the packaged ones)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help=(
            "worker processes (1); they share one state: the --store, or, without one, a "
            "SQLite file of their own in a temporary directory"
        ),
    )
    serve.add_argument(
        "--store",
        default=None,
        metavar="URL",
        help=(
            "where the state is kept: memory (one process), sqlite:///PATH (the workers of one "
            "machine; survives a restart), redis://HOST:PORT/DB (several machines) "
            f"(default: ${STORE_ENV}, or memory)"
        ),
    )
    serve.add_argument(
        "--threads", type=int, default=1, help="Python threads per worker that run requests (1)"
    )
    serve.add_argument(
        "--body-timeout",
        default=None,
        metavar="SECONDS",
        help=(
            "seconds a request body may take to arrive; an unfinished one is answered 408 "
            f"and its connection closed (default: ${BODY_TIMEOUT_ENV}, or "
            f"{DEFAULT_BODY_TIMEOUT_S:g})"
        ),
    )
    serve.add_argument(
        "--time-scale",
        default=None,
        metavar="FACTOR",
        help=(
            "how long QPU jobs queue and run, as a share of IonQ's times: 1 waits the backend's "
            f"average_queue_time, 0.01 a hundredth of it (default: ${TIME_SCALE_ENV}, or 0: "
            "no waiting)"
        ),
    )
    serve.add_argument(
        "--simulators",
        default=None,
        metavar="N",
        help=(
            "processes that run wide jobs (above ~60 ms of simulation) at once, each job in a "
            f"process of its own; 0 runs them one at a time in the server (default: "
            f"${SIMULATORS_ENV}, or 1)"
        ),
    )
    serve.add_argument(
        "--virtual-clock",
        action="store_true",
        help="stop time: it moves only by POST /__admin/clock/advance (for tests)",
    )
    serve.add_argument("--no-access-log", action="store_true", help="do not log each request")
    serve.add_argument(
        "--no-fast-path",
        action="store_true",
        help="answer every request through the whole pipeline, never from kept answers",
    )
    serve.add_argument(
        "--api-key",
        action="append",
        default=None,
        metavar="KEY",
        help=(
            "accept only this API key on operations that need one (repeatable; default: "
            f"${API_KEYS_ENV}, or any well-formed key). Others can read a command line: "
            f"prefer --api-keys-file or ${API_KEYS_ENV}"
        ),
    )
    serve.add_argument(
        "--api-keys-file",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"accept only the API keys in FILE, one a line (default: ${API_KEYS_FILE_ENV})",
    )
    serve.add_argument(
        "--rate-limit",
        default=None,
        metavar="RATE[/BURST]",
        help=(
            "limit each API key to RATE requests per second, BURST at once, answering 429 "
            f"with Retry-After beyond (default: ${RATE_LIMIT_ENV}, or no limit)"
        ),
    )

    serve.add_argument(
        "--share-port",
        action="store_true",
        help="start even if something already listens on the port (each keeps its own state)",
    )
    serve.add_argument(
        "--simulator-memory",
        default=None,
        metavar="BYTES",
        help=(
            "memory one simulation may take, e.g. 2GiB; wider jobs fail with SimulationError "
            f"(default: ${SIMULATOR_MEMORY_ENV}, or 80%% of the memory available)"
        ),
    )

    worker = commands.add_parser(
        "worker", help="run the simulations of servers that share a Redis store"
    )
    worker.add_argument(
        "--store",
        default=None,
        metavar="URL",
        help=f"the servers' store, redis://HOST:PORT/DB (default: ${STORE_ENV})",
    )
    worker.add_argument(
        "--simulators",
        default="1",
        metavar="N",
        help="simulations run at once, each in a process of its own (1)",
    )
    worker.add_argument(
        "--name", default=None, help="how the queue knows this worker (default: host-pid)"
    )

    check = commands.add_parser("check-fixtures", help="validate a fixtures directory and exit")
    check.add_argument("directory", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ionq-mock` script."""
    args = build_parser().parse_args(argv)
    if args.command == "check-fixtures":
        return check_fixtures(args.directory)
    if args.command == "worker":
        return work(args)
    return serve(args)


def work(args: argparse.Namespace) -> int:
    """Take simulations off a Redis store's work queue until SIGINT or SIGTERM."""
    os.environ.setdefault(BLAS_THREADS_ENV, "1")
    url = args.store or os.environ.get(STORE_ENV) or ""
    if not url.startswith(("redis://", "rediss://")):
        print(
            "ionq-mock: a worker takes its work from the servers' Redis store: "
            "--store redis://HOST:PORT/DB",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from mock_server.api.jobs.worker import Worker  # noqa: PLC0415 - keeps `--help` fast
    from mock_server.shared.url import StoreURLError  # noqa: PLC0415

    try:
        worker = Worker(url, parse_simulators(args.simulators), name=args.name)
    except (StoreURLError, SettingError) as exc:
        print(f"ionq-mock: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: worker.stop.set())
    print(
        f"ionq-mock: worker {worker.name} takes simulations from {without_password(url)} "
        f"({worker.processes} at once)",
        flush=True,
    )
    worker.run()
    return 0


def check_fixtures(directory: Path) -> int:
    """Validate a fixtures directory the way start-up does, without serving."""
    from ionq_contract.spec import SpecError  # noqa: PLC0415
    from mock_server.api.fixture_files import FixtureError  # noqa: PLC0415
    from mock_server.app import create_app  # noqa: PLC0415 - keeps `--help` fast
    from mock_server.auth import ApiKeyError  # noqa: PLC0415

    try:
        create_app({"FIXTURES_DIR": directory})
    except (FixtureError, SpecError, ApiKeyError) as exc:
        print(f"ionq-mock: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"ionq-mock: fixtures in {directory} are valid")
    return 0


def _export_settings(args: argparse.Namespace) -> None:
    """The command line's settings, into the environment the app and its workers read
    (mock_server/settings.py): workers started by `spawn` see it too."""
    if args.fixtures is not None:
        os.environ[FIXTURES_ENV] = str(args.fixtures.resolve())
    if args.api_key:
        os.environ[API_KEYS_ENV] = ",".join(args.api_key)
    if args.api_keys_file is not None:
        os.environ[API_KEYS_FILE_ENV] = str(args.api_keys_file.resolve())
    if args.rate_limit is not None:
        os.environ[RATE_LIMIT_ENV] = args.rate_limit
    if args.simulator_memory is not None:
        os.environ[SIMULATOR_MEMORY_ENV] = args.simulator_memory
    if args.body_timeout is not None:
        os.environ[BODY_TIMEOUT_ENV] = args.body_timeout
    if args.time_scale is not None:
        os.environ[TIME_SCALE_ENV] = args.time_scale
    os.environ[SIMULATORS_ENV] = args.simulators or os.environ.get(SIMULATORS_ENV) or "1"
    if args.virtual_clock:
        os.environ[VIRTUAL_CLOCK_ENV] = "1"
    os.environ[THREADS_ENV] = str(args.threads)
    # The fake writes the access log itself, in granian's format, batched
    # (mock_server/front/access_log.py): granian's own costs as much as an answer.
    os.environ[ACCESS_LOG_ENV] = "0" if args.no_access_log else "1"
    if args.no_fast_path:
        os.environ[FAST_PATH_ENV] = "0"
    if args.store is not None:
        os.environ[STORE_ENV] = args.store


def serve(args: argparse.Namespace) -> int:
    """Build the app, print where it listens, and serve until SIGINT or SIGTERM."""
    # One BLAS thread for the simulator, set before numpy loads: on a machine
    # of few cores a wide job then leaves a core to the requests (a read's p99
    # during a 24-qubit job fell from about 15x idle to about 6x in a 1-connection
    # test on 2 cores). Set OPENBLAS_NUM_THREADS yourself to give it more.
    os.environ.setdefault(BLAS_THREADS_ENV, "1")
    _export_settings(args)
    scratch = _shared_store_for_workers(args.workers)
    try:
        return _serve(args)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _shared_store_for_workers(workers: int) -> Path | None:
    """With several workers and no store named, one SQLite file they share, in a temporary
    directory (returned, to be removed when the server stops): `--workers` alone is right."""
    if workers <= 1 or os.environ.get(STORE_ENV, MEMORY) != MEMORY:
        return None
    scratch = Path(tempfile.mkdtemp(prefix="ionq-mock-"))
    os.environ[STORE_ENV] = f"sqlite:///{scratch / 'state.db'}"
    return scratch


def _serve(args: argparse.Namespace) -> int:
    from ionq_contract.spec import SpecError  # noqa: PLC0415
    from mock_server.api.fixture_files import FixtureError  # noqa: PLC0415
    from mock_server.auth import ApiKeyError  # noqa: PLC0415

    if not args.share_port:
        taken = port_taken(args.host, args.port)
        if taken is not None:
            print(f"ionq-mock: {taken}", file=sys.stderr)
            return EXIT_BAD_INPUT
    # Nothing imports the app's module before this line, so this builds the app
    # (validating the fixtures) here, and forked workers inherit it ready-made.
    try:
        importlib.import_module(TARGET.partition(":")[0])
    except (FixtureError, SpecError, ApiKeyError, SettingError) as exc:
        print(f"ionq-mock: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    recovered = _recover()

    from granian.constants import HTTPModes, Interfaces, Loops  # noqa: PLC0415
    from granian.server import Server  # noqa: PLC0415

    interface = Interfaces(TARGET_INTERFACE)
    # One worker with one Python thread and HTTP/1 only measured fastest on two
    # cores (bench/tune.py): the GIL serialises Python anyway, and more
    # threads only add switching. Under RSGI granian dispatches requests from
    # one thread and the app's threads are the front's own (--threads); the
    # loop is asyncio's, whose dispatch the front can take kept answers from
    # (mock_server/front/rsgi.py). The fake serves no websockets.
    server = Server(
        target=TARGET,
        address=args.host,
        port=args.port,
        interface=interface,
        workers=args.workers,
        blocking_threads=args.threads if interface == Interfaces.WSGI else 1,
        runtime_threads=1,
        loop=Loops.asyncio,
        http=HTTPModes.http1,
        websockets=False,
        log_access=False,
        respawn_failed_workers=True,
        respawn_interval=RESPAWN_INTERVAL_S,
    )
    host = f"[{args.host}]" if ":" in args.host else args.host
    source = os.environ.get(FIXTURES_ENV) or "the packaged fixtures"
    print(
        f"ionq-mock: fake IonQ API at http://{host}:{args.port}/v0.4 "
        f"(fixtures: {source}; API keys: {_keys_summary()}; "
        f"admin API: http://{host}:{args.port}/__admin; store: {_store_summary(recovered)})",
        flush=True,
    )
    server.serve()
    return 0


def port_taken(host: str, port: int) -> str | None:
    """Why the fake should not listen on host:port (something already does), or None.

    A probe binds without SO_REUSEPORT, which fails while any socket listens
    there (another fake, an orphaned worker, another server), and with
    SO_REUSEADDR, so that connections of a server that just stopped
    (TIME_WAIT) do not count.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                return f"cannot listen on {host}:{port}: {exc.strerror}"
            return (
                f"port {port} on {host} is taken: another ionq-mock or another server "
                "listens there. Stop it, choose another --port, or pass --share-port to "
                "share the port (each server then keeps its own state)."
            )
    return None


def _keys_summary() -> str:
    """Which keys are accepted, without a single one of them."""
    from mock_server import wsgi  # noqa: PLC0415 - already imported by serve()
    from mock_server.auth import POLICY_EXTENSION  # noqa: PLC0415

    keys = getattr(wsgi.app.extensions.get(POLICY_EXTENSION), "keys", None)
    return "any well-formed key" if keys is None else f"{len(keys)} accepted"


def _recover() -> int:
    """Fail the jobs a previous server left queued or running in a store that outlived it
    (their runs died with it); how many. Only a SQLite store: one server uses it (its
    workers share it), where a Redis may serve other servers whose jobs are running."""
    from mock_server import wsgi  # noqa: PLC0415 - already imported by serve()
    from mock_server.api import state  # noqa: PLC0415

    if not os.environ.get(STORE_ENV, "").startswith("sqlite:"):
        return 0
    served: state.ApiState = wsgi.app.extensions[state.EXTENSION]
    return served.runner.recover()


def _store_summary(recovered: int) -> str:
    """Where the state is kept, and the jobs a restart failed."""
    url = without_password(os.environ.get(STORE_ENV) or MEMORY)
    return url + (f", {recovered} unfinished jobs of the last run failed" if recovered else "")


if __name__ == "__main__":
    sys.exit(main())
