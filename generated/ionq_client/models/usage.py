from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.group_usage import GroupUsage
    from ..models.usage_amount import UsageAmount


T = TypeVar("T", bound="Usage")


@_attrs_define
class Usage:
    """One period of a usage report."""

    amount: float
    """ What the period's jobs cost, in `amount_unit`. """
    from_: datetime.datetime
    """ Where the period starts: midnight UTC of its first day, or of
    `start_date` for a first period cut short. IonQ's description
    says a date; its service sends a date-time (ionq-core's
    overlay says so), and so does the fake.
     """
    group_usages: list[GroupUsage]
    """ The period's costliest groups, at most 5, the costliest first. """
    job_count: int
    """ How many jobs count in the period. """
    time_us: float
    """ Their QPU time, in microseconds. """
    amount_unit: str | Unset = UNSET
    """ The currency (or `credit`) of `amount`. """
    amounts: list[UsageAmount] | Unset = UNSET
    """ The amount by currency, before IonQ converts credits. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        from_ = self.from_.isoformat()

        group_usages = []
        for group_usages_item_data in self.group_usages:
            group_usages_item = group_usages_item_data.to_dict()
            group_usages.append(group_usages_item)

        job_count = self.job_count

        time_us = self.time_us

        amount_unit = self.amount_unit

        amounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.amounts, Unset):
            amounts = []
            for amounts_item_data in self.amounts:
                amounts_item = amounts_item_data.to_dict()
                amounts.append(amounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "from": from_,
                "group_usages": group_usages,
                "job_count": job_count,
                "time_us": time_us,
            }
        )
        if amount_unit is not UNSET:
            field_dict["amount_unit"] = amount_unit
        if amounts is not UNSET:
            field_dict["amounts"] = amounts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.group_usage import GroupUsage  # noqa: PLC0415
        from ..models.usage_amount import UsageAmount  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        group_usages = []
        _group_usages = d.pop("group_usages")
        for group_usages_item_data in _group_usages:
            group_usages_item = GroupUsage.from_dict(group_usages_item_data)

            group_usages.append(group_usages_item)

        job_count = d.pop("job_count")

        time_us = d.pop("time_us")

        amount_unit = d.pop("amount_unit", UNSET)

        _amounts = d.pop("amounts", UNSET)
        amounts: list[UsageAmount] | Unset = UNSET
        if _amounts is not UNSET:
            amounts = []
            for amounts_item_data in _amounts:
                amounts_item = UsageAmount.from_dict(amounts_item_data)

                amounts.append(amounts_item)

        usage = cls(
            amount=amount,
            from_=from_,
            group_usages=group_usages,
            job_count=job_count,
            time_us=time_us,
            amount_unit=amount_unit,
            amounts=amounts,
        )

        usage.additional_properties = d
        return usage

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
