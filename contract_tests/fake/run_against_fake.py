"""Start a fake IonQ on a free port, run a command against it, and stop the fake.

`make test` uses it to run the schemathesis CLI (`make contract`) against a
real server without a fixed port or a server left behind:

    python -m contract_tests.fake.run_against_fake -- make contract URL={url}

`{url}` in the command becomes the fake's base URL (http://127.0.0.1:PORT/v0.4).
The fake accepts one API key, the command gets it as IONQ_API_KEY (which
`make contract` sends): the one already in the environment, or a fresh
random one, so that a run checks that /whoami refuses every other key. The
exit status is the command's; the fake is stopped even when it fails or is
interrupted.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Sequence

from contract_tests.fake.live import ROOT, running_fake
from mock_server.settings import API_KEYS_ENV, SIMULATOR_MEMORY_ENV

KEY_ENV = "IONQ_API_KEY"
CONTRACT_MEMORY = "72MiB"

USAGE = "usage: python -m contract_tests.fake.run_against_fake -- COMMAND ... {url} ..."


def main(argv: Sequence[str]) -> int:
    """Run the command after `--` against a fresh fake; its exit status."""
    command = list(argv[1:]) if argv[:1] == ["--"] else list(argv)
    if not command:
        print(USAGE, file=sys.stderr)
        return 2
    key = os.environ.get(KEY_ENV) or secrets.token_urlsafe(24)
    # The schemathesis CLI sends jobs as wide as the schema allows: a small
    # budget fails the widest fast (SimulationError) instead of simulating them.
    with running_fake(env={API_KEYS_ENV: key, SIMULATOR_MEMORY_ENV: CONTRACT_MEMORY}) as fake:
        print(
            f"run_against_fake: fake IonQ at {fake.base_url}, "
            f"answering {fake.started_in_s:.2f} s after launch, accepting one API key",
            flush=True,
        )
        return subprocess.call(
            [part.replace("{url}", fake.base_url) for part in command],
            cwd=ROOT,
            env={**os.environ, KEY_ENV: key},
        )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
