from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.request_validation import RequestValidation


T = TypeVar("T", bound="BadRequestError")


@_attrs_define
class BadRequestError:
    """IonQ's error body for a request that failed validation."""

    error: str
    """ A short name of the kind of error. """
    message: str
    """ What went wrong, for a person to read. """
    status_code: int
    """ The HTTP status code, repeated in the body. """
    validation: RequestValidation | Unset = UNSET
    """ Which part of the request failed validation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        message = self.message

        status_code = self.status_code

        validation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.validation, Unset):
            validation = self.validation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "message": message,
                "statusCode": status_code,
            }
        )
        if validation is not UNSET:
            field_dict["validation"] = validation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.request_validation import RequestValidation  # noqa: PLC0415

        d = dict(src_dict)
        error = d.pop("error")

        message = d.pop("message")

        status_code = d.pop("statusCode")

        _validation = d.pop("validation", UNSET)
        validation: RequestValidation | Unset
        if isinstance(_validation, Unset):
            validation = UNSET
        else:
            validation = RequestValidation.from_dict(_validation)

        bad_request_error = cls(
            error=error,
            message=message,
            status_code=status_code,
            validation=validation,
        )

        bad_request_error.additional_properties = d
        return bad_request_error

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
