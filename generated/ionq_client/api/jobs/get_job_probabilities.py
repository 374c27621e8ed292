from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_probabilities import JobProbabilities
from ...types import UNSET, Response, Unset


def _get_kwargs(
    uuid: UUID,
    *,
    sharpen: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["sharpen"] = sharpen

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{uuid}/results/probabilities".format(
            uuid=quote(str(uuid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobProbabilities | None:
    if response.status_code == 200:
        response_200 = JobProbabilities.from_dict(response.json())

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
) -> Response[BadRequestError | Error | JobProbabilities]:
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
    sharpen: bool | Unset = UNSET,
) -> Response[BadRequestError | Error | JobProbabilities]:
    """Get a job's probabilities

     Returns the measured (or, on the ideal simulator, computed)
    probability of each basis state, keyed by the state as a decimal
    integer with qubit 0 as the least significant bit: with 2 qubits,
    `"1"` is qubit 0 set and qubit 1 clear. States of probability 0
    may be left out. This is what every SDK turns into counts. Until
    the job has completed, and for a job that failed, was canceled or
    was a dry run, there are no results and the answer is 404, as IonQ
    documents ("job not found or not yet completed"). A multi-circuit
    parent has its results at `.../results/probabilities/aggregated`.
    Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        sharpen (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobProbabilities]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        sharpen=sharpen,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    sharpen: bool | Unset = UNSET,
) -> BadRequestError | Error | JobProbabilities | None:
    """Get a job's probabilities

     Returns the measured (or, on the ideal simulator, computed)
    probability of each basis state, keyed by the state as a decimal
    integer with qubit 0 as the least significant bit: with 2 qubits,
    `"1"` is qubit 0 set and qubit 1 clear. States of probability 0
    may be left out. This is what every SDK turns into counts. Until
    the job has completed, and for a job that failed, was canceled or
    was a dry run, there are no results and the answer is 404, as IonQ
    documents ("job not found or not yet completed"). A multi-circuit
    parent has its results at `.../results/probabilities/aggregated`.
    Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        sharpen (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobProbabilities
    """

    return sync_detailed(
        uuid=uuid,
        client=client,
        sharpen=sharpen,
    ).parsed


async def asyncio_detailed(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    sharpen: bool | Unset = UNSET,
) -> Response[BadRequestError | Error | JobProbabilities]:
    """Get a job's probabilities

     Returns the measured (or, on the ideal simulator, computed)
    probability of each basis state, keyed by the state as a decimal
    integer with qubit 0 as the least significant bit: with 2 qubits,
    `"1"` is qubit 0 set and qubit 1 clear. States of probability 0
    may be left out. This is what every SDK turns into counts. Until
    the job has completed, and for a job that failed, was canceled or
    was a dry run, there are no results and the answer is 404, as IonQ
    documents ("job not found or not yet completed"). A multi-circuit
    parent has its results at `.../results/probabilities/aggregated`.
    Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        sharpen (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobProbabilities]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
        sharpen=sharpen,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    uuid: UUID,
    *,
    client: AuthenticatedClient,
    sharpen: bool | Unset = UNSET,
) -> BadRequestError | Error | JobProbabilities | None:
    """Get a job's probabilities

     Returns the measured (or, on the ideal simulator, computed)
    probability of each basis state, keyed by the state as a decimal
    integer with qubit 0 as the least significant bit: with 2 qubits,
    `"1"` is qubit 0 set and qubit 1 clear. States of probability 0
    may be left out. This is what every SDK turns into counts. Until
    the job has completed, and for a job that failed, was canceled or
    was a dry run, there are no results and the answer is 404, as IonQ
    documents ("job not found or not yet completed"). A multi-circuit
    parent has its results at `.../results/probabilities/aggregated`.
    Needs `Authorization: apiKey <key>`.

    Args:
        uuid (UUID):
        sharpen (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobProbabilities
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            client=client,
            sharpen=sharpen,
        )
    ).parsed
