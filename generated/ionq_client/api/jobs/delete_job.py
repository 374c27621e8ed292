from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_deleted import JobDeleted
from ...types import Response


def _get_kwargs(
    uuid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/jobs/{uuid}".format(
            uuid=quote(str(uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobDeleted | None:
    if response.status_code == 200:
        response_200 = JobDeleted.from_dict(response.json())

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
) -> Response[BadRequestError | Error | JobDeleted]:
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
) -> Response[BadRequestError | Error | JobDeleted]:
    """Delete a job

     Deletes the job and its results; a job that has not finished is
    canceled first. Afterwards every operation on the id answers 404,
    and `GET /jobs` no longer lists it. A job that is unknown, belongs
    to another key or was deleted before answers 404. One circuit of a
    multi-circuit job is deleted with its whole batch: the SDKs pair the
    aggregated results with circuits by position, so a batch missing one
    would shift the rest. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobDeleted]
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
) -> BadRequestError | Error | JobDeleted | None:
    """Delete a job

     Deletes the job and its results; a job that has not finished is
    canceled first. Afterwards every operation on the id answers 404,
    and `GET /jobs` no longer lists it. A job that is unknown, belongs
    to another key or was deleted before answers 404. One circuit of a
    multi-circuit job is deleted with its whole batch: the SDKs pair the
    aggregated results with circuits by position, so a batch missing one
    would shift the rest. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobDeleted
    """

    return sync_detailed(
        uuid=uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[BadRequestError | Error | JobDeleted]:
    """Delete a job

     Deletes the job and its results; a job that has not finished is
    canceled first. Afterwards every operation on the id answers 404,
    and `GET /jobs` no longer lists it. A job that is unknown, belongs
    to another key or was deleted before answers 404. One circuit of a
    multi-circuit job is deleted with its whole batch: the SDKs pair the
    aggregated results with circuits by position, so a batch missing one
    would shift the rest. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobDeleted]
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
) -> BadRequestError | Error | JobDeleted | None:
    """Delete a job

     Deletes the job and its results; a job that has not finished is
    canceled first. Afterwards every operation on the id answers 404,
    and `GET /jobs` no longer lists it. A job that is unknown, belongs
    to another key or was deleted before answers 404. One circuit of a
    multi-circuit job is deleted with its whole batch: the SDKs pair the
    aggregated results with circuits by position, so a batch missing one
    would shift the rest. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobDeleted
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            client=client,
        )
    ).parsed
