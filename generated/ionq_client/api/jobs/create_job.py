from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.circuit_job_creation_payload import CircuitJobCreationPayload
from ...models.error import Error
from ...models.job_creation_response import JobCreationResponse
from ...models.multi_circuit_job_creation_payload import MultiCircuitJobCreationPayload
from ...models.qasm_3_job_creation_payload import Qasm3JobCreationPayload
from ...types import Response


def _get_kwargs(
    *,
    body: CircuitJobCreationPayload | MultiCircuitJobCreationPayload | Qasm3JobCreationPayload,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs",
    }

    if isinstance(body, CircuitJobCreationPayload):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, MultiCircuitJobCreationPayload):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobCreationResponse | None:
    if response.status_code == 201:
        response_201 = JobCreationResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = BadRequestError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = Error.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BadRequestError | Error | JobCreationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CircuitJobCreationPayload | MultiCircuitJobCreationPayload | Qasm3JobCreationPayload,
) -> Response[BadRequestError | Error | JobCreationResponse]:
    """Submit a job

     Queues one circuit (`ionq.circuit.v1`), one OpenQASM 3 program
    (`ionq.qasm3.v1`) or a batch of up to 5,000 circuits
    (`ionq.multi-circuit.v1`) to run on a backend, and answers
    201 with the new job's id at once: the job runs later, and
    `GET /jobs/{UUID}` follows it through `submitted`, `ready`,
    `started` and on to `completed`, `failed` or `canceled`.

    What JSON Schema can check is checked here and refused with 400:
    required fields, the job types, backend and noise model names,
    shots between 1 and 1,000,000, at most 64 qubits and 5,000
    circuits, gate names, closed objects. What it cannot check is not
    refused: a job whose gate is not part of its gateset, whose gate
    acts on a qubit at or above `qubits`, or which needs more qubits
    than its backend offers is accepted (201) and then `failed`, so
    that every body this schema allows gets the same answer, as the
    fake's schemathesis run checks. The failure codes are in
    `x-guessed`. A body over 10 MB is refused with 413. NaN and
    Infinity are not JSON and are refused with 400. While the service
    holds as many unfinished jobs as it takes (the fake: 1,000, held
    or waiting for a backend included), or as many of the key's own
    (the fake: 250, so that one key's flood never refuses another
    key's job), a new one is answered 429 with `Retry-After`; both
    limits are the fake's own (`x-guessed`).

    Needs `Authorization: apiKey <key>`; the job belongs to that key,
    and other keys see it as unknown (404).

    A `session_id` must name a session of the key that can take the
    job, else the job is refused with 409 (`SessionRefused`) and not
    created: the session must exist and be the key's, not have ended,
    run on the job's backend and have room under its job count,
    duration and cost limits (see `POST /sessions`). The job starts the
    session.

    Args:
        body (CircuitJobCreationPayload | MultiCircuitJobCreationPayload |
            Qasm3JobCreationPayload): A job to run: one circuit or a batch, told apart by `type`.
            Every
            object of it is closed: a field this contract does not list is
            refused with 400, so that a misspelt option is not silently
            ignored. Every field the four SDKs send is listed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCreationResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CircuitJobCreationPayload | MultiCircuitJobCreationPayload | Qasm3JobCreationPayload,
) -> BadRequestError | Error | JobCreationResponse | None:
    """Submit a job

     Queues one circuit (`ionq.circuit.v1`), one OpenQASM 3 program
    (`ionq.qasm3.v1`) or a batch of up to 5,000 circuits
    (`ionq.multi-circuit.v1`) to run on a backend, and answers
    201 with the new job's id at once: the job runs later, and
    `GET /jobs/{UUID}` follows it through `submitted`, `ready`,
    `started` and on to `completed`, `failed` or `canceled`.

    What JSON Schema can check is checked here and refused with 400:
    required fields, the job types, backend and noise model names,
    shots between 1 and 1,000,000, at most 64 qubits and 5,000
    circuits, gate names, closed objects. What it cannot check is not
    refused: a job whose gate is not part of its gateset, whose gate
    acts on a qubit at or above `qubits`, or which needs more qubits
    than its backend offers is accepted (201) and then `failed`, so
    that every body this schema allows gets the same answer, as the
    fake's schemathesis run checks. The failure codes are in
    `x-guessed`. A body over 10 MB is refused with 413. NaN and
    Infinity are not JSON and are refused with 400. While the service
    holds as many unfinished jobs as it takes (the fake: 1,000, held
    or waiting for a backend included), or as many of the key's own
    (the fake: 250, so that one key's flood never refuses another
    key's job), a new one is answered 429 with `Retry-After`; both
    limits are the fake's own (`x-guessed`).

    Needs `Authorization: apiKey <key>`; the job belongs to that key,
    and other keys see it as unknown (404).

    A `session_id` must name a session of the key that can take the
    job, else the job is refused with 409 (`SessionRefused`) and not
    created: the session must exist and be the key's, not have ended,
    run on the job's backend and have room under its job count,
    duration and cost limits (see `POST /sessions`). The job starts the
    session.

    Args:
        body (CircuitJobCreationPayload | MultiCircuitJobCreationPayload |
            Qasm3JobCreationPayload): A job to run: one circuit or a batch, told apart by `type`.
            Every
            object of it is closed: a field this contract does not list is
            refused with 400, so that a misspelt option is not silently
            ignored. Every field the four SDKs send is listed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCreationResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CircuitJobCreationPayload | MultiCircuitJobCreationPayload | Qasm3JobCreationPayload,
) -> Response[BadRequestError | Error | JobCreationResponse]:
    """Submit a job

     Queues one circuit (`ionq.circuit.v1`), one OpenQASM 3 program
    (`ionq.qasm3.v1`) or a batch of up to 5,000 circuits
    (`ionq.multi-circuit.v1`) to run on a backend, and answers
    201 with the new job's id at once: the job runs later, and
    `GET /jobs/{UUID}` follows it through `submitted`, `ready`,
    `started` and on to `completed`, `failed` or `canceled`.

    What JSON Schema can check is checked here and refused with 400:
    required fields, the job types, backend and noise model names,
    shots between 1 and 1,000,000, at most 64 qubits and 5,000
    circuits, gate names, closed objects. What it cannot check is not
    refused: a job whose gate is not part of its gateset, whose gate
    acts on a qubit at or above `qubits`, or which needs more qubits
    than its backend offers is accepted (201) and then `failed`, so
    that every body this schema allows gets the same answer, as the
    fake's schemathesis run checks. The failure codes are in
    `x-guessed`. A body over 10 MB is refused with 413. NaN and
    Infinity are not JSON and are refused with 400. While the service
    holds as many unfinished jobs as it takes (the fake: 1,000, held
    or waiting for a backend included), or as many of the key's own
    (the fake: 250, so that one key's flood never refuses another
    key's job), a new one is answered 429 with `Retry-After`; both
    limits are the fake's own (`x-guessed`).

    Needs `Authorization: apiKey <key>`; the job belongs to that key,
    and other keys see it as unknown (404).

    A `session_id` must name a session of the key that can take the
    job, else the job is refused with 409 (`SessionRefused`) and not
    created: the session must exist and be the key's, not have ended,
    run on the job's backend and have room under its job count,
    duration and cost limits (see `POST /sessions`). The job starts the
    session.

    Args:
        body (CircuitJobCreationPayload | MultiCircuitJobCreationPayload |
            Qasm3JobCreationPayload): A job to run: one circuit or a batch, told apart by `type`.
            Every
            object of it is closed: a field this contract does not list is
            refused with 400, so that a misspelt option is not silently
            ignored. Every field the four SDKs send is listed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCreationResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CircuitJobCreationPayload | MultiCircuitJobCreationPayload | Qasm3JobCreationPayload,
) -> BadRequestError | Error | JobCreationResponse | None:
    """Submit a job

     Queues one circuit (`ionq.circuit.v1`), one OpenQASM 3 program
    (`ionq.qasm3.v1`) or a batch of up to 5,000 circuits
    (`ionq.multi-circuit.v1`) to run on a backend, and answers
    201 with the new job's id at once: the job runs later, and
    `GET /jobs/{UUID}` follows it through `submitted`, `ready`,
    `started` and on to `completed`, `failed` or `canceled`.

    What JSON Schema can check is checked here and refused with 400:
    required fields, the job types, backend and noise model names,
    shots between 1 and 1,000,000, at most 64 qubits and 5,000
    circuits, gate names, closed objects. What it cannot check is not
    refused: a job whose gate is not part of its gateset, whose gate
    acts on a qubit at or above `qubits`, or which needs more qubits
    than its backend offers is accepted (201) and then `failed`, so
    that every body this schema allows gets the same answer, as the
    fake's schemathesis run checks. The failure codes are in
    `x-guessed`. A body over 10 MB is refused with 413. NaN and
    Infinity are not JSON and are refused with 400. While the service
    holds as many unfinished jobs as it takes (the fake: 1,000, held
    or waiting for a backend included), or as many of the key's own
    (the fake: 250, so that one key's flood never refuses another
    key's job), a new one is answered 429 with `Retry-After`; both
    limits are the fake's own (`x-guessed`).

    Needs `Authorization: apiKey <key>`; the job belongs to that key,
    and other keys see it as unknown (404).

    A `session_id` must name a session of the key that can take the
    job, else the job is refused with 409 (`SessionRefused`) and not
    created: the session must exist and be the key's, not have ended,
    run on the job's backend and have room under its job count,
    duration and cost limits (see `POST /sessions`). The job starts the
    session.

    Args:
        body (CircuitJobCreationPayload | MultiCircuitJobCreationPayload |
            Qasm3JobCreationPayload): A job to run: one circuit or a batch, told apart by `type`.
            Every
            object of it is closed: a field this contract does not list is
            refused with 400, so that a misspelt option is not silently
            ignored. Every field the four SDKs send is listed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCreationResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
