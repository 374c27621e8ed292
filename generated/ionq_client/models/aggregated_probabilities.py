from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_probabilities import JobProbabilities


T = TypeVar("T", bound="AggregatedProbabilities")


@_attrs_define
class AggregatedProbabilities:
    """The probabilities of each circuit of a batch, keyed by the id of
    its child job, in circuit order.

        Example:
            {'7e9b0c3f-1a2d-4e5f-8b6c-9d0e1f2a3b4d': {'1': 1}}

    """

    additional_properties: dict[str, JobProbabilities] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_probabilities import JobProbabilities  # noqa: PLC0415

        d = dict(src_dict)
        aggregated_probabilities = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = JobProbabilities.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        aggregated_probabilities.additional_properties = additional_properties
        return aggregated_probabilities

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> JobProbabilities:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: JobProbabilities) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
