from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JobProbabilities")


@_attrs_define
class JobProbabilities:
    """The probability of each basis state, keyed by the state as a
    decimal integer (`"0"`, `"3"`), qubit 0 the least significant bit.
    The keys are decimal digits only (`^[0-9]+$`, in
    `x-property-names`: OpenAPI 3.0 has no `propertyNames`). The
    probabilities add up to 1.

        Example:
            {'0': 0.5, '3': 0.5}

    """

    additional_properties: dict[str, float] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        job_probabilities = cls()

        job_probabilities.additional_properties = d
        return job_probabilities

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> float:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: float) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
