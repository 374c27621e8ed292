from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.noise_model import NoiseModel
from ..types import UNSET, Unset

T = TypeVar("T", bound="Noise")


@_attrs_define
class Noise:
    """Noise for a simulator job."""

    model: NoiseModel
    """ The noise the simulator imitates: `ideal` (none) or that of a QPU
    family. Only the simulator uses it; with a QPU backend it is
    ignored. IonQ's current description leaves the name free; these
    are the names it lists.

    As IonQ's guide "Simulation with Noise Models" describes it: a
    one-qubit depolarizing channel after every one-qubit gate and a
    two-qubit one after every two-qubit gate, Kraus operators
    sqrt(1 - 3r/4) I and sqrt(r/4) σi for one qubit, sqrt(1 - 15r/16)
    I⊗I and sqrt(r/16) σi⊗σj for two, with IonQ's rates (r1q, r2q):
    `aria-1` (0.0005, 0.0133), `aria-2` (0.000657333…, 0.01856),
    `forte-1` (0.000266666…, 0.004949333…). Circuits up to 25 qubits
    on the Aria models, 11 on Harmony's, 29 on the others and `ideal`.
    A noisy run is shot-aware: one outcome per shot, probabilities
    are counts over shots, and `noise.seed` repeats it exactly.

    A job on a QPU backend runs with that QPU's noise, derived from
    its current characterization when the job runs: depolarizing
    rates r = d/(d-1) (1 - F) from the medians of `fidelity.1q`
    (d = 2) and `fidelity.2q` (d = 4), read as average gate
    fidelities (Nielsen, Phys. Lett. A 303, 249 (2002)), and every
    measured bit flipped with probability 1 - `fidelity.spam.median`.
     """
    seed: int | None | Unset = UNSET
    """ The seed of the noisy sampling, for repeatable runs; null or
    left out for a random one. qiskit-ionq sends null unless its
    `sampler_seed` is set.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model.value

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = NoiseModel(d.pop("model"))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        noise = cls(
            model=model,
            seed=seed,
        )

        noise.additional_properties = d
        return noise

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
