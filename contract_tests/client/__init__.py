"""Contract tests of the generated client (generated/ionq_client) and its validation layer."""
