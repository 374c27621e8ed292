from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_backend import JobBackend
from ...models.job_page import JobPage
from ...models.job_status import JobStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    ids: list[UUID] | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    target: JobBackend | Unset = UNSET,
    parent_job_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
    next_: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_ids: list[str] | Unset = UNSET
    if not isinstance(ids, Unset):
        json_ids = []
        for ids_item_data in ids:
            ids_item = str(ids_item_data)
            json_ids.append(ids_item)

    params["ids"] = json_ids

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_target: str | Unset = UNSET
    if not isinstance(target, Unset):
        json_target = target.value

    params["target"] = json_target

    json_parent_job_id: str | Unset = UNSET
    if not isinstance(parent_job_id, Unset):
        json_parent_job_id = str(parent_job_id)
    params["parent_job_id"] = json_parent_job_id

    params["limit"] = limit

    params["next"] = next_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sessions/{session_id}/jobs".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobPage | None:
    if response.status_code == 200:
        response_200 = JobPage.from_dict(response.json())

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
) -> Response[BadRequestError | Error | JobPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    ids: list[UUID] | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    target: JobBackend | Unset = UNSET,
    parent_job_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
    next_: str | Unset = UNSET,
) -> Response[BadRequestError | Error | JobPage]:
    """List a session's jobs

     `GET /jobs` narrowed to one session of the key: the same filters,
    page size and cursor, the same page. A session that is unknown or
    another key's answers 404; an ended one still lists its jobs.
    Needs `Authorization: apiKey <key>`.

    Args:
        session_id (str):
        ids (list[UUID] | Unset):
        status (JobStatus | Unset): Where a job is in its life: `submitted` (accepted, not yet
            scheduled), `ready` (queued on its backend), `started` (running),
            then one of the final statuses `completed`, `failed` or
            `canceled`. A job only moves forward through this list, and a
            final status never changes. There is no `running`: qiskit-ionq
            raises on any status it does not know and ionq-core checks the
            value against this list.
             Example: completed.
        target (JobBackend | Unset): Where a job runs: one of the backends of `BackendName`, or
            `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        parent_job_id (UUID | Unset):
        limit (int | Unset):  Default: 100.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobPage]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        ids=ids,
        status=status,
        target=target,
        parent_job_id=parent_job_id,
        limit=limit,
        next_=next_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient,
    ids: list[UUID] | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    target: JobBackend | Unset = UNSET,
    parent_job_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
    next_: str | Unset = UNSET,
) -> BadRequestError | Error | JobPage | None:
    """List a session's jobs

     `GET /jobs` narrowed to one session of the key: the same filters,
    page size and cursor, the same page. A session that is unknown or
    another key's answers 404; an ended one still lists its jobs.
    Needs `Authorization: apiKey <key>`.

    Args:
        session_id (str):
        ids (list[UUID] | Unset):
        status (JobStatus | Unset): Where a job is in its life: `submitted` (accepted, not yet
            scheduled), `ready` (queued on its backend), `started` (running),
            then one of the final statuses `completed`, `failed` or
            `canceled`. A job only moves forward through this list, and a
            final status never changes. There is no `running`: qiskit-ionq
            raises on any status it does not know and ionq-core checks the
            value against this list.
             Example: completed.
        target (JobBackend | Unset): Where a job runs: one of the backends of `BackendName`, or
            `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        parent_job_id (UUID | Unset):
        limit (int | Unset):  Default: 100.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobPage
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        ids=ids,
        status=status,
        target=target,
        parent_job_id=parent_job_id,
        limit=limit,
        next_=next_,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    ids: list[UUID] | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    target: JobBackend | Unset = UNSET,
    parent_job_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
    next_: str | Unset = UNSET,
) -> Response[BadRequestError | Error | JobPage]:
    """List a session's jobs

     `GET /jobs` narrowed to one session of the key: the same filters,
    page size and cursor, the same page. A session that is unknown or
    another key's answers 404; an ended one still lists its jobs.
    Needs `Authorization: apiKey <key>`.

    Args:
        session_id (str):
        ids (list[UUID] | Unset):
        status (JobStatus | Unset): Where a job is in its life: `submitted` (accepted, not yet
            scheduled), `ready` (queued on its backend), `started` (running),
            then one of the final statuses `completed`, `failed` or
            `canceled`. A job only moves forward through this list, and a
            final status never changes. There is no `running`: qiskit-ionq
            raises on any status it does not know and ionq-core checks the
            value against this list.
             Example: completed.
        target (JobBackend | Unset): Where a job runs: one of the backends of `BackendName`, or
            `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        parent_job_id (UUID | Unset):
        limit (int | Unset):  Default: 100.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobPage]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        ids=ids,
        status=status,
        target=target,
        parent_job_id=parent_job_id,
        limit=limit,
        next_=next_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient,
    ids: list[UUID] | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    target: JobBackend | Unset = UNSET,
    parent_job_id: UUID | Unset = UNSET,
    limit: int | Unset = 100,
    next_: str | Unset = UNSET,
) -> BadRequestError | Error | JobPage | None:
    """List a session's jobs

     `GET /jobs` narrowed to one session of the key: the same filters,
    page size and cursor, the same page. A session that is unknown or
    another key's answers 404; an ended one still lists its jobs.
    Needs `Authorization: apiKey <key>`.

    Args:
        session_id (str):
        ids (list[UUID] | Unset):
        status (JobStatus | Unset): Where a job is in its life: `submitted` (accepted, not yet
            scheduled), `ready` (queued on its backend), `started` (running),
            then one of the final statuses `completed`, `failed` or
            `canceled`. A job only moves forward through this list, and a
            final status never changes. There is no `running`: qiskit-ionq
            raises on any status it does not know and ionq-core checks the
            value against this list.
             Example: completed.
        target (JobBackend | Unset): Where a job runs: one of the backends of `BackendName`, or
            `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        parent_job_id (UUID | Unset):
        limit (int | Unset):  Default: 100.
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobPage
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            ids=ids,
            status=status,
            target=target,
            parent_job_id=parent_job_id,
            limit=limit,
            next_=next_,
        )
    ).parsed
