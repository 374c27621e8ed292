"""The noise a run is given: a description, never code of the simulator's own.

The simulator knows nothing of IonQ's backends or noise models: the caller
(mock_server/api/jobs) says what the run stands for, and the simulator does
what the description says. Without one, a run is the ideal simulator's: the
exact distribution. With one, it is a device's: `shots` measurements, one
outcome each, and probabilities that are their frequencies.

A NoiseModel holds no error channels: its gates are perfect, and only the
measurement is a device's.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NoiseModel"]


@dataclass(frozen=True, slots=True)
class NoiseModel:
    """A device's run: outcomes drawn shot by shot (`name` says which device, for messages)."""

    name: str
