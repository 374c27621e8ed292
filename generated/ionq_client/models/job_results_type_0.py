from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_descriptor import ArtifactDescriptor
    from ..models.result_link import ResultLink


T = TypeVar("T", bound="JobResultsType0")


@_attrs_define
class JobResultsType0:
    """Where a completed job's results are; null until it completes, and
    for a job that failed, was canceled or was a dry run. Two kinds of
    entries side by side:

    - by kind (`probabilities`, `histogram`, `shots`), a URL: what
      qiskit-ionq, cirq-ionq and pennylane-ionq follow (qiskit-ionq
      otherwise asks for the bare base URL, pennylane-ionq crashes).
      IonQ's previous description documents them; its current one
      does not. A single-circuit or child job lists all three; a
      multi-circuit parent its probabilities, at
      `.../results/probabilities/aggregated`;
    - by format (`ionq.result.probabilities.json.v1`, ...), an
      `ArtifactDescriptor`, as IonQ's current description names
      results: a job that ran with shots (a QPU, a noise model) has
      probabilities, histogram and shots in v1 and v2; the ideal
      simulator its probabilities in v1 and v2 only (it computes the
      distribution, it draws no shots, as IonQ's does); a
      multi-circuit parent `ionq.result.probabilities-aggregate.json.v1`.

    The fake serves both: the SDKs in use read the first, ionq-core
    and OpenQASM 3 jobs the second, and neither reader is disturbed by
    the other's entries (ionq-core keeps an entry it cannot parse as a
    raw dict).

    """

    probabilities: ResultLink
    """ Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL. The entry is also the
    `ArtifactDescriptor` of the same document in its v1 format
    (`probabilities`: `ionq.result.probabilities.json.v1`, a batch's
    parent the aggregate), so that ionq-core, which reads every entry
    of `results` as a descriptor, parses the whole map.
     """
    histogram: ResultLink | Unset = UNSET
    """ Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL. The entry is also the
    `ArtifactDescriptor` of the same document in its v1 format
    (`probabilities`: `ionq.result.probabilities.json.v1`, a batch's
    parent the aggregate), so that ionq-core, which reads every entry
    of `results` as a descriptor, parses the whole map.
     """
    shots: ResultLink | Unset = UNSET
    """ Where one kind of result is, as a path from the host: it starts
    with `/v0.4/`. qiskit-ionq joins it to its base URL and then removes
    the first `/vX.Y/`, and pennylane-ionq resolves it against its base
    URL as an absolute path; without the prefix both would miss the
    API. Follow it on the host of the base URL. The entry is also the
    `ArtifactDescriptor` of the same document in its v1 format
    (`probabilities`: `ionq.result.probabilities.json.v1`, a batch's
    parent the aggregate), so that ionq-core, which reads every entry
    of `results` as a descriptor, parses the whole map.
     """
    additional_properties: dict[str, ArtifactDescriptor] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        probabilities = self.probabilities.to_dict()

        histogram: dict[str, Any] | Unset = UNSET
        if not isinstance(self.histogram, Unset):
            histogram = self.histogram.to_dict()

        shots: dict[str, Any] | Unset = UNSET
        if not isinstance(self.shots, Unset):
            shots = self.shots.to_dict()

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

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
        from ..models.artifact_descriptor import ArtifactDescriptor  # noqa: PLC0415
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

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = ArtifactDescriptor.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        job_results_type_0.additional_properties = additional_properties
        return job_results_type_0

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ArtifactDescriptor:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: ArtifactDescriptor) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
