from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_session_request_backend import CreateSessionRequestBackend
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_settings_request import SessionSettingsRequest


T = TypeVar("T", bound="CreateSessionRequest")


@_attrs_define
class CreateSessionRequest:
    """The backend of a new session and its limits."""

    backend: CreateSessionRequestBackend
    """ The backend the session's jobs run on: a name `JobBackend`
    accepts, or `ionq_simulator`, which qiskit-ionq sends for the
    simulator (see `x-sdk-notes` of `POST /sessions`).
     """
    settings: SessionSettingsRequest | Unset = UNSET
    """ The limits of a new session; any may be left out. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backend = self.backend.value

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backend": backend,
            }
        )
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_settings_request import SessionSettingsRequest  # noqa: PLC0415

        d = dict(src_dict)
        backend = CreateSessionRequestBackend(d.pop("backend"))

        _settings = d.pop("settings", UNSET)
        settings: SessionSettingsRequest | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = SessionSettingsRequest.from_dict(_settings)

        create_session_request = cls(
            backend=backend,
            settings=settings,
        )

        create_session_request.additional_properties = d
        return create_session_request

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
