from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_canceled import JobCanceled
from ...types import Response


def _get_kwargs(
    uuid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/jobs/{uuid}/status/cancel".format(
            uuid=quote(str(uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobCanceled | None:
    if response.status_code == 200:
        response_200 = JobCanceled.from_dict(response.json())

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
) -> Response[BadRequestError | Error | JobCanceled]:
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
) -> Response[BadRequestError | Error | JobCanceled]:
    """Cancel a job

     Cancels the job: one that has not finished becomes `canceled` and
    will have no results; so does a completed one, whose results go (a
    circuit of a batch takes its batch with it). A failed job stays
    `failed`. The answer is `{"id", "status": "canceled"}` either way;
    GET tells the job's status. A job's completion is visible from the
    first read of it (GET of the job, its results or a list that
    includes it), so qiskit-ionq's first poll right after submission
    sees `completed`; on a QPU whose queue takes time on the fake's
    clock (docs/jobs.md) a job completes at the end of its run, read or
    not. Takes no body. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCanceled]
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
) -> BadRequestError | Error | JobCanceled | None:
    """Cancel a job

     Cancels the job: one that has not finished becomes `canceled` and
    will have no results; so does a completed one, whose results go (a
    circuit of a batch takes its batch with it). A failed job stays
    `failed`. The answer is `{"id", "status": "canceled"}` either way;
    GET tells the job's status. A job's completion is visible from the
    first read of it (GET of the job, its results or a list that
    includes it), so qiskit-ionq's first poll right after submission
    sees `completed`; on a QPU whose queue takes time on the fake's
    clock (docs/jobs.md) a job completes at the end of its run, read or
    not. Takes no body. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCanceled
    """

    return sync_detailed(
        uuid=uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[BadRequestError | Error | JobCanceled]:
    """Cancel a job

     Cancels the job: one that has not finished becomes `canceled` and
    will have no results; so does a completed one, whose results go (a
    circuit of a batch takes its batch with it). A failed job stays
    `failed`. The answer is `{"id", "status": "canceled"}` either way;
    GET tells the job's status. A job's completion is visible from the
    first read of it (GET of the job, its results or a list that
    includes it), so qiskit-ionq's first poll right after submission
    sees `completed`; on a QPU whose queue takes time on the fake's
    clock (docs/jobs.md) a job completes at the end of its run, read or
    not. Takes no body. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCanceled]
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
) -> BadRequestError | Error | JobCanceled | None:
    """Cancel a job

     Cancels the job: one that has not finished becomes `canceled` and
    will have no results; so does a completed one, whose results go (a
    circuit of a batch takes its batch with it). A failed job stays
    `failed`. The answer is `{"id", "status": "canceled"}` either way;
    GET tells the job's status. A job's completion is visible from the
    first read of it (GET of the job, its results or a list that
    includes it), so qiskit-ionq's first poll right after submission
    sees `completed`; on a QPU whose queue takes time on the fake's
    clock (docs/jobs.md) a job completes at the end of its run, read or
    not. Takes no body. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCanceled
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            client=client,
        )
    ).parsed
