"""The contract itself: openapi.yaml, packaged, and the helpers that read it.

Everything hand-written in this project (the fake, the contract tests, the
optional response validation of the client) reads the API's description from
here, so that there is exactly one.
"""
