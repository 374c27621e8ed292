from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    uuid: UUID,
    artifact_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{uuid}/artifacts/{artifact_id}".format(
            uuid=quote(str(uuid), safe=""),
            artifact_id=quote(str(artifact_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | BadRequestError | Error | None:
    if response.status_code == 200:
        response_200 = response.json()
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
) -> Response[Any | BadRequestError | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    uuid: UUID,
    artifact_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | BadRequestError | Error]:
    """Get one of a job's artifacts

     Returns the artifact an `ArtifactDescriptor` of the job names (its
    `id`): a result in one of IonQ's result formats (`results`), a
    compiled circuit (`output.compilation.compiled_circuits`), a
    variant's results or an aggregation of error mitigation
    (`output.error_mitigation`). The body is an instance of the JSON
    Schema `GET /schemas/formats/{format}` serves for the descriptor's
    `format`. Artifact ids are unique per job and stable: the same id
    answers the same document on every read. 404 for an id the job
    does not have. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        artifact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestError | Error]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        artifact_id=artifact_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    uuid: UUID,
    artifact_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | BadRequestError | Error | None:
    """Get one of a job's artifacts

     Returns the artifact an `ArtifactDescriptor` of the job names (its
    `id`): a result in one of IonQ's result formats (`results`), a
    compiled circuit (`output.compilation.compiled_circuits`), a
    variant's results or an aggregation of error mitigation
    (`output.error_mitigation`). The body is an instance of the JSON
    Schema `GET /schemas/formats/{format}` serves for the descriptor's
    `format`. Artifact ids are unique per job and stable: the same id
    answers the same document on every read. 404 for an id the job
    does not have. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        artifact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestError | Error
    """

    return sync_detailed(
        uuid=uuid,
        artifact_id=artifact_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    uuid: UUID,
    artifact_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | BadRequestError | Error]:
    """Get one of a job's artifacts

     Returns the artifact an `ArtifactDescriptor` of the job names (its
    `id`): a result in one of IonQ's result formats (`results`), a
    compiled circuit (`output.compilation.compiled_circuits`), a
    variant's results or an aggregation of error mitigation
    (`output.error_mitigation`). The body is an instance of the JSON
    Schema `GET /schemas/formats/{format}` serves for the descriptor's
    `format`. Artifact ids are unique per job and stable: the same id
    answers the same document on every read. 404 for an id the job
    does not have. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        artifact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestError | Error]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        artifact_id=artifact_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    uuid: UUID,
    artifact_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | BadRequestError | Error | None:
    """Get one of a job's artifacts

     Returns the artifact an `ArtifactDescriptor` of the job names (its
    `id`): a result in one of IonQ's result formats (`results`), a
    compiled circuit (`output.compilation.compiled_circuits`), a
    variant's results or an aggregation of error mitigation
    (`output.error_mitigation`). The body is an instance of the JSON
    Schema `GET /schemas/formats/{format}` serves for the descriptor's
    `format`. Artifact ids are unique per job and stable: the same id
    answers the same document on every read. 404 for an id the job
    does not have. Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        artifact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestError | Error
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            artifact_id=artifact_id,
            client=client,
        )
    ).parsed
