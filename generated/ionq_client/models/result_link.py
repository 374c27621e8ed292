from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResultLink")


@_attrs_define
class ResultLink:
    """Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL. The entry is also the
    `ArtifactDescriptor` of the same document in its v1 format
    (`probabilities`: `ionq.result.probabilities.json.v1`, a batch's
    parent the aggregate), so that ionq-core, which reads every entry
    of `results` as a descriptor, parses the whole map.

    """

    url: str
    """ The path of the result. """
    format_: str | Unset = UNSET
    """ Its format, v1. """
    id: str | Unset = UNSET
    """ The id of the same document as an artifact. """
    media_type: str | Unset = UNSET
    """ Its media type. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        format_ = self.format_

        id = self.id

        media_type = self.media_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if id is not UNSET:
            field_dict["id"] = id
        if media_type is not UNSET:
            field_dict["media_type"] = media_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        format_ = d.pop("format", UNSET)

        id = d.pop("id", UNSET)

        media_type = d.pop("media_type", UNSET)

        result_link = cls(
            url=url,
            format_=format_,
            id=id,
            media_type=media_type,
        )

        result_link.additional_properties = d
        return result_link

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
