from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gateset import Gateset
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_circuit_registers import BatchCircuitRegisters
    from ..models.gate import Gate


T = TypeVar("T", bound="BatchCircuit")


@_attrs_define
class BatchCircuit:
    """One circuit of a multi-circuit job; it runs as a child job of its own."""

    circuit: list[Gate]
    """ The gates of a circuit, in the order they are applied. There are no
    measurement gates: every qubit from 0 to `qubits - 1` is measured
    at the end. An empty circuit measures the initial state.
     """
    gateset: Gateset | Unset = UNSET
    """ Which gates a circuit is written in: `qis`, the usual
    quantum-information gates (angles in radians), compiled by IonQ; or
    `native`, the trapped-ion gates the QPUs execute (`gpi`, `gpi2`,
    `ms`, `zz`; phases in turns).
     """
    name: str | Unset = UNSET
    """ A name for the circuit, which its child job takes. """
    qubits: int | Unset = UNSET
    """ How many qubits the circuit uses (the highest qubit index plus
    one). The backend decides how many it may use: `qubits` of `GET
    /backends/{backend}` (29 for the simulator). A wider job is
    accepted and then fails with `NotEnoughQubits`; 64 is the most any
    backend of this contract could offer.
     """
    registers: BatchCircuitRegisters | Unset = UNSET
    """ Named groups of qubits of this circuit, each a list of qubit
    indices. Kept with the child job; results are not split by them.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        circuit = []
        for componentsschemas_circuit_item_data in self.circuit:
            componentsschemas_circuit_item = componentsschemas_circuit_item_data.to_dict()
            circuit.append(componentsschemas_circuit_item)

        gateset: str | Unset = UNSET
        if not isinstance(self.gateset, Unset):
            gateset = self.gateset.value

        name = self.name

        qubits = self.qubits

        registers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.registers, Unset):
            registers = self.registers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "circuit": circuit,
            }
        )
        if gateset is not UNSET:
            field_dict["gateset"] = gateset
        if name is not UNSET:
            field_dict["name"] = name
        if qubits is not UNSET:
            field_dict["qubits"] = qubits
        if registers is not UNSET:
            field_dict["registers"] = registers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_circuit_registers import BatchCircuitRegisters  # noqa: PLC0415
        from ..models.gate import Gate  # noqa: PLC0415

        d = dict(src_dict)
        circuit = []
        _circuit = d.pop("circuit")
        for componentsschemas_circuit_item_data in _circuit:
            componentsschemas_circuit_item = Gate.from_dict(componentsschemas_circuit_item_data)

            circuit.append(componentsschemas_circuit_item)

        _gateset = d.pop("gateset", UNSET)
        gateset: Gateset | Unset
        if isinstance(_gateset, Unset):
            gateset = UNSET
        else:
            gateset = Gateset(_gateset)

        name = d.pop("name", UNSET)

        qubits = d.pop("qubits", UNSET)

        _registers = d.pop("registers", UNSET)
        registers: BatchCircuitRegisters | Unset
        if isinstance(_registers, Unset):
            registers = UNSET
        else:
            registers = BatchCircuitRegisters.from_dict(_registers)

        batch_circuit = cls(
            circuit=circuit,
            gateset=gateset,
            name=name,
            qubits=qubits,
            registers=registers,
        )

        batch_circuit.additional_properties = d
        return batch_circuit

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
