"""The test harness: the pytest plugin (`fake_ionq*` fixtures), the in-process httpx
transport, and the launcher of `ionq-mock serve` processes. Sits on top of everything
else and may import all of it; nothing in mock_server imports the harness.

`start_fake` and `FakeIonQ` are importable from here, as they were when the harness
was one module. They load on first use, so pytest's start-up stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mock_server.harness.fake import FakeIonQ, Mode, start_fake

__all__ = ["FakeIonQ", "Mode", "start_fake"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from mock_server.harness import fake  # noqa: PLC0415 - loaded on first use

        return getattr(fake, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
