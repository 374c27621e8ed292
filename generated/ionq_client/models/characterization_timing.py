from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CharacterizationTiming")


@_attrs_define
class CharacterizationTiming:
    """Durations in seconds: the qubits' relaxation (`t1`) and dephasing
    (`t2`) times, the duration of a single-qubit (`1q`) and a two-qubit
    (`2q`) gate, of a readout and of a qubit reset. IonQ's description
    types them as integers, but the service sends fractional seconds
    (a gate takes microseconds, `0.000135`), so they are numbers here;
    a client that parsed them as integers would fail on real answers.

    """

    field_1q: float
    """ Duration of a single-qubit gate, in seconds. """
    field_2q: float
    """ Duration of a two-qubit gate, in seconds. """
    readout: float
    """ Duration of a readout, in seconds. """
    reset: float
    """ Duration of a qubit reset, in seconds. """
    t1: float
    """ Relaxation time (T1), in seconds. """
    t2: float
    """ Dephasing time (T2), in seconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_1q = self.field_1q

        field_2q = self.field_2q

        readout = self.readout

        reset = self.reset

        t1 = self.t1

        t2 = self.t2

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "1q": field_1q,
                "2q": field_2q,
                "readout": readout,
                "reset": reset,
                "t1": t1,
                "t2": t2,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_1q = d.pop("1q")

        field_2q = d.pop("2q")

        readout = d.pop("readout")

        reset = d.pop("reset")

        t1 = d.pop("t1")

        t2 = d.pop("t2")

        characterization_timing = cls(
            field_1q=field_1q,
            field_2q=field_2q,
            readout=readout,
            reset=reset,
            t1=t1,
            t2=t2,
        )

        characterization_timing.additional_properties = d
        return characterization_timing

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
