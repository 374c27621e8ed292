"""Hold every response of the fake to openapi.yaml, with openapi-core.

A response to an operation the spec describes is validated by openapi-core:
documented status, media type, body schema, headers. Everything else the
fake answers (an unknown path, a method a path lacks, OPTIONS, the admin API)
is outside `paths`, so it is held to what the spec says about it in prose
and components: errors are IonQ's `Error`/`BadRequestError` bodies, admin
records are `Backend`s, and a backend's current characterization
(`/__admin/backends/<name>/characterization`) is a `Characterization`. On
top, every response must carry CORS and a Content-Type/Content-Length that
match its body.

Two ways in: ContractClient (Flask's test client) and `httpx_hook` (for
httpx clients, such as the generated one, in-process or over a socket).
openapi-core is slow to import and never runs in the fake itself: this is
test-only code.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path
from typing import Any

import httpx
from flask.testing import FlaskClient
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import (
    OperationNotFound,
    PathNotFound,
    ServerNotFound,
)
from openapi_schema_validator import OAS30Validator
from werkzeug.test import EnvironBuilder, TestResponse
from werkzeug.wrappers import Request, Response

from contract_tests.fake.support import ORIGIN
from ionq_contract.spec import component_schema, load_spec, spec_path

ADMIN_PREFIX = "/__admin"
# The admin API's path of a backend's current characterization ends so.
CHARACTERIZATION_SUFFIX = "/characterization"


class ContractError(AssertionError):
    """A response the contract does not allow; fails the test that got it."""


@functools.cache
def _openapi(spec_file: Path) -> OpenAPI:
    return OpenAPI.from_path(spec_file)


@functools.cache
def _validator(spec_file: Path, schema_name: str) -> OAS30Validator:
    schema = component_schema(load_spec(spec_file), schema_name)
    return OAS30Validator(schema, format_checker=OAS30Validator.FORMAT_CHECKER)


def check_exchange(request: Request, response: Response, spec_file: Path | None = None) -> None:
    """Raise ContractError unless `response` is an answer to `request` the contract allows."""
    spec_file = spec_file or spec_path()
    problems = _transport_problems(request, response)
    if not problems:
        problems = _body_problems(request, response, spec_file)
    if problems:
        raise ContractError(
            f"{request.method} {request.full_path.rstrip('?')} answered {response.status_code} "
            f"{response.get_data()!r}:\n  " + "\n  ".join(problems)
        )


def _transport_problems(request: Request, response: Response) -> list[str]:
    problems = []
    body = response.get_data()
    if response.headers.get("Access-Control-Allow-Origin") != "*":
        problems.append("no `Access-Control-Allow-Origin: *`")
    if request.method == "HEAD" or response.status_code == 204:
        if body:
            problems.append("a body where HTTP allows none")
        return problems
    if response.mimetype != "application/json":
        problems.append(f"Content-Type is {response.content_type!r}, not application/json")
    if response.headers.get("Content-Length") != str(len(body)):
        problems.append(
            f"Content-Length {response.headers.get('Content-Length')} for {len(body)} bytes"
        )
    return problems


def _body_problems(request: Request, response: Response, spec_file: Path) -> list[str]:
    if request.method in ("HEAD", "OPTIONS") or response.status_code == 204:
        return []
    if not request.path.startswith(ADMIN_PREFIX):
        try:
            _openapi(spec_file).validate_response(
                WerkzeugOpenAPIRequest(_without_body(request)), WerkzeugOpenAPIResponse(response)
            )
        except (ServerNotFound, PathNotFound, OperationNotFound):
            pass  # not an operation of the spec: held to the components below
        except Exception as exc:
            return [f"openapi-core: {exc!r}" + "".join(f"\n    {n!r}" for n in _notes(exc))]
        else:
            return []
    return _component_problems(request, response, spec_file)


def _without_body(request: Request) -> Request:
    """The request as openapi-core needs it to check the answer: without its body.

    The app has read the body already, and a response is validated against
    the operation alone; a second read of the spent stream would fail.
    """
    environ = {**request.environ, "wsgi.input": io.BytesIO(b""), "CONTENT_LENGTH": "0"}
    return Request(environ)


def _notes(exc: BaseException) -> list[BaseException]:
    # openapi-core chains the schema errors that explain a failure.
    cause = exc.__cause__
    nested = getattr(cause, "schema_errors", None) or []
    return [cause, *nested] if cause is not None else []


def _component_problems(request: Request, response: Response, spec_file: Path) -> list[str]:
    document: Any = json.loads(response.get_data())
    status = response.status_code
    if status >= 400:
        name = "BadRequestError" if status == 400 else "Error"
        problems = [e.message for e in _validator(spec_file, name).iter_errors(document)]
        if isinstance(document, dict) and document.get("statusCode") != status:
            problems.append(f"statusCode {document.get('statusCode')} differs from {status}")
        return problems
    records = document if isinstance(document, list) else [document]
    schema = "Characterization" if request.path.endswith(CHARACTERIZATION_SUFFIX) else "Backend"
    return [
        e.message for record in records for e in _validator(spec_file, schema).iter_errors(record)
    ]


class ContractClient(FlaskClient):
    """Flask's test client, failing the test on any response the contract forbids."""

    # The description responses are held to; contract_client_for() changes it.
    spec_file: Path | None = None

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        """Send as FlaskClient does, then check. ORIGIN is a server openapi.yaml
        lists, which openapi-core needs to match the request to an operation."""
        kwargs.setdefault("base_url", ORIGIN)
        response = super().open(*args, **kwargs)
        check_exchange(response.request, response, self.spec_file)
        return response


def contract_client_for(spec_file: Path) -> type[ContractClient]:
    """A ContractClient holding responses to another description (an edited copy)."""
    return type("EditedContractClient", (ContractClient,), {"spec_file": spec_file})


def httpx_hook(response: httpx.Response) -> None:
    """An httpx `response` event hook: check the exchange as ContractClient does."""
    response.read()
    sent = response.request
    environ = EnvironBuilder(
        method=sent.method,
        base_url=f"{sent.url.scheme}://{sent.url.netloc.decode()}",
        path=sent.url.path,
        query_string=sent.url.query.decode(),
        headers=list(sent.headers.multi_items()),
        data=sent.content,
    ).get_environ()
    received = Response(
        response.content, status=response.status_code, headers=list(response.headers.multi_items())
    )
    check_exchange(Request(environ), received)
