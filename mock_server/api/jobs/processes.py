"""Runs a simulation in a process of its own, so that the serving process keeps its GIL and cores.

Each wide run (mock_server/api/jobs/runner.py says which) is one child
process, made by the standard library's `forkserver`: a server process,
started once with the simulator already imported, forks a fresh child per
run in a few milliseconds, and no child inherits the serving process's
threads or locks. The child runs `simulation.simulate` on the pickled Task
and sends back the pickled Outcome through a pipe.

Why a process per run rather than a pool of long-lived ones: a canceled or
deleted job is stopped by killing its child, at once and for sure (a pool
cannot kill one task), and a run that takes its process down (the kernel's
out-of-memory killer, a crash in a native library) takes nothing else with
it: the job fails with IonQ's `SimulationError`, the others carry on, no
job stays `started`. The cost, some milliseconds a run, is small beside a
run worth a process (tens of milliseconds and more).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mock_server.api.jobs import simulation
from mock_server.api.jobs.lanes import yield_to_requests
from mock_server.api.jobs.simulation import Outcome, Task

# How often the parent checks that the job is still wanted while its child runs.
POLL_S = 0.05
# How often a child checks that the process that started it is still there.
OWNER_POLL_S = 1.0
_CONTEXT_LOCK = threading.Lock()
_context: Any = None


class ProcessFailed(Exception):  # noqa: N818 - what happened to the run, not an error of ours
    """The child ended without an outcome: `reason` says how (a signal, a memory error)."""

    def __init__(self, reason: str, *, out_of_memory: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.out_of_memory = out_of_memory


class Stopped(Exception):  # noqa: N818 - a signal, not an error
    """The job was no longer wanted: its child was killed."""


def _forkserver() -> Any:
    global _context  # noqa: PLW0603 - one forkserver per process, made on first use
    with _CONTEXT_LOCK:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["mock_server.api.jobs.simulation", "numpy"])
            _context = context
        return _context


def run_all(
    tasks: Sequence[Task], wanted: Callable[[], bool], slots: threading.Semaphore
) -> list[Outcome]:
    """Each task's outcome, in order, each run in a child process once it has a slot.

    The parts of one run go to as many processes as there are free slots;
    the first part that fails stops the others (their children are killed)
    and its exception is raised.
    """
    if len(tasks) == 1:
        with slots:
            return [run(tasks[0], wanted)]
    failed = threading.Event()
    outcomes: list[Outcome | None] = [None] * len(tasks)
    errors: list[BaseException] = []

    def still() -> bool:
        return not failed.is_set() and wanted()

    def one(index: int) -> None:
        with slots:
            try:
                if still():
                    outcomes[index] = run(tasks[index], still)
            except BaseException as error:  # handed to the caller below
                errors.append(error)
                failed.set()

    threads = [
        threading.Thread(target=one, args=(index,), name="ionq-mock simulation part", daemon=True)
        for index in range(len(tasks))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    real = [error for error in errors if not isinstance(error, Stopped)]
    if real:
        raise real[0]
    done = [outcome for outcome in outcomes if outcome is not None]
    if len(done) < len(tasks):
        if not wanted():
            raise Stopped
        raise ProcessFailed("a part of the simulation gave no outcome")
    return done


def run(task: Task, wanted: Callable[[], bool]) -> Outcome:
    """The task's outcome, run in a child process; Stopped once `wanted()` is False,
    ProcessFailed when the child ends without one."""
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main,
        args=(sender, task, os.getpid()),
        name="ionq-mock simulation",
        daemon=True,
    )
    try:
        child.start()
    except BaseException:
        receiver.close()
        raise
    finally:
        sender.close()  # the child's end: EOF here once the child is gone
    try:
        return _await(child, receiver, wanted)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def _await(child: Any, receiver: Connection, wanted: Callable[[], bool]) -> Outcome:
    while True:
        if receiver.poll(POLL_S):
            try:
                kind, payload = receiver.recv()
            except EOFError:
                break
            if kind == "ok":
                outcome: Outcome = payload
                return outcome
            if kind == "memory":
                raise ProcessFailed("the simulation ran out of memory", out_of_memory=True)
            raise ProcessFailed(f"the simulation failed: {payload}")
        if not wanted():
            child.kill()
            raise Stopped
        if not child.is_alive() and not receiver.poll(0):
            break
    child.join()
    code = child.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        hint = " (the kernel's out-of-memory killer sends it)" if -code == signal.SIGKILL else ""
        raise ProcessFailed(f"the simulation process was killed by {name}{hint}")
    raise ProcessFailed(f"the simulation process exited with status {code}")


def _child_main(sender: Connection, task: Task, owner: int) -> None:
    """In the child: run the task at the lowest CPU priority, send what came of it; stop
    if the process that wants it is gone (killed: nothing else would tell the child)."""
    yield_to_requests()
    threading.Thread(target=_watch, args=(owner,), name="ionq-mock owner", daemon=True).start()
    try:
        outcome = simulation.simulate(task)
    except MemoryError:
        sender.send(("memory", None))
    except Exception:  # reported to the parent, which fails the job
        sender.send(("error", traceback.format_exc(limit=5)))
    else:
        sender.send(("ok", outcome))
    finally:
        sender.close()


def _watch(owner: int) -> None:
    """End this child once `owner` (the server or worker that started it) is gone: the
    forkserver is its parent, so the kernel would not say, and a run may last minutes."""
    while True:
        time.sleep(OWNER_POLL_S)
        try:
            state = Path(f"/proc/{owner}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:  # gone (or no /proc: then the owner is asked the POSIX way)
            state = "" if Path("/proc/self").exists() else _posix_state(owner)
        if state in ("", "Z", "X"):  # gone, or dead and not yet reaped
            os._exit(1)


def _posix_state(pid: int) -> str:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return ""
    return "R"
