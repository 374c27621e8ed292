"""Tests of the pytest plugin (mock_server/harness/pytest_plugin.py), run with pytester."""
