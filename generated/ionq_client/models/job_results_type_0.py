from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.result_link import ResultLink


T = TypeVar("T", bound="JobResultsType0")


@_attrs_define
class JobResultsType0:
    """Where a completed job's results are; null until it completes, and
    for a job that failed, was canceled or was a dry run. A
    single-circuit or child job lists its probabilities, histogram and
    shots; a multi-circuit parent only its probabilities, whose URL is
    `.../results/probabilities/aggregated`. IonQ's current description
    names results by artifact format instead; qiskit-ionq and
    pennylane-ionq read only these URLs (qiskit-ionq otherwise asks for
    the bare base URL, pennylane-ionq crashes), and IonQ's previous
    description documents them.

    """

    probabilities: ResultLink
    """ Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL.
     """
    histogram: ResultLink | Unset = UNSET
    """ Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL.
     """
    shots: ResultLink | Unset = UNSET
    """ Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        probabilities = self.probabilities.to_dict()

        histogram: dict[str, Any] | Unset = UNSET
        if not isinstance(self.histogram, Unset):
            histogram = self.histogram.to_dict()

        shots: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shots, Unset):
            shots = self.shots.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "probabilities": probabilities,
            }
        )
        if histogram is not UNSET:
            field_dict["histogram"] = histogram
        if shots is not UNSET:
            field_dict["shots"] = shots

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_link import ResultLink  # noqa: PLC0415

        d = dict(src_dict)
        probabilities = ResultLink.from_dict(d.pop("probabilities"))

        _histogram = d.pop("histogram", UNSET)
        histogram: ResultLink | Unset
        if isinstance(_histogram, Unset):
            histogram = UNSET
        else:
            histogram = ResultLink.from_dict(_histogram)

        _shots = d.pop("shots", UNSET)
        shots: ResultLink | Unset
        if isinstance(_shots, Unset):
            shots = UNSET
        else:
            shots = ResultLink.from_dict(_shots)

        job_results_type_0 = cls(
            probabilities=probabilities,
            histogram=histogram,
            shots=shots,
        )

        job_results_type_0.additional_properties = d
        return job_results_type_0

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
