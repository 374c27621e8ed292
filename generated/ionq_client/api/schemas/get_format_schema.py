from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.format_schema_document import FormatSchemaDocument
from ...types import Response


def _get_kwargs(
    format_: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/schemas/formats/{format_}".format(
            format_=quote(str(format_), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | FormatSchemaDocument | None:
    if response.status_code == 200:
        response_200 = FormatSchemaDocument.from_dict(response.json())

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
) -> Response[BadRequestError | Error | FormatSchemaDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    format_: str,
    *,
    client: AuthenticatedClient,
) -> Response[BadRequestError | Error | FormatSchemaDocument]:
    """Get the JSON Schema of a format

     Returns the JSON Schema (draft-07) document of one of the formats
    IonQ's results and circuits come in: the probabilities, counts and
    shots of a job in their v1 (by decimal basis state, the bodies of
    `GET /jobs/{UUID}/results/...`) and v2 (by classical register)
    forms, the probabilities of every circuit of a multi-circuit job,
    a circuit in native gates (`ionq.native.v1`) and an OpenQASM 3
    program (`ionq.qasm3.v1`). The document's `$id` is the format's
    identifier; validate a payload against it with any draft-07
    validator. A format without a document answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        format_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | FormatSchemaDocument]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    format_: str,
    *,
    client: AuthenticatedClient,
) -> BadRequestError | Error | FormatSchemaDocument | None:
    """Get the JSON Schema of a format

     Returns the JSON Schema (draft-07) document of one of the formats
    IonQ's results and circuits come in: the probabilities, counts and
    shots of a job in their v1 (by decimal basis state, the bodies of
    `GET /jobs/{UUID}/results/...`) and v2 (by classical register)
    forms, the probabilities of every circuit of a multi-circuit job,
    a circuit in native gates (`ionq.native.v1`) and an OpenQASM 3
    program (`ionq.qasm3.v1`). The document's `$id` is the format's
    identifier; validate a payload against it with any draft-07
    validator. A format without a document answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        format_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | FormatSchemaDocument
    """

    return sync_detailed(
        format_=format_,
        client=client,
    ).parsed


async def asyncio_detailed(
    format_: str,
    *,
    client: AuthenticatedClient,
) -> Response[BadRequestError | Error | FormatSchemaDocument]:
    """Get the JSON Schema of a format

     Returns the JSON Schema (draft-07) document of one of the formats
    IonQ's results and circuits come in: the probabilities, counts and
    shots of a job in their v1 (by decimal basis state, the bodies of
    `GET /jobs/{UUID}/results/...`) and v2 (by classical register)
    forms, the probabilities of every circuit of a multi-circuit job,
    a circuit in native gates (`ionq.native.v1`) and an OpenQASM 3
    program (`ionq.qasm3.v1`). The document's `$id` is the format's
    identifier; validate a payload against it with any draft-07
    validator. A format without a document answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        format_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | FormatSchemaDocument]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    format_: str,
    *,
    client: AuthenticatedClient,
) -> BadRequestError | Error | FormatSchemaDocument | None:
    """Get the JSON Schema of a format

     Returns the JSON Schema (draft-07) document of one of the formats
    IonQ's results and circuits come in: the probabilities, counts and
    shots of a job in their v1 (by decimal basis state, the bodies of
    `GET /jobs/{UUID}/results/...`) and v2 (by classical register)
    forms, the probabilities of every circuit of a multi-circuit job,
    a circuit in native gates (`ionq.native.v1`) and an OpenQASM 3
    program (`ionq.qasm3.v1`). The document's `$id` is the format's
    identifier; validate a payload against it with any draft-07
    validator. A format without a document answers 404. Needs
    `Authorization: apiKey <key>`.

    Args:
        format_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | FormatSchemaDocument
    """

    return (
        await asyncio_detailed(
            format_=format_,
            client=client,
        )
    ).parsed
