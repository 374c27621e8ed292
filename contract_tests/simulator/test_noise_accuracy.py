"""Noisy runs against the exact distribution of IonQ's noise model (noise_reference.py).

The reference is a density-matrix evolution in qiskit with channels written
out from IonQ's Kraus operators; it is itself checked against closed forms
and against qiskit-aer's density-matrix simulator with aer's own
depolarizing_error. Then run_circuit's counts for IonQ's published noise
models (rates written out below from IonQ's guide "Simulation with Noise
Models") on six circuits of 2 to 6 qubits, and for readout errors, 24 cases
in all, are checked with Pearson's chi-square test (goodness_of_fit.py):
SHOTS shots at a fixed seed, outcomes expected fewer than 10 times pooled,
rejection threshold the chi-square quantile of a false-alarm rate of 1e-6
per test. A correct sampler fails some statistical test of this file with
probability about 5e-5 on any seed (24 fits at 1e-6, 24 rejections of the
ideal distribution that each miss with probability < MISS, one more fit);
simulated, the actual false-alarm rate of one test is within 3x of nominal.

A test that cannot tell noise from none proves nothing, so every case also
asserts its sensitivity: counts of a sampler that ignores the noise would
pass it with probability below MISS (noncentral chi-square power, computed
from the two exact distributions; MISTAKES adds narrower mistakes, such as
charging nothing after a Toffoli), and the run's own counts reject the
ideal distribution.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache
from itertools import product
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from qiskit import QuantumCircuit  # type: ignore[import-untyped]
from qiskit.quantum_info import Operator, SuperOp  # type: ignore[import-untyped]
from qiskit_aer import AerSimulator  # type: ignore[import-untyped]
from qiskit_aer.noise import NoiseModel as AerNoiseModel  # type: ignore[import-untyped]
from qiskit_aer.noise import QuantumError, depolarizing_error

from contract_tests.noise_rates import PUBLISHED_RATES
from contract_tests.simulator.goodness_of_fit import (
    chi_square,
    dense_counts,
    miss_probability,
)
from contract_tests.simulator.noise_reference import (
    Rates,
    channel_sites,
    depolarizing_channel,
    noisy_probabilities,
)
from contract_tests.simulator.reference import listed, reference_probabilities
from mock_server.simulator import (
    DepolarizingError,
    NoiseModel,
    ReadoutError,
    Result,
    parse_circuit,
    run_circuit,
)

pytestmark = pytest.mark.filterwarnings("ignore::scipy.sparse.SparseEfficiencyWarning")

SHOTS = 50_000
# The largest chance, per case, that counts of a noise-ignoring sampler pass.
MISS = 1e-6

# IonQ's guide "Simulation with Noise Models": (1q, 2q) depolarizing rates.
MODELS = {name: Rates(one_qubit=r1, two_qubit=r2) for name, (r1, r2) in PUBLISHED_RATES.items()}
# 1 - fidelity.spam.median of aria-1's characterization in openapi.yaml's example (0.9939).
ARIA_1_SPAM = 1 - 0.9939

Gates = list[dict[str, Any]]


def random_circuit(seed: int, qubits: int, depth: int) -> Gates:
    """rx/ry/rz on a random qubit (2/3 of the gates) or a cnot on a random ordered pair."""
    rng = np.random.default_rng(seed)
    gates: Gates = []
    for _ in range(depth):
        if rng.random() < 1 / 3:
            control, target = (int(q) for q in rng.choice(qubits, size=2, replace=False))
            gates.append({"gate": "cnot", "control": control, "target": target})
        else:
            name = str(rng.choice(["rx", "ry", "rz"]))
            angle = float(rng.uniform(-math.pi, math.pi))
            gates.append({"gate": name, "target": int(rng.integers(qubits)), "rotation": angle})
    return gates


def one_qubit_heavy(qubits: int, rounds: int) -> Gates:
    """Rounds of gpi then nop on every qubit: with an even number of rounds the ideal
    outcome is all zeros, so every other outcome is a one-qubit channel's doing (and
    twice as many would be if nop were charged one)."""
    return [
        gate
        for layer in range(rounds)
        for q in range(qubits)
        for gate in (
            {"gate": "gpi", "target": q, "phase": round(0.05 * layer + 0.2 * q, 3)},
            {"gate": "nop", "target": q},
        )
    ]


# name: (gateset, qubits, gates)
CIRCUITS: dict[str, tuple[str, int, Gates]] = {
    "bell": ("qis", 2, [{"gate": "h", "target": 0}, {"gate": "cnot", "control": 0, "target": 1}]),
    "ghz-6": (
        "qis",
        6,
        [{"gate": "h", "target": 0}]
        + [{"gate": "cnot", "control": q, "target": q + 1} for q in range(5)],
    ),
    "random-6": ("qis", 6, random_circuit(seed=2024, qubits=6, depth=48)),
    # A Toffoli (k = 3: 6 two-qubit and 9 one-qubit channels) and a 3-controlled X
    # (k = 4: 14 and 17), controls listed out of order.
    "toffoli": (
        "qis",
        5,
        [
            {"gate": "h", "target": 0},
            {"gate": "h", "target": 1},
            {"gate": "ry", "target": 2, "rotation": 0.4},
            {"gate": "x", "controls": [0, 1], "target": 2},
            {"gate": "cnot", "control": 2, "target": 3},
            {"gate": "x", "controls": [3, 0, 1], "target": 4},
            {"gate": "rx", "target": 4, "rotation": 0.9},
        ],
    ),
    # gpi2(phi) gpi2(phi + 1/2) is the identity and two full MS gates a Pauli
    # product, so the ideal distribution has four outcomes and noise shows.
    "native": (
        "native",
        4,
        [
            {"gate": "gpi2", "target": 0, "phase": 0.1},
            {"gate": "gpi2", "target": 0, "phase": 0.6},
            {"gate": "ms", "targets": [0, 1], "phases": [0.2, 0.7]},
            {"gate": "ms", "targets": [0, 1], "phases": [0.2, 0.7]},
            {"gate": "gpi", "target": 2, "phase": 0.3},
            {"gate": "ms", "targets": [2, 3], "phases": [0.1, 0.35]},
            {"gate": "nop", "target": 3},
            {"gate": "gpi2", "target": 1, "phase": 0.25},
            {"gate": "gpi2", "target": 1, "phase": 0.25},
            {"gate": "ms", "targets": [0, 3], "phases": [0.4, 0.9], "angle": 0.1},
        ],
    ),
    "one-qubit-heavy": ("native", 4, one_qubit_heavy(qubits=4, rounds=30)),
}

# (circuit, model name, rates): IonQ's models on every circuit, readout alone, and both.
CASES: list[tuple[str, str, Rates]] = [
    *((circuit, model, rates) for model, rates in MODELS.items() for circuit in CIRCUITS),
    ("ghz-6", "readout 0.02", Rates(readout=0.02)),
    ("random-6", "readout 0.02", Rates(readout=0.02)),
    ("ghz-6", "readout aria-1 spam", Rates(readout=ARIA_1_SPAM)),
    ("bell", "readout aria-1 spam", Rates(readout=ARIA_1_SPAM)),
    ("native", "readout aria-1 spam", Rates(readout=ARIA_1_SPAM)),
    ("toffoli", "aria-1 + readout", Rates(0.0005, 0.0133, ARIA_1_SPAM)),
]
CASE_IDS = [f"{circuit}-{model}" for circuit, model, _ in CASES]


def noise_model(name: str, rates: Rates) -> NoiseModel:
    return NoiseModel(
        name,
        one_qubit=DepolarizingError(1, rates.one_qubit),
        two_qubit=DepolarizingError(2, rates.two_qubit),
        readout=ReadoutError(rates.readout),
    )


def run(circuit: str, model: str, rates: Rates, *, shots: int, seed: int) -> Result:
    gateset, qubits, gates = CIRCUITS[circuit]
    parsed = parse_circuit(gateset=gateset, qubits=qubits, gates=gates)
    return run_circuit(parsed, shots=shots, seed=seed, noise=noise_model(model, rates))


@cache
def counts_of(case: int) -> NDArray[np.int64]:
    """The case's counts, one per outcome, from SHOTS shots at a seed of its own."""
    circuit, model, rates = CASES[case]
    result = run(circuit, model, rates, shots=SHOTS, seed=1000 + case)
    return dense_counts(result.states, result.counts, CIRCUITS[circuit][1])


