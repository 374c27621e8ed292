"""Runs submitted jobs on the simulator, off the request threads.

Two lanes, each one thread started on demand (and gone when idle):

- the *small* lane takes circuits whose work (gates x 2^qubits) is at most
  `inline_work`; POST /jobs waits for these (up to `inline_wait_s`), so a
  Bell circuit is `completed` on the client's first poll. qiskit-ionq polls
  once at once and then every 5 s: a job not done by that first poll costs
  every test 5 s.
- the *wide* lane runs everything else, one circuit at a time, so two wide
  circuits never hold their state vectors at once; while it runs, the
  request threads keep answering (numpy releases the GIL in its loops) and a
  GET shows the job `started`.

Before a circuit runs it is checked the way IonQ checks a job after
submission, and a job that fails a check is `failed` with IonQ's failure
code: a gate the simulator refuses (`UnsupportedGate`, `InvalidInput`), more
qubits than the backend's record says it has (`NotEnoughQubits`), more
memory than the machine can give (`SimulationError`: the fake never tries a
state vector it cannot hold).

A job waits in `ready` while its backend's record is not `available` (until
an admin change makes it so), and while the test controls hold it. The
controls also make the next N jobs fail with a chosen code. A job clock
(queues that take time) will replace the lanes' dispatch; the store already
takes its timestamps from a clock it is given.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mock_server.api.backend_store import BackendStore
from mock_server.api.job_records import READY, STARTED, Failure, Job
from mock_server.api.job_requests import IDEAL, record_name
from mock_server.api.job_store import JobStore

logger = logging.getLogger(__name__)

AVAILABLE = "available"
# Above this many states the ideal simulator's probabilities are estimated from
# shots (mock_server/api/job_results.py says why).
DEFAULT_MAX_EXACT_STATES = 2**16
DEFAULT_INLINE_WORK = 2**22
DEFAULT_INLINE_WAIT_S = 2.0
# Of the memory the kernel says is available, what one simulation may take.
MEMORY_SHARE = 0.8


class _Canceled(Exception):  # noqa: N818 - a signal, not an error
    """Raised from the simulator's step callback when the job was canceled meanwhile."""


def available_memory() -> int | None:
    """MemAvailable of /proc/meminfo in bytes; None where there is no such file."""
    try:
        text = Path("/proc/meminfo").read_text("ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return None


@dataclass(slots=True)
class JobControls:
    """What the test controls set: hold new jobs, fail the next ones."""

    hold: bool = False
    fail_next: deque[Failure] = field(default_factory=deque)

    def to_json(self) -> dict[str, object]:
        """As GET /__admin/jobs/controls shows them."""
        return {
            "hold": self.hold,
            "fail_next": [{"code": f.code, "message": f.message} for f in self.fail_next],
        }


@dataclass(frozen=True, slots=True)
class RunnerSettings:
    """How the runner decides (see the module docstring)."""

    memory_limit: int | None = None  # bytes one simulation may take; None: from MemAvailable
    inline_work: int = DEFAULT_INLINE_WORK  # gates x 2^qubits POST /jobs waits for
    inline_wait_s: float = DEFAULT_INLINE_WAIT_S
    max_exact_states: int = DEFAULT_MAX_EXACT_STATES


# How long a lane's thread waits for more work before it ends: long enough
# that a test's or a notebook's stream of jobs reuses it, short enough that an
# idle fake holds no thread.
LANE_IDLE_S = 5.0
# The niceness of the thread that runs wide simulations (19: the lowest priority).
BACKGROUND_NICE = 19


def _yield_to_requests() -> None:
    """Give the calling thread the lowest CPU priority (Linux: per-thread nice 19).

    A wide simulation is background work: on a machine with few cores the
    kernel should run the request thread (and the client polling it) first.
    Where threads have no priority of their own, nothing changes.
    """
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)


class _Lane:
    """A queue of job ids and the one thread that drains it, started when needed."""

    def __init__(self, name: str, run: Callable[[str], None], *, background: bool = False) -> None:
        self._name = name
        self._run = run
        self._background = background
        self._queue: deque[str] = deque()
        self._ready = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None

    def put(self, job_id: str) -> None:
        with self._ready:
            self._queue.append(job_id)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._drain, name=f"ionq-mock {self._name} jobs", daemon=True
                )
                self._thread.start()
            else:
                self._ready.notify()

    def _drain(self) -> None:
        if self._background:
            _yield_to_requests()
        while True:
            with self._ready:
                if not self._queue:
                    self._ready.wait(LANE_IDLE_S)
                if not self._queue:
                    self._thread = None
                    return
                job_id = self._queue.popleft()
            self._run(job_id)


