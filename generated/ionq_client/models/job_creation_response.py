from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus

T = TypeVar("T", bound="JobCreationResponse")


@_attrs_define
class JobCreationResponse:
    """A job just queued."""

    id: UUID
    """ The new job's id. """
    session_id: None | UUID
    """ The session the job runs in (`POST /sessions`), or null for none.
    A job into a session that is unknown, another key's, or cannot
    take it is refused with 409 (`SessionRefused`).
     """
    status: JobStatus
    """ Where a job is in its life: `submitted` (accepted, not yet
    scheduled), `ready` (queued on its backend), `started` (running),
    then one of the final statuses `completed`, `failed` or
    `canceled`. A job only moves forward through this list, and a
    final status never changes. There is no `running`: qiskit-ionq
    raises on any status it does not know and ionq-core checks the
    value against this list.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        session_id: None | str
        if isinstance(self.session_id, UUID):
            session_id = str(self.session_id)
        else:
            session_id = self.session_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "session_id": session_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_session_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_session_id_type_0 = UUID(data)

                return componentsschemas_session_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        session_id = _parse_session_id(d.pop("session_id"))

        status = JobStatus(d.pop("status"))

        job_creation_response = cls(
            id=id,
            session_id=session_id,
            status=status,
        )

        job_creation_response.additional_properties = d
        return job_creation_response

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
