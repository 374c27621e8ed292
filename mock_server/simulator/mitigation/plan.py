"""Debiasing's plan: how many variants, each one's qubits on the device and its shots.

IonQ runs a debiased job as "many symmetric variations" of its circuit,
different qubit assignments among them, and splits the job's shots between
them; it publishes neither how many variants nor how it picks them. The
fake's rule (openapi.yaml's ErrorMitigationSettings, x-guessed):

- a variant needs at least MIN_SHOTS_PER_VARIANT shots: IonQ's minimum of
  500 shots for debiasing is "in order to obtain a significant number of
  results for each circuit execution variant", so 500 shots make 5
  variants of 100;
- at most MAX_VARIANTS variants, and never more than there are distinct
  assignments of the circuit's qubits to the device's;
- each variant's `qubit_map` is an injective map, circuit qubit i to device
  qubit qubit_map[i], drawn uniformly without repeating one, from the job's
  seed (the same seed, the same plan);
- the shots are split evenly, the first variants taking one more each when
  they do not divide.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_VARIANTS", "MIN_SHOTS_PER_VARIANT", "VariantPlan", "plan_debiasing"]

MIN_SHOTS_PER_VARIANT = 100
MAX_VARIANTS = 16
# Up to this many distinct maps, they are listed and drawn from; above it,
# drawn at random and redrawn on a repeat (rare: more maps than 16 x 64).
_ENUMERATE_BELOW = 1024


@dataclass(frozen=True, slots=True)
class VariantPlan:
    """One variant: its id, where each circuit qubit runs on the device, its shots."""

    variant_id: str
    qubit_map: tuple[int, ...]
    shots: int


def variant_count(width: int, device_qubits: int, shots: int) -> int:
    """How many variants a `width`-qubit circuit runs in, with `shots` on a device."""
    if not 0 < width <= device_qubits:
        raise ValueError(f"a {width}-qubit circuit does not fit a {device_qubits}-qubit device")
    by_shots = max(1, shots // MIN_SHOTS_PER_VARIANT)
    return min(MAX_VARIANTS, by_shots, math.perm(device_qubits, width))


def plan_debiasing(
    width: int, device_qubits: int, shots: int, seed: int
) -> tuple[VariantPlan, ...]:
    """The variants of a debiased run, in order; their shots add up to `shots`."""
    count = variant_count(width, device_qubits, shots)
    rng = np.random.default_rng([seed, 0xDEB1A5])
    maps: list[tuple[int, ...]]
    if math.perm(device_qubits, width) < _ENUMERATE_BELOW:
        every = list(itertools.permutations(range(device_qubits), width))
        chosen = rng.choice(len(every), size=count, replace=False)
        maps = [every[int(i)] for i in chosen]
    else:
        seen: set[tuple[int, ...]] = set()
        maps = []
        while len(maps) < count:
            drawn = tuple(int(q) for q in rng.permutation(device_qubits)[:width])
            if drawn not in seen:
                seen.add(drawn)
                maps.append(drawn)
    share, extra = divmod(shots, count)
    return tuple(
        VariantPlan(str(index), qubit_map, share + (1 if index < extra else 0))
        for index, qubit_map in enumerate(maps)
    )