@cache
def exact(circuit: str, rates: Rates) -> NDArray[np.float64]:
    gateset, qubits, gates = CIRCUITS[circuit]
    return noisy_probabilities(gateset, qubits, gates, rates)


@cache
def ideal(circuit: str) -> NDArray[np.float64]:
    return reference_probabilities(*CIRCUITS[circuit])


# --- the reference, against closed forms and qiskit-aer ---------------------------------


@pytest.mark.parametrize("rate", [0.0, 0.0005, 0.1, 1.0])
def test_reference_one_x_gate_leaves_zero_with_half_the_rate(rate: float) -> None:
    """X then (1-r) rho + r I/2: P(0) = r/2."""
    got = noisy_probabilities("qis", 1, [{"gate": "x", "target": 0}], Rates(one_qubit=rate))
    np.testing.assert_allclose(got, [rate / 2, 1 - rate / 2], atol=1e-15)


@pytest.mark.parametrize("rate", [0.0133, 0.3])
def test_reference_cnot_on_zeros_is_left_with_one_minus_three_quarters_of_the_rate(
    rate: float,
) -> None:
    """CNOT |00> then (1-r) rho + r I/4: P(00) = 1 - 3r/4, r/4 for each other outcome."""
    gates = [{"gate": "cnot", "control": 0, "target": 1}]
    got = noisy_probabilities("qis", 2, gates, Rates(two_qubit=rate))
    np.testing.assert_allclose(got, [1 - 3 * rate / 4, rate / 4, rate / 4, rate / 4], atol=1e-15)


