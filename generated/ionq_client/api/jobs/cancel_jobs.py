from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_id_list import JobIdList
from ...models.jobs_canceled import JobsCanceled
from ...types import Response


def _get_kwargs(
    *,
    body: JobIdList,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/jobs/status/cancel",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobsCanceled | None:
    if response.status_code == 200:
        response_200 = JobsCanceled.from_dict(response.json())

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
) -> Response[BadRequestError | Error | JobsCanceled]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: JobIdList,
) -> Response[BadRequestError | Error | JobsCanceled]:
    """Cancel several jobs

     Cancels the key's jobs named in `ids`, as `PUT
    /jobs/{UUID}/status/cancel` cancels one (a completed job too). The
    answer lists the jobs that are canceled now, in the order they were
    asked for: those this request canceled and those canceled before.
    Ids that are unknown, belong to another key, or name a failed job
    are skipped, not refused, so that one of them does not block
    canceling the rest. Needs `Authorization: apiKey <key>`.

    Args:
        body (JobIdList): Several jobs, by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobsCanceled]
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
    body: JobIdList,
) -> BadRequestError | Error | JobsCanceled | None:
    """Cancel several jobs

     Cancels the key's jobs named in `ids`, as `PUT
    /jobs/{UUID}/status/cancel` cancels one (a completed job too). The
    answer lists the jobs that are canceled now, in the order they were
    asked for: those this request canceled and those canceled before.
    Ids that are unknown, belong to another key, or name a failed job
    are skipped, not refused, so that one of them does not block
    canceling the rest. Needs `Authorization: apiKey <key>`.

    Args:
        body (JobIdList): Several jobs, by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobsCanceled
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: JobIdList,
) -> Response[BadRequestError | Error | JobsCanceled]:
    """Cancel several jobs

     Cancels the key's jobs named in `ids`, as `PUT
    /jobs/{UUID}/status/cancel` cancels one (a completed job too). The
    answer lists the jobs that are canceled now, in the order they were
    asked for: those this request canceled and those canceled before.
    Ids that are unknown, belong to another key, or name a failed job
    are skipped, not refused, so that one of them does not block
    canceling the rest. Needs `Authorization: apiKey <key>`.

    Args:
        body (JobIdList): Several jobs, by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobsCanceled]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: JobIdList,
) -> BadRequestError | Error | JobsCanceled | None:
    """Cancel several jobs

     Cancels the key's jobs named in `ids`, as `PUT
    /jobs/{UUID}/status/cancel` cancels one (a completed job too). The
    answer lists the jobs that are canceled now, in the order they were
    asked for: those this request canceled and those canceled before.
    Ids that are unknown, belong to another key, or name a failed job
    are skipped, not refused, so that one of them does not block
    canceling the rest. Needs `Authorization: apiKey <key>`.

    Args:
        body (JobIdList): Several jobs, by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobsCanceled
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
