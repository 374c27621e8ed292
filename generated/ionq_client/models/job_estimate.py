from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.estimate_context import EstimateContext
    from ..models.estimate_input_values import EstimateInputValues
    from ..models.rate_card import RateCard


T = TypeVar("T", bound="JobEstimate")


@_attrs_define
class JobEstimate:
    """The estimate of a job, in two sets of keys that say the same
    thing: `estimated_total_cost` = `estimated_cost`, `estimated_unit`
    = `cost_unit`, `rate_card` = `rate_information`, `estimate_context`
    ≈ `input_values`. `estimated_at`, `estimated_execution_time` and
    `current_predicted_queue_time` are shared.

    """

    cost_unit: str
    """ The same as `estimated_unit`, for qiskit-ionq. """
    current_predicted_queue_time: int
    """ How long the job would wait in the queue now, in milliseconds. """
    estimate_context: EstimateContext
    """ What was estimated, as IonQ's current answer repeats it, defaults filled in. """
    estimated_at: datetime.datetime
    """ When the estimate was made (RFC 3339). """
    estimated_cost: float
    """ The same as `estimated_total_cost`, for qiskit-ionq. """
    estimated_execution_time: int
    """ How long the job would run, in milliseconds. """
    estimated_total_cost: float
    """ What the job would cost. """
    estimated_unit: str
    """ The currency of `estimated_total_cost`. """
    input_values: EstimateInputValues
    """ What was estimated, in the older answer qiskit-ionq reads, its `session` included. """
    rate_card: RateCard
    """ The prices an estimate was made with. """
    rate_information: RateCard
    """ The prices an estimate was made with. """
    estimated_quantum_compute_time_us: int | Unset = UNSET
    """ How long the job would occupy the QPU, in microseconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost_unit = self.cost_unit

        current_predicted_queue_time = self.current_predicted_queue_time

        estimate_context = self.estimate_context.to_dict()

        estimated_at = self.estimated_at.isoformat()

        estimated_cost = self.estimated_cost

        estimated_execution_time = self.estimated_execution_time

        estimated_total_cost = self.estimated_total_cost

        estimated_unit = self.estimated_unit

        input_values = self.input_values.to_dict()

        rate_card = self.rate_card.to_dict()

        rate_information = self.rate_information.to_dict()

        estimated_quantum_compute_time_us = self.estimated_quantum_compute_time_us

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost_unit": cost_unit,
                "current_predicted_queue_time": current_predicted_queue_time,
                "estimate_context": estimate_context,
                "estimated_at": estimated_at,
                "estimated_cost": estimated_cost,
                "estimated_execution_time": estimated_execution_time,
                "estimated_total_cost": estimated_total_cost,
                "estimated_unit": estimated_unit,
                "input_values": input_values,
                "rate_card": rate_card,
                "rate_information": rate_information,
            }
        )
        if estimated_quantum_compute_time_us is not UNSET:
            field_dict["estimated_quantum_compute_time_us"] = estimated_quantum_compute_time_us

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.estimate_context import EstimateContext  # noqa: PLC0415
        from ..models.estimate_input_values import EstimateInputValues  # noqa: PLC0415
        from ..models.rate_card import RateCard  # noqa: PLC0415

        d = dict(src_dict)
        cost_unit = d.pop("cost_unit")

        current_predicted_queue_time = d.pop("current_predicted_queue_time")

        estimate_context = EstimateContext.from_dict(d.pop("estimate_context"))

        estimated_at = datetime.datetime.fromisoformat(d.pop("estimated_at"))

        estimated_cost = d.pop("estimated_cost")

        estimated_execution_time = d.pop("estimated_execution_time")

        estimated_total_cost = d.pop("estimated_total_cost")

        estimated_unit = d.pop("estimated_unit")

        input_values = EstimateInputValues.from_dict(d.pop("input_values"))

        rate_card = RateCard.from_dict(d.pop("rate_card"))

        rate_information = RateCard.from_dict(d.pop("rate_information"))

        estimated_quantum_compute_time_us = d.pop("estimated_quantum_compute_time_us", UNSET)

        job_estimate = cls(
            cost_unit=cost_unit,
            current_predicted_queue_time=current_predicted_queue_time,
            estimate_context=estimate_context,
            estimated_at=estimated_at,
            estimated_cost=estimated_cost,
            estimated_execution_time=estimated_execution_time,
            estimated_total_cost=estimated_total_cost,
            estimated_unit=estimated_unit,
            input_values=input_values,
            rate_card=rate_card,
            rate_information=rate_information,
            estimated_quantum_compute_time_us=estimated_quantum_compute_time_us,
        )

        job_estimate.additional_properties = d
        return job_estimate

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
