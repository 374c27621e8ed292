"""Tests of the pytest plugin (mock_server/pytest_plugin.py), run with pytester."""
