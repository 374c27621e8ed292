"""Unit tests of the benchmark harness (no timed assertions: only logic)."""
