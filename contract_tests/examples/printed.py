"""What the Python examples print, read back as values and held to what they must be.

Each SDK example runs a Bell circuit and prints one Python value: qiskit-ionq
a dict of counts (`{'00': 497, '11': 503}`), cirq-ionq a Counter of integers
(`Counter({0: 502, 3: 498})`), pennylane-ionq a dict whose keys and values
numpy prints as `np.str_('00')` and `np.int64(496)`, ionq-core a dict of
probabilities (`{'0': 0.4999999999999999, '3': ...}`), qBraid a dict of
counts it spreads over the probabilities itself (`{'00': 500, '11': 500}`).
`read_printed` reads any of them: a call `Name(...)` around a literal keeps
the name, and numpy's scalar wrappers read as the plain values they hold.

A Bell state only ever measures |00> or |11>, so counts must fall on those
two states and add up to the shots; the share of |00> is Binomial(shots, 1/2)
and checked with contract_tests/sdk/binomial.py's tolerance (a false alarm
about once in a million runs: the SDKs and the fake's QPU sample unseeded
here, as the examples do not seed them). Exact probabilities (ionq-core on
`simulator`) must be 1/2 each, to rounding.

An example that names a noise model (`noise_model="aria-1"`) runs IonQ's
model of that name: the Bell circuit then also measures |01> or |10>, with
probability r2q/2 (the two-qubit channel after the cnot flips the parity
with 8 of its 15 Paulis, each r2q/16; the one after h never does), r2q as
IonQ publishes it. The odd count is held to Binomial(shots, r2q/2) and |00>
to Binomial(shots, (1 - r2q/2)/2).

A comment after a print that starts with `{` shows its output
(`print(...)  # {'00': 497, '11': 503}`): the actual output must have the
same shape (container, keys, types of values), and the documented one must
pass the same check, so neither can drift from the other.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any

from contract_tests.noise_rates import PUBLISHED_RATES
from contract_tests.sdk.binomial import assert_binomial

NUMPY_SCALAR = re.compile(r"\bnp\.\w+\(([^()]*)\)")
CALL = re.compile(r"^(?P<name>[A-Za-z_]\w*)\((?P<inner>.*)\)$", re.DOTALL)
DOCUMENTED_OUTPUT = re.compile(r"^\s*print\(.*\)\s*#\s*(?P<output>\{.*)$", re.MULTILINE)
SHOTS = re.compile(r"\b(?:shots|repetitions)\b[\"']?\s*[=:]\s*(?P<shots>\d+)")
NOISE_MODEL = re.compile(r"\bnoise_model=[\"'](?P<model>[\w-]+)[\"']")

ROUNDING = 1e-9


@dataclass(frozen=True)
class Printed:
    """A printed mapping: its container's name (`dict`, `Counter`) and its items."""

    container: str
    items: dict[Any, Any]

    @property
    def shape(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """The container, the keys and the types of the values, as comparable text."""
        keys = tuple(sorted(repr(key) for key in self.items))
        kinds = tuple(sorted({type(value).__name__ for value in self.items.values()}))
        return self.container, keys, kinds


def read_printed(text: str) -> Printed:
    """A printed dict or `Name({...})`, numpy scalars unwrapped."""
    plain = NUMPY_SCALAR.sub(r"\1", text.strip())
    container = "dict"
    call = CALL.match(plain)
    if call is not None:
        container, plain = call["name"], call["inner"]
    value = ast.literal_eval(plain)
    if not isinstance(value, dict):
        raise TypeError(f"not a printed mapping: {text!r}")
    return Printed(container, value)


def documented_output(code: str) -> str | None:
    """The output a print's trailing comment shows, if one does."""
    found = DOCUMENTED_OUTPUT.search(code)
    return found["output"] if found else None


def shots_of(code: str) -> int:
    """The shots (or cirq's repetitions) an example asks for."""
    found = SHOTS.search(code)
    if found is None:
        raise ValueError("the example names no shots or repetitions")
    return int(found["shots"])


def odd_rate_of(code: str) -> float:
    """How often the example's Bell circuit measures |01> or |10>: 0 without noise."""
    found = NOISE_MODEL.search(code)
    return PUBLISHED_RATES[found["model"]][1] / 2 if found else 0.0


@dataclass(frozen=True)
class BellOutput:
    """How one SDK prints a Bell circuit's outcome: the keys of |00> and |11> (and of
    |01> and |10>), and whether the values are counts or exact probabilities."""

    container: str
    states: tuple[Any, Any]
    counts: bool
    odd: tuple[Any, ...] = ()

    def check(self, printed: Printed, shots: int, odd_rate: float = 0.0) -> None:
        """Fail unless `printed` is a plausible outcome of the Bell circuit."""
        assert printed.container == self.container, printed
        if odd_rate:
            assert self.counts, "a noisy run is counted"
            assert set(printed.items) <= {*self.states, *self.odd}, printed.items
            odd = sum(printed.items.get(state, 0) for state in self.odd)
            assert_binomial(odd, shots, odd_rate)
            assert_binomial(printed.items.get(self.states[0], 0), shots, (1 - odd_rate) / 2)
            assert sum(printed.items.values()) == shots, printed.items
            return
        assert set(printed.items) <= set(self.states), f"not only |00> and |11>: {printed.items}"
        values = list(printed.items.values())
        if self.counts:
            assert all(isinstance(value, int) for value in values), printed.items
            assert sum(values) == shots, f"{printed.items} does not add up to {shots} shots"
            assert_binomial(printed.items.get(self.states[0], 0), shots, 0.5)
        else:
            assert set(printed.items) == set(self.states), printed.items
            assert all(math.isclose(value, 0.5, abs_tol=ROUNDING) for value in values), values


# The module an example imports says which SDK it is, and so what it prints.
BELL_OUTPUTS = {
    "qiskit_ionq": BellOutput("dict", ("00", "11"), counts=True, odd=("01", "10")),
    "cirq_ionq": BellOutput("Counter", (0, 3), counts=True, odd=(1, 2)),
    "pennylane_ionq": BellOutput("dict", ("00", "11"), counts=True, odd=("01", "10")),
    "ionq_core": BellOutput("dict", ("0", "3"), counts=False),
    "qbraid": BellOutput("dict", ("00", "11"), counts=True, odd=("01", "10")),
}


def printed_backend_fields(code: str) -> tuple[str, list[str]]:
    """What an ionq_client example prints: the backend it reads (`BackendName.QPU_ARIA_1`,
    as the enum's member name) and the fields its first print shows, in order
    (`print(answer.qubits, answer.status)`: qubits, status)."""
    tree = ast.parse(code)
    members = [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "BackendName"
    ]
    prints = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    if not members or not prints:
        raise ValueError("the example neither names a backend nor prints")
    first = min(prints, key=lambda node: (node.lineno, node.col_offset))
    fields = [arg.attr for arg in first.args if isinstance(arg, ast.Attribute)]
    if len(fields) != len(first.args):
        raise ValueError(f"its first print shows more than backend fields: {ast.unparse(first)}")
    return members[0], fields
