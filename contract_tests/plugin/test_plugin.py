"""The pytest plugin, run the way users run it: pytest in a subprocess (pytester).

Each inner suite is a small test file written here; the plugin reaches it
through the `pytest11` entry point alone (no conftest, no `-p`). The inner
tests report what they saw into a JSON-lines file that the outer test reads.
"""

from __future__ import annotations

import json
import os
import socket
import textwrap
import threading
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

REPORTING = """
import json, os
from pathlib import Path

def report(**seen):
    seen["worker"] = os.environ.get("PYTEST_XDIST_WORKER", "main")
    seen["process"] = os.getpid()
    with Path({path!r}).open("a", encoding="utf-8") as out:
        out.write(json.dumps(seen) + "\\n")
"""


def write_suite(pytester: pytest.Pytester, body: str) -> Path:
    """A test file using the plugin's fixtures; where its reports go."""
    reports = pytester.path / "reports.jsonl"
    pytester.makepyfile(test_suite=REPORTING.format(path=str(reports)) + textwrap.dedent(body))
    return reports


def read_reports(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def port_is_closed(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_plugin_is_installed_as_a_pytest11_entry_point() -> None:
    (plugin,) = [
        e for e in entry_points(group="pytest11") if e.value == "mock_server.harness.pytest_plugin"
    ]
    assert plugin.name == "ionq_fake"


def test_fixtures_give_url_client_helpers_and_a_reset_between_tests(
    pytester: pytest.Pytester,
) -> None:
    reports = write_suite(
        pytester,
        """
        import httpx
        from ionq_client.api.backends import get_backend
        from ionq_client.models import Backend, BackendName, Error

        def test_first(fake_ionq):
            report(mode=fake_ionq.mode, base_url=fake_ionq.base_url, faults=fake_ionq.faults())
            fake_ionq.set_backend("qpu.aria-1", qubits=11)
            fake_ionq.patch_characterization("qpu.aria-1", {"fidelity": {"2q": {"median": 0.9}}})
            fake_ionq.add_fault("getBackend", sequence=[503])
            fake_ionq.set_rate_limit(100, burst=100)
            failed = get_backend.sync(BackendName.QPU_ARIA_1, client=fake_ionq.client)
            assert isinstance(failed, Error) and failed.status_code == 503
            backend = get_backend.sync(BackendName.QPU_ARIA_1, client=fake_ionq.client)
            assert isinstance(backend, Backend) and backend.qubits == 11
            assert [r["status"] for r in fake_ionq.requests()] == [503, 200]

        def test_second(fake_ionq):
            http = fake_ionq.http()
            report(
                faults=fake_ionq.faults(),
                requests=fake_ionq.requests(),
                qubits=http.get("/backends/qpu.aria-1").json()["qubits"],
                median_2q=fake_ionq.characterization("qpu.aria-1")["fidelity"]["2q"]["median"],
                limit=fake_ionq.http(base_url=fake_ionq.origin).get("/__admin/rate-limit").json(),
            )
        """,
    )
    result = pytester.runpytest_subprocess("-q")
    result.assert_outcomes(passed=2)
    first, second = read_reports(reports)
    assert first["mode"] == "wsgi"
    assert first["base_url"].endswith("/v0.4")
    assert first["faults"] == []
    assert second["faults"] == []
    assert second["requests"] == []
    assert second["qubits"] == 25
    assert second["median_2q"] == 0.9868  # characterizations/qpu.aria-1.json's
    assert second["limit"] == {"enabled": False}


@pytest.mark.parametrize("how", ["option", "ini"])
def test_the_mode_is_chosen_by_option_or_ini(pytester: pytest.Pytester, how: str) -> None:
    reports = write_suite(
        pytester,
        """
        def test_mode(fake_ionq):
            report(mode=fake_ionq.mode, port=fake_ionq.port, pid=fake_ionq.pid)
            assert fake_ionq.http().get("/backends/simulator").status_code == 200
        """,
    )
    if how == "ini":
        pytester.makeini("[pytest]\nfake_ionq_mode = socket\n")
        result = pytester.runpytest_subprocess("-q")
    else:
        result = pytester.runpytest_subprocess("-q", "--fake-ionq=socket")
    result.assert_outcomes(passed=1)
    (seen,) = read_reports(reports)
    assert seen["mode"] == "socket"
    assert port_is_closed(seen["port"])
    assert process_is_gone(seen["pid"])


def test_a_bad_ini_mode_is_a_usage_error(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "def test_mode(fake_ionq):\n    pass\n")
    pytester.makeini("[pytest]\nfake_ionq_mode = carrier-pigeon\n")
    result = pytester.runpytest_subprocess("-q")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*fake_ionq_mode must be wsgi or socket*"])


ISOLATION_SUITE = """
import pytest

@pytest.mark.parametrize("round", range(8))
@pytest.mark.parametrize("kind", ["wsgi", "socket"])
def test_each_test_starts_clean_and_leaves_a_fault(request, kind, round):
    fake = request.getfixturevalue("fake_ionq" if kind == "wsgi" else "fake_ionq_socket")
    http = fake.http()
    clean = fake.faults() == [] and fake.requests() == []
    status = http.get("/backends/qpu.aria-1").status_code
    report(kind=kind, port=fake.port, pid=fake.pid, clean=clean, status=status)
    fake.add_fault(sequence=[503] * 50)
    fake.set_rate_limit(0.001, burst=1)
    assert http.get("/backends/qpu.aria-1").status_code == 503
"""


def test_each_xdist_worker_gets_its_own_fake_and_faults_never_leak(
    pytester: pytest.Pytester,
) -> None:
    reports = write_suite(pytester, ISOLATION_SUITE)
    result = pytester.runpytest_subprocess("-p", "xdist", "-n", "2", "-q")
    result.assert_outcomes(passed=16)
    seen = read_reports(reports)
    assert len(seen) == 16
    assert all(entry["clean"] and entry["status"] == 200 for entry in seen)
    workers = {entry["worker"] for entry in seen}
    assert workers == {"gw0", "gw1"}
    servers = {
        worker: {(e["port"], e["pid"]) for e in seen if e["worker"] == worker and e["port"]}
        for worker in workers
    }
    assert all(len(found) == 1 for found in servers.values()), servers  # one per worker
    (first,), (second,) = servers.values()
    assert first != second
    for port, pid in (first, second):
        assert port_is_closed(port)
        assert process_is_gone(pid)


def test_an_in_process_run_leaves_no_thread_process_or_port(pytester: pytest.Pytester) -> None:
    reports = write_suite(
        pytester,
        """
        def test_socket(fake_ionq_socket):
            report(port=fake_ionq_socket.port, pid=fake_ionq_socket.pid)
            assert fake_ionq_socket.http().get("/backends/qpu.aria-1").status_code == 200

        def test_wsgi(fake_ionq):
            assert fake_ionq.http().get("/backends/qpu.aria-1").status_code == 200
        """,
    )
    before = set(threading.enumerate())
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    assert set(threading.enumerate()) - before == set()  # no thread started and left
    (seen,) = read_reports(reports)
    assert port_is_closed(seen["port"])
    assert process_is_gone(seen["pid"])
