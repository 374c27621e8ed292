"""cirq-ionq 1.7.0 runs circuits on the fake: measurement keys, bit order, batches, listing.

Configured as cirq-ionq documents it: `cirq_ionq.Service(remote_host=<origin>,
api_key=...)` (cirq adds `/v0.4` itself and drops any path of the host).
`max_retry_seconds` is lowered from its default of an hour, so that a fake
answering 5xx fails a test instead of stalling the suite. On the simulator
cirq-ionq samples the repetitions itself from the served probabilities, with
the `seed` the caller gives `run`; tolerances come from
contract_tests/sdk/binomial.py.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import cirq
import cirq_ionq  # type: ignore[import-untyped]
import numpy as np
import pytest

from contract_tests.sdk.binomial import assert_binomial
from mock_server.harness.fake import FakeIonQ

REPETITIONS = 1000
SEED = 1234
LIST_TIMEOUT_S = 10.0


@pytest.fixture
def service(fake: FakeIonQ, api_key: str) -> Any:
    return cirq_ionq.Service(remote_host=fake.origin, api_key=api_key, max_retry_seconds=5)


Q0, Q1 = cirq.LineQubit.range(2)


def bell(key: str = "m") -> cirq.Circuit:
    return cirq.Circuit(cirq.H(Q0), cirq.CNOT(Q0, Q1), cirq.measure(Q0, Q1, key=key))


def x_on_q0() -> cirq.Circuit:
    return cirq.Circuit(cirq.X(Q0), cirq.measure(Q0, Q1, key="m"))


def test_bell_with_one_key(service: Any, fake: FakeIonQ) -> None:
    result = service.run(bell(), repetitions=REPETITIONS, target="simulator", seed=SEED)
    rows = result.measurements["m"]
    assert rows.shape == (REPETITIONS, 2)
    assert np.array_equal(rows[:, 0], rows[:, 1]), "q0 and q1 disagree in a Bell pair"
    histogram = result.histogram(key="m")
    assert set(histogram) <= {0b00, 0b11}
    assert_binomial(histogram[0b11], REPETITIONS, 0.5)
    (job,) = fake.jobs()
    assert job["status"] == "completed"
    assert job["stats"]["qubits"] == 2
    # cirq's measurement metadata is echoed unchanged: that is how it finds its keys.
    assert job["metadata"]["shots"] == str(REPETITIONS)
    assert job["metadata"]["measurement0"] == "m\x1f0,1"


def test_the_same_seed_gives_the_same_repetitions(service: Any) -> None:
    first = service.run(bell(), repetitions=REPETITIONS, target="simulator", seed=SEED)
    again = service.run(bell(), repetitions=REPETITIONS, target="simulator", seed=SEED)
    assert np.array_equal(first.measurements["m"], again.measurements["m"])


def test_x_on_q0_measures_q0_as_1(service: Any) -> None:
    result = service.run(x_on_q0(), repetitions=100, target="simulator")
    rows = result.measurements["m"]
    assert rows.shape == (100, 2)
    assert (rows == [1, 0]).all()  # key order: q0, then q1
    assert result.histogram(key="m") == {0b10: 100}  # cirq reads q0 as the high bit


def test_two_keys(service: Any) -> None:
    circuit = cirq.Circuit(
        cirq.X(Q0),
        cirq.H(Q1),
        cirq.measure(Q0, key="a"),
        cirq.measure(Q1, key="b"),
    )
    result = service.run(circuit, repetitions=REPETITIONS, target="simulator", seed=SEED)
    assert set(result.measurements) == {"a", "b"}
    assert (result.measurements["a"] == 1).all()
    assert_binomial(int(result.measurements["b"].sum()), REPETITIONS, 0.5)


def test_run_batch_gives_each_circuit_its_result(service: Any, fake: FakeIonQ) -> None:
    results = service.run_batch(
        [bell(), x_on_q0()], repetitions=REPETITIONS, target="simulator", seed=SEED
    )
    assert len(results) == 2
    bell_rows, x_rows = results[0].measurements["m"], results[1].measurements["m"]
    assert np.array_equal(bell_rows[:, 0], bell_rows[:, 1])
    assert_binomial(int(bell_rows[:, 0].sum()), REPETITIONS, 0.5)
    assert (x_rows == [1, 0]).all()
    parent = next(j for j in fake.jobs() if j["parent_job_id"] is None)
    assert parent["type"] == "ionq.multi-circuit.v1"
    assert len(parent["child_job_ids"]) == 2


def list_jobs_within(service: Any, timeout_s: float, **options: Any) -> Sequence[Any]:
    """`service.list_jobs(**options)` in a thread; fail if it has not returned in time.

    cirq-ionq stops paging only when a page has no `next`; a fake that sends
    `"next": null` makes it loop, forever on an empty list (notes §8.2.7).
    """
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["jobs"] = service.list_jobs(**options)
        except BaseException as exc:  # handed to the test thread
            outcome["error"] = exc

    worker = threading.Thread(target=call, name="cirq list_jobs", daemon=True)
    worker.start()
    worker.join(timeout_s)
    assert not worker.is_alive(), f"list_jobs({options}) did not return within {timeout_s} s"
    if "error" in outcome:
        raise outcome["error"]
    jobs: Sequence[Any] = outcome["jobs"]
    return jobs


def test_list_jobs_of_an_empty_account_ends(service: Any) -> None:
    assert list(list_jobs_within(service, LIST_TIMEOUT_S)) == []


def test_list_jobs_pages_to_the_end(service: Any) -> None:
    created = [
        service.create_job(x_on_q0(), repetitions=10, target="simulator").job_id() for _ in range(5)
    ]
    listed = list_jobs_within(service, LIST_TIMEOUT_S, batch_size=2)
    assert [job.job_id() for job in listed] == created[::-1]  # newest first, each once
    assert all(job.status() == "completed" for job in listed)
    everything = list_jobs_within(service, LIST_TIMEOUT_S)
    assert sorted(job.job_id() for job in everything) == sorted(created)
    capped = list_jobs_within(service, LIST_TIMEOUT_S, limit=3, batch_size=2)
    assert [job.job_id() for job in capped] == created[::-1][:3]


def test_cancel_a_held_job(service: Any, fake: FakeIonQ) -> None:
    fake.hold_jobs()
    job = service.create_job(bell(), repetitions=REPETITIONS, target="simulator")
    assert job.status() == "ready"
    job.cancel()
    assert job.status() == "canceled"
    assert fake.job(job.job_id())["status"] == "canceled"
    with pytest.raises(RuntimeError, match="Instead had status: canceled"):
        job.results()


def test_a_failed_job_raises_with_the_failure_message(service: Any, fake: FakeIonQ) -> None:
    fake.fail_next_jobs("TooManyGates", message="Too many gates for this backend.")
    with pytest.raises(RuntimeError, match=r"Job failed\. Error message: Too many gates"):
        service.run(bell(), repetitions=REPETITIONS, target="simulator")
    (job,) = fake.jobs()
    assert job["failure"]["code"] == "TooManyGates"
