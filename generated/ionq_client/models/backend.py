from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.backend_name import BackendName
from ..models.backend_status import BackendStatus
from ..models.gate_name import GateName
from ..models.noise_model import NoiseModel
from ..types import UNSET, Unset

T = TypeVar("T", bound="Backend")


@_attrs_define
class Backend:
    """A backend that a program can be run on, and its current state."""

    average_queue_time: float
    """ How long work currently waits in this backend's queue, in
    milliseconds. IonQ labels the format `unix-timestamp`, but the
    value is a duration, not a point in time: 1181215 is about 20
    minutes.
     """
    backend: BackendName
    """ A backend that jobs can run on: one of IonQ's QPUs (`qpu.<family>-<n>`)
    or `simulator`, IonQ's cloud simulator. The simulator is not listed in
    IonQ's documentation of this operation, but the service serves it and
    SDKs such as qiskit-ionq ask for it, so it is part of this contract.
    IonQ adds backends over time; the generated client keeps names it does
    not know.
     """
    degraded: bool
    """ True while the backend runs with reduced performance. """
    last_updated: datetime.datetime
    """ When the backend's state last changed (RFC 3339). """
    qubits: int
    """ How many qubits the backend offers. """
    status: BackendStatus
    """ Whether the backend accepts work now. IonQ's newer descriptions add
    `retired`; the generated client keeps values it does not know.
     """
    characterization_id: str | Unset = UNSET
    """ The id (a UUID) of the characterization that describes this
    backend's current performance.
     """
    kw: float | Unset = UNSET
    """ The energy the backend uses, in kilowatt-hours. """
    location: str | Unset = UNSET
    """ Where the backend is housed. """
    noise_models: list[NoiseModel] | Unset = UNSET
    """ The noise models a job on this backend may name in
    `noise.model` (the simulator only), by name. The widest circuit
    each runs, and what each does, is in docs/noise.md.
     """
    supported_error_mitigations: list[str] | Unset = UNSET
    """ The error mitigations a job on this backend may ask for in
    `settings.error_mitigation`, by name (`debiasing`).
     """
    supported_gates: list[GateName] | Unset = UNSET
    """ The gates of the `qis` gateset a circuit on this backend may
    use. IonQ compiles them to the backend's native gates.
     """
    supported_native_gates: list[GateName] | Unset = UNSET
    """ The gates of the `native` gateset this backend executes: `gpi`
    and `gpi2`, and the entangling gate of its family, `ms` on Aria
    and `zz` on Forte.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average_queue_time = self.average_queue_time

        backend = self.backend.value

        degraded = self.degraded

        last_updated = self.last_updated.isoformat()

        qubits = self.qubits

        status = self.status.value

        characterization_id = self.characterization_id

        kw = self.kw

        location = self.location

        noise_models: list[str] | Unset = UNSET
        if not isinstance(self.noise_models, Unset):
            noise_models = []
            for noise_models_item_data in self.noise_models:
                noise_models_item = noise_models_item_data.value
                noise_models.append(noise_models_item)

        supported_error_mitigations: list[str] | Unset = UNSET
        if not isinstance(self.supported_error_mitigations, Unset):
            supported_error_mitigations = self.supported_error_mitigations

        supported_gates: list[str] | Unset = UNSET
        if not isinstance(self.supported_gates, Unset):
            supported_gates = []
            for supported_gates_item_data in self.supported_gates:
                supported_gates_item = supported_gates_item_data.value
                supported_gates.append(supported_gates_item)

        supported_native_gates: list[str] | Unset = UNSET
        if not isinstance(self.supported_native_gates, Unset):
            supported_native_gates = []
            for supported_native_gates_item_data in self.supported_native_gates:
                supported_native_gates_item = supported_native_gates_item_data.value
                supported_native_gates.append(supported_native_gates_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "average_queue_time": average_queue_time,
                "backend": backend,
                "degraded": degraded,
                "last_updated": last_updated,
                "qubits": qubits,
                "status": status,
            }
        )
        if characterization_id is not UNSET:
            field_dict["characterization_id"] = characterization_id
        if kw is not UNSET:
            field_dict["kw"] = kw
        if location is not UNSET:
            field_dict["location"] = location
        if noise_models is not UNSET:
            field_dict["noise_models"] = noise_models
        if supported_error_mitigations is not UNSET:
            field_dict["supported_error_mitigations"] = supported_error_mitigations
        if supported_gates is not UNSET:
            field_dict["supported_gates"] = supported_gates
        if supported_native_gates is not UNSET:
            field_dict["supported_native_gates"] = supported_native_gates

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        average_queue_time = d.pop("average_queue_time")

        backend = BackendName(d.pop("backend"))

        degraded = d.pop("degraded")

        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        qubits = d.pop("qubits")

        status = BackendStatus(d.pop("status"))

        characterization_id = d.pop("characterization_id", UNSET)

        kw = d.pop("kw", UNSET)

        location = d.pop("location", UNSET)

        _noise_models = d.pop("noise_models", UNSET)
        noise_models: list[NoiseModel] | Unset = UNSET
        if _noise_models is not UNSET:
            noise_models = []
            for noise_models_item_data in _noise_models:
                noise_models_item = NoiseModel(noise_models_item_data)

                noise_models.append(noise_models_item)

        supported_error_mitigations = cast(list[str], d.pop("supported_error_mitigations", UNSET))

        _supported_gates = d.pop("supported_gates", UNSET)
        supported_gates: list[GateName] | Unset = UNSET
        if _supported_gates is not UNSET:
            supported_gates = []
            for supported_gates_item_data in _supported_gates:
                supported_gates_item = GateName(supported_gates_item_data)

                supported_gates.append(supported_gates_item)

        _supported_native_gates = d.pop("supported_native_gates", UNSET)
        supported_native_gates: list[GateName] | Unset = UNSET
        if _supported_native_gates is not UNSET:
            supported_native_gates = []
            for supported_native_gates_item_data in _supported_native_gates:
                supported_native_gates_item = GateName(supported_native_gates_item_data)

                supported_native_gates.append(supported_native_gates_item)

        backend = cls(
            average_queue_time=average_queue_time,
            backend=backend,
            degraded=degraded,
            last_updated=last_updated,
            qubits=qubits,
            status=status,
            characterization_id=characterization_id,
            kw=kw,
            location=location,
            noise_models=noise_models,
            supported_error_mitigations=supported_error_mitigations,
            supported_gates=supported_gates,
            supported_native_gates=supported_native_gates,
        )

        backend.additional_properties = d
        return backend

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
