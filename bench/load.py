"""Drive wrk and read its results.

wrk is the load generator because it is a real one: C, epoll, keep-alive
connections, HdrHistogram-style latency percentiles, and cheap enough that it
leaves most of the two cores to the server. The Lua scripts in bench/wrk/
print one `BENCH_JSON` line at the end, which is what is parsed here; wrk's
human-readable summary is kept alongside for people.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WRK_DIR = Path(__file__).with_name("wrk")
MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class LoadSettings:
    """The same for every server of a run, so the numbers compare."""

    duration_s: float = 10.0
    connections: int = 32
    threads: int = 2
    timeout_s: float = 2.0

    def wrk_args(self) -> list[str]:
        """The wrk options these settings stand for."""
        return [
            f"--threads={self.threads}",
            f"--connections={self.connections}",
            f"--duration={self.duration_s:g}s",
            f"--timeout={self.timeout_s:g}s",
            "--latency",
        ]


@dataclass(frozen=True)
class Scenario:
    """One request of a mix: a path, an optional header, the status expected."""

    name: str
    path: str
    expected_status: int
    header: tuple[str, str] | None = None

    def wrk_arg(self) -> str:
        """How mix.lua takes it: PATH or PATH|Name: value."""
        if self.header is None:
            return self.path
        return f"{self.path}|{self.header[0]}: {self.header[1]}"


@dataclass
class LoadResult:
    """What one wrk run measured. Latencies are in milliseconds."""

    requests: int
    duration_s: float
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: dict[str, int]
    statuses: dict[int, int]
    non_2xx_3xx: int
    unexpected_statuses: int = 0
    raw: str = field(default="", repr=False)

    @property
    def errors(self) -> int:
        """Socket errors and timeouts plus statuses the scenario did not expect."""
        return sum(self.socket_errors.values()) + self.unexpected_statuses

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (the raw wrk text is left out)."""
        return {
            "requests": self.requests,
            "duration_s": round(self.duration_s, 3),
            "requests_per_s": round(self.requests_per_s, 1),
            "p50_ms": self.p50_ms,
            "p90_ms": self.p90_ms,
            "p99_ms": self.p99_ms,
            "max_ms": self.max_ms,
            "socket_errors": self.socket_errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "non_2xx_3xx": self.non_2xx_3xx,
            "unexpected_statuses": self.unexpected_statuses,
            "errors": self.errors,
        }


def parse_wrk_output(text: str) -> LoadResult:
    """Read the BENCH_JSON line that bench/wrk/report.lua prints."""
    for line in text.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            break
    else:
        raise ValueError("wrk printed no BENCH_JSON line; was it run with a bench/wrk script?")
    errors = dict(data["errors"])
    non_2xx_3xx = int(errors.pop("status"))
    latency = data["latency_us"]
    duration_s = data["duration_us"] / 1e6
    return LoadResult(
        requests=data["requests"],
        duration_s=duration_s,
        requests_per_s=data["requests"] / duration_s if duration_s else 0.0,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        socket_errors={k: int(v) for k, v in errors.items()},
        statuses={int(k): int(v) for k, v in data["statuses"].items()},
        non_2xx_3xx=non_2xx_3xx,
        raw=text,
    )


def count_unexpected(result: LoadResult, expected: set[int]) -> int:
    """Responses whose status is outside `expected`.

    A mix counts every status (mix.lua's response()); a single-request run
    has only wrk's count of statuses of 400 and above, which is exactly the
    unexpected count when only 2xx is expected.
    """
    if result.statuses:
        return sum(n for status, n in result.statuses.items() if status not in expected)
    return result.non_2xx_3xx


def wrk_binary() -> str:
    """The wrk on PATH, or a clear error naming how to get it."""
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("wrk is not installed: `apt-get install -y wrk` (make bench does it)")
    return found


def run_wrk(
    url: str,
    settings: LoadSettings,
    mix: list[Scenario] | None = None,
) -> LoadResult:
    """Load `url` (or the mix, on url's host) and return what wrk measured."""
    argv = [wrk_binary(), *settings.wrk_args()]
    if mix is None:
        argv += ["--script", str(WRK_DIR / "single.lua"), url]
        expected = {200}
    else:
        argv += ["--script", str(WRK_DIR / "mix.lua"), url, "--"]
        argv += [scenario.wrk_arg() for scenario in mix]
        expected = {scenario.expected_status for scenario in mix}
    done = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        check=True,
        timeout=settings.duration_s + settings.timeout_s + 30,
    )
    result = parse_wrk_output(done.stdout)
    result.unexpected_statuses = count_unexpected(result, expected)
    return result
