"""The issue's targets, checked against one run's figures.

Kept apart from the measuring so that the rules are plain functions of
numbers, testable without starting anything. A target whose input is
missing (the fake was not measured, say) is reported as n/a, never as a
pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """One target: the figure, the limit, and whether it holds."""

    name: str
    value: float | None
    limit: float
    unit: str
    at_least: bool  # True: value >= limit passes; False: value <= limit passes

    @property
    def passed(self) -> bool | None:
        """True, False, or None when there is nothing to judge."""
        if self.value is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    @property
    def verdict(self) -> str:
        """PASS, FAIL or n/a."""
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "name": self.name,
            "value": None if self.value is None else round(self.value, 3),
            "limit": self.limit,
            "unit": self.unit,
            "rule": ">=" if self.at_least else "<=",
            "verdict": self.verdict,
        }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or zero."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


PRISM_FACTOR = 8.0
RAW_SHARE = 0.5
P99_MS = 5.0
COLD_START_SHARE = 0.3


def check_targets(
    servers: Mapping[str, Mapping[str, Any]],
    client: Sequence[Mapping[str, Any]],
    connections: int,
) -> list[Target]:
    """Every target of the issue, from the run's per-server and client figures.

    `servers` maps a name (fake, full, prism, bare, raw) to the dict that run.py
    records for it; a server that was not measured is simply absent.
    """
    fake = servers.get("fake")

    def rps(name: str, run: str = "single") -> float | None:
        figures = servers.get(name)
        return None if figures is None else float(figures[run]["requests_per_s"])

    def cold(name: str) -> float | None:
        figures = servers.get(name)
        return None if figures is None else float(figures["cold_start_s"])

    p99 = errors = memory = None
    if fake is not None:
        p99 = max(fake["single"]["p99_ms"], fake["mix"]["p99_ms"])
        errors = fake["single"]["errors"] + fake["mix"]["errors"] + fake["preflight_mismatches"]
        memory = fake["peak_rss_mb_per_worker"]
    overhead = max((c["overhead"] for c in client), default=None)
    return [
        Target(
            f"fake >= {PRISM_FACTOR:g}x Prism req/s",
            ratio(rps("fake"), rps("prism")),
            PRISM_FACTOR,
            "x",
            True,
        ),
        Target(
            f"fake >= {PRISM_FACTOR:g}x Prism req/s, mix",
            ratio(rps("fake", "mix"), rps("prism", "mix")),
            PRISM_FACTOR,
            "x",
            True,
        ),
        Target(
            f"fake >= {RAW_SHARE:g}x raw WSGI req/s",
            ratio(rps("fake"), rps("raw")),
            RAW_SHARE,
            "x",
            True,
        ),
        Target(f"fake p99 at {connections} connections", p99, P99_MS, "ms", False),
        Target("fake errors (socket, timeout, unexpected status)", errors, 0, "", False),
        Target(
            f"fake cold start <= {COLD_START_SHARE:g}x Prism's",
            ratio(cold("fake"), cold("prism")),
            COLD_START_SHARE,
            "x",
            False,
        ),
        Target("fake peak RSS per worker", memory, 100.0, "MB", False),
        Target("client overhead vs raw httpx (worst target)", overhead, 1.3, "x", False),
    ]


BELL_SOCKET_MS = 5.0
SIMULATOR_TO_AER = 2.0
BUSY_P99_RATIO = 2.0


def check_job_targets(
    bell: Sequence[Mapping[str, Any]],
    engines: Mapping[str, Any] | None,
    busy: Mapping[str, Any] | None,
) -> list[Target]:
    """The jobs' goals: Bell round trip, simulator against aer, reads during a wide job.

    `bell` holds bench/jobs.py's round-trip summaries (target `socket` and
    `in-process`), `engines` bench/engines.py's comparison, `busy` its
    reads while a job simulates; any of them may be missing (n/a). A loaded
    wrk run that the job did not cover has no ratio, so it is n/a too.
    """
    socket = next((b for b in bell if b["target"] == "socket"), None)
    median = None if socket is None else float(socket["median_ms"])
    not_completed = None if not bell else sum(b["not_completed_on_first_poll"] for b in bell)
    wrong = None if not bell else sum(b["wrong_probabilities"] for b in bell)
    targets = [
        Target("Bell round trip over a socket (median)", median, BELL_SOCKET_MS, "ms", False),
        Target("Bell jobs not completed on the first poll", not_completed, 0, "", False),
        Target("Bell jobs with wrong probabilities", wrong, 0, "", False),
    ]
    for row in engines["rows"] if engines else []:
        targets.append(
            Target(
                f"simulator/aer seconds at {row['qubits']} qubits",
                row["ratio_to_aer"],
                SIMULATOR_TO_AER,
                "x",
                False,
            )
        )
    job_qubits = busy["job"]["qubits"] if busy else None
    for run in busy["runs"] if busy else []:
        targets.append(
            Target(
                f"p99 during a {job_qubits}-qubit job / idle, {run['connections']} conn",
                run["p99_ratio"],
                BUSY_P99_RATIO,
                "x",
                False,
            )
        )
    return targets


BODY_CHECK_S = 1.0


def check_resilience_targets(
    body_checks: Mapping[str, Any] | None, soak: Mapping[str, Any] | None
) -> list[Target]:
    """One client cannot stall, trick or shut out the others: the 10 MB body and the soak.

    `body_checks` is bench/body_checks.py's figures, `soak` bench/soak.py's;
    either may be missing (n/a). The body's time is the whole POST to the
    app, in process (parsing, checking, making the dry-run job), not the
    check alone.
    """
    rows = body_checks["rows"] if body_checks else []
    valid = next((row for row in rows if row["body"] == "valid"), None)
    seconds = None if valid is None else float(valid["after"]["median_s"])
    jobs = soak["jobs"] if soak else None
    return [
        Target(
            "10 MB valid job body checked (POST, in process)", seconds, BODY_CHECK_S, "s", False
        ),
        Target(
            "soak: another key's job answered other than 404",
            None if soak is None else soak["workload"]["cross_key_not_404"],
            0,
            "",
            False,
        ),
        Target("soak: jobs lost", None if jobs is None else jobs["lost"], 0, "", False),
        Target(
            "soak: errors (5xx or no answer)",
            None if soak is None else soak["errors"],
            0,
            "",
            False,
        ),
    ]


NOISY_TO_AER = 1.0


def check_noise_targets(noise: Mapping[str, Any] | None) -> list[Target]:
    """The noisy job's goal: through the API no slower than qiskit-aer, and the API's results
    equal to run_circuit's (the same circuit, model and seed). n/a when the section did not run.
    """
    rows = noise["rows"] if noise else []
    goal = next((row for row in rows if row["case"] == "goal"), None)
    width = f"{goal['qubits']}-qubit " if goal else ""
    return [
        Target(
            f"noisy {width}job through the API / aer (median)",
            None if goal is None else goal["ours_over_aer"],
            NOISY_TO_AER,
            "x",
            False,
        ),
        Target(
            "noisy jobs whose API results differ from run_circuit's",
            None if goal is None else goal["api_mismatches"],
            0,
            "",
            False,
        ),
    ]
