from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compilation_output import CompilationOutput
    from ..models.error_mitigation_output import ErrorMitigationOutput


T = TypeVar("T", bound="JobOutput")


@_attrs_define
class JobOutput:
    """What the service reports about how a job ran beyond its results;
    `{}` when there is nothing to say, always `{}` before it runs.

    """

    compilation: CompilationOutput | Unset = UNSET
    """ The job's circuit as compiled for its backend, once it ran or was
    dry-run (a multi-circuit parent has none; each child has its own).
    `compiled_circuits` is keyed by circuit format: `ionq.native.v1`,
    the circuit in IonQ's native gates (`gpi`, `gpi2`, and `ms` on
    Aria, `zz` on Forte); the artifact is an instance of that format.
    An OpenQASM 3 job reports `ionq.qasm3.v1`, its program (as a JSON
    string): mid-circuit measurement and reset have no form in
    `ionq.native.v1`, and IonQ's binary `ionq.mir.v1` is not
    documented.
    The fake compiles for real (a circuit over 100,000 native gates, a
    `pauliexp` needing over 20,000 entanglers, or angles that are not
    finite, reports none and still runs): its probabilities
    are the submitted circuit's, its final `rz` frames dropped since
    they change no measurement.
     """
    error_mitigation: ErrorMitigationOutput | Unset = UNSET
    """ What error mitigation did: present on a completed circuit (or
    child) job that asked for any, absent otherwise. A debiased job's
    results (probabilities, histogram, shots) are its `average`
    aggregation; `sharpen=true` gives its `voting` aggregation.
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
        from ..models.compilation_output import CompilationOutput  # noqa: PLC0415
        from ..models.error_mitigation_output import ErrorMitigationOutput  # noqa: PLC0415

        d = dict(src_dict)
        _compilation = d.pop("compilation", UNSET)
        compilation: CompilationOutput | Unset
        if isinstance(_compilation, Unset):
            compilation = UNSET
        else:
            compilation = CompilationOutput.from_dict(_compilation)

        _error_mitigation = d.pop("error_mitigation", UNSET)
        error_mitigation: ErrorMitigationOutput | Unset
        if isinstance(_error_mitigation, Unset):
            error_mitigation = UNSET
        else:
            error_mitigation = ErrorMitigationOutput.from_dict(_error_mitigation)

        job_output = cls(
            compilation=compilation,
            error_mitigation=error_mitigation,
        )

        job_output.additional_properties = d
        return job_output

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
