"""openapi.yaml next to IonQ's own description (ionq-core's openapi.json, fetched into build/).

compare.py finds where they differ, notes.py reads the `x-ionq-differs`
notes that say which side the fake takes and why, and
contract_tests/client/test_ionq_differences.py holds the two to each other.
"""
