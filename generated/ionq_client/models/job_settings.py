from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compilation_settings import CompilationSettings
    from ..models.error_mitigation_settings import ErrorMitigationSettings


T = TypeVar("T", bound="JobSettings")


@_attrs_define
class JobSettings:
    """How the job is run, compiled and mitigated; `{}` for IonQ's defaults."""

    compilation: CompilationSettings | Unset = UNSET
    """ How IonQ compiles the circuit. IonQ's description of job creation
    lists none of these; cirq-ionq and pennylane-ionq send `opt` and
    `precision`, qiskit-ionq `service_version`, and IonQ reports all
    four on a job.
     """
    error_mitigation: ErrorMitigationSettings | Unset = UNSET
    """ Error mitigation. `debiasing` runs the circuit in several variants,
    each on a different assignment of its qubits to the device's, and
    aggregates them (IonQ asks for at least 500 shots; fewer fails the
    job with `InvalidInput`). `symmetry_verification` discards shots
    that break a symmetry of the circuit. Each applies where the
    backend's `supported_error_mitigations` offer it (the QPUs; not
    the simulator, ideal or noisy, as IonQ says); asked for elsewhere,
    the job runs without it, with a `warning` saying so, and its
    `output.error_mitigation` reports it not applied.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compilation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.compilation, Unset):
            compilation = self.compilation.to_dict()

        error_mitigation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error_mitigation, Unset):
            error_mitigation = self.error_mitigation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if compilation is not UNSET:
            field_dict["compilation"] = compilation
        if error_mitigation is not UNSET:
            field_dict["error_mitigation"] = error_mitigation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compilation_settings import CompilationSettings  # noqa: PLC0415
        from ..models.error_mitigation_settings import ErrorMitigationSettings  # noqa: PLC0415

        d = dict(src_dict)
        _compilation = d.pop("compilation", UNSET)
        compilation: CompilationSettings | Unset
        if isinstance(_compilation, Unset):
            compilation = UNSET
        else:
            compilation = CompilationSettings.from_dict(_compilation)

        _error_mitigation = d.pop("error_mitigation", UNSET)
        error_mitigation: ErrorMitigationSettings | Unset
        if isinstance(_error_mitigation, Unset):
            error_mitigation = UNSET
        else:
            error_mitigation = ErrorMitigationSettings.from_dict(_error_mitigation)

        job_settings = cls(
            compilation=compilation,
            error_mitigation=error_mitigation,
        )

        job_settings.additional_properties = d
        return job_settings

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
