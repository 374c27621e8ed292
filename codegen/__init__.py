"""What turns openapi.yaml into generated/: the client's copy of the spec and the templates.

A package so that tests can import what the client is generated from
(`codegen.client_spec`) instead of restating it.
"""
