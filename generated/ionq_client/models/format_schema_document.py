from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FormatSchemaDocument")


@_attrs_define
class FormatSchemaDocument:
    """A JSON Schema (draft-07) document describing the payload of one
    format. Besides the keywords listed here it has whatever the
    format needs (`properties`, `items`, `additionalProperties`,
    `definitions`, `examples`, ...); the client keeps them all.

    """

    id: str
    """ The format's identifier, as in the path. """
    schema: str
    """ The JSON Schema dialect of the document. """
    type_: str
    """ The JSON type of the payload (`object`, `array`, `string`). """
    description: str | Unset = UNSET
    """ What the payload holds. The fake always sends it; IonQ's
    description makes it optional.
     """
    title: str | Unset = UNSET
    """ A short name of the format. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        schema = self.schema

        type_ = self.type_

        description = self.description

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "$id": id,
                "$schema": schema,
                "type": type_,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("$id")

        schema = d.pop("$schema")

        type_ = d.pop("type")

        description = d.pop("description", UNSET)

        title = d.pop("title", UNSET)

        format_schema_document = cls(
            id=id,
            schema=schema,
            type_=type_,
            description=description,
            title=title,
        )

        format_schema_document.additional_properties = d
        return format_schema_document

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
