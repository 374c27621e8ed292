from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_descriptor import ArtifactDescriptor


T = TypeVar("T", bound="AggregationsOutput")


@_attrs_define
class AggregationsOutput:
    """The aggregations of a debiased job's variants, each a histogram
    artifact. `average`: the shot-weighted average of the variants'
    distributions (their pooled counts). `voting` (IonQ's sharpening):
    each variant's shots credited to its plurality outcome, a tie's
    split evenly. IonQ also names `dnl` and `majority` without
    defining them; the fake does not serve them.

    """

    average: ArtifactDescriptor | Unset = UNSET
    """ Where one artifact of a job is: pass `id` to
    `GET /jobs/{UUID}/artifacts/{artifactId}`; the body is an instance
    of the JSON Schema `GET /schemas/formats/{format}` serves.
     """
    dnl: ArtifactDescriptor | Unset = UNSET
    """ Where one artifact of a job is: pass `id` to
    `GET /jobs/{UUID}/artifacts/{artifactId}`; the body is an instance
    of the JSON Schema `GET /schemas/formats/{format}` serves.
     """
    majority: ArtifactDescriptor | Unset = UNSET
    """ Where one artifact of a job is: pass `id` to
    `GET /jobs/{UUID}/artifacts/{artifactId}`; the body is an instance
    of the JSON Schema `GET /schemas/formats/{format}` serves.
     """
    voting: ArtifactDescriptor | Unset = UNSET
    """ Where one artifact of a job is: pass `id` to
    `GET /jobs/{UUID}/artifacts/{artifactId}`; the body is an instance
    of the JSON Schema `GET /schemas/formats/{format}` serves.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average: dict[str, Any] | Unset = UNSET
        if not isinstance(self.average, Unset):
            average = self.average.to_dict()

        dnl: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dnl, Unset):
            dnl = self.dnl.to_dict()

        majority: dict[str, Any] | Unset = UNSET
        if not isinstance(self.majority, Unset):
            majority = self.majority.to_dict()

        voting: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voting, Unset):
            voting = self.voting.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if average is not UNSET:
            field_dict["average"] = average
        if dnl is not UNSET:
            field_dict["dnl"] = dnl
        if majority is not UNSET:
            field_dict["majority"] = majority
        if voting is not UNSET:
            field_dict["voting"] = voting

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_descriptor import ArtifactDescriptor  # noqa: PLC0415

        d = dict(src_dict)
        _average = d.pop("average", UNSET)
        average: ArtifactDescriptor | Unset
        if isinstance(_average, Unset):
            average = UNSET
        else:
            average = ArtifactDescriptor.from_dict(_average)

        _dnl = d.pop("dnl", UNSET)
        dnl: ArtifactDescriptor | Unset
        if isinstance(_dnl, Unset):
            dnl = UNSET
        else:
            dnl = ArtifactDescriptor.from_dict(_dnl)

        _majority = d.pop("majority", UNSET)
        majority: ArtifactDescriptor | Unset
        if isinstance(_majority, Unset):
            majority = UNSET
        else:
            majority = ArtifactDescriptor.from_dict(_majority)

        _voting = d.pop("voting", UNSET)
        voting: ArtifactDescriptor | Unset
        if isinstance(_voting, Unset):
            voting = UNSET
        else:
            voting = ArtifactDescriptor.from_dict(_voting)

        aggregations_output = cls(
            average=average,
            dnl=dnl,
            majority=majority,
            voting=voting,
        )

        aggregations_output.additional_properties = d
        return aggregations_output

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
