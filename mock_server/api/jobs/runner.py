"""Runs submitted jobs on the simulator, off the request threads: it orchestrates, nothing more.

Two lanes (mock_server/api/jobs/lanes.py):

- the *small* lane takes circuits whose predicted work (`circuit_work`) is
  at most `inline_work`, about 60 ms of simulation; POST /jobs waits for a
  job whose circuits together are that small (up to `inline_wait_s`), so a
  Bell circuit is `completed` on the client's first poll. qiskit-ionq polls
  once at once and then every 5 s: a job not done by that first poll costs
  every test 5 s. Any job predicted to take longer is answered at once.
- the *wide* lane runs everything else, one circuit at a time, so two wide
  circuits never hold their state vectors at once; while it runs, the
  request threads keep answering (numpy releases the GIL in its loops) and a
  GET shows the job `started`.

What may fail a job before it runs is admission's to say
(mock_server/api/jobs/admission.py); what a run gives is the simulator's
(mock_server.simulator.run_circuit, told the noise the job runs with:
mock_server/api/jobs/noise.py). A noisy job's predicted work grows with the
shots expected to draw an error, each of which costs a partial simulation.
A job waits in `ready` while its backend's record is not `available`
(until an admin change makes it so), and while the test controls hold it;
the controls' state is kept in mock_server/controls/jobs.py and changed
only through the runner's methods, under its lock.

Time (mock_server/api/clock.py, mock_server/api/jobs/timing.py): when the
clock's time scale is above 0, a QPU job gets a Plan, a queue and a run on
the clock, and the clock starts it (`_start`) and completes it
(`JobStore.reveal`) at the plan's instants; its simulation runs at once,
in its lane, so that what the clock reveals is ready by then. A job whose
start comes while its backend is not available waits until it is, then
runs its planned time from then. Simulator jobs, and every job at scale 0,
take no time on the clock.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from mock_server.api.backend_store import BackendStore
from mock_server.api.clock import Clock
from mock_server.api.jobs import admission, execution, mitigated_run, simulation, timing
from mock_server.api.jobs.creation import SIMULATOR, CircuitInput, JobRequest, record_name
from mock_server.api.jobs.lanes import Lane
from mock_server.api.jobs.model import Failure, Job, JobStatus
from mock_server.api.jobs.noise import (
    NoiseModels,
    Rates,
    load_noise_models,
    predicted_trajectories,
    rates_for,
)
from mock_server.api.jobs.outputs import compilation
from mock_server.api.jobs.store import JobStore

if TYPE_CHECKING:  # numpy loads with the first job, not at start-up
    from mock_server.simulator import Program

logger = logging.getLogger(__name__)

AVAILABLE = "available"
# What a gate costs beyond its state vector, in amplitudes' worth of work:
# parsing it and the engine's Python per gate take about 40 us, one
# amplitude of one gate about 60 ns (measured on a 2-core VM, loaded).
GATE_OVERHEAD = 2**10
DEFAULT_INLINE_WORK = 2**20
DEFAULT_INLINE_WAIT_S = 2.0
# Why a job a stopped server left unfinished failed (`recover`).
RESTARTED = "the fake was restarted while the job was queued or running"
SERVER_LOST = "the server process that ran it stopped (killed, out of memory, or its host gone)"
# About ten minutes of simulation on a 2-core machine (20 qubits, 200 gates,
# 1,000 noisy shots is 2^35.6 and took 224 s under load).
DEFAULT_WORK_LIMIT = 2**38


def circuit_work(
    gates: Sequence[object] | int, qubits: int, trajectories: float = 0.0, runs: int = 1
) -> int:
    """A circuit's predicted simulation work, in amplitude-gates: what picks its lane.

    Each gate costs its state vector (2^qubits amplitudes) and a fixed
    overhead, so that a long narrow circuit (100,000 gates on two qubits:
    seconds of Python) counts as large, not as the 400,000 amplitude-gates
    its state alone would say. A noisy run adds, per shot expected to draw an
    error, half a simulation (a trajectory starts where its first error is).
    A mitigated run takes `runs` simulations of the circuit (its variants,
    the symmetry check) over the same shots.
    """
    count = gates if isinstance(gates, int) else len(gates)
    return int(count * ((1 << qubits) + GATE_OVERHEAD) * (runs + trajectories / 2))


class TaskQueue(Protocol):
    """Where the runs of other processes' workers go (mock_server/shared/queue.py)."""

    def put(self, payload: bytes) -> str:
        """Add a pickled (job id, Task) for a worker to take."""
        ...