class JobRunner:
    """Dispatches the jobs of one JobStore to the simulator."""

    def __init__(
        self, store: JobStore, backends: BackendStore, settings: RunnerSettings | None = None
    ) -> None:
        self.store = store
        self.backends = backends
        self.settings = settings or RunnerSettings()
        self.controls = JobControls()
        self._lock = threading.Lock()
        self._waiting: dict[str, str] = {}  # job id -> backend it waits for
        self._small = _Lane("small", self._run_guarded)
        self._wide = _Lane("wide", self._run_guarded, background=True)
        backends.subscribe(self._backend_changed)

    # -- submission ------------------------------------------------------------------

    def submit(self, job: Job) -> None:
        """Take a new top-level job; for a small one, return once it has finished."""
        with self._lock:
            failure = self.controls.fail_next.popleft() if self.controls.fail_next else None
            held = self.controls.hold
        if failure is not None:
            self.store.fail(job.id, failure)
            return
        children = self.store.children(job)
        if job.request.dry_run:
            for each in (*children, job):
                self.store.complete(each.id, None, each.gate_counts)
            return
        units = children or [job]  # what runs: the children of a parent, else the job
        for each in (job, *children):
            self.store.mark(each.id, READY)
            if held:
                self.store.hold(each.id, held=True)
        if held:
            return
        queued = [self._dispatch(unit) for unit in units]
        if all(queued) and all(self._is_small(unit) for unit in units):
            self.store.wait_finished(job.id, self.settings.inline_wait_s)

    def release(self, job: Job) -> bool:
        """Let a held job run now (the admin API's complete); False if it was not held."""
        children = self.store.children(job)
        units = children or [job]
        held = [each for each in (job, *children) if each.held]
        if not held:
            return False
        for unit in held:
            self.store.hold(unit.id, held=False)
        for unit in units:
            if not unit.finished:
                self._dispatch(unit)
        return True

    def reset(self) -> None:
        """No held or failing jobs any more, nothing waiting (with the store's clear)."""
        with self._lock:
            self.controls.hold = False
            self.controls.fail_next.clear()
            self._waiting.clear()

    def _dispatch(self, unit: Job) -> bool:
        """Queue a unit to run; False when it waits for its backend instead.

        The record is read and the wait registered under the lock that
        `_backend_changed` takes too, so a change that lands in between is
        never missed (the record changes before its listeners run).
        """
        backend = record_name(unit.request.backend)
        with self._lock:
            record = self.backends.view(backend)
            if record is not None and record.get("status") != AVAILABLE:
                self._waiting[unit.id] = backend
                return False
        (self._small if self._is_small(unit) else self._wide).put(unit.id)
        return True

    def _backend_changed(self, name: str) -> None:
        with self._lock:
            record = self.backends.view(name)
            if record is not None and record.get("status") != AVAILABLE:
                return
            woken = [job_id for job_id, backend in self._waiting.items() if backend == name]
            for job_id in woken:
                del self._waiting[job_id]
        for job_id in woken:
            job = self.store.get(job_id)
            if job is None or job.finished:
                continue
            if record is None:  # the backend was removed: the job can never run
                self.store.fail(job_id, Failure("InvalidInput", f"The backend {name} is gone."))
            else:
                (self._small if self._is_small(job) else self._wide).put(job_id)

    def _is_small(self, unit: Job) -> bool:
        return all(
            len(circuit.gates) * 2**circuit.qubits <= self.settings.inline_work
            for circuit in unit.request.circuits
        )

    # -- running ---------------------------------------------------------------------

    def _run_guarded(self, job_id: str) -> None:
        try:
            self._run(job_id)
        except Exception:  # the fake's bug, not the job's: fail it and keep the lane alive
            logger.exception("job %s failed unexpectedly", job_id)
            self.store.fail(job_id, Failure("InternalError", "The fake IonQ failed to run it."))

    def _run(self, job_id: str) -> None:
        # numpy (the simulator) loads with the first job, not at start-up: it
        # is a sixth of the fake's import time, and most runs of a fake in a
        # test suite submit no job at all.
        from mock_server.api.job_results import circuit_result  # noqa: PLC0415
        from mock_server.simulator import CircuitError, parse_circuit, simulate  # noqa: PLC0415

        job = self.store.get(job_id)
        if job is None or job.finished or job.held:
            return
        (circuit_input,) = job.request.circuits
        try:
            circuit = parse_circuit(
                gateset=circuit_input.gateset,
                qubits=circuit_input.qubits,
                gates=list(circuit_input.gates),
            )
        except CircuitError as exc:
            self.store.fail(job_id, Failure(exc.code, exc.message))
            return
        refusal = self._refusal(job, circuit.qubits)
        if refusal is not None:
            self.store.fail(job_id, refusal)
            return
        if self.store.mark(job_id, STARTED) is None:
            return

        def stop_if_canceled(_done: int, _total: int) -> None:
            current = self.store.get(job_id)
            if current is None or current.finished:
                raise _Canceled

        try:
            dense = simulate(circuit, on_step=stop_if_canceled)
        except _Canceled:
            return
        except MemoryError:
            self.store.fail(job_id, Failure("SimulationError", "The simulation ran out of memory."))
            return
        request = job.request
        exact = request.is_simulator and request.noise_model in (None, IDEAL)
        result = circuit_result(
            dense,
            shots=request.shots,
            seed=request.seed_for(job.parent_id or job.id) + job.index,
            exact=exact,
            max_exact_states=self.settings.max_exact_states,
        )
        del dense
        warnings = [result.warning] if result.warning else []
        if request.is_simulator and not exact:
            warnings.append(
                f"Noise model {request.noise_model!r} is not simulated yet: the results are "
                "ideal, sampled with the job's shots."
            )
        self.store.complete(job_id, result, circuit.gate_counts(), warnings)

    def _refusal(self, job: Job, qubits: int) -> Failure | None:
        backend = record_name(job.request.backend)
        record = self.backends.view(backend)
        if record is None:
            return Failure("InvalidInput", f"The backend {job.request.backend} is not served.")
        limit = int(record.get("qubits", 0))
        if qubits > limit:
            return Failure(
                "NotEnoughQubits",
                f"The circuit uses {qubits} qubits; {job.request.backend} has {limit}.",
            )
        from mock_server.simulator import required_bytes  # noqa: PLC0415 - see _run

        needed = required_bytes(qubits)
        allowed = self.settings.memory_limit
        if allowed is None:
            free = available_memory()
            allowed = int(free * MEMORY_SHARE) if free is not None else None
        if allowed is not None and needed > allowed:
            return Failure(
                "SimulationError",
                f"Simulating {qubits} qubits needs {needed / 2**30:.1f} GiB of memory; "
                f"{allowed / 2**30:.1f} GiB can be given to it.",
            )
        return None
