"""The parsed circuit: immutable records the engine and the jobs API share.

Parsing (``parse.py``) is the only place that trusts nothing; everything here may
assume a Gate is well formed: distinct in-range qubits, finite parameters, and the
parameters its name needs.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Circuit", "CircuitError", "Gate"]


class CircuitError(ValueError):
    """A circuit IonQ would refuse, with the failure code the job reports.

    ``code`` is one of IonQ's failure codes (``InvalidInput``, ``UnsupportedGate``,
    ``TooManyControls``), so the jobs API can put it into
    ``failure.code`` unchanged.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Gate:
    """One gate as the engine needs it, aliases already resolved.

    ``name`` is canonical: ``not`` and ``cnot`` become ``x`` (``cnot`` keeps its
    control in ``controls``). ``gateset`` is kept on the gate because QIS ``zz``
    (radians) and native ``zz`` (units of pi) share a name, and a gate should be
    applicable without its circuit. ``params`` depend on the name:
    rx/ry/rz/xx/yy/qis zz: (theta,); z: () or (theta,) for the phase gate;
    gpi/gpi2: (phi,); ms: (phi0, phi1, angle); native zz: (angle,); pauliexp: (time,)
    with ``terms`` and ``coefficients``.
    """

    gateset: str
    name: str
    targets: tuple[int, ...]
    controls: tuple[int, ...] = ()
    params: tuple[float, ...] = ()
    terms: tuple[str, ...] = ()
    coefficients: tuple[float, ...] = ()

    @property
    def qubits(self) -> tuple[int, ...]:
        """Controls first, then targets: the order of the controlled matrix's big-endian index."""
        return self.controls + self.targets


@dataclass(frozen=True, slots=True)
class Circuit:
    """A whole circuit: its width, its gates in order, and the gateset they came from."""

    gateset: str
    qubits: int
    gates: tuple[Gate, ...]

    def gate_counts(self) -> dict[str, int]:
        """IonQ's ``stats.gate_counts``: gates by how many qubits they touch (targets + controls).

        IonQ reports counts of the compiled circuit, which only has 1- and 2-qubit
        gates. These are the submitted gates': known at submission, before any
        compilation (whose counts are the compiled artifact's, in
        mock_server/simulator/compilation/), so a job's stats and its price do
        not change when it runs. Every gate touching two or more qubits
        (Toffoli, cswap, a 3-target pauliexp) counts once as "2q"; ``nop``
        counts as "1q": it was sent and occupies its qubit.
        """
        one = sum(1 for g in self.gates if len(g.qubits) == 1)
        return {"1q": one, "2q": len(self.gates) - one}
