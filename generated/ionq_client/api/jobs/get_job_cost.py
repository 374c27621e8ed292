from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_cost import JobCost
from ...types import Response


def _get_kwargs(
    uuid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{uuid}/cost".format(
            uuid=quote(str(uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobCost | None:
    if response.status_code == 200:
        response_200 = JobCost.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
) -> Response[BadRequestError | Error | JobCost]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[BadRequestError | Error | JobCost]:
    """Get a job's cost

     Returns what a job is estimated to cost (before it ran, or for a
    dry run) and what it did cost (once it ran on a QPU). Either can be
    missing: IonQ leaves out `estimated_cost` for simulator jobs, and
    `cost` until a job is billed. A job that is unknown, belongs to
    another key or was deleted answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCost]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> BadRequestError | Error | JobCost | None:
    """Get a job's cost

     Returns what a job is estimated to cost (before it ran, or for a
    dry run) and what it did cost (once it ran on a QPU). Either can be
    missing: IonQ leaves out `estimated_cost` for simulator jobs, and
    `cost` until a job is billed. A job that is unknown, belongs to
    another key or was deleted answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCost
    """

    return sync_detailed(
        uuid=uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[BadRequestError | Error | JobCost]:
    """Get a job's cost

     Returns what a job is estimated to cost (before it ran, or for a
    dry run) and what it did cost (once it ran on a QPU). Either can be
    missing: IonQ leaves out `estimated_cost` for simulator jobs, and
    `cost` until a job is billed. A job that is unknown, belongs to
    another key or was deleted answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCost]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> BadRequestError | Error | JobCost | None:
    """Get a job's cost

     Returns what a job is estimated to cost (before it ran, or for a
    dry run) and what it did cost (once it ran on a QPU). Either can be
    missing: IonQ leaves out `estimated_cost` for simulator jobs, and
    `cost` until a job is billed. A job that is unknown, belongs to
    another key or was deleted answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCost
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            client=client,
        )
    ).parsed
