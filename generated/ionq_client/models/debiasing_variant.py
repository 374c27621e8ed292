from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.debiasing_variant_results import DebiasingVariantResults


T = TypeVar("T", bound="DebiasingVariant")


@_attrs_define
class DebiasingVariant:
    """One variant: the circuit run with its qubits on other device
    qubits, for a share of the shots (the variants' add up to the
    job's). Its results are over the circuit's own qubits.

    """

    qubit_map: list[int] | None
    """ The device qubit each of the circuit's qubits ran on, circuit qubit 0 first. """
    shots: int
    """ The shots the variant ran. """
    variant_id: str
    """ The variant's id within its job. """
    results: DebiasingVariantResults | Unset = UNSET
    """ The variant's results by format (the fake gives
    `ionq.result.histogram.json.v2`); fetch each by its `id` from
    the job's artifacts. After symmetry verification its counts
    are the shots kept.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qubit_map: list[int] | None
        if isinstance(self.qubit_map, list):
            qubit_map = self.qubit_map

        else:
            qubit_map = self.qubit_map

        shots = self.shots

        variant_id = self.variant_id

        results: dict[str, Any] | Unset = UNSET
        if not isinstance(self.results, Unset):
            results = self.results.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "qubit_map": qubit_map,
                "shots": shots,
                "variant_id": variant_id,
            }
        )
        if results is not UNSET:
            field_dict["results"] = results

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.debiasing_variant_results import DebiasingVariantResults  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_qubit_map(data: object) -> list[int] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                qubit_map_type_0 = cast(list[int], data)

                return qubit_map_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None, data)

        qubit_map = _parse_qubit_map(d.pop("qubit_map"))

        shots = d.pop("shots")

        variant_id = d.pop("variant_id")

        _results = d.pop("results", UNSET)
        results: DebiasingVariantResults | Unset
        if isinstance(_results, Unset):
            results = UNSET
        else:
            results = DebiasingVariantResults.from_dict(_results)

        debiasing_variant = cls(
            qubit_map=qubit_map,
            shots=shots,
            variant_id=variant_id,
            results=results,
        )

        debiasing_variant.additional_properties = d
        return debiasing_variant

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
