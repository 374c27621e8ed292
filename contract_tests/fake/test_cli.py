"""`ionq-mock`: the command line, and the fake served for real on granian."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from contract_tests.fake.live import LiveFake, failed_start, running_fake, serve_command
from contract_tests.fake.support import ROOT, fixture_record
from mock_server.cli import build_parser, main


def test_serve_defaults_to_one_local_worker() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.fixtures, args.workers, args.threads) == (
        "127.0.0.1",
        8000,
        None,
        1,
        1,
    )
    assert args.no_access_log is False
    assert args.body_timeout is None  # IONQ_MOCK_BODY_TIMEOUT, or 10 s


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("ionq-mock")
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "serve" in result.stdout


def test_check_fixtures_accepts_the_packaged_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-fixtures", str(ROOT / "mock_server" / "api" / "fixtures")]) == 0
    assert "are valid" in capsys.readouterr().out


def test_check_fixtures_names_file_and_field(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fixtures_dir / "backends" / "qpu.aria-1.json"
    path.write_text(json.dumps({**fixture_record("qpu.aria-1"), "qubits": "many"}))
    assert main(["check-fixtures", str(fixtures_dir)]) == 2
    assert f"{path}: $.qubits: 'many' is not of type 'integer'" in capsys.readouterr().err


def test_serve_stops_before_listening_on_a_bad_fixture(fixtures_dir: Path) -> None:
    path = fixtures_dir / "backends" / "simulator.json"
    path.write_text('{\n  "backend": "simulator",\n}\n')
    result = failed_start(["--fixtures", str(fixtures_dir)])
    assert result.returncode == 2
    assert f"{path}, line 3, column 1: not valid JSON" in result.stderr
    assert "Listening" not in result.stdout + result.stderr


def test_start_up_prints_the_api_url(live_fake: LiveFake) -> None:
    assert f"ionq-mock: fake IonQ API at {live_fake.base_url} " in live_fake.output()


def test_serves_the_fixtures_over_a_socket(live_fake: LiveFake) -> None:
    response = httpx.get(f"{live_fake.base_url}/backends/qpu.aria-1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-length"] == str(len(response.content))
    assert response.json() == fixture_record("qpu.aria-1")


def test_head_over_a_socket_has_the_length_of_get(live_fake: LiveFake) -> None:
    url = f"{live_fake.base_url}/backends/simulator"
    head = httpx.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(httpx.get(url).content))


def test_each_request_is_logged(live_fake: LiveFake) -> None:
    httpx.get(f"{live_fake.base_url}/backends/access-log-probe")
    deadline = time.monotonic() + 5
    pattern = re.compile(r'"GET /v0\.4/backends/access-log-probe HTTP/1\.1" 400')
    while not pattern.search(live_fake.output()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pattern.search(live_fake.output())


def test_the_environment_names_the_fixtures(fixtures_dir: Path) -> None:
    (fixtures_dir / "backends" / "qpu.aria-2.json").unlink()
    with running_fake(env={"IONQ_MOCK_FIXTURES": str(fixtures_dir)}) as fake:
        assert httpx.get(f"{fake.base_url}/backends/qpu.aria-2").status_code == 404
        assert httpx.get(f"{fake.base_url}/backends/qpu.aria-1").status_code == 200
        assert f"fixtures: {fixtures_dir}" in fake.output()


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_server_cleanly(stop_signal: signal.Signals) -> None:
    with running_fake() as fake:
        fake.process.send_signal(stop_signal)
        assert fake.process.wait(timeout=15) == 0
        output = fake.output()
    assert "Traceback" not in output
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{fake.base_url}/backends/qpu.aria-1", timeout=1)


def test_the_last_lines_of_the_access_log_survive_a_stop() -> None:
    """Lines are written in batches: the worker writes what it holds when it ends."""
    with running_fake() as fake:
        httpx.get(f"{fake.base_url}/backends/last-line-probe")
        fake.process.send_signal(signal.SIGTERM)  # well within the 0.1 s between batches
        assert fake.process.wait(timeout=15) == 0
        output = fake.output()
    assert '"GET /v0.4/backends/last-line-probe HTTP/1.1" 400' in output


@pytest.mark.parametrize(
    ("value", "message"),
    [("fast", "expected RATE or RATE/BURST"), ("0/1", "$.rate: must be a number")],
)
def test_serve_stops_before_listening_on_a_bad_rate_limit(value: str, message: str) -> None:
    result = failed_start(["--rate-limit", value])
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["soon", "0"])
def test_serve_stops_before_listening_on_a_bad_body_timeout(value: str) -> None:
    result = failed_start(["--body-timeout", value])
    assert result.returncode == 2
    assert f"body timeout {value!r}: expected a number of seconds above 0" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--time-scale", "soon", "time scale 'soon': expected a number from 0 to 1000"),
        ("--time-scale", "1001", "time scale '1001': expected a number from 0 to 1000"),
        ("--simulators", "65", "simulators '65': expected a whole number from 0 to 64"),
        ("--simulators", "-1", "simulators '-1': expected a whole number from 0 to 64"),
    ],
)
def test_serve_stops_before_listening_on_a_bad_clock_or_simulators_setting(
    option: str, value: str, message: str
) -> None:
    result = failed_start([option, value])
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_live_fake_runs_on_the_clock_the_command_line_sets() -> None:
    with running_fake(["--virtual-clock", "--time-scale", "0.5", "--simulators", "2"]) as fake:
        state = httpx.get(f"{fake.origin}/__admin/clock").json()
    assert (state["virtual"], state["time_scale"]) == (True, 0.5)


def test_a_live_fake_limits_each_key_from_the_command_line() -> None:
    with running_fake(["--rate-limit", "0.01/1"]) as fake:
        url = f"{fake.base_url}/backends/qpu.aria-1"
        first = httpx.get(url, headers={"Authorization": "apiKey one"})
        second = httpx.get(url, headers={"Authorization": "apiKey one"})
        other_key = httpx.get(url, headers={"Authorization": "apiKey two"})
    assert (first.status_code, second.status_code, other_key.status_code) == (200, 429, 200)
    assert second.json()["statusCode"] == 429
    assert int(second.headers["Retry-After"]) >= 1


def _port_of(fake: LiveFake) -> str:
    return fake.origin.rsplit(":", 1)[1]


def test_a_second_fake_on_a_taken_port_refuses_to_start(live_fake: LiveFake) -> None:
    second = subprocess.run(
        [*serve_command(int(_port_of(live_fake)))],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert second.returncode == 2
    assert f"port {_port_of(live_fake)} on 127.0.0.1 is taken" in second.stderr
    assert "--share-port" in second.stderr
    key = {"Authorization": "apiKey one-port"}
    body = {
        "type": "ionq.circuit.v1",
        "backend": "simulator",
        "input": {"gateset": "qis", "qubits": 1, "circuit": []},
    }
    with httpx.Client(base_url=live_fake.base_url, headers=key, timeout=10) as client:
        job_id = client.post("/jobs", json=body).json()["id"]
        # Every read reaches the one fake that holds the job.
        assert {client.get(f"/jobs/{job_id}").status_code for _ in range(20)} == {200}


def test_share_port_starts_a_second_fake_on_purpose(live_fake: LiveFake) -> None:
    with running_fake(["--share-port"]) as free:  # a port of its own: the flag alone
        assert httpx.get(f"{free.base_url}/backends", timeout=10).status_code == 200
    port = int(_port_of(live_fake))
    shared = subprocess.Popen(
        serve_command(port, ["--share-port"]),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert shared.stdout is not None
        first_line = shared.stdout.readline().decode()
        assert f"fake IonQ API at http://127.0.0.1:{port}/v0.4" in first_line
        time.sleep(0.5)
        assert shared.poll() is None
    finally:
        os.killpg(shared.pid, signal.SIGTERM)
        shared.wait(timeout=30)


def _workers(server: subprocess.Popen[bytes]) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def test_a_worker_that_dies_is_replaced() -> None:
    with running_fake() as live_fake:
        _kill_the_worker_and_ask_again(live_fake)


def _kill_the_worker_and_ask_again(live_fake: LiveFake) -> None:
    (worker,) = _workers(live_fake.process)
    os.kill(worker, signal.SIGKILL)  # as the kernel's OOM killer would
    deadline = time.monotonic() + 30
    answered = None
    while time.monotonic() < deadline and answered is None:
        try:
            answered = httpx.get(f"{live_fake.base_url}/backends/qpu.aria-1", timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    assert answered is not None, live_fake.output()
    assert answered.status_code == 200
    assert answered.json() == fixture_record("qpu.aria-1")
    assert live_fake.process.poll() is None
    (replacement,) = _workers(live_fake.process)
    assert replacement != worker
