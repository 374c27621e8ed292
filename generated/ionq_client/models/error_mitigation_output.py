from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.symmetry_verification_output import SymmetryVerificationOutput


T = TypeVar("T", bound="ErrorMitigationOutput")


@_attrs_define
class ErrorMitigationOutput:
    """Which error mitigation was applied."""

    debiasing: bool | Unset = UNSET
    """ Whether debiasing was applied. IonQ's description allows an
    object of per-variant results here as well; ionq-core's overlay
    records that the service sends `false`. This contract describes
    the boolean only.
     """
    symmetry_verification: SymmetryVerificationOutput | Unset = UNSET
    """ What symmetry verification did. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        debiasing = self.debiasing

        symmetry_verification: dict[str, Any] | Unset = UNSET
        if not isinstance(self.symmetry_verification, Unset):
            symmetry_verification = self.symmetry_verification.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if debiasing is not UNSET:
            field_dict["debiasing"] = debiasing
        if symmetry_verification is not UNSET:
            field_dict["symmetry_verification"] = symmetry_verification

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.symmetry_verification_output import SymmetryVerificationOutput  # noqa: PLC0415

        d = dict(src_dict)
        debiasing = d.pop("debiasing", UNSET)

        _symmetry_verification = d.pop("symmetry_verification", UNSET)
        symmetry_verification: SymmetryVerificationOutput | Unset
        if isinstance(_symmetry_verification, Unset):
            symmetry_verification = UNSET
        else:
            symmetry_verification = SymmetryVerificationOutput.from_dict(_symmetry_verification)

        error_mitigation_output = cls(
            debiasing=debiasing,
            symmetry_verification=symmetry_verification,
        )

        error_mitigation_output.additional_properties = d
        return error_mitigation_output

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
