"""Flask routes derived from openapi.yaml, one per operation, under the spec's base path.

Nothing here names a path of the API: each operation of the description
becomes a URL rule (`/v0.4` from `servers`, `{param}` turned into
`<param>`), and its view runs the same steps for every operation: validate
the request against the precompiled schemas, honour a `Prefer` scenario, and
only then call the operation's handler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from flask import Flask, Response, request

from ionq_contract.operations import Operation
from ionq_contract.spec import SpecError
from mock_server.controls.faults import intercept
from mock_server.controls.scenarios import PREFER_HEADER, scenario_response
from mock_server.controls.state import Controls
from mock_server.validation import RequestValidator
from mock_server.wire.errors import rejection_response

# A handler of mock_server.api with its ApiState bound: it takes the path values only.
BoundHandler = Callable[..., Response]

_TEMPLATE_VARIABLE = re.compile(r"\{([^{}/]+)\}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def flask_rule(base_path: str, path: str) -> str:
    """The Flask URL rule of a spec path under the base path.

    `/v0.4` and `/backends/{backend}` give `/v0.4/backends/<backend>`.
    """

    def variable(match: re.Match[str]) -> str:
        name = match.group(1)
        if not _IDENTIFIER.fullmatch(name):
            raise SpecError(f"path parameter {name!r} of {path} is not a valid identifier")
        return f"<{name}>"

    return base_path.rstrip("/") + _TEMPLATE_VARIABLE.sub(variable, path)


def register_operations(
    app: Flask,
    base_path: str,
    operations: tuple[Operation, ...],
    handlers: Mapping[str, BoundHandler],
    controls: Controls,
) -> None:
    """Add a URL rule for every operation; refuse to start if one has no handler.

    `handlers` are mock_server.api's, already bound to the app's ApiState.
    """
    for op in operations:
        if not op.named:
            raise SpecError(
                f"{op.label} has no operationId, which the fake needs to find its handler"
            )
    missing = [op for op in operations if op.operation_id not in handlers]
    if missing:
        listed = ", ".join(f"{op.operation_id} ({op.label})" for op in missing)
        raise SpecError(
            f"openapi.yaml has operations without a handler in mock_server/api/: {listed}"
        )
    for operation in operations:
        app.add_url_rule(
            flask_rule(base_path, operation.path),
            endpoint=operation.operation_id,
            view_func=operation_view(operation, handlers[operation.operation_id], controls),
            methods=[operation.method],
        )


def operation_view(
    operation: Operation, handler: BoundHandler, controls: Controls
) -> Callable[..., Response]:
    """The view of one operation: validate, then a scenario or the handler.

    The validators are compiled here, once, so that the view itself does no
    work that depends on the description.
    """
    validator = RequestValidator(operation)

    def view(**path_values: str) -> Response:
        # Rate limit and fault rules first, as a gateway would (mock_server/controls/faults.py).
        injected = intercept(controls.faults, controls.rate_limit, operation)
        if injected is not None:
            return injected
        rejection = validator.check(path_values, request)
        if rejection is not None:
            return rejection_response(rejection)
        prefer = request.headers.get(PREFER_HEADER)
        if prefer:
            scenario = scenario_response(operation, prefer, path_values)
            if scenario is not None:
                return scenario
        return handler(**path_values)

    view.__name__ = operation.operation_id
    view.__doc__ = f"{operation.method} {operation.path} ({operation.operation_id})."
    return view
