from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backend import Backend
from ...models.backend_name import BackendName
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    backend: BackendName,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/backends/{backend}".format(
            backend=quote(str(backend), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Backend | BadRequestError | Error | None:
    if response.status_code == 200:
        response_200 = Backend.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestError.from_dict(response.json())

        return response_400

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
) -> Response[Backend | BadRequestError | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    backend: BackendName,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Backend | BadRequestError | Error]:
    """Get a backend

     Returns the current state of one backend: whether it is available or
    degraded, how many qubits it offers, how long the queue is, and which
    characterization describes its performance. Check it before
    submitting jobs to a backend. Needs no API key.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Backend | BadRequestError | Error]
    """

    kwargs = _get_kwargs(
        backend=backend,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    backend: BackendName,
    *,
    client: AuthenticatedClient | Client,
) -> Backend | BadRequestError | Error | None:
    """Get a backend

     Returns the current state of one backend: whether it is available or
    degraded, how many qubits it offers, how long the queue is, and which
    characterization describes its performance. Check it before
    submitting jobs to a backend. Needs no API key.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Backend | BadRequestError | Error
    """

    return sync_detailed(
        backend=backend,
        client=client,
    ).parsed


async def asyncio_detailed(
    backend: BackendName,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Backend | BadRequestError | Error]:
    """Get a backend

     Returns the current state of one backend: whether it is available or
    degraded, how many qubits it offers, how long the queue is, and which
    characterization describes its performance. Check it before
    submitting jobs to a backend. Needs no API key.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Backend | BadRequestError | Error]
    """

    kwargs = _get_kwargs(
        backend=backend,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    backend: BackendName,
    *,
    client: AuthenticatedClient | Client,
) -> Backend | BadRequestError | Error | None:
    """Get a backend

     Returns the current state of one backend: whether it is available or
    degraded, how many qubits it offers, how long the queue is, and which
    characterization describes its performance. Check it before
    submitting jobs to a backend. Needs no API key.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Backend | BadRequestError | Error
    """

    return (
        await asyncio_detailed(
            backend=backend,
            client=client,
        )
    ).parsed
