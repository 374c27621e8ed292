"""The WSGI entry point: `granian --interface wsgi mock_server.wsgi:app`.

Configured from the environment (mock_server/settings.py), because that is
what reaches a server's worker processes: IONQ_MOCK_FIXTURES names a
fixtures directory (default: the packaged one). Importing this module builds
the app, so a bad fixture fails the import with its message.
"""

from __future__ import annotations

import os

from mock_server.app import create_app
from mock_server.settings import config_from_env

app = create_app(config_from_env(os.environ))
