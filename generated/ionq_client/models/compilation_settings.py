from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompilationSettings")


@_attrs_define
class CompilationSettings:
    """How IonQ compiles the circuit. IonQ's description of job creation
    lists none of these; cirq-ionq and pennylane-ionq send `opt` and
    `precision`, qiskit-ionq `service_version`, and IonQ reports all
    four on a job.

    """

    gate_basis: str | Unset = UNSET
    """ The native gate basis to compile to. """
    opt: float | Unset = UNSET
    """ The optimisation level. """
    precision: str | Unset = UNSET
    """ The precision to compile rotations to, as a decimal string. """
    service_version: str | Unset = UNSET
    """ The compiler service version to use. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        gate_basis = self.gate_basis

        opt = self.opt

        precision = self.precision

        service_version = self.service_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if gate_basis is not UNSET:
            field_dict["gate_basis"] = gate_basis
        if opt is not UNSET:
            field_dict["opt"] = opt
        if precision is not UNSET:
            field_dict["precision"] = precision
        if service_version is not UNSET:
            field_dict["service_version"] = service_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        gate_basis = d.pop("gate_basis", UNSET)

        opt = d.pop("opt", UNSET)

        precision = d.pop("precision", UNSET)

        service_version = d.pop("service_version", UNSET)

        compilation_settings = cls(
            gate_basis=gate_basis,
            opt=opt,
            precision=precision,
            service_version=service_version,
        )

        compilation_settings.additional_properties = d
        return compilation_settings

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
