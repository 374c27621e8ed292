"""Contains all the data models used in inputs/outputs"""

from .backend import Backend
from .backend_name import BackendName
from .backend_status import BackendStatus
from .bad_request_error import BadRequestError
from .characterization import Characterization
from .characterization_fidelity import CharacterizationFidelity
from .characterization_page import CharacterizationPage
from .characterization_timing import CharacterizationTiming
from .error import Error
from .fidelity_estimate import FidelityEstimate
from .request_validation import RequestValidation
from .whoami import Whoami

__all__ = (
    "Backend",
    "BackendName",
    "BackendStatus",
    "BadRequestError",
    "Characterization",
    "CharacterizationFidelity",
    "CharacterizationPage",
    "CharacterizationTiming",
    "Error",
    "FidelityEstimate",
    "RequestValidation",
    "Whoami",
)