class SubmissionControls(Protocol):
    """What the test controls decide of each new job (mock_server/controls/jobs.py).

    The runner calls these under its lock only; nothing else changes them.
    """

    def next_job(self) -> tuple[Failure | None, bool]:
        """The failure the next job gets (taken off the queue), and whether it is held."""
        ...

    def hold_new(self, hold: bool) -> None:
        """Hold every new job in `ready` (or stop holding new ones)."""
        ...

    def fail_next(self, failures: list[Failure]) -> None:
        """Each of the next jobs fails with the next of `failures`."""
        ...

    def reset(self) -> None:
        """No holding, no failures queued."""
        ...

    def to_json(self) -> dict[str, Any]:
        """As GET /__admin/jobs/controls shows them."""
        ...


@dataclass(frozen=True, slots=True)
class RunnerSettings:
    """How the runner decides (see the module docstring)."""

    memory_limit: int | None = None  # bytes one simulation may take; None: from MemAvailable
    inline_work: int = DEFAULT_INLINE_WORK  # the circuit_work POST /jobs waits for
    inline_wait_s: float = DEFAULT_INLINE_WAIT_S
    work_limit: int = DEFAULT_WORK_LIMIT  # the most circuit_work one run may take
    # Processes that run the wide lane's simulations at once (processes.py); 0 runs
    # them on the lane's thread, in the serving process.
    simulators: int = 0


Characterizations = Callable[[str], Mapping[str, Any] | None]


def _none(_backend: str) -> None:
    return None