def test_reference_toffoli_charges_six_pair_and_nine_single_channels() -> None:
    """A Toffoli (controls 2, 0; target 1) on |000> and the k = 3 rule's channels, in closed form.

    On a basis state a Pauli channel only flips bits. A channel's character at
    s in {0,1}^3, E[(-1)^(s . flips)], is 1 - r when the channel touches a qubit
    of s, else 1, for 1q and 2q channels alike; so P(flips = f) =
    2^-3 sum_s (-1)^(s . f) (1-r1)^n1(s) (1-r2)^n2(s), n1(s) the 1q channels on
    qubits of s (3 on each qubit) and n2(s) the pairs (2,1) and (0,1), 3 each,
    that touch s.
    """
    r1, r2 = 0.01, 0.05
    gates = [{"gate": "x", "controls": [2, 0], "target": 1}]
    got = noisy_probabilities("qis", 3, gates, Rates(r1, r2))
    expected = np.zeros(8)
    for s in product((0, 1), repeat=3):
        n1 = 3 * (s[0] + s[1] + s[2])
        n2 = 3 * (s[2] | s[1]) + 3 * (s[0] | s[1])
        character = (1 - r1) ** n1 * (1 - r2) ** n2
        for flips in range(8):
            sign = (-1) ** sum(s[q] * (flips >> q & 1) for q in range(3))
            expected[flips] += sign * character / 8
    np.testing.assert_allclose(got, expected, atol=1e-14)


def test_reference_readout_flips_every_bit_independently() -> None:
    """|001> (X on qubit 0 of 3), rates 0 but readout p: P(b) = prod p^[flipped] (1-p)^[kept]."""
    p = 0.02
    got = noisy_probabilities("qis", 3, [{"gate": "x", "target": 0}], Rates(readout=p))
    flips = [bin(outcome ^ 0b001).count("1") for outcome in range(8)]
    np.testing.assert_allclose(got, [p**k * (1 - p) ** (3 - k) for k in flips], atol=1e-15)
    alone = noisy_probabilities("native", 1, [{"gate": "nop", "target": 0}], Rates(readout=p))
    np.testing.assert_allclose(alone, [1 - p, p], atol=1e-15)


@pytest.mark.parametrize(("qubits", "rate"), [(1, 0.0005), (1, 0.2), (2, 0.0133), (2, 0.4)])
def test_aer_depolarizing_parameter_is_ionqs_rate(qubits: int, rate: float) -> None:
    """aer's depolarizing_error(param, n) is the same channel as IonQ's Kraus form at r = param."""
    aer = SuperOp(depolarizing_error(rate, qubits)).data
    np.testing.assert_allclose(aer, depolarizing_channel(qubits, rate).data, atol=1e-14)


