"""The test controls: `Prefer` scenarios, fault rules, the rate limit, interruptions, the
request log, and the admin API (/__admin) that drives them and the API's state. May import
mock_server.api, mock_server.wire and ionq_contract; never the harness or the server shell.

A new fault kind goes in faults.py (and its rule schema in schemas/); a new admin
endpoint in admin.py.
"""
