"""The WSGI layer in front of Flask: the request log, the access log and the fast path.

It sees every request before Flask does. May import mock_server.api (the
revision of the state, which reads are pure), mock_server.controls (the
request log, whether a fault rule or a rate limit is set) and the wire;
only the shell (mock_server/app.py) imports it.
"""
