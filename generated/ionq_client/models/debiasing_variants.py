from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.debiasing_variant import DebiasingVariant


T = TypeVar("T", bound="DebiasingVariants")


@_attrs_define
class DebiasingVariants:
    """A debiased job's variants, and the aggregation its results are."""

    aggregation_method: str
    """ The aggregation the job's results are. """
    variants: list[DebiasingVariant]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregation_method = self.aggregation_method

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aggregation_method": aggregation_method,
                "variants": variants,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.debiasing_variant import DebiasingVariant  # noqa: PLC0415

        d = dict(src_dict)
        aggregation_method = d.pop("aggregation_method")

        variants = []
        _variants = d.pop("variants")
        for variants_item_data in _variants:
            variants_item = DebiasingVariant.from_dict(variants_item_data)

            variants.append(variants_item)

        debiasing_variants = cls(
            aggregation_method=aggregation_method,
            variants=variants,
        )

        debiasing_variants.additional_properties = d
        return debiasing_variants

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
