from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.backend_name import BackendName

if TYPE_CHECKING:
    from ..models.characterization_fidelity import CharacterizationFidelity
    from ..models.characterization_timing import CharacterizationTiming


T = TypeVar("T", bound="Characterization")


@_attrs_define
class Characterization:
    """How a backend performed when it was measured: its qubits, which pairs
    of them two-qubit gates can join, and median fidelities and timings.

    """

    backend: BackendName
    """ A backend that jobs can run on: one of IonQ's QPUs (`qpu.<family>-<n>`)
    or `simulator`, IonQ's cloud simulator. The simulator is not listed in
    IonQ's documentation of this operation, but the service serves it and
    SDKs such as qiskit-ionq ask for it, so it is part of this contract.
    IonQ adds backends over time; the generated client keeps names it does
    not know.
     """
    connectivity: list[list[int]]
    """ The unordered pairs of qubits a two-qubit gate can act on. IonQ's
    trapped-ion QPUs connect every qubit with every other one, so for
    n qubits this lists all n(n-1)/2 pairs.
     """
    date: datetime.datetime
    """ When the measurements were taken (RFC 3339). """
    fidelity: CharacterizationFidelity
    """ Measured fidelities: state preparation and measurement (`spam`),
    single-qubit gates (`1q`) and two-qubit gates (`2q`).
     """
    id: UUID
    """ The id of this characterization. """
    qubits: int
    """ How many qubits the backend offered. """
    timing: CharacterizationTiming
    """ Durations in seconds: the qubits' relaxation (`t1`) and dephasing
    (`t2`) times, the duration of a single-qubit (`1q`) and a two-qubit
    (`2q`) gate, of a readout and of a qubit reset. IonQ's description
    types them as integers, but the service sends fractional seconds
    (a gate takes microseconds, `0.000135`), so they are numbers here;
    a client that parsed them as integers would fail on real answers.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backend = self.backend.value

        connectivity = []
        for connectivity_item_data in self.connectivity:
            connectivity_item = connectivity_item_data

            connectivity.append(connectivity_item)

        date = self.date.isoformat()

        fidelity = self.fidelity.to_dict()

        id = str(self.id)

        qubits = self.qubits

        timing = self.timing.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backend": backend,
                "connectivity": connectivity,
                "date": date,
                "fidelity": fidelity,
                "id": id,
                "qubits": qubits,
                "timing": timing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.characterization_fidelity import CharacterizationFidelity  # noqa: PLC0415
        from ..models.characterization_timing import CharacterizationTiming  # noqa: PLC0415

        d = dict(src_dict)
        backend = BackendName(d.pop("backend"))

        connectivity = []
        _connectivity = d.pop("connectivity")
        for connectivity_item_data in _connectivity:
            connectivity_item = cast(list[int], connectivity_item_data)

            connectivity.append(connectivity_item)

        date = datetime.datetime.fromisoformat(d.pop("date"))

        fidelity = CharacterizationFidelity.from_dict(d.pop("fidelity"))

        id = UUID(d.pop("id"))

        qubits = d.pop("qubits")

        timing = CharacterizationTiming.from_dict(d.pop("timing"))

        characterization = cls(
            backend=backend,
            connectivity=connectivity,
            date=date,
            fidelity=fidelity,
            id=id,
            qubits=qubits,
            timing=timing,
        )

        characterization.additional_properties = d
        return characterization

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
