"""Contains all the data models used in inputs/outputs"""

from .backend import Backend
from .backend_name import BackendName
from .backend_status import BackendStatus
from .bad_request_error import BadRequestError
from .error import Error
from .request_validation import RequestValidation

__all__ = (
    "Backend",
    "BackendName",
    "BackendStatus",
    "BadRequestError",
    "Error",
    "RequestValidation",
)
