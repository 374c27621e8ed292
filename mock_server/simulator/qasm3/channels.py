"""Where a noise model's channels go in an OpenQASM 3 program: after each gate the program calls.

A program's gate may run as several of the simulator's gates (`U` as three
rotations, a definition as its body), but it is one gate of the program, as
it would be one gate of a JSON circuit: it gets the channels model.py gives
one gate on its qubits (one channel for one or two qubits, the charged
decomposition for three or more, the last qubit of the call as the target),
all after the last of the simulator gates it became.
"""

from __future__ import annotations

from mock_server.simulator.circuit import Gate
from mock_server.simulator.noise import Location, NoiseModel
from mock_server.simulator.noise.model import gate_locations
from mock_server.simulator.qasm3.program import Program

__all__ = ["program_locations"]


def program_locations(program: Program, model: NoiseModel) -> list[Location]:
    """Every channel of a run of `program` under `model`, in order; none of rate 0."""
    found: list[Location] = []
    for call in program.calls:
        # Stands for the call in gate_locations, which reads only its qubits (and name).
        called = Gate("qis", "call", call.qubits)
        found += [
            location
            for location in gate_locations(call.last, called, model)
            if location.channel.rate > 0.0
        ]
    return found
