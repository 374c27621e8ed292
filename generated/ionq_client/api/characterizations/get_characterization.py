from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.backend_name import BackendName
from ...models.bad_request_error import BadRequestError
from ...models.characterization import Characterization
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    backend: BackendName,
    uuid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/backends/{backend}/characterizations/{uuid}".format(
            backend=quote(str(backend), safe=""),
            uuid=quote(str(uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Characterization | Error | None:
    if response.status_code == 200:
        response_200 = Characterization.from_dict(response.json())

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
) -> Response[BadRequestError | Characterization | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    backend: BackendName,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BadRequestError | Characterization | Error]:
    """Get a characterization

     Returns one characterization of a backend: its qubits, which pairs
    of them two-qubit gates can join, and the fidelities and timings
    measured. A backend's `characterization_id` names the current one.
    An id that is unknown, or that belongs to another backend, answers
    404. IonQ's description lists no security for this operation and no
    global one, so it needs no API key; sending one does no harm.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Characterization | Error]
    """

    kwargs = _get_kwargs(
        backend=backend,
        uuid=uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    backend: BackendName,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> BadRequestError | Characterization | Error | None:
    """Get a characterization

     Returns one characterization of a backend: its qubits, which pairs
    of them two-qubit gates can join, and the fidelities and timings
    measured. A backend's `characterization_id` names the current one.
    An id that is unknown, or that belongs to another backend, answers
    404. IonQ's description lists no security for this operation and no
    global one, so it needs no API key; sending one does no harm.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Characterization | Error
    """

    return sync_detailed(
        backend=backend,
        uuid=uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    backend: BackendName,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BadRequestError | Characterization | Error]:
    """Get a characterization

     Returns one characterization of a backend: its qubits, which pairs
    of them two-qubit gates can join, and the fidelities and timings
    measured. A backend's `characterization_id` names the current one.
    An id that is unknown, or that belongs to another backend, answers
    404. IonQ's description lists no security for this operation and no
    global one, so it needs no API key; sending one does no harm.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Characterization | Error]
    """

    kwargs = _get_kwargs(
        backend=backend,
        uuid=uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    backend: BackendName,
    uuid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> BadRequestError | Characterization | Error | None:
    """Get a characterization

     Returns one characterization of a backend: its qubits, which pairs
    of them two-qubit gates can join, and the fidelities and timings
    measured. A backend's `characterization_id` names the current one.
    An id that is unknown, or that belongs to another backend, answers
    404. IonQ's description lists no security for this operation and no
    global one, so it needs no API key; sending one does no harm.

    Args:
        backend (BackendName): A backend that jobs can run on: one of IonQ's QPUs
            (`qpu.<family>-<n>`)
            or `simulator`, IonQ's cloud simulator. The simulator is not listed in
            IonQ's documentation of this operation, but the service serves it and
            SDKs such as qiskit-ionq ask for it, so it is part of this contract.
            IonQ adds backends over time; the generated client keeps names it does
            not know.
             Example: qpu.aria-1.
        uuid (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Characterization | Error
    """

    return (
        await asyncio_detailed(
            backend=backend,
            uuid=uuid,
            client=client,
        )
    ).parsed
