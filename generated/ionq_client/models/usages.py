from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usage_group_by import UsageGroupBy
from ..models.usage_modality import UsageModality
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage import Usage
    from ..models.usage_amount import UsageAmount


T = TypeVar("T", bound="Usages")


@_attrs_define
class Usages:
    """An organization's usage between two dates, period by period. IonQ
    requires only `group_type` and `modality` (its description also
    lists `start_date` and `end_date` as required, which are no fields
    of it); the fake sends every field.

    """

    group_type: UsageGroupBy
    """ What a usage report's groups are: single `job`s, `project`s, or
    `user`s (the submitter of each job, `submitter_id`).
     """
    modality: UsageModality
    """ How long each period of a usage report is (`weekly` means ISO weeks, Monday to Sunday). """
    amount_total: float | Unset = UNSET
    """ What the jobs of the whole report cost, in `usage_unit`. """
    amount_totals: list[UsageAmount] | Unset = UNSET
    """ The total by currency, before IonQ converts credits. """
    job_count: int | Unset = UNSET
    """ How many jobs count in the whole report. """
    organization: str | Unset = UNSET
    """ The id of an organization. IonQ's are not UUIDs but names such as
    `com.my.org`. The fake's are `com.ionq-mock.` and 12 hex digits,
    derived from the API key (one organization per key, as stable as
    the key's own id).
     """
    time_us_total: float | Unset = UNSET
    """ Their QPU time, in microseconds. """
    usage_data: list[Usage] | Unset = UNSET
    """ The periods, newest first. """
    usage_from: datetime.datetime | Unset = UNSET
    """ Where the report starts, midnight UTC of `start_date`. """
    usage_to: datetime.datetime | Unset = UNSET
    """ Where it ends, midnight UTC after `end_date` (not included). """
    usage_unit: str | Unset = UNSET
    """ The currency (or `credit`) of the amounts. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group_type = self.group_type.value

        modality = self.modality.value

        amount_total = self.amount_total

        amount_totals: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.amount_totals, Unset):
            amount_totals = []
            for amount_totals_item_data in self.amount_totals:
                amount_totals_item = amount_totals_item_data.to_dict()
                amount_totals.append(amount_totals_item)

        job_count = self.job_count

        organization = self.organization

        time_us_total = self.time_us_total

        usage_data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.usage_data, Unset):
            usage_data = []
            for usage_data_item_data in self.usage_data:
                usage_data_item = usage_data_item_data.to_dict()
                usage_data.append(usage_data_item)

        usage_from: str | Unset = UNSET
        if not isinstance(self.usage_from, Unset):
            usage_from = self.usage_from.isoformat()

        usage_to: str | Unset = UNSET
        if not isinstance(self.usage_to, Unset):
            usage_to = self.usage_to.isoformat()

        usage_unit = self.usage_unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group_type": group_type,
                "modality": modality,
            }
        )
        if amount_total is not UNSET:
            field_dict["amount_total"] = amount_total
        if amount_totals is not UNSET:
            field_dict["amount_totals"] = amount_totals
        if job_count is not UNSET:
            field_dict["job_count"] = job_count
        if organization is not UNSET:
            field_dict["organization"] = organization
        if time_us_total is not UNSET:
            field_dict["time_us_total"] = time_us_total
        if usage_data is not UNSET:
            field_dict["usage_data"] = usage_data
        if usage_from is not UNSET:
            field_dict["usage_from"] = usage_from
        if usage_to is not UNSET:
            field_dict["usage_to"] = usage_to
        if usage_unit is not UNSET:
            field_dict["usage_unit"] = usage_unit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage import Usage  # noqa: PLC0415
        from ..models.usage_amount import UsageAmount  # noqa: PLC0415

        d = dict(src_dict)
        group_type = UsageGroupBy(d.pop("group_type"))

        modality = UsageModality(d.pop("modality"))

        amount_total = d.pop("amount_total", UNSET)

        _amount_totals = d.pop("amount_totals", UNSET)
        amount_totals: list[UsageAmount] | Unset = UNSET
        if _amount_totals is not UNSET:
            amount_totals = []
            for amount_totals_item_data in _amount_totals:
                amount_totals_item = UsageAmount.from_dict(amount_totals_item_data)

                amount_totals.append(amount_totals_item)

        job_count = d.pop("job_count", UNSET)

        organization = d.pop("organization", UNSET)

        time_us_total = d.pop("time_us_total", UNSET)

        _usage_data = d.pop("usage_data", UNSET)
        usage_data: list[Usage] | Unset = UNSET
        if _usage_data is not UNSET:
            usage_data = []
            for usage_data_item_data in _usage_data:
                usage_data_item = Usage.from_dict(usage_data_item_data)

                usage_data.append(usage_data_item)

        _usage_from = d.pop("usage_from", UNSET)
        usage_from: datetime.datetime | Unset
        if isinstance(_usage_from, Unset):
            usage_from = UNSET
        else:
            usage_from = datetime.datetime.fromisoformat(_usage_from)

        _usage_to = d.pop("usage_to", UNSET)
        usage_to: datetime.datetime | Unset
        if isinstance(_usage_to, Unset):
            usage_to = UNSET
        else:
            usage_to = datetime.datetime.fromisoformat(_usage_to)

        usage_unit = d.pop("usage_unit", UNSET)

        usages = cls(
            group_type=group_type,
            modality=modality,
            amount_total=amount_total,
            amount_totals=amount_totals,
            job_count=job_count,
            organization=organization,
            time_us_total=time_us_total,
            usage_data=usage_data,
            usage_from=usage_from,
            usage_to=usage_to,
            usage_unit=usage_unit,
        )

        usages.additional_properties = d
        return usages

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
