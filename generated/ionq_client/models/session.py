from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_status import SessionStatus

if TYPE_CHECKING:
    from ..models.session_settings import SessionSettings


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A session: the backend its jobs run on, its limits, and where it
    is in its life (`created`, `started`, `ended`).

    """

    active: bool
    """ False once ended. """
    backend: None | str
    """ The backend the session's jobs run on (`ionq_simulator` kept as `simulator`, `qpu` as `qpu.aria-1`). """
    created_at: datetime.datetime
    creator_id: None | str
    """ The id of the key that opened the session (`GET /whoami`'s `id`). """
    ended_at: datetime.datetime | None
    """ When the session was ended; null until then. """
    ender_id: None | str
    """ The id of the key that ended it; null until then. """
    id: UUID
    organization_id: str
    """ The id of an organization. IonQ's are not UUIDs but names such as
    `com.my.org`. The fake's are `com.ionq-mock.` and 12 hex digits,
    derived from the API key (one organization per key, as stable as
    the key's own id).
     """
    project_id: None | str
    """ The project of the session; the fake's one project, as on its jobs. """
    settings: SessionSettings
    """ A session's limits, as asked for, and when its duration runs out. """
    started_at: datetime.datetime | None
    """ When its first job was submitted; null until then. """
    state: SessionStatus
    """ `created` until the session's first job, then `started`, and
    `ended` once ended.
     """
    status: SessionStatus
    """ `created` until the session's first job, then `started`, and
    `ended` once ended.
     """
    usage_time: float
    """ Seconds since the session started (its first job), until it
    ended or now; 0 before its first job.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        backend: None | str
        backend = self.backend

        created_at = self.created_at.isoformat()

        creator_id: None | str
        creator_id = self.creator_id

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        ender_id: None | str
        ender_id = self.ender_id

        id = str(self.id)

        organization_id = self.organization_id

        project_id: None | str
        project_id = self.project_id

        settings = self.settings.to_dict()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        state = self.state.value

        status = self.status.value

        usage_time = self.usage_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "backend": backend,
                "created_at": created_at,
                "creator_id": creator_id,
                "ended_at": ended_at,
                "ender_id": ender_id,
                "id": id,
                "organization_id": organization_id,
                "project_id": project_id,
                "settings": settings,
                "started_at": started_at,
                "state": state,
                "status": status,
                "usage_time": usage_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_settings import SessionSettings  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        def _parse_backend(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        backend = _parse_backend(d.pop("backend"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_creator_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        creator_id = _parse_creator_id(d.pop("creator_id"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        def _parse_ender_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ender_id = _parse_ender_id(d.pop("ender_id"))

        id = UUID(d.pop("id"))

        organization_id = d.pop("organization_id")

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        settings = SessionSettings.from_dict(d.pop("settings"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        state = SessionStatus(d.pop("state"))

        status = SessionStatus(d.pop("status"))

        usage_time = d.pop("usage_time")

        session = cls(
            active=active,
            backend=backend,
            created_at=created_at,
            creator_id=creator_id,
            ended_at=ended_at,
            ender_id=ender_id,
            id=id,
            organization_id=organization_id,
            project_id=project_id,
            settings=settings,
            started_at=started_at,
            state=state,
            status=status,
            usage_time=usage_time,
        )

        session.additional_properties = d
        return session

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
