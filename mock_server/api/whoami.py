"""Handler of the `whoami` tag: which key a request was sent with, without showing it."""

from __future__ import annotations

from flask import Response, request

from mock_server.api.keys import AUTHORIZATION, whoami
from mock_server.api.state import ApiState
from mock_server.wire.responses import encode, json_response


def get_whoami(_state: ApiState) -> Response:
    """GET /whoami: the key was accepted before this runs; describe it without showing it."""
    return json_response(encode(whoami(request.headers[AUTHORIZATION])))
