"""What the API of one app serves from: its backends, characterizations and jobs.

One ApiState per app, kept in `app.extensions[EXTENSION]`, never in a
module, so two apps in one process (two tests) cannot see each other's
changes. The test controls that act on it (mock_server.controls) hold
their own state beside it; nothing here knows of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.api.backend_store import BackendStore
from mock_server.api.characterization_store import CharacterizationStore
from mock_server.api.clock import Clock
from mock_server.api.format_schemas import FormatSchemas
from mock_server.api.jobs.costs import RateCards
from mock_server.api.jobs.runner import JobRunner
from mock_server.api.jobs.store import JobStore
from mock_server.api.revision import Revision
from mock_server.api.sessions.store import SessionStore

EXTENSION = "ionq_mock.api"


@dataclass(frozen=True, slots=True)
class ApiState:
    """The stores the handlers of mock_server.api read and change."""

    backends: BackendStore
    # Generated once at start-up from the fixtures; the admin API may change the current ones.
    characterizations: CharacterizationStore
    jobs: JobStore
    runner: JobRunner
    # The key's sessions (POST /sessions); jobs name one by `session_id`.
    sessions: SessionStore
    # The one time of the app: jobs' queues and runs, sessions' durations, estimates.
    clock: Clock
    rate_cards: RateCards
    # The JSON Schema of each result and circuit format (packaged data, never changed).
    format_schemas: FormatSchemas
    # Where the API is mounted (/v0.4): job documents link to their results under it.
    base_path: str
    # Bumped by the stores on every change: what the fast path (mock_server/front) checks.
    revision: Revision

    def reset(self) -> None:
        """Back to the fixtures, no jobs, no sessions, nothing scheduled on the clock (the admin
        API's and the plugin's reset)."""
        # Jobs first: a backend's reset wakes the jobs waiting for it, and none may be left
        # to wake; the clock last, once nothing is left to schedule anything on it.
        self.runner.reset()
        self.jobs.clear()
        self.sessions.clear()
        self.backends.reset()
        self.characterizations.reset()
        self.clock.reset()
