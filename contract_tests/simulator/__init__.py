"""Tests of mock_server.simulator against independent references (qiskit, cirq, matrices)."""
