"""Contains all the data models used in inputs/outputs"""

from .aggregated_probabilities import AggregatedProbabilities
from .aggregations_output import AggregationsOutput
from .artifact_descriptor import ArtifactDescriptor
from .backend import Backend
from .backend_name import BackendName
from .backend_status import BackendStatus
from .bad_request_error import BadRequestError
from .batch_circuit import BatchCircuit
from .batch_circuit_registers import BatchCircuitRegisters
from .canceled_status import CanceledStatus
from .characterization import Characterization
from .characterization_fidelity import CharacterizationFidelity
from .characterization_page import CharacterizationPage
from .characterization_timing import CharacterizationTiming
from .circuit_format import CircuitFormat
from .circuit_input import CircuitInput
from .circuit_job_creation_payload import CircuitJobCreationPayload
from .circuit_job_creation_payload_type import CircuitJobCreationPayloadType
from .circuit_language import CircuitLanguage
from .clone_job_payload import CloneJobPayload
from .compilation_output import CompilationOutput
from .compilation_output_compiled_circuits import CompilationOutputCompiledCircuits
from .compilation_settings import CompilationSettings
from .cost_amount import CostAmount
from .cost_model import CostModel
from .create_session_request import CreateSessionRequest
from .create_session_request_backend import CreateSessionRequestBackend
from .debiasing_variant import DebiasingVariant
from .debiasing_variant_results import DebiasingVariantResults
from .debiasing_variants import DebiasingVariants
from .deleted_status import DeletedStatus
from .error import Error
from .error_mitigation_output import ErrorMitigationOutput
from .error_mitigation_settings import ErrorMitigationSettings
from .estimate_context import EstimateContext
from .estimate_input_values import EstimateInputValues
from .failure_code import FailureCode
from .fidelity_estimate import FidelityEstimate
from .format_schema_document import FormatSchemaDocument
from .gate import Gate
from .gate_counts import GateCounts
from .gate_name import GateName
from .gateset import Gateset
from .group_usage import GroupUsage
from .job import Job
from .job_backend import JobBackend
from .job_canceled import JobCanceled
from .job_cost import JobCost
from .job_creation_response import JobCreationResponse
from .job_deleted import JobDeleted
from .job_estimate import JobEstimate
from .job_failure_type_0 import JobFailureType0
from .job_histogram import JobHistogram
from .job_id_list import JobIdList
from .job_metadata import JobMetadata
from .job_metadata_type_0 import JobMetadataType0
from .job_output import JobOutput
from .job_page import JobPage
from .job_probabilities import JobProbabilities
from .job_results_type_0 import JobResultsType0
from .job_settings import JobSettings
from .job_stats import JobStats
from .job_status import JobStatus
from .job_type import JobType
from .job_warning import JobWarning
from .jobs_canceled import JobsCanceled
from .jobs_deleted import JobsDeleted
from .multi_circuit_input import MultiCircuitInput
from .multi_circuit_job_creation_payload import MultiCircuitJobCreationPayload
from .multi_circuit_job_creation_payload_type import MultiCircuitJobCreationPayloadType
from .noise import Noise
from .noise_model import NoiseModel
from .qasm_3_circuit_input import Qasm3CircuitInput
from .qasm_3_job_creation_payload import Qasm3JobCreationPayload
from .qasm_3_job_creation_payload_type import Qasm3JobCreationPayloadType
from .rate_card import RateCard
from .rate_card_entry import RateCardEntry
from .rate_card_entry_unit import RateCardEntryUnit
from .request_validation import RequestValidation
from .result_link import ResultLink
from .session import Session
from .session_cost_limit import SessionCostLimit
from .session_list import SessionList
from .session_settings import SessionSettings
from .session_settings_request import SessionSettingsRequest
from .session_status import SessionStatus
from .symmetry_verification_output import SymmetryVerificationOutput
from .usage import Usage
from .usage_amount import UsageAmount
from .usage_group_by import UsageGroupBy
from .usage_modality import UsageModality
from .usages import Usages
from .whoami import Whoami

__all__ = (
    "AggregatedProbabilities",
    "AggregationsOutput",
    "ArtifactDescriptor",
    "Backend",
    "BackendName",
    "BackendStatus",
    "BadRequestError",
    "BatchCircuit",
    "BatchCircuitRegisters",
    "CanceledStatus",
    "Characterization",
    "CharacterizationFidelity",
    "CharacterizationPage",
    "CharacterizationTiming",
    "CircuitFormat",
    "CircuitInput",
    "CircuitJobCreationPayload",
    "CircuitJobCreationPayloadType",
    "CircuitLanguage",
    "CloneJobPayload",
    "CompilationOutput",
    "CompilationOutputCompiledCircuits",
    "CompilationSettings",
    "CostAmount",
    "CostModel",
    "CreateSessionRequest",
    "CreateSessionRequestBackend",
    "DebiasingVariant",
    "DebiasingVariantResults",
    "DebiasingVariants",
    "DeletedStatus",
    "Error",
    "ErrorMitigationOutput",
    "ErrorMitigationSettings",
    "EstimateContext",
    "EstimateInputValues",
    "FailureCode",
    "FidelityEstimate",
    "FormatSchemaDocument",
    "Gate",
    "GateCounts",
    "GateName",
    "Gateset",
    "GroupUsage",
    "Job",
    "JobBackend",
    "JobCanceled",
    "JobCost",
    "JobCreationResponse",
    "JobDeleted",
    "JobEstimate",
    "JobFailureType0",
    "JobHistogram",
    "JobIdList",
    "JobMetadata",
    "JobMetadataType0",
    "JobOutput",
    "JobPage",
    "JobProbabilities",
    "JobResultsType0",
    "JobsCanceled",
    "JobsDeleted",
    "JobSettings",
    "JobStats",
    "JobStatus",
    "JobType",
    "JobWarning",
    "MultiCircuitInput",
    "MultiCircuitJobCreationPayload",
    "MultiCircuitJobCreationPayloadType",
    "Noise",
    "NoiseModel",
    "Qasm3CircuitInput",
    "Qasm3JobCreationPayload",
    "Qasm3JobCreationPayloadType",
    "RateCard",
    "RateCardEntry",
    "RateCardEntryUnit",
    "RequestValidation",
    "ResultLink",
    "Session",
    "SessionCostLimit",
    "SessionList",
    "SessionSettings",
    "SessionSettingsRequest",
    "SessionStatus",
    "SymmetryVerificationOutput",
    "Usage",
    "UsageAmount",
    "UsageGroupBy",
    "UsageModality",
    "Usages",
    "Whoami",
)
