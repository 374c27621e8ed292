from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.create_session_request import CreateSessionRequest
from ...models.error import Error
from ...models.session import Session
from ...types import Response


def _get_kwargs(
    *,
    body: CreateSessionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sessions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | Session | None:
    if response.status_code == 201:
        response_201 = Session.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = BadRequestError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[BadRequestError | Error | Session]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateSessionRequest,
) -> Response[BadRequestError | Error | Session]:
    """Open a session

     Opens a session on one backend: jobs submitted with its id as
    `session_id` run in it, within its limits. `settings` may cap the
    number of jobs (`job_count_limit`), its duration in minutes
    (`duration_limit_min`) and the estimated cost of its jobs
    (`cost_limit`); a job beyond a limit is refused with 409 (see
    `POST /jobs`). The session is `created` and `active`; its first
    job makes it `started`, `POST /sessions/{session_id}/end` makes it
    `ended`. It belongs to the key that opened it: other keys see it
    as unknown (404). Needs `Authorization: apiKey <key>`.

    Args:
        body (CreateSessionRequest): The backend of a new session and its limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | Session]
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
    body: CreateSessionRequest,
) -> BadRequestError | Error | Session | None:
    """Open a session

     Opens a session on one backend: jobs submitted with its id as
    `session_id` run in it, within its limits. `settings` may cap the
    number of jobs (`job_count_limit`), its duration in minutes
    (`duration_limit_min`) and the estimated cost of its jobs
    (`cost_limit`); a job beyond a limit is refused with 409 (see
    `POST /jobs`). The session is `created` and `active`; its first
    job makes it `started`, `POST /sessions/{session_id}/end` makes it
    `ended`. It belongs to the key that opened it: other keys see it
    as unknown (404). Needs `Authorization: apiKey <key>`.

    Args:
        body (CreateSessionRequest): The backend of a new session and its limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | Session
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateSessionRequest,
) -> Response[BadRequestError | Error | Session]:
    """Open a session

     Opens a session on one backend: jobs submitted with its id as
    `session_id` run in it, within its limits. `settings` may cap the
    number of jobs (`job_count_limit`), its duration in minutes
    (`duration_limit_min`) and the estimated cost of its jobs
    (`cost_limit`); a job beyond a limit is refused with 409 (see
    `POST /jobs`). The session is `created` and `active`; its first
    job makes it `started`, `POST /sessions/{session_id}/end` makes it
    `ended`. It belongs to the key that opened it: other keys see it
    as unknown (404). Needs `Authorization: apiKey <key>`.

    Args:
        body (CreateSessionRequest): The backend of a new session and its limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | Session]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateSessionRequest,
) -> BadRequestError | Error | Session | None:
    """Open a session

     Opens a session on one backend: jobs submitted with its id as
    `session_id` run in it, within its limits. `settings` may cap the
    number of jobs (`job_count_limit`), its duration in minutes
    (`duration_limit_min`) and the estimated cost of its jobs
    (`cost_limit`); a job beyond a limit is refused with 409 (see
    `POST /jobs`). The session is `created` and `active`; its first
    job makes it `started`, `POST /sessions/{session_id}/end` makes it
    `ended`. It belongs to the key that opened it: other keys see it
    as unknown (404). Needs `Authorization: apiKey <key>`.

    Args:
        body (CreateSessionRequest): The backend of a new session and its limits.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | Session
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
