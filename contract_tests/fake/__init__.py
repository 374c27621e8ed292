"""Tests of the fake IonQ (mock_server): its behaviour, its contract, and clients against it."""
