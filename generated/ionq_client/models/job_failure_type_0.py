from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.failure_code import FailureCode

T = TypeVar("T", bound="JobFailureType0")


@_attrs_define
class JobFailureType0:
    """Why a job failed; null for every job that did not. `message` and
    `error` carry the same text: IonQ's description names `message`,
    which ionq-core reads, while qiskit-ionq and cirq-ionq read
    `error` (and cirq-ionq reports a bare "not completed" without it).

    """

    code: FailureCode
    """ Why a job failed, as IonQ names the reasons. The ones this
    contract relies on: `InvalidInput` (a circuit that cannot run as
    written), `UnsupportedGate` (a gate outside its gateset),
    `NotEnoughQubits` (wider than the backend), `TooManyGates`,
    `TooManyShots`, `SystemCancel` (canceled by IonQ). The generated
    client keeps codes it does not know.
     """
    error: str
    """ The same text as `message`. """
    message: str
    """ What went wrong, for a person to read. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        error = self.error

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "error": error,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = FailureCode(d.pop("code"))

        error = d.pop("error")

        message = d.pop("message")

        job_failure_type_0 = cls(
            code=code,
            error=error,
            message=message,
        )

        job_failure_type_0.additional_properties = d
        return job_failure_type_0

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
