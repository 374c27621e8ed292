from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.circuit_job_creation_payload_type import CircuitJobCreationPayloadType
from ..models.circuit_language import CircuitLanguage
from ..models.job_backend import JobBackend
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.circuit_input import CircuitInput
    from ..models.job_metadata import JobMetadata
    from ..models.job_settings import JobSettings
    from ..models.noise import Noise


T = TypeVar("T", bound="CircuitJobCreationPayload")


@_attrs_define
class CircuitJobCreationPayload:
    """A job of one circuit."""

    backend: JobBackend
    """ Where a job runs: one of the backends of `BackendName`, or `qpu`,
    which leaves the choice of QPU to IonQ. qiskit-ionq submits `qpu`
    for its `ionq_qpu` backend and cirq-ionq for a target named so,
    which is why it is accepted here although no backend has that
    name; a job keeps the name it was submitted with. Any other name is
    refused with 400: unlike the backend operations, where an unknown
    name is just not found, a job for a backend that does not exist
    can never run. IonQ adds backends over time; the generated client
    keeps names it does not know.
     """
    input_: CircuitInput
    """ The circuit of an `ionq.circuit.v1` job. """
    type_: CircuitJobCreationPayloadType
    """ The kind of job. """
    dry_run: bool | Unset = UNSET
    """ Check and price the job without running it: it completes
    without results, and its cost answers an estimate. Left out,
    it is false (no `default` keyword: the generated client would
    then send `dry_run: false` on every job).
     """
    lang: CircuitLanguage | Unset = UNSET
    """ The language of `input`. Only `json` exists; cirq-ionq sends it on
    every job, IonQ's description does not list it, and it changes
    nothing.
     """
    metadata: JobMetadata | Unset = UNSET
    """ Free string-to-string data kept with the job and answered back
    unchanged. SDKs keep their own bookkeeping here: qiskit-ionq a
    compressed header of several KB in one value, cirq-ionq its
    measurement keys cut into 40-character values. Neither the number
    of keys nor the length of a value is limited here, only the 10 MB
    of the whole body.
     """
    name: str | Unset = UNSET
    """ A name for the job, for people to recognise it by. """
    noise: Noise | Unset = UNSET
    """ Noise for a simulator job. """
    session_id: None | Unset | UUID = UNSET
    """ The session the job runs in (`POST /sessions`), or null for none.
    A job into a session that is unknown, another key's, or cannot
    take it is refused with 409 (`SessionRefused`).
     """
    settings: JobSettings | Unset = UNSET
    """ How the job is run, compiled and mitigated; `{}` for IonQ's defaults. """
    shots: int | str | Unset = UNSET
    """ How many times to run the circuit, 1 to 1,000,000; 100 when left
    out. The ideal simulator computes exact probabilities and ignores
    it. Either a JSON integer or a string of decimal digits without
    leading zeros in the same range: cirq-ionq sends `"1000"`, and a
    contract that refused it would refuse every cirq job.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backend = self.backend.value

        input_ = self.input_.to_dict()

        type_ = self.type_.value

        dry_run = self.dry_run

        lang: str | Unset = UNSET
        if not isinstance(self.lang, Unset):
            lang = self.lang.value

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        name = self.name

        noise: dict[str, Any] | Unset = UNSET
        if not isinstance(self.noise, Unset):
            noise = self.noise.to_dict()

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        elif isinstance(self.session_id, UUID):
            session_id = str(self.session_id)
        else:
            session_id = self.session_id

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        shots: int | str | Unset
        if isinstance(self.shots, Unset):
            shots = UNSET
        else:
            shots = self.shots

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backend": backend,
                "input": input_,
                "type": type_,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if lang is not UNSET:
            field_dict["lang"] = lang
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if noise is not UNSET:
            field_dict["noise"] = noise
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if settings is not UNSET:
            field_dict["settings"] = settings
        if shots is not UNSET:
            field_dict["shots"] = shots

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.circuit_input import CircuitInput  # noqa: PLC0415
        from ..models.job_metadata import JobMetadata  # noqa: PLC0415
        from ..models.job_settings import JobSettings  # noqa: PLC0415
        from ..models.noise import Noise  # noqa: PLC0415

        d = dict(src_dict)
        backend = JobBackend(d.pop("backend"))

        input_ = CircuitInput.from_dict(d.pop("input"))

        type_ = CircuitJobCreationPayloadType(d.pop("type"))

        dry_run = d.pop("dry_run", UNSET)

        _lang = d.pop("lang", UNSET)
        lang: CircuitLanguage | Unset
        if isinstance(_lang, Unset):
            lang = UNSET
        else:
            lang = CircuitLanguage(_lang)

        _metadata = d.pop("metadata", UNSET)
        metadata: JobMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = JobMetadata.from_dict(_metadata)

        name = d.pop("name", UNSET)

        _noise = d.pop("noise", UNSET)
        noise: Noise | Unset
        if isinstance(_noise, Unset):
            noise = UNSET
        else:
            noise = Noise.from_dict(_noise)

        def _parse_session_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_session_id_type_0 = UUID(data)

                return componentsschemas_session_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        _settings = d.pop("settings", UNSET)
        settings: JobSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = JobSettings.from_dict(_settings)

        def _parse_shots(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        shots = _parse_shots(d.pop("shots", UNSET))

        circuit_job_creation_payload = cls(
            backend=backend,
            input_=input_,
            type_=type_,
            dry_run=dry_run,
            lang=lang,
            metadata=metadata,
            name=name,
            noise=noise,
            session_id=session_id,
            settings=settings,
            shots=shots,
        )

        circuit_job_creation_payload.additional_properties = d
        return circuit_job_creation_payload

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
