from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.fidelity_estimate import FidelityEstimate


T = TypeVar("T", bound="CharacterizationFidelity")


@_attrs_define
class CharacterizationFidelity:
    """Measured fidelities: state preparation and measurement (`spam`),
    single-qubit gates (`1q`) and two-qubit gates (`2q`).

    """

    field_1q: FidelityEstimate
    """ A fidelity estimated from many measurements. """
    field_2q: FidelityEstimate
    """ A fidelity estimated from many measurements. """
    spam: FidelityEstimate
    """ A fidelity estimated from many measurements. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_1q = self.field_1q.to_dict()

        field_2q = self.field_2q.to_dict()

        spam = self.spam.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "1q": field_1q,
                "2q": field_2q,
                "spam": spam,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fidelity_estimate import FidelityEstimate  # noqa: PLC0415

        d = dict(src_dict)
        field_1q = FidelityEstimate.from_dict(d.pop("1q"))

        field_2q = FidelityEstimate.from_dict(d.pop("2q"))

        spam = FidelityEstimate.from_dict(d.pop("spam"))

        characterization_fidelity = cls(
            field_1q=field_1q,
            field_2q=field_2q,
            spam=spam,
        )

        characterization_fidelity.additional_properties = d
        return characterization_fidelity

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
