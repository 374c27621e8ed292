"""What the API of one app serves from: its backends, characterizations and (soon) jobs.

One ApiState per app, kept in `app.extensions[EXTENSION]`, never in a
module, so two apps in one process (two tests) cannot see each other's
changes. The test controls that act on it (mock_server.controls) hold
their own state beside it; nothing here knows of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_server.api.backend_store import BackendStore
from mock_server.api.characterization_history import CharacterizationStore

EXTENSION = "ionq_mock.api"


@dataclass(frozen=True, slots=True)
class ApiState:
    """The stores the handlers of mock_server.api read and change."""

    backends: BackendStore
    # Generated once at start-up from the fixtures; the admin API does not change them.
    characterizations: CharacterizationStore = field(
        default_factory=lambda: CharacterizationStore({})
    )
