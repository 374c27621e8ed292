from enum import StrEnum


class CreateSessionRequestBackend(StrEnum):
    """CreateSessionRequestBackend: one of the values the spec lists, or a value it does not.

    IonQ adds values (new backends, new statuses) before any spec or client
    knows them. Instead of failing to parse a whole response, an unknown value
    becomes a member of its own: `member.value` is the string the server sent,
    `member.known` is False, and it serialises back unchanged.
    """

    IONQ_SIMULATOR = "ionq_simulator"
    QPU = "qpu"
    QPU_ARIA_1 = "qpu.aria-1"
    QPU_ARIA_2 = "qpu.aria-2"
    QPU_FORTE_1 = "qpu.forte-1"
    QPU_FORTE_ENTERPRISE_1 = "qpu.forte-enterprise-1"
    QPU_FORTE_ENTERPRISE_2 = "qpu.forte-enterprise-2"
    QPU_FORTE_ENTERPRISE_3 = "qpu.forte-enterprise-3"
    SIMULATOR = "simulator"

    @property
    def known(self) -> bool:
        """True when the spec this client was generated from lists the value."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "CreateSessionRequestBackend | None":
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
