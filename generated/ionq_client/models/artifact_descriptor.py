from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ArtifactDescriptor")


@_attrs_define
class ArtifactDescriptor:
    """Where one artifact of a job is: pass `id` to
    `GET /jobs/{UUID}/artifacts/{artifactId}`; the body is an instance
    of the JSON Schema `GET /schemas/formats/{format}` serves.

    """

    format_: str
    """ The format of the artifact's body. """
    id: str
    """ The artifact's id within the job. """
    media_type: str
    """ The media type of the artifact's body. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_

        id = self.id

        media_type = self.media_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "format": format_,
                "id": id,
                "media_type": media_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        format_ = d.pop("format")

        id = d.pop("id")

        media_type = d.pop("media_type")

        artifact_descriptor = cls(
            format_=format_,
            id=id,
            media_type=media_type,
        )

        artifact_descriptor.additional_properties = d
        return artifact_descriptor

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