def test_reference_agrees_with_aer_density_matrix() -> None:
    """A 4-qubit circuit with two Toffolis under rates far above IonQ's, on aer's density matrix.

    aer's noise model: depolarizing_error(r1, 1) after every 1q gate,
    depolarizing_error(r2, 2) after cx, and after ccx the composition of aer's
    own errors on the k = 3 rule's sites.
    """
    r1, r2 = 0.01, 0.07
    gates: Gates = [
        {"gate": "h", "target": 0},
        {"gate": "h", "target": 1},
        {"gate": "ry", "target": 2, "rotation": 0.4},
        {"gate": "x", "controls": [0, 1], "target": 2},
        {"gate": "cnot", "control": 2, "target": 3},
        {"gate": "rx", "target": 3, "rotation": 1.1},
        {"gate": "x", "controls": [3, 2], "target": 0},
        {"gate": "rz", "target": 0, "rotation": 0.3},
        {"gate": "h", "target": 0},
    ]
    circuit = QuantumCircuit(4)
    for gate in gates:
        qubits = listed(gate, "control", "controls") + listed(gate, "target", "targets")
        name = {1: gate["gate"], 2: "cx", 3: "ccx"}[len(qubits)]
        params = [gate["rotation"]] if "rotation" in gate else []
        getattr(circuit, name)(*params, *qubits)
    circuit.save_probabilities()
    toffoli = SuperOp(Operator(np.eye(8)))
    for j in range(6):
        toffoli = toffoli.compose(SuperOp(depolarizing_error(r2, 2)), qargs=[j % 2, 2])
    for j in range(9):
        toffoli = toffoli.compose(SuperOp(depolarizing_error(r1, 1)), qargs=[j % 3])
    model = AerNoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(r1, 1), ["h", "rx", "ry", "rz"])
    model.add_all_qubit_quantum_error(depolarizing_error(r2, 2), ["cx"])
    model.add_all_qubit_quantum_error(QuantumError(toffoli), ["ccx"])
    simulator = AerSimulator(method="density_matrix", noise_model=model)
    aer = np.asarray(simulator.run(circuit, shots=1).result().data()["probabilities"])
    ours = noisy_probabilities("qis", 4, gates, Rates(r1, r2))
    assert np.abs(aer - ours).max() < 1e-12
    # And the noise is there to be checked: far from the ideal distribution.
    assert np.abs(reference_probabilities("qis", 4, gates) - ours).max() > 0.01


# --- run_circuit against the reference ------------------------------------------------


@pytest.mark.parametrize("case", range(len(CASES)), ids=CASE_IDS)
def test_noisy_counts_fit_the_exact_distribution(case: int) -> None:
    circuit, _, rates = CASES[case]
    verdict = chi_square(counts_of(case), exact(circuit, rates), SHOTS)
    assert not verdict.rejects, f"{CASE_IDS[case]}: {verdict}"


def charging_nop(gate: dict[str, Any]) -> list[tuple[int, ...]]:
    return [(gate["target"],)] if gate["gate"] == "nop" else channel_sites(gate)


def leaving_wide_gates_uncharged(gate: dict[str, Any]) -> list[tuple[int, ...]]:
    sites = channel_sites(gate)
    return sites if len(sites) <= 1 else []


def mistaken(mistake: str, circuit: str, rates: Rates) -> NDArray[np.float64]:
    """The distribution a sampler that made `mistake` would sample."""
    gateset, qubits, gates = CIRCUITS[circuit]
    if mistake == "ignores the noise":
        return ideal(circuit)
    if mistake == "ignores the readout error":
        return exact(circuit, replace(rates, readout=0.0))
    if mistake == "has 4/5 of the 2q rate":
        return exact(circuit, replace(rates, two_qubit=0.8 * rates.two_qubit))
    if mistake == "has 4/5 of the readout error":
        return exact(circuit, replace(rates, readout=0.8 * rates.readout))
    if mistake == "charges nop a 1q channel":
        return noisy_probabilities(gateset, qubits, gates, rates, charging_nop)
    assert mistake == "charges gates on 3+ qubits nothing"
    return noisy_probabilities(gateset, qubits, gates, rates, leaving_wide_gates_uncharged)


