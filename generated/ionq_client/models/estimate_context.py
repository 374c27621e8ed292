from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_backend import JobBackend
from ..models.job_type import JobType

T = TypeVar("T", bound="EstimateContext")


@_attrs_define
class EstimateContext:
    """What was estimated, as IonQ's current answer repeats it, defaults filled in."""

    field_1q_gates: int
    """ The single-qubit gates estimated for. """
    field_2q_gates: int
    """ The two-qubit gates estimated for. """
    backend: JobBackend
    """ Where a job runs: one of the backends of `BackendName`, or `qpu`,
    which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
    for its `ionq_qpu` backend and cirq-ionq for a target named so,
    which is why it is accepted here although no backend has that
    name; a job keeps the name it was submitted with. Any other name is
    refused with 400: unlike the backend operations, where an unknown
    name is just not found, a job for a backend that does not exist
    can never run. IonQ adds backends over time; the generated client
    keeps names it does not know.
     """
    error_mitigation: bool
    """ Whether error mitigation was estimated for. """
    organization: None | str
    """ The organisation whose prices apply, if known. The fake names
    the key's own: every key is an organization of its own there,
    whose id (`com.ionq-mock.` and 12 hex digits) is derived from
    the key, never the key itself. It is the id that
    `GET /organizations/{organization_id}/usage` takes.
     """
    project: None | str
    """ The project whose prices apply, if known. """
    qubits: int
    """ The qubits estimated for. """
    shots: int
    """ The shots estimated for. """
    type_: JobType
    """ The kind of job: one circuit (`ionq.circuit.v1`), a batch of
    circuits run as child jobs of one parent (`ionq.multi-circuit.v1`),
    or one OpenQASM 3 program (`ionq.qasm3.v1`). IonQ also offers QIR
    and quantum-function jobs; this contract does not describe them yet.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_1q_gates = self.field_1q_gates

        field_2q_gates = self.field_2q_gates

        backend = self.backend.value

        error_mitigation = self.error_mitigation

        organization: None | str
        organization = self.organization

        project: None | str
        project = self.project

        qubits = self.qubits

        shots = self.shots

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "1q_gates": field_1q_gates,
                "2q_gates": field_2q_gates,
                "backend": backend,
                "error_mitigation": error_mitigation,
                "organization": organization,
                "project": project,
                "qubits": qubits,
                "shots": shots,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_1q_gates = d.pop("1q_gates")

        field_2q_gates = d.pop("2q_gates")

        backend = JobBackend(d.pop("backend"))

        error_mitigation = d.pop("error_mitigation")

        def _parse_organization(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organization = _parse_organization(d.pop("organization"))

        def _parse_project(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project = _parse_project(d.pop("project"))

        qubits = d.pop("qubits")

        shots = d.pop("shots")

        type_ = JobType(d.pop("type"))

        estimate_context = cls(
            field_1q_gates=field_1q_gates,
            field_2q_gates=field_2q_gates,
            backend=backend,
            error_mitigation=error_mitigation,
            organization=organization,
            project=project,
            qubits=qubits,
            shots=shots,
            type_=type_,
        )

        estimate_context.additional_properties = d
        return estimate_context

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
