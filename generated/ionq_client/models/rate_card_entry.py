from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rate_card_entry_unit import RateCardEntryUnit
from ..types import UNSET, Unset

T = TypeVar("T", bound="RateCardEntry")


@_attrs_define
class RateCardEntry:
    """One price of a rate card: per second of QPU compute
    (`compute_second`, with `unit_cost`) or per gate (`gates`, with
    `cost_1q_gate`, `cost_2q_gate` and maybe `job_cost_minimum`).

    """

    sku: str
    """ IonQ's name of what is priced. """
    unit: RateCardEntryUnit
    """ What the price is per. """
    cost_1q_gate: float | Unset = UNSET
    """ The price of one single-qubit gate-shot. """
    cost_2q_gate: float | Unset = UNSET
    """ The price of one two-qubit gate-shot. """
    job_cost_minimum: float | Unset = UNSET
    """ The least a job costs. """
    unit_cost: float | Unset = UNSET
    """ The price of one second of compute. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku = self.sku

        unit = self.unit.value

        cost_1q_gate = self.cost_1q_gate

        cost_2q_gate = self.cost_2q_gate

        job_cost_minimum = self.job_cost_minimum

        unit_cost = self.unit_cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sku": sku,
                "unit": unit,
            }
        )
        if cost_1q_gate is not UNSET:
            field_dict["cost_1q_gate"] = cost_1q_gate
        if cost_2q_gate is not UNSET:
            field_dict["cost_2q_gate"] = cost_2q_gate
        if job_cost_minimum is not UNSET:
            field_dict["job_cost_minimum"] = job_cost_minimum
        if unit_cost is not UNSET:
            field_dict["unit_cost"] = unit_cost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sku = d.pop("sku")

        unit = RateCardEntryUnit(d.pop("unit"))

        cost_1q_gate = d.pop("cost_1q_gate", UNSET)

        cost_2q_gate = d.pop("cost_2q_gate", UNSET)

        job_cost_minimum = d.pop("job_cost_minimum", UNSET)

        unit_cost = d.pop("unit_cost", UNSET)

        rate_card_entry = cls(
            sku=sku,
            unit=unit,
            cost_1q_gate=cost_1q_gate,
            cost_2q_gate=cost_2q_gate,
            job_cost_minimum=job_cost_minimum,
            unit_cost=unit_cost,
        )

        rate_card_entry.additional_properties = d
        return rate_card_entry

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
