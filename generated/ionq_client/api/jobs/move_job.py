from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.clone_job_payload import CloneJobPayload
from ...models.error import Error
from ...models.job_creation_response import JobCreationResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    uuid: UUID,
    *,
    body: CloneJobPayload | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs/{uuid}/move".format(
            uuid=quote(str(uuid), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    body: CloneJobPayload | Unset = UNSET,
) -> Response[BadRequestError | Error | JobCreationResponse]:
    """Replace a waiting job by a changed copy

     Copies a job that has not finished, as `POST /jobs/{UUID}/clone`
    does (same circuits, the body's fields changed), and cancels the
    job it copied, both in one request: the usual way to send a queued
    job to another backend, or to change its shots, without leaving the
    old one in the queue. The new job's `metadata` is that of the copy
    plus `original_job_id`, the id of the job it replaces (a value the
    body gives under that key is overwritten).

    Either both happen or neither: a job that can no longer be
    canceled (it has completed, failed or was canceled already, by a
    move before, say) answers 409 and no job is created. The new job
    belongs to the same key. As with `POST /jobs`, what JSON Schema
    cannot check (a copy onto a backend too narrow for it) is accepted
    and then `failed`; the old job is canceled all the same. A job that
    is unknown, belongs to another key, was deleted or is one circuit
    of a multi-circuit job answers 404. A copy into another session,
    or onto another backend in its session, is admitted by that session
    as `POST /jobs` admits a job (409 `SessionRefused`, and
    nothing changes); a copy that keeps the session and backend takes
    the original's place in it and is not counted again. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        body (CloneJobPayload | Unset): What a copy of a job changes; everything left out is
            copied from
            the job, its circuits always. The body of both clone and move. A
            `noise` replaces the job's as a whole: a `model` without `seed`
            gives the copy a seed of its own (derived from its id), not the
            job's; a QPU copy ignores it, as a new QPU job does.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCreationResponse]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    body: CloneJobPayload | Unset = UNSET,
) -> BadRequestError | Error | JobCreationResponse | None:
    """Replace a waiting job by a changed copy

     Copies a job that has not finished, as `POST /jobs/{UUID}/clone`
    does (same circuits, the body's fields changed), and cancels the
    job it copied, both in one request: the usual way to send a queued
    job to another backend, or to change its shots, without leaving the
    old one in the queue. The new job's `metadata` is that of the copy
    plus `original_job_id`, the id of the job it replaces (a value the
    body gives under that key is overwritten).

    Either both happen or neither: a job that can no longer be
    canceled (it has completed, failed or was canceled already, by a
    move before, say) answers 409 and no job is created. The new job
    belongs to the same key. As with `POST /jobs`, what JSON Schema
    cannot check (a copy onto a backend too narrow for it) is accepted
    and then `failed`; the old job is canceled all the same. A job that
    is unknown, belongs to another key, was deleted or is one circuit
    of a multi-circuit job answers 404. A copy into another session,
    or onto another backend in its session, is admitted by that session
    as `POST /jobs` admits a job (409 `SessionRefused`, and
    nothing changes); a copy that keeps the session and backend takes
    the original's place in it and is not counted again. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        body (CloneJobPayload | Unset): What a copy of a job changes; everything left out is
            copied from
            the job, its circuits always. The body of both clone and move. A
            `noise` replaces the job's as a whole: a `model` without `seed`
            gives the copy a seed of its own (derived from its id), not the
            job's; a QPU copy ignores it, as a new QPU job does.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCreationResponse
    """

    return sync_detailed(
        uuid=uuid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    body: CloneJobPayload | Unset = UNSET,
) -> Response[BadRequestError | Error | JobCreationResponse]:
    """Replace a waiting job by a changed copy

     Copies a job that has not finished, as `POST /jobs/{UUID}/clone`
    does (same circuits, the body's fields changed), and cancels the
    job it copied, both in one request: the usual way to send a queued
    job to another backend, or to change its shots, without leaving the
    old one in the queue. The new job's `metadata` is that of the copy
    plus `original_job_id`, the id of the job it replaces (a value the
    body gives under that key is overwritten).

    Either both happen or neither: a job that can no longer be
    canceled (it has completed, failed or was canceled already, by a
    move before, say) answers 409 and no job is created. The new job
    belongs to the same key. As with `POST /jobs`, what JSON Schema
    cannot check (a copy onto a backend too narrow for it) is accepted
    and then `failed`; the old job is canceled all the same. A job that
    is unknown, belongs to another key, was deleted or is one circuit
    of a multi-circuit job answers 404. A copy into another session,
    or onto another backend in its session, is admitted by that session
    as `POST /jobs` admits a job (409 `SessionRefused`, and
    nothing changes); a copy that keeps the session and backend takes
    the original's place in it and is not counted again. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        body (CloneJobPayload | Unset): What a copy of a job changes; everything left out is
            copied from
            the job, its circuits always. The body of both clone and move. A
            `noise` replaces the job's as a whole: a `model` without `seed`
            gives the copy a seed of its own (derived from its id), not the
            job's; a QPU copy ignores it, as a new QPU job does.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobCreationResponse]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    body: CloneJobPayload | Unset = UNSET,
) -> BadRequestError | Error | JobCreationResponse | None:
    """Replace a waiting job by a changed copy

     Copies a job that has not finished, as `POST /jobs/{UUID}/clone`
    does (same circuits, the body's fields changed), and cancels the
    job it copied, both in one request: the usual way to send a queued
    job to another backend, or to change its shots, without leaving the
    old one in the queue. The new job's `metadata` is that of the copy
    plus `original_job_id`, the id of the job it replaces (a value the
    body gives under that key is overwritten).

    Either both happen or neither: a job that can no longer be
    canceled (it has completed, failed or was canceled already, by a
    move before, say) answers 409 and no job is created. The new job
    belongs to the same key. As with `POST /jobs`, what JSON Schema
    cannot check (a copy onto a backend too narrow for it) is accepted
    and then `failed`; the old job is canceled all the same. A job that
    is unknown, belongs to another key, was deleted or is one circuit
    of a multi-circuit job answers 404. A copy into another session,
    or onto another backend in its session, is admitted by that session
    as `POST /jobs` admits a job (409 `SessionRefused`, and
    nothing changes); a copy that keeps the session and backend takes
    the original's place in it and is not counted again. Needs
    `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        body (CloneJobPayload | Unset): What a copy of a job changes; everything left out is
            copied from
            the job, its circuits always. The body of both clone and move. A
            `noise` replaces the job's as a whole: a `model` without `seed`
            gives the copy a seed of its own (derived from its id), not the
            job's; a QPU copy ignores it, as a new QPU job does.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobCreationResponse
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            client=client,
            body=body,
        )
    ).parsed