# (case, mistake): every case catches a sampler that ignores the noise; these also
# catch narrower mistakes.
MISTAKES: list[tuple[str, str]] = [
    *((case, "ignores the noise") for case in CASE_IDS),
    *(("one-qubit-heavy-" + model, "charges nop a 1q channel") for model in MODELS),
    *(("toffoli-" + model, "charges gates on 3+ qubits nothing") for model in MODELS),
    ("toffoli-aria-1 + readout", "charges gates on 3+ qubits nothing"),
    ("toffoli-aria-1 + readout", "ignores the readout error"),
    ("random-6-aria-2", "has 4/5 of the 2q rate"),
    ("toffoli-aria-2", "has 4/5 of the 2q rate"),
    ("ghz-6-readout 0.02", "has 4/5 of the readout error"),
]


@pytest.mark.parametrize(("case_id", "mistake"), MISTAKES)
def test_the_test_would_reject_a_sampler_that_makes_a_mistake(case_id: str, mistake: str) -> None:
    """Counts of a sampler making `mistake` pass the case's test with probability < MISS."""
    circuit, _, rates = CASES[CASE_IDS.index(case_id)]
    miss = miss_probability(mistaken(mistake, circuit, rates), exact(circuit, rates), SHOTS)
    assert miss < MISS, f"{case_id}: a sampler that {mistake} passes with probability {miss:.2g}"


@pytest.mark.parametrize("case", range(len(CASES)), ids=CASE_IDS)
def test_noisy_counts_reject_the_ideal_distribution(case: int) -> None:
    """The run's counts show the noise (a correct sampler's pass with probability < MISS)."""
    circuit, _, rates = CASES[case]
    assert miss_probability(exact(circuit, rates), ideal(circuit), SHOTS) < MISS
    verdict = chi_square(counts_of(case), ideal(circuit), SHOTS)
    assert verdict.rejects, f"{CASE_IDS[case]}: the counts fit the ideal distribution: {verdict}"


# --- the Result of a noisy run ------------------------------------------------------------


def test_the_same_seed_gives_the_same_shots_and_another_seed_others() -> None:
    rates = MODELS["aria-1"]
    first = run("random-6", "aria-1", rates, shots=3000, seed=7).shot_states()
    again = run("random-6", "aria-1", rates, shots=3000, seed=7).shot_states()
    other = run("random-6", "aria-1", rates, shots=3000, seed=8).shot_states()
    assert first.tolist() == again.tolist()
    # Outcomes spread over 64 states: two seeds agreeing on 3000 shots is impossible in practice.
    assert first.tolist() != other.tolist()


@pytest.mark.parametrize("circuit", ["bell", "toffoli", "native"])
def test_a_noisy_result_is_its_shots_tallied(circuit: str) -> None:
    shots = 4321
    result = run(circuit, "aria-2", MODELS["aria-2"], shots=shots, seed=3)
    assert not result.exact
    assert result.note is None
    outcomes = result.shot_states()
    assert outcomes.size == shots
    assert np.all(np.diff(result.states) > 0), "states ascend, each once"
    assert result.states.min() >= 0
    assert result.states.max() < 2 ** CIRCUITS[circuit][1]
    assert int(result.counts.sum()) == shots
    assert result.counts.min() > 0, "a state is listed only if some shot ended in it"
    tally = np.array([int((outcomes == state).sum()) for state in result.states])
    assert result.counts.tolist() == tally.tolist()
    assert result.probabilities.tolist() == (result.counts / shots).tolist()


def test_zero_rates_still_measure_the_ideal_distribution() -> None:
    """A model with every rate 0 is a device: counts, and they fit the ideal distribution."""
    result = run("random-6", "zero rates", Rates(), shots=SHOTS, seed=11)
    assert not result.exact
    counts = dense_counts(result.states, result.counts, 6)
    verdict = chi_square(counts, ideal("random-6"), SHOTS)
    assert not verdict.rejects, str(verdict)


@pytest.mark.parametrize("circuit", ["ghz-6", "random-6", "toffoli", "native"])
def test_without_noise_the_result_stays_exact(circuit: str) -> None:
    gateset, qubits, gates = CIRCUITS[circuit]
    parsed = parse_circuit(gateset=gateset, qubits=qubits, gates=gates)
    result = run_circuit(parsed, shots=1000, seed=5)
    assert result.exact
    expected = ideal(circuit)
    support = np.flatnonzero(expected > 1e-12)
    assert result.states.tolist() == support.tolist()
    np.testing.assert_allclose(result.probabilities, expected[support], atol=1e-9)
