from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GateCounts")


@_attrs_define
class GateCounts:
    """How many gates the job has, by the number of qubits they act on."""

    field_1q: int
    """ Single-qubit gates. """
    field_2q: int
    """ Gates on two or more qubits. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_1q = self.field_1q

        field_2q = self.field_2q

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "1q": field_1q,
                "2q": field_2q,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_1q = d.pop("1q")

        field_2q = d.pop("2q")

        gate_counts = cls(
            field_1q=field_1q,
            field_2q=field_2q,
        )

        gate_counts.additional_properties = d
        return gate_counts

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
