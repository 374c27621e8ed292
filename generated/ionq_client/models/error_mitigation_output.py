from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aggregations_output import AggregationsOutput
    from ..models.debiasing_variants import DebiasingVariants
    from ..models.symmetry_verification_output import SymmetryVerificationOutput


T = TypeVar("T", bound="ErrorMitigationOutput")


@_attrs_define
class ErrorMitigationOutput:
    """What error mitigation did: present on a completed circuit (or
    child) job that asked for any, absent otherwise. A debiased job's
    results (probabilities, histogram, shots) are its `average`
    aggregation; `sharpen=true` gives its `voting` aggregation.

    """

    aggregations: AggregationsOutput | Unset = UNSET
    """ The aggregations of a debiased job's variants, each a histogram
    artifact. `average`: the shot-weighted average of the variants'
    distributions (their pooled counts). `voting` (IonQ's sharpening):
    each variant's shots credited to its plurality outcome, a tie's
    split evenly. IonQ also names `dnl` and `majority` without
    defining them; the fake does not serve them.
     """
    debiasing: bool | DebiasingVariants | Unset = UNSET
    """ `false` when the job was not debiased (ionq-core's overlay records
    that the service sends it); else its variants and how they were
    aggregated into the job's results.
     """
    symmetry_verification: SymmetryVerificationOutput | Unset = UNSET
    """ What symmetry verification did. The fake allows the outcomes the
    noiseless circuit can give (its ideal distribution's support) and
    discards every other shot before results and aggregations are
    counted; `num_allowed_states` is that support's size, `applied` is
    false when every outcome is allowed (nothing could be discarded)
    or the backend does not offer it.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.debiasing_variants import DebiasingVariants  # noqa: PLC0415

        aggregations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregations, Unset):
            aggregations = self.aggregations.to_dict()

        debiasing: bool | dict[str, Any] | Unset
        if isinstance(self.debiasing, Unset):
            debiasing = UNSET
        elif isinstance(self.debiasing, DebiasingVariants):
            debiasing = self.debiasing.to_dict()
        else:
            debiasing = self.debiasing

        symmetry_verification: dict[str, Any] | Unset = UNSET
        if not isinstance(self.symmetry_verification, Unset):
            symmetry_verification = self.symmetry_verification.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aggregations is not UNSET:
            field_dict["aggregations"] = aggregations
        if debiasing is not UNSET:
            field_dict["debiasing"] = debiasing
        if symmetry_verification is not UNSET:
            field_dict["symmetry_verification"] = symmetry_verification

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregations_output import AggregationsOutput  # noqa: PLC0415
        from ..models.debiasing_variants import DebiasingVariants  # noqa: PLC0415
        from ..models.symmetry_verification_output import SymmetryVerificationOutput  # noqa: PLC0415

        d = dict(src_dict)
        _aggregations = d.pop("aggregations", UNSET)
        aggregations: AggregationsOutput | Unset
        if isinstance(_aggregations, Unset):
            aggregations = UNSET
        else:
            aggregations = AggregationsOutput.from_dict(_aggregations)

        def _parse_debiasing(data: object) -> bool | DebiasingVariants | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_debiasing_output_type_1 = DebiasingVariants.from_dict(data)

                return componentsschemas_debiasing_output_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | DebiasingVariants | Unset, data)

        debiasing = _parse_debiasing(d.pop("debiasing", UNSET))

        _symmetry_verification = d.pop("symmetry_verification", UNSET)
        symmetry_verification: SymmetryVerificationOutput | Unset
        if isinstance(_symmetry_verification, Unset):
            symmetry_verification = UNSET
        else:
            symmetry_verification = SymmetryVerificationOutput.from_dict(_symmetry_verification)

        error_mitigation_output = cls(
            aggregations=aggregations,
            debiasing=debiasing,
            symmetry_verification=symmetry_verification,
        )

        error_mitigation_output.additional_properties = d
        return error_mitigation_output

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
