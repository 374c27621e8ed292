from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gate_counts import GateCounts


T = TypeVar("T", bound="JobStats")


@_attrs_define
class JobStats:
    """What the job is made of, and what running it took."""

    circuits: int
    """ How many circuits the job has (1 for a child or single-circuit job). """
    gate_counts: GateCounts
    """ How many gates the job has, by the number of qubits they act on. """
    qubits: int
    """ How many qubits the job uses: the `qubits` of its input. The
    result keys are states of this many qubits; cirq-ionq converts
    bit order with this number, so it must match.
     """
    billed_quantum_compute_time_us: int | Unset = UNSET
    """ How much QPU time was billed, in microseconds. """
    kwh: float | Unset = UNSET
    """ The energy running the job took, in kilowatt-hours. """
    predicted_quantum_compute_time_us: int | Unset = UNSET
    """ How long the job is predicted to occupy the QPU, in microseconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        circuits = self.circuits

        gate_counts = self.gate_counts.to_dict()

        qubits = self.qubits

        billed_quantum_compute_time_us = self.billed_quantum_compute_time_us

        kwh = self.kwh

        predicted_quantum_compute_time_us = self.predicted_quantum_compute_time_us

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "circuits": circuits,
                "gate_counts": gate_counts,
                "qubits": qubits,
            }
        )
        if billed_quantum_compute_time_us is not UNSET:
            field_dict["billed_quantum_compute_time_us"] = billed_quantum_compute_time_us
        if kwh is not UNSET:
            field_dict["kwh"] = kwh
        if predicted_quantum_compute_time_us is not UNSET:
            field_dict["predicted_quantum_compute_time_us"] = predicted_quantum_compute_time_us

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gate_counts import GateCounts  # noqa: PLC0415

        d = dict(src_dict)
        circuits = d.pop("circuits")

        gate_counts = GateCounts.from_dict(d.pop("gate_counts"))

        qubits = d.pop("qubits")

        billed_quantum_compute_time_us = d.pop("billed_quantum_compute_time_us", UNSET)

        kwh = d.pop("kwh", UNSET)

        predicted_quantum_compute_time_us = d.pop("predicted_quantum_compute_time_us", UNSET)

        job_stats = cls(
            circuits=circuits,
            gate_counts=gate_counts,
            qubits=qubits,
            billed_quantum_compute_time_us=billed_quantum_compute_time_us,
            kwh=kwh,
            predicted_quantum_compute_time_us=predicted_quantum_compute_time_us,
        )

        job_stats.additional_properties = d
        return job_stats

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
