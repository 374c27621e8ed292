"""Tests of the shared state's stores (mock_server/shared/) against real servers."""
