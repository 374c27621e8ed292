"""Checks of bench/wrk/*.lua that need wrk itself; `make bench` runs them before the load."""
