"""IonQ's error body for every error the fake answers, its own or Flask's.

IonQ answers every error with `{"statusCode", "error", "message"}` (plus
`validation` for a 400), and SDKs such as qiskit-ionq fail on an error body
without `statusCode`. So werkzeug's HTML error pages must never reach a
client: `register_error_handlers` turns every HTTPException, and anything
unexpected, into this body.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from mock_server.wire.rejections import Rejection
from mock_server.wire.responses import encode, json_response

# The `error` strings IonQ uses; other statuses use the HTTP reason phrase.
IONQ_ERROR_NAMES = {
    400: "Bad Request",
    401: "Unauthorized Error",
    404: "Not Found Error",
    413: "Payload Too Large",
    500: "Internal Server Error",
}

PAYLOAD_TOO_LARGE_MESSAGE = "The request body exceeds the limit of 10 MB."
# Never a stack trace or exception text: that stays in the server's log.
INTERNAL_ERROR_MESSAGE = "The fake IonQ failed unexpectedly; its log has the details."


def error_name(status: int) -> str:
    """The `error` field IonQ sends with a status."""
    return IONQ_ERROR_NAMES.get(status) or HTTPStatus(status).phrase


def error_body(status: int, message: str, rejection: Rejection | None = None) -> dict[str, Any]:
    """IonQ's error body; a rejection adds the `validation` part of a 400."""
    body: dict[str, Any] = {"statusCode": status, "error": error_name(status), "message": message}
    if rejection is not None:
        body["validation"] = {"keys": list(rejection.keys), "source": rejection.source}
    return body


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error answered in IonQ's body."""
    return json_response(encode(error_body(status, message)), status, headers)


def rejection_response(rejection: Rejection) -> Response:
    """The 400 IonQ answers for a request that failed validation."""
    return json_response(encode(error_body(400, rejection.message, rejection)), 400)


def not_found(message: str) -> Response:
    """A 404 for a name that is valid but has nothing behind it."""
    return error_response(404, message)


def http_exception_response(exc: HTTPException) -> Response:
    """Any werkzeug HTTPException (404, 405, 400, 500, ...) in IonQ's body."""
    status = exc.code or 500
    headers = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return error_response(status, _message(status, exc), headers)


def _message(status: int, exc: HTTPException) -> str:
    if status == 404:
        return f"Nothing is served at {request.path}."
    if status == 405:
        return f"{request.method} is not allowed on {request.path}."
    if status == 413:
        return PAYLOAD_TOO_LARGE_MESSAGE
    if status >= 500:
        return INTERNAL_ERROR_MESSAGE
    return exc.description or HTTPStatus(status).phrase


def register_error_handlers(app: Flask) -> None:
    """Answer every error in IonQ's body, including Flask's own and unhandled ones.

    Flask wraps an unhandled exception in InternalServerError (after logging
    it), so the HTTPException handler covers that case too.
    """
    app.register_error_handler(HTTPException, http_exception_response)
