"""pytest plugin: a fake IonQ for your tests, one fixture away.

Installed with the package (entry point `pytest11`), so the fixtures are
there as soon as ionq-contract is:

- `fake_ionq`: the fake for one test, in process through an httpx
  transport (fast, no port), or on granian over a socket with
  `--fake-ionq=socket` (or `fake_ionq_mode = socket` in the ini file);
- `fake_ionq_socket`: always over a socket, for timeouts and dropped
  connections as the network shows them.

Each is a mock_server.harness.FakeIonQ: `base_url`, `client` (a generated
client pointed at the fake), `http()`, `set_backend()`,
`patch_characterization()`, `add_fault()`, `set_rate_limit()`, `requests()`,
`reset()`. One fake is started per session
(per xdist worker: each worker is its own session, so workers never share a
fake) and reset before and after every test, so a fault injected by one
test never reaches another. The server is stopped at the end of the session:
no process, port or thread is left behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

import pytest

if TYPE_CHECKING:
    from mock_server.harness.fake import FakeIonQ, Mode

OPTION = "--fake-ionq"
INI = "fake_ionq_mode"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--fake-ionq=wsgi|socket` and the ini setting `fake_ionq_mode`."""
    group = parser.getgroup("fake-ionq", "fake IonQ (ionq-contract)")
    group.addoption(
        OPTION,
        choices=("wsgi", "socket"),
        default=None,
        help="how the fake_ionq fixture reaches the fake: in process (wsgi, default) or socket",
    )
    parser.addini(INI, "default mode of the fake_ionq fixture: wsgi or socket", default="wsgi")


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a bad `fake_ionq_mode` at start-up, not in the first test that uses it."""
    _mode(config)


def _mode(config: pytest.Config) -> Mode:
    mode = config.getoption(OPTION) or config.getini(INI)
    if mode not in ("wsgi", "socket"):
        raise pytest.UsageError(f"{INI} must be wsgi or socket, not {mode!r}")
    return cast("Mode", mode)


def _session_fake(mode: Mode) -> Iterator[FakeIonQ]:
    from mock_server.harness.fake import start_fake  # noqa: PLC0415 - keep pytest start-up light

    # Virtual time: a test moves it with fake_ionq.clock.advance and never sleeps.
    with start_fake(mode, virtual_clock=True) as fake:
        yield fake


def per_test(fake: FakeIonQ) -> Iterator[FakeIonQ]:
    """A handle on `fake` for one test: reset before and after it, its clients closed."""
    handle = fake.for_test()
    handle.reset()
    try:
        yield handle
    finally:
        try:
            handle.reset()
        finally:
            handle.close()


@pytest.fixture(scope="session")
def fake_ionq_session(pytestconfig: pytest.Config) -> Iterator[FakeIonQ]:
    """The session's fake in the configured mode; not reset between tests (use fake_ionq)."""
    yield from _session_fake(_mode(pytestconfig))


@pytest.fixture(scope="session")
def fake_ionq_socket_session() -> Iterator[FakeIonQ]:
    """The session's fake on granian over a socket; not reset between tests."""
    yield from _session_fake("socket")


@pytest.fixture
def fake_ionq(fake_ionq_session: FakeIonQ) -> Iterator[FakeIonQ]:
    """A fake IonQ, reset before and after the test; its clients close after it."""
    yield from per_test(fake_ionq_session)


@pytest.fixture
def fake_ionq_socket(fake_ionq_socket_session: FakeIonQ) -> Iterator[FakeIonQ]:
    """Like fake_ionq, but always over a real socket (timeouts, dropped connections)."""
    yield from per_test(fake_ionq_socket_session)