class JobRunner:
    """Dispatches the jobs of one JobStore to the simulator.

    `characterization(backend)` gives a backend's current characterization
    (what a QPU job's noise is derived from, read when the job runs);
    `noise_models` are IonQ's named models of the simulator.
    """

    def __init__(  # noqa: PLR0913 - what the runner works with
        self,
        store: JobStore,
        backends: BackendStore,
        controls: SubmissionControls,
        settings: RunnerSettings | None = None,
        *,
        noise_models: NoiseModels | None = None,
        characterization: Characterizations = _none,
        clock: Clock | None = None,
        queue: TaskQueue | None = None,
    ) -> None:
        self.store = store
        self.backends = backends
        self.clock = clock or Clock()
        self.settings = settings or RunnerSettings()
        self.noise_models = noise_models or load_noise_models()
        self._characterization = characterization
        self._controls = controls
        self._lock = threading.Lock()
        self._waiting: dict[str, str] = {}  # job id -> backend it waits for
        # backend -> its planned units, in plan order (pruned of those that ended)
        self._planned: dict[str, list[str]] = {}
        # One per simulation process: a run, or a part of one, holds one while it runs.
        self._slots = threading.BoundedSemaphore(max(1, self.settings.simulators))
        # Wide runs go to the workers that read `queue`, when there is one (`ionq-mock
        # worker`); else to this process's simulation processes, or its lane's thread.
        self._queue = queue
        self._small = Lane("small", partial(self._run_guarded, isolated=False))
        isolated = self.settings.simulators > 0
        self._wide = Lane(
            "wide",
            partial(self._run_guarded, isolated=isolated, remote=queue is not None),
            background=True,
            workers=max(1, self.settings.simulators),
        )
        backends.subscribe(self._backend_changed)

    # -- the test controls -----------------------------------------------------------

    def hold_new_jobs(self, hold: bool) -> dict[str, Any]:
        """Hold every new job in `ready` (or stop); the controls as they are now."""
        with self._lock:
            self._controls.hold_new(hold)
            return self._controls.to_json()

    def fail_next_jobs(self, failures: list[Failure]) -> dict[str, Any]:
        """Queue failures for the next jobs; the controls as they are now."""
        with self._lock:
            self._controls.fail_next(failures)
            return self._controls.to_json()

    def controls_json(self) -> dict[str, Any]:
        """Whether new jobs are held, and the failures the next jobs will get."""
        with self._lock:
            return self._controls.to_json()

    # -- submission ------------------------------------------------------------------

    def submit(self, job: Job) -> None:
        """Take a new top-level job; for a small one, return once it has finished."""
        with self._lock:
            failure, held = self._controls.next_job()
        if failure is not None:
            self.store.fail(job.id, failure)
            return
        children = self.store.children(job)
        units = children or [job]  # what runs: the children of a parent, else the job
        if job.request.dry_run:
            self._dry_run(job, units)
            return
        for each in (job, *children):
            self.store.mark(each.id, JobStatus.READY)
            if held:
                self.store.hold(each.id, held=True)
        if held:
            return
        works = {unit.id: self._works(unit.request) for unit in units}
        queued = [
            self._dispatch(unit, works[unit.id])
            for unit in units
            if not self._too_much_work(unit, works[unit.id])
        ]
        total = sum(sum(each) for each in works.values())
        if all(queued) and total <= self.settings.inline_work:
            self.store.wait_finished(job.id, self.settings.inline_wait_s)

    def _dry_run(self, job: Job, units: list[Job]) -> None:
        """A dry run is checked, priced and compiled, never run, held or kept waiting.

        Compiling takes time in proportion to the gates (about 40 us each),
        so it runs in a lane like a simulation, and POST /jobs waits for a
        small one as it does for a small job.
        """
        works = {unit.id: [_compile_work(c) for c in unit.request.circuits] for unit in units}
        for unit in units:
            self._lane(unit, works[unit.id]).put(unit.id)
        if sum(sum(each) for each in works.values()) <= self.settings.inline_work:
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
                self.store.schedule(unit.id, None)
                self._dispatch(unit, timed=False)
        return True

    def recover(self) -> int:
        """Fail the jobs a server that stopped left queued or running: their runs, held,
        waiting and planned ended with it (a store that outlives a restart). A run that
        ended and waits only for a reader completes as usual. How many failed."""
        return self._fail_lost(lambda _job: True, RESTARTED)

    def reap(self, runners: list[str]) -> None:
        """Fail the unfinished jobs of processes that are gone (their leases lapsed:
        mock_server/shared/leases.py), as a restart fails its own."""
        gone = set(runners)
        self._fail_lost(lambda job: job.runner in gone, SERVER_LOST)

    def _fail_lost(self, whose: Callable[[Job], bool], reason: str) -> int:
        lost = []
        for job in self.store.all():
            if job.parent_id is not None or job.finished or not whose(job):
                continue
            units = self.store.children(job) or [job]
            for unit in units:  # a planned run that ended completes at its plan's end
                plan = unit.plan
                if (
                    unit.pending is not None
                    and plan is not None
                    and plan.end_at <= self.clock.now()
                ):
                    self.store.mark(unit.id, JobStatus.STARTED, at=plan.start_at)
                    self.store.reveal(unit.id)
            left = [self.store.peek(unit.id) for unit in units]
            if any(
                unit is not None
                and not unit.finished
                and (unit.pending is None or unit.plan is not None)
                for unit in left
            ):
                lost.append(job.id)
        for job_id in lost:
            self.store.fail(job_id, admission.simulation_lost(reason))
        return len(lost)

    def reset(self) -> None:
        """No held or failing jobs any more, nothing waiting (with the store's clear)."""
        with self._lock:
            self._controls.reset()
            self._waiting.clear()
            self._planned.clear()

    def _dispatch(self, unit: Job, works: list[int] | None = None, *, timed: bool = True) -> bool:
        """Queue a unit to run; False when it waits for its backend instead.

        `works` is the predicted work of each of its circuits, if known
        already. A `timed` unit on a QPU gets its plan on the clock, when the
        time scale is above 0.

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
            plan = self._plan(unit, record) if timed else None
        if plan is not None:
            self._follow(unit.id, plan)
        self._lane(unit, works).put(unit.id)
        return True

    def _plan(self, unit: Job, record: Mapping[str, Any] | None) -> timing.Plan | None:
        """A QPU unit's queue and run on the clock (under the lock), or None when they take no
        time: on the simulator, or at a time scale of 0."""
        counts = unit.gate_counts
        request = unit.request
        times = self._times(request.backend, record, request.shots, counts["1q"], counts["2q"])
        if times is None:
            return None
        wait_s, run_s = times
        backend = record_name(request.backend)
        free_at = self._free_at(backend, lambda _job: True)
        plan = timing.Plan.after(self.clock.now(), wait_s, run_s, free_at)
        self._planned.setdefault(backend, []).append(unit.id)
        return plan

    def _times(
        self, backend: str, record: Mapping[str, Any] | None, shots: int, one: int, two: int
    ) -> tuple[float, float] | None:
        """A job's queue and run on the clock, in seconds (timing.py's models at the clock's
        scale); None when it takes no time: on the simulator, or at a time scale of 0."""
        scale = self.clock.time_scale
        name = record_name(backend)
        if scale <= 0 or name == SIMULATOR:
            return None
        run_s = timing.execution_s(timing.timing_of(self._characterization(name)), shots, one, two)
        return timing.scaled(timing.queue_s(record), scale), timing.scaled(run_s, scale)

    def predicted_ms(self, backend: str, shots: int, one: int, two: int) -> tuple[int, int]:
        """The queue and run a new job of these gates and shots would have now, in
        milliseconds (GET /jobs/estimate): what `_plan` would give it."""
        name = record_name(backend)
        times = self._times(name, self.backends.view(name), shots, one, two)
        if times is None:
            return 0, 0
        wait_s, run_s = times
        with self._lock:
            free_at = self._free_at(name, lambda _job: True)
        if free_at is not None:  # a new job starts no earlier than the QPU is free
            wait_s = max(wait_s, (free_at - self.clock.now()).total_seconds())
        return timing.milliseconds(wait_s), timing.milliseconds(run_s)

    def _free_at(self, backend: str, counts: Callable[[Job], bool]) -> datetime | None:
        """When the QPU is done with the planned units that `counts` (under the lock).

        A QPU runs one job at a time: a new plan starts no earlier. Units that
        ended (completed, canceled, deleted, failed) give back their place, and
        their scheduled actions go.
        """
        kept, ended, free_at = [], set(), None
        for job_id in self._planned.get(backend, ()):
            job = self.store.peek(job_id)
            if job is None or job.finished or job.plan is None:
                ended.add(job_id)
                continue
            kept.append(job_id)
            if counts(job) and (free_at is None or job.plan.end_at > free_at):
                free_at = job.plan.end_at
        self._planned[backend] = kept
        if ended:
            self.clock.cancel(ended)
        return free_at

    def _follow(self, job_id: str, plan: timing.Plan) -> None:
        """Keep a unit's plan with it, and have the clock start and complete it on time
        (never called under the lock: the clock runs an action due already at once)."""
        self.clock.cancel({job_id})  # those of a plan it had before
        self.store.schedule(job_id, plan)
        self.clock.call_at(plan.start_at, partial(self._start, job_id, plan), key=job_id)
        self.clock.call_at(plan.end_at, partial(self.store.reveal, job_id), key=job_id)

    def _start(self, job_id: str, plan: timing.Plan) -> None:
        """The clock reached a unit's planned start: it starts, unless its backend is not
        available (it waits, and runs once it is), or its plan changed meanwhile."""
        job = self.store.peek(job_id)
        if job is None or job.finished or job.held or job.plan != plan:
            return
        backend = record_name(job.request.backend)
        with self._lock:  # as in _dispatch: a change of the backend cannot land in between
            record = self.backends.view(backend)
            if record is not None and record.get("status") != AVAILABLE:
                self._waiting[job_id] = backend
                return
            self.store.mark(job_id, JobStatus.STARTED, at=plan.start_at)

    def _backend_changed(self, name: str) -> None:
        with self._lock:
            record = self.backends.view(name)
            if record is not None and record.get("status") != AVAILABLE:
                return
            woken = [job_id for job_id, backend in self._waiting.items() if backend == name]
            for job_id in woken:
                del self._waiting[job_id]
        jobs = [job for job in map(self.store.peek, woken) if job is not None and not job.finished]
        # Those whose planned start passed while the backend was away go first, in the
        # order they were planned, after what the QPU still runs.
        jobs.sort(key=lambda job: (job.plan is None, job.plan.start_at if job.plan else 0))
        for job in jobs:
            job_id = job.id
            if record is None:  # the backend was removed: the job can never run
                self.store.fail(job_id, admission.backend_removed(name))
            elif job.plan is not None:
                with self._lock:
                    running = self._free_at(name, lambda each: each.status is JobStatus.STARTED)
                    plan = job.plan.restarted(self.clock.now(), running)
                self._follow(job_id, plan)
            else:
                works = self._works(job.request)
                if self._dispatch(job, works) and sum(works) <= self.settings.inline_work:
                    # As POST /jobs does: a small run has ended before the change is answered.
                    self.store.wait_finished(job_id, self.settings.inline_wait_s)

    def _lane(self, unit: Job, works: list[int] | None = None) -> Lane:
        """The small lane for a unit whose every circuit is small, else the wide one."""
        works = self._works(unit.request) if works is None else works
        return self._small if max(works, default=0) <= self.settings.inline_work else self._wide

    def _too_much_work(self, unit: Job, works: list[int]) -> bool:
        """Fail a unit predicted to take more work than one run may (at once, not in a lane)."""
        for work in works:
            failure = admission.too_much_work(work, self.settings.work_limit)
            if failure is not None:
                self.store.fail(unit.id, failure)
                return True
        return False

    def _works(self, request: JobRequest) -> list[int]:
        """The predicted work of each of a request's circuits, with the noise it runs with now."""
        rates = self.rates(request)
        record = self.backends.view(record_name(request.backend))
        runs = _runs(request, mitigated_run.applied(request, record))
        return [self._circuit_work(c, request.shots, rates, runs) for c in request.circuits]

    def _circuit_work(
        self, circuit: CircuitInput, shots: int, rates: Rates | None, runs: int = 1
    ) -> int:
        """A circuit's predicted work; a plain noisy run drawn in parts simulates the
        noiseless circuit once per part."""
        trajectories = _trajectories(circuit, shots, rates)
        if runs == 1:
            runs = self._parts(circuit, shots, trajectories)
        simulating = circuit_work(circuit.size, circuit.qubits, trajectories, runs)
        return simulating + _compile_work(circuit)

    def _parts(self, circuit: CircuitInput, shots: int, trajectories: float) -> int:
        """How many parts a noisy run of the circuit is drawn in (simulation.part_count)."""
        processes = self.settings.simulators
        return simulation.part_count(circuit.qubits, shots, trajectories, processes)

    @staticmethod
    def _program_work(program: Program, shots: int, rates: Rates | None) -> int:
        """An OpenQASM 3 program's predicted work, once read: a circuit's, once per branch.

        Each measurement or reset before the final readout may split the run
        in two (a branch of the exact tree, a group of shots), and each
        branch simulates the rest of the program: s splits make up to 2^s
        runs, as many as the shots at most (a group holds a shot at least),
        and the exact tree's DEFAULT_MAX_BRANCHES before it turns to shots.
        """
        counts = program.gate_counts()  # its gates as called: where the noise goes
        trajectories = predicted_trajectories(rates, counts["1q"], counts["2q"], shots)
        # The simulator's gates they became: what the run applies.
        single = circuit_work(len(program.gates), program.qubits, trajectories)
        from mock_server.simulator.qasm3 import DEFAULT_MAX_BRANCHES  # noqa: PLC0415

        branches = 1 << min(program.pending_splits, 62)
        return single * (1 + min(branches, shots + DEFAULT_MAX_BRANCHES))

    def rates(self, request: JobRequest) -> Rates | None:
        """The noise a job runs with now (None: the ideal simulator's exact results)."""
        name = record_name(request.backend)
        characterization = None if request.is_simulator else self._characterization(name)
        return rates_for(request, self.noise_models, characterization)

    # -- running ---------------------------------------------------------------------

    def _run_guarded(self, job_id: str, *, isolated: bool, remote: bool = False) -> None:
        try:
            self._run(job_id, isolated=isolated, remote=remote)
        except Exception:  # the fake's bug, not the job's: fail it and keep the lane alive
            logger.exception("job %s failed unexpectedly", job_id)
            self.store.fail(job_id, admission.internal_error())

    def _run(self, job_id: str, *, isolated: bool, remote: bool = False) -> None:
        """Run one unit: admission's last checks, then its simulation, here or, `isolated`,
        in a process of its own, and keep what it gave; or, `remote`, hand it to a worker."""
        # numpy (the simulator) loads with the first job, not at start-up: it
        # is a sixth of the fake's import time, and most runs of a fake in a
        # test suite submit no job at all.
        from mock_server.simulator import Program  # noqa: PLC0415

        job = self.store.peek(job_id)
        if job is None or job.settled or job.held:
            return
        request = job.request
        (circuit_input,) = request.circuits
        record = self.backends.view(record_name(request.backend))
        if request.dry_run:
            self._compile_only(job, circuit_input, record)
            return
        rates = self.rates(request)
        what = mitigated_run.applied(request, record)
        circuit = admission.before_run(
            request, circuit_input, record, rates, self.settings.memory_limit
        )
        if isinstance(circuit, Program):  # its work is known now it is read
            work = self._program_work(circuit, request.shots, rates)
            circuit = admission.too_much_work(work, self.settings.work_limit) or circuit
        elif not isinstance(circuit, Failure):  # the characterization may have changed meanwhile
            work = self._circuit_work(circuit_input, request.shots, rates, _runs(request, what))
            circuit = admission.too_much_work(work, self.settings.work_limit) or circuit
        if isinstance(circuit, Failure):
            self.store.fail(job_id, circuit)
            return
        # A planned unit is started by the clock; it simulates while it waits.
        if job.plan is None and self.store.mark(job_id, JobStatus.STARTED) is None:
            return

        task = simulation.Task(
            circuit=circuit,
            request=request,
            record=dict(record) if record is not None else None,
            what=what,
            seed=request.seed_for(job.parent_id or job.id) + job.index,
            noise=rates.model() if rates is not None else None,
            batch_bytes=admission.batch_bytes(circuit.qubits, self.settings.memory_limit),
            shots=request.shots,
            parts=self._parts(
                circuit_input, request.shots, _trajectories(circuit_input, request.shots, rates)
            ),
        )
        if remote and self._queue is not None:
            self.store.hand_over(job_id)
            self._queue.put(pickle.dumps((job_id, task), pickle.HIGHEST_PROTOCOL))
            return
        execution.execute(self.store, job_id, task, self._slots if isolated else None)

    def _compile_only(
        self, job: Job, circuit_input: CircuitInput, record: Mapping[str, Any] | None
    ) -> None:
        """Complete a dry run's circuit with its compilation (none if its gates do not parse).

        An OpenQASM 3 program has none: its dry run reports its price only.
        """
        from mock_server.simulator import CircuitError, parse_circuit  # noqa: PLC0415

        if circuit_input.program is not None:
            self.store.complete(job.id, None, job.gate_counts, compiled=None)
            return
        try:
            circuit = parse_circuit(
                gateset=circuit_input.gateset,
                qubits=circuit_input.qubits,
                gates=list(circuit_input.gates),
            )
        except CircuitError:
            compiled = None  # IonQ would fail it when run; a dry run reports its price only
        else:
            stop = execution.stop_if_finished(self.store, job.id)
            try:
                compiled = compilation.compile_for(circuit, job.request, record, stop)
            except execution.Canceled:  # canceled or deleted while it compiled
                return
        self.store.complete(job.id, None, job.gate_counts, compiled=compiled)


def _runs(request: JobRequest, what: mitigated_run.Applied) -> int:
    """How many simulations of each circuit the job's error mitigation takes."""
    return mitigated_run.runs(request, what) if what.any else 1


def _trajectories(circuit: CircuitInput, shots: int, rates: Rates | None) -> float:
    """The shots of a run expected to draw an error (gates of three or more qubits counted
    as two-qubit gates: a prediction)."""
    multi = circuit.multi_qubit_gates
    return predicted_trajectories(rates, circuit.size - multi, multi, shots)


def _compile_work(circuit: CircuitInput) -> int:
    """What compiling a circuit to native gates costs, in the work's units: a native gate
    about as much as a gate's fixed overhead (both some tens of microseconds)."""
    return min(circuit.native_gates, compilation.MAX_NATIVE_GATES) * GATE_OVERHEAD
