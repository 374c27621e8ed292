"""How much memory a run needs, so the jobs API can refuse a job up front.

The engine holds two state vectors (the state and the buffer every matrix
product or layout change writes into), then drops the buffer before making the
float64 probabilities: peak = 2 states = 32 bytes per amplitude. Fused matrices
and numpy/BLAS scratch add a few MiB (OVERHEAD). Checked against peak RSS by
``bench.simulator.widest``.

A noisy run (noise/trajectories.py) holds the ideal state with its buffer
and a batch of trajectories with theirs: at least one row; more rows only as
the batch budget the caller gives allows; and the temporaries of a
correction applied to one row.
"""

from __future__ import annotations

__all__ = ["OVERHEAD", "noisy_required_bytes", "required_bytes", "row_bytes"]

_STATE = 16  # complex128
_PROBABILITY = 8  # float64
OVERHEAD = 64 * 2**20


def required_bytes(qubits: int) -> int:
    """Peak bytes simulate() allocates for a circuit of this width, beyond the interpreter."""
    amplitudes: int = 1 << qubits
    during_gates = 2 * _STATE * amplitudes
    reading_out = (_STATE + _PROBABILITY) * amplitudes
    return max(during_gates, reading_out) + OVERHEAD


def noisy_required_bytes(qubits: int) -> int:
    """Peak bytes of a noisy run with the smallest batch: the ideal state and one trajectory.

    Each with its buffer, and two states' worth more: a correction whose qubits
    are not where the last op left them is a tensor contraction with two
    temporaries of a row's size (measured at 25 qubits: 2.83 GiB peak above the
    interpreter before the cheap case existed, against 3.06 GiB from here).
    """
    return 2 * row_bytes(qubits) + 2 * _STATE * (1 << qubits) + OVERHEAD


def row_bytes(qubits: int) -> int:
    """One state of a noisy run with its buffer: what each row of a batch costs."""
    return 2 * _STATE << qubits
