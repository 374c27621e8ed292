"""Compiling circuits to IonQ's native gates (GPI, GPI2 and MS or ZZ).

Pure numpy, no HTTP: the jobs API reports the result as a job's compiled
circuit (``output.compilation.compiled_circuits["ionq.native.v1"]``).

The pipeline, one module a step: ``lowering`` writes each gate exactly as
one-qubit unitaries, ZZ rotations and global phases (``ops``), controls added
last; ``controls`` expands multi-controlled one-qubit gates into diagonal
unitaries (``diagonal``) between basis changes; ``unitary`` covers the one gate
with no structure to use (a pauliexp of non-commuting terms); ``emit`` fuses
one-qubit runs, tracks z rotations as phase frames and writes the JSON.
"""

from mock_server.simulator.compilation.compiler import compile_native, entangler_for
from mock_server.simulator.compilation.emit import ENTANGLERS
from mock_server.simulator.compilation.lowering import CompilationTooLargeError

__all__ = ["ENTANGLERS", "CompilationTooLargeError", "compile_native", "entangler_for"]
