"""How much memory simulate() needs, so the jobs API can refuse a job up front.

The engine holds two state vectors (the state and the buffer every matrix
product or layout change writes into), then drops the buffer before making the
float64 probabilities: peak = 2 states = 32 bytes per amplitude. Fused matrices
and numpy/BLAS scratch add a few MiB (OVERHEAD). Checked against peak RSS by
``bench.simulator.widest``.
"""

from __future__ import annotations

__all__ = ["OVERHEAD", "required_bytes"]

_STATE = 16  # complex128
_PROBABILITY = 8  # float64
OVERHEAD = 64 * 2**20


def required_bytes(qubits: int) -> int:
    """Peak bytes simulate() allocates for a circuit of this width, beyond the interpreter."""
    amplitudes: int = 1 << qubits
    during_gates = 2 * _STATE * amplitudes
    reading_out = (_STATE + _PROBABILITY) * amplitudes
    return max(during_gates, reading_out) + OVERHEAD
