from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cost_model import CostModel
from ..models.job_backend import JobBackend
from ..models.job_status import JobStatus
from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_failure_type_0 import JobFailureType0
    from ..models.job_metadata_type_0 import JobMetadataType0
    from ..models.job_output import JobOutput
    from ..models.job_results_type_0 import JobResultsType0
    from ..models.job_settings import JobSettings
    from ..models.job_stats import JobStats
    from ..models.job_warning import JobWarning
    from ..models.noise import Noise


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """A job: what was submitted, where it is in its life, and where its
    results are. Every property listed as required is always present,
    null where there is nothing to say: ionq-core reads each of them
    with a subscript and fails on a missing one. A multi-circuit job
    is a parent whose circuits run as child jobs (`child_job_ids`); each
    child is an `ionq.circuit.v1` job with `parent_job_id` set.

    Times follow the fake's one clock (docs/jobs.md, "Queues and the
    clock"). On a QPU, when the clock's time scale is above 0, a job
    waits in `ready` for `predicted_wait_time_ms` (the backend's
    `average_queue_time` times the scale, longer while the QPU runs
    earlier jobs: one at a time), then is `started` for
    `predicted_execution_duration_ms` (per shot a reset, the gates and a
    readout at the backend's characterization `timing`, times the shots
    and the scale), so `execution_duration_ms` is that prediction (unless
    its backend was unavailable when the job was to start: then it
    starts when the backend is back, and its predicted wait becomes the
    wait it had). Both predictions are null where a job takes no time on
    the clock (the simulator; time scale 0, the default; a held job
    released by the test controls).

    """

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
    child_job_ids: list[UUID] | None
    """ For a multi-circuit parent, its child jobs in circuit order;
    null for every other job. qiskit-ionq pairs children with its
    circuits by this order.
     """
    completed_at: datetime.datetime | None
    """ An instant (RFC 3339), or null while it has not happened. """
    dry_run: bool
    """ Whether the job was only checked and priced, never run. """
    execution_duration_ms: int | None
    """ A duration in milliseconds, or null while it is not known. """
    failure: JobFailureType0 | None
    """ Why a job failed; null for every job that did not. `message` and
    `error` carry the same text: IonQ's description names `message`,
    which ionq-core reads, while qiskit-ionq and cirq-ionq read
    `error` (and cirq-ionq reports a bare "not completed" without it).
     """
    id: UUID
    """ The job's id. """
    metadata: JobMetadataType0 | None
    """ The metadata submitted, unchanged, or null if none was. The SDKs
    rebuild their results from it (qiskit-ionq `qiskit_header`,
    cirq-ionq `shots` and `measurement*`).
     """
    name: None | str
    """ The name submitted, or null. """
    output: JobOutput
    """ What the service reports about how a job ran beyond its results;
    `{}` when there is nothing to say, always `{}` before it runs.
     """
    parent_job_id: None | UUID
    """ For a child job, its multi-circuit parent; null otherwise. """
    predicted_execution_duration_ms: int | None
    """ A duration in milliseconds, or null while it is not known. """
    predicted_wait_time_ms: int | None
    """ A duration in milliseconds, or null while it is not known. """
    project_id: None | str
    """ The project the job belongs to, if any. """
    results: JobResultsType0 | None
    """ Where a completed job's results are; null until it completes, and
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
    session_id: None | UUID
    """ The session the job runs in (`POST /sessions`), or null for none.
    A job into a session that is unknown, another key's, or cannot
    take it is refused with 409 (`SessionRefused`).
     """
    settings: JobSettings
    """ How the job is run, compiled and mitigated; `{}` for IonQ's defaults. """
    started_at: datetime.datetime | None
    """ An instant (RFC 3339), or null while it has not happened. """
    stats: JobStats
    """ What the job is made of, and what running it took. """
    status: JobStatus
    """ Where a job is in its life: `submitted` (accepted, not yet
    scheduled), `ready` (queued on its backend), `started` (running),
    then one of the final statuses `completed`, `failed` or
    `canceled`. A job only moves forward through this list, and a
    final status never changes. There is no `running`: qiskit-ionq
    raises on any status it does not know and ionq-core checks the
    value against this list.
     """
    submitted_at: datetime.datetime
    """ When the job was accepted (RFC 3339). """
    submitter_id: str
    """ Who submitted the job (an id of IonQ's, not the API key). """
    type_: JobType
    """ The kind of job: one circuit (`ionq.circuit.v1`), a batch of
    circuits run as child jobs of one parent (`ionq.multi-circuit.v1`),
    or one OpenQASM 3 program (`ionq.qasm3.v1`). IonQ also offers QIR
    and quantum-function jobs; this contract does not describe them yet.
     """
    cost_model: CostModel | Unset = UNSET
    """ How the job is billed: by QPU compute time (`QCT`) or by two-qubit
    gate equivalents (`2QGE_operations`).
     """
    noise: Noise | Unset = UNSET
    """ Noise for a simulator job. """
    shots: int | Unset = UNSET
    """ The shots the job runs, always an integer here, whatever form
    they were submitted in. IonQ leaves it out for the ideal
    simulator; SDKs take shots from their own metadata.
     """
    warning: JobWarning | Unset = UNSET
    """ Things about a job worth knowing that did not stop it. Not in
    IonQ's description: qiskit-ionq and cirq-ionq turn each message
    into a Python warning, which makes it the way for the fake to tell
    a test something.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_failure_type_0 import JobFailureType0  # noqa: PLC0415
        from ..models.job_metadata_type_0 import JobMetadataType0  # noqa: PLC0415
        from ..models.job_results_type_0 import JobResultsType0  # noqa: PLC0415

        backend = self.backend.value

        child_job_ids: list[str] | None
        if isinstance(self.child_job_ids, list):
            child_job_ids = []
            for child_job_ids_type_0_item_data in self.child_job_ids:
                child_job_ids_type_0_item = str(child_job_ids_type_0_item_data)
                child_job_ids.append(child_job_ids_type_0_item)

        else:
            child_job_ids = self.child_job_ids

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        dry_run = self.dry_run

        execution_duration_ms: int | None
        execution_duration_ms = self.execution_duration_ms

        failure: dict[str, Any] | None
        if isinstance(self.failure, JobFailureType0):
            failure = self.failure.to_dict()
        else:
            failure = self.failure

        id = str(self.id)

        metadata: dict[str, Any] | None
        if isinstance(self.metadata, JobMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        name: None | str
        name = self.name

        output = self.output.to_dict()

        parent_job_id: None | str
        if isinstance(self.parent_job_id, UUID):
            parent_job_id = str(self.parent_job_id)
        else:
            parent_job_id = self.parent_job_id

        predicted_execution_duration_ms: int | None
        predicted_execution_duration_ms = self.predicted_execution_duration_ms

        predicted_wait_time_ms: int | None
        predicted_wait_time_ms = self.predicted_wait_time_ms

        project_id: None | str
        project_id = self.project_id

        results: dict[str, Any] | None
        if isinstance(self.results, JobResultsType0):
            results = self.results.to_dict()
        else:
            results = self.results

        session_id: None | str
        if isinstance(self.session_id, UUID):
            session_id = str(self.session_id)
        else:
            session_id = self.session_id

        settings = self.settings.to_dict()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        stats = self.stats.to_dict()

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()

        submitter_id = self.submitter_id

        type_ = self.type_.value

        cost_model: str | Unset = UNSET
        if not isinstance(self.cost_model, Unset):
            cost_model = self.cost_model.value

        noise: dict[str, Any] | Unset = UNSET
        if not isinstance(self.noise, Unset):
            noise = self.noise.to_dict()

        shots = self.shots

        warning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.warning, Unset):
            warning = self.warning.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backend": backend,
                "child_job_ids": child_job_ids,
                "completed_at": completed_at,
                "dry_run": dry_run,
                "execution_duration_ms": execution_duration_ms,
                "failure": failure,
                "id": id,
                "metadata": metadata,
                "name": name,
                "output": output,
                "parent_job_id": parent_job_id,
                "predicted_execution_duration_ms": predicted_execution_duration_ms,
                "predicted_wait_time_ms": predicted_wait_time_ms,
                "project_id": project_id,
                "results": results,
                "session_id": session_id,
                "settings": settings,
                "started_at": started_at,
                "stats": stats,
                "status": status,
                "submitted_at": submitted_at,
                "submitter_id": submitter_id,
                "type": type_,
            }
        )
        if cost_model is not UNSET:
            field_dict["cost_model"] = cost_model
        if noise is not UNSET:
            field_dict["noise"] = noise
        if shots is not UNSET:
            field_dict["shots"] = shots
        if warning is not UNSET:
            field_dict["warning"] = warning

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_failure_type_0 import JobFailureType0  # noqa: PLC0415
        from ..models.job_metadata_type_0 import JobMetadataType0  # noqa: PLC0415
        from ..models.job_output import JobOutput  # noqa: PLC0415
        from ..models.job_results_type_0 import JobResultsType0  # noqa: PLC0415
        from ..models.job_settings import JobSettings  # noqa: PLC0415
        from ..models.job_stats import JobStats  # noqa: PLC0415
        from ..models.job_warning import JobWarning  # noqa: PLC0415
        from ..models.noise import Noise  # noqa: PLC0415

        d = dict(src_dict)
        backend = JobBackend(d.pop("backend"))

        def _parse_child_job_ids(data: object) -> list[UUID] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                child_job_ids_type_0 = []
                _child_job_ids_type_0 = data
                for child_job_ids_type_0_item_data in _child_job_ids_type_0:
                    child_job_ids_type_0_item = UUID(child_job_ids_type_0_item_data)

                    child_job_ids_type_0.append(child_job_ids_type_0_item)

                return child_job_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None, data)

        child_job_ids = _parse_child_job_ids(d.pop("child_job_ids"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_nullable_date_time_type_0 = datetime.datetime.fromisoformat(data)

                return componentsschemas_nullable_date_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        dry_run = d.pop("dry_run")

        def _parse_execution_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        execution_duration_ms = _parse_execution_duration_ms(d.pop("execution_duration_ms"))

        def _parse_failure(data: object) -> JobFailureType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_failure_type_0 = JobFailureType0.from_dict(data)

                return componentsschemas_job_failure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobFailureType0 | None, data)

        failure = _parse_failure(d.pop("failure"))

        id = UUID(d.pop("id"))

        def _parse_metadata(data: object) -> JobMetadataType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = JobMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobMetadataType0 | None, data)

        metadata = _parse_metadata(d.pop("metadata"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        output = JobOutput.from_dict(d.pop("output"))

        def _parse_parent_job_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_job_id_type_0 = UUID(data)

                return parent_job_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_job_id = _parse_parent_job_id(d.pop("parent_job_id"))

        def _parse_predicted_execution_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        predicted_execution_duration_ms = _parse_predicted_execution_duration_ms(
            d.pop("predicted_execution_duration_ms")
        )

        def _parse_predicted_wait_time_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        predicted_wait_time_ms = _parse_predicted_wait_time_ms(d.pop("predicted_wait_time_ms"))

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        def _parse_results(data: object) -> JobResultsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_job_results_type_0 = JobResultsType0.from_dict(data)

                return componentsschemas_job_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobResultsType0 | None, data)

        results = _parse_results(d.pop("results"))

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

        settings = JobSettings.from_dict(d.pop("settings"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_nullable_date_time_type_0 = datetime.datetime.fromisoformat(data)

                return componentsschemas_nullable_date_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        stats = JobStats.from_dict(d.pop("stats"))

        status = JobStatus(d.pop("status"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        submitter_id = d.pop("submitter_id")

        type_ = JobType(d.pop("type"))

        _cost_model = d.pop("cost_model", UNSET)
        cost_model: CostModel | Unset
        if isinstance(_cost_model, Unset):
            cost_model = UNSET
        else:
            cost_model = CostModel(_cost_model)

        _noise = d.pop("noise", UNSET)
        noise: Noise | Unset
        if isinstance(_noise, Unset):
            noise = UNSET
        else:
            noise = Noise.from_dict(_noise)

        shots = d.pop("shots", UNSET)

        _warning = d.pop("warning", UNSET)
        warning: JobWarning | Unset
        if isinstance(_warning, Unset):
            warning = UNSET
        else:
            warning = JobWarning.from_dict(_warning)

        job = cls(
            backend=backend,
            child_job_ids=child_job_ids,
            completed_at=completed_at,
            dry_run=dry_run,
            execution_duration_ms=execution_duration_ms,
            failure=failure,
            id=id,
            metadata=metadata,
            name=name,
            output=output,
            parent_job_id=parent_job_id,
            predicted_execution_duration_ms=predicted_execution_duration_ms,
            predicted_wait_time_ms=predicted_wait_time_ms,
            project_id=project_id,
            results=results,
            session_id=session_id,
            settings=settings,
            started_at=started_at,
            stats=stats,
            status=status,
            submitted_at=submitted_at,
            submitter_id=submitter_id,
            type_=type_,
            cost_model=cost_model,
            noise=noise,
            shots=shots,
            warning=warning,
        )

        job.additional_properties = d
        return job

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
