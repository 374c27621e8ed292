from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_error import BadRequestError
from ...models.error import Error
from ...models.job_backend import JobBackend
from ...models.job_estimate import JobEstimate
from ...models.job_type import JobType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    backend: JobBackend,
    type_: JobType | Unset = UNSET,
    qubits: int | Unset = 25,
    shots: int | Unset = 1000,
    field_1q_gates: int | Unset = 0,
    field_2q_gates: int | Unset = 0,
    error_mitigation: bool | Unset = False,
    session: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_backend = backend.value
    params["backend"] = json_backend

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params["qubits"] = qubits

    params["shots"] = shots

    params["1q_gates"] = field_1q_gates

    params["2q_gates"] = field_2q_gates

    params["error_mitigation"] = error_mitigation

    params["session"] = session

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/estimate",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BadRequestError | Error | JobEstimate | None:
    if response.status_code == 200:
        response_200 = JobEstimate.from_dict(response.json())

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
) -> Response[BadRequestError | Error | JobEstimate]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    backend: JobBackend,
    type_: JobType | Unset = UNSET,
    qubits: int | Unset = 25,
    shots: int | Unset = 1000,
    field_1q_gates: int | Unset = 0,
    field_2q_gates: int | Unset = 0,
    error_mitigation: bool | Unset = False,
    session: bool | Unset = False,
) -> Response[BadRequestError | Error | JobEstimate]:
    """Estimate a job's cost and time

     Prices a job that has not been submitted, from its shape alone: the
    backend, how many qubits, shots and one- and two-qubit gates it
    has, and whether error mitigation is on. Also predicts how long it
    would run and wait in the queue. Nothing is queued or charged.
    Needs `Authorization: apiKey <key>`.

    The answer carries two sets of keys for the same estimate: the
    ones IonQ's current description names (`estimate_context`,
    `rate_card`, `estimated_total_cost`, `estimated_unit`, read by
    ionq-core) and the older ones qiskit-ionq still reads
    (`input_values`, `estimated_cost`, `cost_unit`,
    `rate_information`). Serving both lets each SDK find its own; see
    `x-sdk-notes` of `JobEstimate`. This path is matched before
    `/jobs/{UUID}`: `estimate` is no UUID.

    Args:
        backend (JobBackend): Where a job runs: one of the backends of `BackendName`, or `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        type_ (JobType | Unset): The kind of job: one circuit (`ionq.circuit.v1`), a batch of
            circuits run as child jobs of one parent (`ionq.multi-circuit.v1`),
            or one OpenQASM 3 program (`ionq.qasm3.v1`). IonQ also offers QIR
            and quantum-function jobs; this contract does not describe them yet.
             Example: ionq.circuit.v1.
        qubits (int | Unset):  Default: 25.
        shots (int | Unset):  Default: 1000.
        field_1q_gates (int | Unset):  Default: 0.
        field_2q_gates (int | Unset):  Default: 0.
        error_mitigation (bool | Unset):  Default: False.
        session (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobEstimate]
    """

    kwargs = _get_kwargs(
        backend=backend,
        type_=type_,
        qubits=qubits,
        shots=shots,
        field_1q_gates=field_1q_gates,
        field_2q_gates=field_2q_gates,
        error_mitigation=error_mitigation,
        session=session,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    backend: JobBackend,
    type_: JobType | Unset = UNSET,
    qubits: int | Unset = 25,
    shots: int | Unset = 1000,
    field_1q_gates: int | Unset = 0,
    field_2q_gates: int | Unset = 0,
    error_mitigation: bool | Unset = False,
    session: bool | Unset = False,
) -> BadRequestError | Error | JobEstimate | None:
    """Estimate a job's cost and time

     Prices a job that has not been submitted, from its shape alone: the
    backend, how many qubits, shots and one- and two-qubit gates it
    has, and whether error mitigation is on. Also predicts how long it
    would run and wait in the queue. Nothing is queued or charged.
    Needs `Authorization: apiKey <key>`.

    The answer carries two sets of keys for the same estimate: the
    ones IonQ's current description names (`estimate_context`,
    `rate_card`, `estimated_total_cost`, `estimated_unit`, read by
    ionq-core) and the older ones qiskit-ionq still reads
    (`input_values`, `estimated_cost`, `cost_unit`,
    `rate_information`). Serving both lets each SDK find its own; see
    `x-sdk-notes` of `JobEstimate`. This path is matched before
    `/jobs/{UUID}`: `estimate` is no UUID.

    Args:
        backend (JobBackend): Where a job runs: one of the backends of `BackendName`, or `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        type_ (JobType | Unset): The kind of job: one circuit (`ionq.circuit.v1`), a batch of
            circuits run as child jobs of one parent (`ionq.multi-circuit.v1`),
            or one OpenQASM 3 program (`ionq.qasm3.v1`). IonQ also offers QIR
            and quantum-function jobs; this contract does not describe them yet.
             Example: ionq.circuit.v1.
        qubits (int | Unset):  Default: 25.
        shots (int | Unset):  Default: 1000.
        field_1q_gates (int | Unset):  Default: 0.
        field_2q_gates (int | Unset):  Default: 0.
        error_mitigation (bool | Unset):  Default: False.
        session (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobEstimate
    """

    return sync_detailed(
        client=client,
        backend=backend,
        type_=type_,
        qubits=qubits,
        shots=shots,
        field_1q_gates=field_1q_gates,
        field_2q_gates=field_2q_gates,
        error_mitigation=error_mitigation,
        session=session,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    backend: JobBackend,
    type_: JobType | Unset = UNSET,
    qubits: int | Unset = 25,
    shots: int | Unset = 1000,
    field_1q_gates: int | Unset = 0,
    field_2q_gates: int | Unset = 0,
    error_mitigation: bool | Unset = False,
    session: bool | Unset = False,
) -> Response[BadRequestError | Error | JobEstimate]:
    """Estimate a job's cost and time

     Prices a job that has not been submitted, from its shape alone: the
    backend, how many qubits, shots and one- and two-qubit gates it
    has, and whether error mitigation is on. Also predicts how long it
    would run and wait in the queue. Nothing is queued or charged.
    Needs `Authorization: apiKey <key>`.

    The answer carries two sets of keys for the same estimate: the
    ones IonQ's current description names (`estimate_context`,
    `rate_card`, `estimated_total_cost`, `estimated_unit`, read by
    ionq-core) and the older ones qiskit-ionq still reads
    (`input_values`, `estimated_cost`, `cost_unit`,
    `rate_information`). Serving both lets each SDK find its own; see
    `x-sdk-notes` of `JobEstimate`. This path is matched before
    `/jobs/{UUID}`: `estimate` is no UUID.

    Args:
        backend (JobBackend): Where a job runs: one of the backends of `BackendName`, or `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        type_ (JobType | Unset): The kind of job: one circuit (`ionq.circuit.v1`), a batch of
            circuits run as child jobs of one parent (`ionq.multi-circuit.v1`),
            or one OpenQASM 3 program (`ionq.qasm3.v1`). IonQ also offers QIR
            and quantum-function jobs; this contract does not describe them yet.
             Example: ionq.circuit.v1.
        qubits (int | Unset):  Default: 25.
        shots (int | Unset):  Default: 1000.
        field_1q_gates (int | Unset):  Default: 0.
        field_2q_gates (int | Unset):  Default: 0.
        error_mitigation (bool | Unset):  Default: False.
        session (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestError | Error | JobEstimate]
    """

    kwargs = _get_kwargs(
        backend=backend,
        type_=type_,
        qubits=qubits,
        shots=shots,
        field_1q_gates=field_1q_gates,
        field_2q_gates=field_2q_gates,
        error_mitigation=error_mitigation,
        session=session,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    backend: JobBackend,
    type_: JobType | Unset = UNSET,
    qubits: int | Unset = 25,
    shots: int | Unset = 1000,
    field_1q_gates: int | Unset = 0,
    field_2q_gates: int | Unset = 0,
    error_mitigation: bool | Unset = False,
    session: bool | Unset = False,
) -> BadRequestError | Error | JobEstimate | None:
    """Estimate a job's cost and time

     Prices a job that has not been submitted, from its shape alone: the
    backend, how many qubits, shots and one- and two-qubit gates it
    has, and whether error mitigation is on. Also predicts how long it
    would run and wait in the queue. Nothing is queued or charged.
    Needs `Authorization: apiKey <key>`.

    The answer carries two sets of keys for the same estimate: the
    ones IonQ's current description names (`estimate_context`,
    `rate_card`, `estimated_total_cost`, `estimated_unit`, read by
    ionq-core) and the older ones qiskit-ionq still reads
    (`input_values`, `estimated_cost`, `cost_unit`,
    `rate_information`). Serving both lets each SDK find its own; see
    `x-sdk-notes` of `JobEstimate`. This path is matched before
    `/jobs/{UUID}`: `estimate` is no UUID.

    Args:
        backend (JobBackend): Where a job runs: one of the backends of `BackendName`, or `qpu`,
            which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
            for its `ionq_qpu` backend and cirq-ionq for a target named so,
            which is why it is accepted here although no backend has that
            name; a job keeps the name it was submitted with. Any other name is
            refused with 400: unlike the backend operations, where an unknown
            name is just not found, a job for a backend that does not exist
            can never run. IonQ adds backends over time; the generated client
            keeps names it does not know.
             Example: simulator.
        type_ (JobType | Unset): The kind of job: one circuit (`ionq.circuit.v1`), a batch of
            circuits run as child jobs of one parent (`ionq.multi-circuit.v1`),
            or one OpenQASM 3 program (`ionq.qasm3.v1`). IonQ also offers QIR
            and quantum-function jobs; this contract does not describe them yet.
             Example: ionq.circuit.v1.
        qubits (int | Unset):  Default: 25.
        shots (int | Unset):  Default: 1000.
        field_1q_gates (int | Unset):  Default: 0.
        field_2q_gates (int | Unset):  Default: 0.
        error_mitigation (bool | Unset):  Default: False.
        session (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestError | Error | JobEstimate
    """

    return (
        await asyncio_detailed(
            client=client,
            backend=backend,
            type_=type_,
            qubits=qubits,
            shots=shots,
            field_1q_gates=field_1q_gates,
            field_2q_gates=field_2q_gates,
            error_mitigation=error_mitigation,
            session=session,
        )
    ).parsed
