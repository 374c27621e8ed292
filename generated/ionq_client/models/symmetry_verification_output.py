from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SymmetryVerificationOutput")


@_attrs_define
class SymmetryVerificationOutput:
    """What symmetry verification did. The fake allows the outcomes the
    noiseless circuit can give (its ideal distribution's support) and
    discards every other shot before results and aggregations are
    counted; `num_allowed_states` is that support's size, `applied` is
    false when every outcome is allowed (nothing could be discarded)
    or the backend does not offer it.

    """

    applied: bool
    """ Whether it was applied. """
    num_allowed_states: int | Unset = UNSET
    """ How many states the symmetries allow. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applied = self.applied

        num_allowed_states = self.num_allowed_states

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applied": applied,
            }
        )
        if num_allowed_states is not UNSET:
            field_dict["num_allowed_states"] = num_allowed_states

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applied = d.pop("applied")

        num_allowed_states = d.pop("num_allowed_states", UNSET)

        symmetry_verification_output = cls(
            applied=applied,
            num_allowed_states=num_allowed_states,
        )

        symmetry_verification_output.additional_properties = d
        return symmetry_verification_output

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
