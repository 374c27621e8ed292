from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.circuit_format import CircuitFormat
from ..models.gateset import Gateset
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gate import Gate


T = TypeVar("T", bound="CircuitInput")


@_attrs_define
class CircuitInput:
    """The circuit of an `ionq.circuit.v1` job."""

    circuit: list[Gate]
    """ The gates of a circuit, in the order they are applied. There are no
    measurement gates: every qubit from 0 to `qubits - 1` is measured
    at the end. An empty circuit measures the initial state.
     """
    gateset: Gateset
    """ Which gates a circuit is written in: `qis`, the usual
    quantum-information gates (angles in radians), compiled by IonQ; or
    `native`, the trapped-ion gates the QPUs execute (`gpi`, `gpi2`,
    `ms`, `zz`; phases in turns).
     """
    qubits: int
    """ How many qubits the circuit uses (the highest qubit index plus
    one). The backend decides how many it may use: `qubits` of `GET
    /backends/{backend}` (29 for the simulator). A wider job is
    accepted and then fails with `NotEnoughQubits`; 64 is the most any
    backend of this contract could offer.
     """
    format_: CircuitFormat | Unset = UNSET
    """ The format the circuit is written in. Only qBraid sends it, always
    `ionq.circuit.v0`, on single and multi-circuit jobs alike; the
    circuit it sends is the same JSON circuit as without it, so the
    fake accepts the field and runs the circuit as it would any other.
    IonQ's description does not list the field.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        circuit = []
        for componentsschemas_circuit_item_data in self.circuit:
            componentsschemas_circuit_item = componentsschemas_circuit_item_data.to_dict()
            circuit.append(componentsschemas_circuit_item)

        gateset = self.gateset.value

        qubits = self.qubits

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "circuit": circuit,
                "gateset": gateset,
                "qubits": qubits,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gate import Gate  # noqa: PLC0415

        d = dict(src_dict)
        circuit = []
        _circuit = d.pop("circuit")
        for componentsschemas_circuit_item_data in _circuit:
            componentsschemas_circuit_item = Gate.from_dict(componentsschemas_circuit_item_data)

            circuit.append(componentsschemas_circuit_item)

        gateset = Gateset(d.pop("gateset"))

        qubits = d.pop("qubits")

        _format_ = d.pop("format", UNSET)
        format_: CircuitFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = CircuitFormat(_format_)

        circuit_input = cls(
            circuit=circuit,
            gateset=gateset,
            qubits=qubits,
            format_=format_,
        )

        circuit_input.additional_properties = d
        return circuit_input

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
