from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Qasm3CircuitInput")


@_attrs_define
class Qasm3CircuitInput:
    """The program of an `ionq.qasm3.v1` job. IonQ's description has
    `data` alone (closed); `qubits` is accepted too because
    qiskit-ionq sends it, and it changes nothing: the program's own
    declarations say how wide it is.

    """

    data: str
    """ The OpenQASM 3 program (format `ionq.qasm3.v1`). The fake runs
    registers, `stdgates.inc` and `U`/`gphase`, gate definitions,
    the modifiers `ctrl`, `negctrl`, `inv` and integer `pow`,
    measurement (mid-circuit too), `reset` and `barrier`. A program
    that does not parse, or uses what the fake does not run, fails
    the job (not a 400) with a message naming it.
     """
    qubits: int | Unset = UNSET
    """ The program's width as the sender counts it; not read. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        qubits = self.qubits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if qubits is not UNSET:
            field_dict["qubits"] = qubits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = d.pop("data")

        qubits = d.pop("qubits", UNSET)

        qasm_3_circuit_input = cls(
            data=data,
            qubits=qubits,
        )

        qasm_3_circuit_input.additional_properties = d
        return qasm_3_circuit_input

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
