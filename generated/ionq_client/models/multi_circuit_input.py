from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.circuit_format import CircuitFormat
from ..models.gateset import Gateset
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_circuit import BatchCircuit


T = TypeVar("T", bound="MultiCircuitInput")


@_attrs_define
class MultiCircuitInput:
    """The circuits of an `ionq.multi-circuit.v1` job. A circuit without
    its own `gateset` or `qubits` takes these. IonQ allows 150,000
    gates over all circuits; no JSON Schema can count that, so a larger
    batch is accepted and then fails with `TooManyGates`.

    """

    circuits: list[BatchCircuit]
    """ The circuits, at most 5,000; results come back in this order. """
    gateset: Gateset
    """ Which gates a circuit is written in: `qis`, the usual
    quantum-information gates (angles in radians), compiled by IonQ; or
    `native`, the trapped-ion gates the QPUs execute (`gpi`, `gpi2`,
    `ms`, `zz`; phases in turns).
     """
    format_: CircuitFormat | Unset = UNSET
    """ The format the circuit is written in. Only qBraid sends it, always
    `ionq.circuit.v0`, on single and multi-circuit jobs alike; the
    circuit it sends is the same JSON circuit as without it, so the
    fake accepts the field and runs the circuit as it would any other.
    IonQ's description does not list the field.
     """
    qubits: int | Unset = UNSET
    """ How many qubits the circuit uses (the highest qubit index plus
    one). The backend decides how many it may use: `qubits` of `GET
    /backends/{backend}` (29 for the simulator). A wider job is
    accepted and then fails with `NotEnoughQubits`; 64 is the most any
    backend of this contract could offer.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        circuits = []
        for circuits_item_data in self.circuits:
            circuits_item = circuits_item_data.to_dict()
            circuits.append(circuits_item)

        gateset = self.gateset.value

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        qubits = self.qubits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "circuits": circuits,
                "gateset": gateset,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if qubits is not UNSET:
            field_dict["qubits"] = qubits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_circuit import BatchCircuit  # noqa: PLC0415

        d = dict(src_dict)
        circuits = []
        _circuits = d.pop("circuits")
        for circuits_item_data in _circuits:
            circuits_item = BatchCircuit.from_dict(circuits_item_data)

            circuits.append(circuits_item)

        gateset = Gateset(d.pop("gateset"))

        _format_ = d.pop("format", UNSET)
        format_: CircuitFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = CircuitFormat(_format_)

        qubits = d.pop("qubits", UNSET)

        multi_circuit_input = cls(
            circuits=circuits,
            gateset=gateset,
            format_=format_,
            qubits=qubits,
        )

        multi_circuit_input.additional_properties = d
        return multi_circuit_input

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
