from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_amount import UsageAmount


T = TypeVar("T", bound="GroupUsage")


@_attrs_define
class GroupUsage:
    """One group's usage in one period. IonQ marks every field optional;
    the fake sends them all.

    """

    amount: float | Unset = UNSET
    """ What the group's jobs of the period cost, in `amount_unit`. """
    amount_unit: str | Unset = UNSET
    """ The currency (or `credit`) of `amount`. """
    amounts: list[UsageAmount] | Unset = UNSET
    """ The amount by currency, before IonQ converts credits. """
    group_id: str | Unset = UNSET
    """ The group's id: a job's id, a project's id, or a user's
    (`submitter_id`).
     """
    group_name: str | Unset = UNSET
    """ The group's name, for people: a job's `name` (its id when it
    has none), a project's name, a user's (in the fake, the key's
    `key_name`).
     """
    job_count: int | Unset = UNSET
    """ How many of the group's jobs count in the period. """
    time_us: float | Unset = UNSET
    """ Their QPU time, in microseconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        amount_unit = self.amount_unit

        amounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.amounts, Unset):
            amounts = []
            for amounts_item_data in self.amounts:
                amounts_item = amounts_item_data.to_dict()
                amounts.append(amounts_item)

        group_id = self.group_id

        group_name = self.group_name

        job_count = self.job_count

        time_us = self.time_us

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if amount_unit is not UNSET:
            field_dict["amount_unit"] = amount_unit
        if amounts is not UNSET:
            field_dict["amounts"] = amounts
        if group_id is not UNSET:
            field_dict["group_id"] = group_id
        if group_name is not UNSET:
            field_dict["group_name"] = group_name
        if job_count is not UNSET:
            field_dict["job_count"] = job_count
        if time_us is not UNSET:
            field_dict["time_us"] = time_us

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_amount import UsageAmount  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        amount_unit = d.pop("amount_unit", UNSET)

        _amounts = d.pop("amounts", UNSET)
        amounts: list[UsageAmount] | Unset = UNSET
        if _amounts is not UNSET:
            amounts = []
            for amounts_item_data in _amounts:
                amounts_item = UsageAmount.from_dict(amounts_item_data)

                amounts.append(amounts_item)

        group_id = d.pop("group_id", UNSET)

        group_name = d.pop("group_name", UNSET)

        job_count = d.pop("job_count", UNSET)

        time_us = d.pop("time_us", UNSET)

        group_usage = cls(
            amount=amount,
            amount_unit=amount_unit,
            amounts=amounts,
            group_id=group_id,
            group_name=group_name,
            job_count=job_count,
            time_us=time_us,
        )

        group_usage.additional_properties = d
        return group_usage

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
