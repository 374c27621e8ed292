from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gate_name import GateName
from ..types import UNSET, Unset

T = TypeVar("T", bound="Gate")


@_attrs_define
class Gate:
    """One gate of a circuit. The qubits it acts on are `target` or
    `targets`, its controls `control` or `controls`: every gate takes
    either form (qiskit-ionq and cirq-ionq write lists, pennylane-ionq
    single values, and qiskit-ionq writes controlled gates as the base
    gate with `controls`, CNOT as `x`). Which parameters a gate needs
    depends on the gate: `rotation` (radians) for `rx ry rz xx yy zz`
    and, on `z`, a phase gate; `phase` (turns) for `gpi gpi2`;
    `phases` and `angle` for `ms`; `angle` (or `phase`, as cirq-ionq
    writes it) for native `zz`; `terms`, `coefficients` and `time` for
    `pauliexp`. A gate missing what it needs is accepted and the job
    then fails with `InvalidInput`.

    """

    gate: GateName
    """ A gate of either gateset. `qis`: `x y z h s si t ti v vi rx ry rz
    not cnot swap xx yy zz pauliexp` (`not` is `x`; `si`, `ti`, `vi` are
    the inverses of `s`, `t`, `v`, and `v` is the square root of X).
    `native`: `gpi gpi2 ms zz nop`. `zz` is in both: a rotation in
    radians in `qis`, an angle in turns in `native`; the circuit's
    gateset says which. Whether a gate belongs to its circuit's
    gateset is not checked here (see `POST /jobs`).
     """
    angle: float | Unset = UNSET
    """ The interaction angle of `ms` and native `zz`, in units of π
    (0.25, the default of `ms`, entangles maximally). IonQ's
    description says turns; every SDK's matrix uses units of π.
     """
    coefficients: list[float] | Unset = UNSET
    """ The coefficient of each term of `pauliexp`, in the order of `terms`. """
    control: int | Unset = UNSET
    """ A qubit of the circuit, from 0. It must be below the circuit's
    `qubits`; that is checked when the job runs, not here. No job has
    more than 64 qubits, so nothing above 63 is ever valid.
     """
    controls: list[int] | Unset = UNSET
    """ The control qubits (qiskit-ionq sends two or more for Toffoli-like gates). """
    phase: float | Unset = UNSET
    """ The phase of `gpi` and `gpi2` in turns (1 is 2π); cirq-ionq also sends native `zz`'s angle here. """
    phases: list[float] | Unset = UNSET
    """ The phases of `ms` in turns, one per target, `targets[0]` first. """
    rotation: float | Unset = UNSET
    """ The rotation angle of `rx ry rz xx yy zz` (and a phase on `z`), in radians. """
    target: int | Unset = UNSET
    """ A qubit of the circuit, from 0. It must be below the circuit's
    `qubits`; that is checked when the job runs, not here. No job has
    more than 64 qubits, so nothing above 63 is ever valid.
     """
    targets: list[int] | Unset = UNSET
    """ The qubits the gate acts on (two for `swap`, `xx`, `ms`, native `zz`). """
    terms: list[str] | Unset = UNSET
    """ The Pauli strings of `pauliexp` (`"XX"`, `"ZI"`), one letter per target. """
    time: float | Unset = UNSET
    """ The evolution time of `pauliexp`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        gate = self.gate.value

        angle = self.angle

        coefficients: list[float] | Unset = UNSET
        if not isinstance(self.coefficients, Unset):
            coefficients = self.coefficients

        control = self.control

        controls: list[int] | Unset = UNSET
        if not isinstance(self.controls, Unset):
            controls = self.controls

        phase = self.phase

        phases: list[float] | Unset = UNSET
        if not isinstance(self.phases, Unset):
            phases = self.phases

        rotation = self.rotation

        target = self.target

        targets: list[int] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = self.targets

        terms: list[str] | Unset = UNSET
        if not isinstance(self.terms, Unset):
            terms = self.terms

        time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "gate": gate,
            }
        )
        if angle is not UNSET:
            field_dict["angle"] = angle
        if coefficients is not UNSET:
            field_dict["coefficients"] = coefficients
        if control is not UNSET:
            field_dict["control"] = control
        if controls is not UNSET:
            field_dict["controls"] = controls
        if phase is not UNSET:
            field_dict["phase"] = phase
        if phases is not UNSET:
            field_dict["phases"] = phases
        if rotation is not UNSET:
            field_dict["rotation"] = rotation
        if target is not UNSET:
            field_dict["target"] = target
        if targets is not UNSET:
            field_dict["targets"] = targets
        if terms is not UNSET:
            field_dict["terms"] = terms
        if time is not UNSET:
            field_dict["time"] = time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        gate = GateName(d.pop("gate"))

        angle = d.pop("angle", UNSET)

        coefficients = cast(list[float], d.pop("coefficients", UNSET))

        control = d.pop("control", UNSET)

        controls = cast(list[int], d.pop("controls", UNSET))

        phase = d.pop("phase", UNSET)

        phases = cast(list[float], d.pop("phases", UNSET))

        rotation = d.pop("rotation", UNSET)

        target = d.pop("target", UNSET)

        targets = cast(list[int], d.pop("targets", UNSET))

        terms = cast(list[str], d.pop("terms", UNSET))

        time = d.pop("time", UNSET)

        gate = cls(
            gate=gate,
            angle=angle,
            coefficients=coefficients,
            control=control,
            controls=controls,
            phase=phase,
            phases=phases,
            rotation=rotation,
            target=target,
            targets=targets,
            terms=terms,
            time=time,
        )

        gate.additional_properties = d
        return gate

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
