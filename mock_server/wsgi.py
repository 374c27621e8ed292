"""The entry points of a server: `app` (WSGI) and `served` (RSGI, what `ionq-mock serve` runs).

    granian --interface wsgi mock_server.wsgi:app      # any WSGI server will do
    granian --interface rsgi mock_server.wsgi:served   # as ionq-mock serve runs it

`served` is the same app behind mock_server/front/rsgi.py, which reads
request bodies on granian's event loop with a time limit instead of on the
app's threads, and serves kept answers where granian dispatches a request.

Configured from the environment (mock_server/settings.py), because that is
what reaches a server's worker processes: IONQ_MOCK_FIXTURES names a
fixtures directory (default: the packaged one), IONQ_MOCK_BODY_TIMEOUT the
seconds a body may take, IONQ_MOCK_THREADS the threads that run the app.
Importing this module builds the app, so a bad fixture or setting fails the
import with its message.

Everything built here (the parsed spec, the compiled validators, fixtures
and generated records) lives as long as the process. It is moved out of the
garbage collector's sight: otherwise each full collection (one every 15,000
requests or so) walks those tens of thousands of objects again, a stall of
about 30 ms for every request waiting at the time, against under 1 ms once
frozen. Frozen before the server forks its workers, it also stays in pages
they share with the parent.
"""

from __future__ import annotations

import gc
import os

# Start-up makes hundreds of thousands of objects that all live on, so the
# collections it would trigger free nothing: about 60 ms of CPU out of 470.
gc.disable()

from mock_server.app import create_app  # noqa: E402 - imported with the collector off
from mock_server.front.middleware import Front  # noqa: E402
from mock_server.front.rsgi import RsgiFront  # noqa: E402
from mock_server.settings import config_from_env, server_settings_from_env  # noqa: E402

app = create_app(config_from_env(os.environ))
_settings = server_settings_from_env(os.environ)
_front = app.wsgi_app
if not isinstance(_front, Front):  # pragma: no cover - create_app always installs it
    raise TypeError("create_app did not put the Front before Flask")
served = RsgiFront(
    _front,
    max_body_bytes=int(app.config["MAX_CONTENT_LENGTH"]),
    body_timeout_s=_settings.body_timeout_s,
    threads=_settings.threads,
)

# No gc.collect() first: start-up leaves no cyclic garbage to free (none was
# found), and a full collection here would add 15-25 ms to every cold start.
gc.freeze()
gc.enable()
