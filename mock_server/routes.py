"""Flask routes derived from openapi.yaml, one per operation, under the spec's base path.

Nothing here names a path of the API: each operation of the description
becomes a URL rule (`/v0.4` from `servers`, `{param}` turned into
`<param>`), and its view runs the same steps for every operation: validate
the request against the precompiled schemas, honour a `Prefer` scenario, and
only then call the operation's handler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from flask import Flask, Response, request
from werkzeug.routing import BaseConverter, Map

from ionq_contract.operations import Operation
from ionq_contract.spec import SpecError
from mock_server.controls import scenarios
from mock_server.controls.faults import intercept
from mock_server.controls.scenarios import PREFER_HEADER
from mock_server.controls.state import Controls
from mock_server.validation import RequestValidator
from mock_server.wire import notes
from mock_server.wire.errors import rejection_response

# A handler of mock_server.api with its ApiState bound: it takes the path values only.
BoundHandler = Callable[..., Response]

_TEMPLATE_VARIABLE = re.compile(r"\{([^{}/]+)\}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class OtherThan(BaseConverter):
    """A path segment that is none of the given words.

    `/jobs/{UUID}` beside `/jobs/estimate`: `DELETE /jobs/estimate` must
    answer 405 (estimate takes GET only), not reach deleteJob with the
    UUID "estimate". So a parameter never matches the fixed segments its
    sibling paths have at the same place.
    """

    def __init__(self, url_map: Map, *words: str) -> None:
        super().__init__(url_map)
        alternatives = "|".join(re.escape(word) for word in words)
        self.regex = f"(?!(?:{alternatives})$)[^/]+"


CONVERTERS = {"other_than": OtherThan}


def flask_rule(base_path: str, path: str, paths: Iterable[str] = ()) -> str:
    """The Flask URL rule of a spec path under the base path.

    `/v0.4` and `/backends/{backend}` give `/v0.4/backends/<backend>`. With
    the spec's other `paths`, a parameter excludes the fixed segments of its
    siblings: `/jobs/{UUID}` beside `/jobs/estimate` gives
    `/jobs/<other_than("estimate"):UUID>`.
    """
    segments = path.split("/")
    others = [other.split("/") for other in paths if other != path]
    parts = []
    for index, segment in enumerate(segments):
        match = _TEMPLATE_VARIABLE.fullmatch(segment)
        if match is None:
            parts.append(segment)
            continue
        name = match.group(1)
        if not _IDENTIFIER.fullmatch(name):
            raise SpecError(f"path parameter {name!r} of {path} is not a valid identifier")
        fixed = sorted(
            {
                other[index]
                for other in others
                if len(other) > index
                and other[:index] == segments[:index]
                and not _TEMPLATE_VARIABLE.fullmatch(other[index])
            }
        )
        words = ", ".join(f'"{word}"' for word in fixed)
        parts.append(f"<other_than({words}):{name}>" if fixed else f"<{name}>")
    return base_path.rstrip("/") + "/".join(parts)


def register_operations(  # noqa: PLR0913 - what the routes are made of
    app: Flask,
    base_path: str,
    operations: tuple[Operation, ...],
    handlers: Mapping[str, BoundHandler],
    controls: Controls,
    *,
    pure: frozenset[str] = frozenset(),
) -> None:
    """Add a URL rule for every operation; refuse to start if one has no handler.

    `handlers` are mock_server.api's, already bound to the app's ApiState;
    the answers of the operations in `pure` may be kept by the fast path.
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
    app.url_map.converters.update(CONVERTERS)
    paths = {operation.path for operation in operations}
    for operation in operations:
        app.add_url_rule(
            flask_rule(base_path, operation.path, paths),
            endpoint=operation.operation_id,
            view_func=operation_view(
                operation,
                handlers[operation.operation_id],
                controls,
                pure=operation.operation_id in pure,
            ),
            methods=[operation.method],
        )


def operation_view(
    operation: Operation, handler: BoundHandler, controls: Controls, *, pure: bool = False
) -> Callable[..., Response]:
    """The view of one operation: validate, then a scenario or the handler.

    The validators are compiled here, once, so that the view itself does no
    work that depends on the description. A `pure` operation marks the
    answers of its validator, its handler and its documented examples (not
    those of a fault, a `delay=` or a `drop`) as ones the fast path may keep
    (mock_server/front).
    """
    validator = RequestValidator(operation)

    def view(**path_values: str) -> Response:
        # Rate limit and fault rules first, as a gateway would (mock_server/controls/faults.py).
        injected = intercept(controls.faults, controls.rate_limit, operation)
        if injected is not None:
            return injected
        rejection = validator.check(path_values, request)
        if rejection is not None:
            answer, keepable = rejection_response(rejection), pure
        else:
            prefer = request.headers.get(PREFER_HEADER)
            scenario = None
            if prefer:
                scenario = scenarios.scenario_response(operation, prefer, path_values)
            answer = scenario if scenario is not None else handler(**path_values)
            keepable = pure and (not prefer or scenarios.is_pure(prefer))
        if keepable:
            notes.note_pure(request.environ)
        return answer

    view.__name__ = operation.operation_id
    view.__doc__ = f"{operation.method} {operation.path} ({operation.operation_id})."
    return view
