"""bench/soak.py without a server: the jobs it submits, its bookkeeping and verdicts."""
# ruff: noqa: S101, S311

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest

from bench.body_checks import create_job_schema
from bench.soak import (
    KINDS,
    Connection,
    CreatedJob,
    Ledger,
    Mine,
    Tally,
    TransportError,
    Worker,
    account,
    first_judged,
    job_body,
    merged,
    random_circuit,
    result_paths,
    summarize,
    thin,
)
from mock_server.wire.rejections import new_validator

VALIDATOR = new_validator(create_job_schema())


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_job_is_a_valid_body(kind: str) -> None:
    rng = random.Random(7)
    for _ in range(20):
        body = job_body(kind, rng)
        assert list(VALIDATOR.iter_errors(body)) == []
    assert job_body("dry-run", rng)["dry_run"] is True
    assert job_body("random-qpu", rng)["backend"].startswith("qpu.")


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        job_body("huge", random.Random(1))


def test_random_circuits_stay_on_their_qubits_and_never_control_their_target() -> None:
    circuit = random_circuit(random.Random(3), qubits=3, gates=500)
    assert len(circuit) == 500
    for gate in circuit:
        assert 0 <= gate["target"] < 3
        if "control" in gate:
            assert gate["control"] != gate["target"]
            assert 0 <= gate["control"] < 3


def test_result_paths_follow_the_kind() -> None:
    assert result_paths("dry-run") == ()
    assert result_paths("multi") == ("probabilities/aggregated",)
    assert result_paths("bell") == ("probabilities", "histogram", "shots")


def test_the_ledger_numbers_jobs_and_hands_out_only_other_keys_ids() -> None:
    ledger = Ledger(["a", "b"])
    rng = random.Random(1)
    assert ledger.someone_elses("a", rng) is None
    first = ledger.create("a", "a-1", "bell")
    assert ledger.someone_elses("a", rng) is None  # only a's own job so far
    ledger.create("b", "b-1", "multi")
    assert (first.index, ledger.created[1].index) == (0, 1)
    assert {ledger.someone_elses("a", rng) for _ in range(20)} == {"b-1"}
    assert {ledger.someone_elses("b", rng) for _ in range(20)} == {"a-1"}
    ledger.delete("a-1")
    assert ledger.deleted == {"a-1"}


def test_only_jobs_out_of_evictions_reach_are_judged() -> None:
    assert first_judged(100, max_jobs=10_000, margin=500) == 0
    assert first_judged(9_500, max_jobs=10_000, margin=500) == 0
    assert first_judged(9_501, max_jobs=10_000, margin=500) == 1
    assert first_judged(20_000, max_jobs=10_000, margin=500) == 10_500
    assert first_judged(5, max_jobs=10, margin=500) == 5  # nothing is safe


def jobs(count: int) -> list[CreatedJob]:
    return [CreatedJob(i, f"k{i % 2}", f"j{i}", "bell") for i in range(count)]


def test_a_judged_job_that_does_not_answer_200_is_lost() -> None:
    created = jobs(6)
    # max_jobs - margin = 3: jobs 3, 4, 5 are judged; 4 was deleted.
    answers = {"j3": 200, "j5": 404}
    result = account(
        created=created,
        deleted={"j4", "j0"},
        answers=answers,
        held={"j1", "j3", "j0"},
        max_jobs=5,
        margin=2,
    )
    assert (result.created, result.deleted, result.judged) == (6, 2, 2)
    assert (result.answered_200, result.lost, result.lost_examples) == (1, 1, ("j5",))
    # Of the older ones not deleted (j1, j2): j1 kept, j2 evicted; j0 deleted but held.
    assert (result.older_kept, result.evicted, result.deleted_still_held) == (1, 1, 1)
    assert result.as_dict()["lost_examples"] == ["j5"]


def test_a_judged_job_without_an_answer_is_lost_and_unknown_holdings_stay_unknown() -> None:
    result = account(
        created=jobs(3), deleted=set(), answers={"j0": 200}, held=None, max_jobs=10, margin=0
    )
    assert (result.judged, result.lost) == (3, 2)
    assert (result.older_kept, result.evicted, result.deleted_still_held) == (None, None, None)


def test_tallies_merge_and_summarize() -> None:
    one = Tally()
    one.statuses.update({200: 3, 404: 1})
    one.latencies_s.extend([0.001, 0.002, 0.003, 0.004])
    one.cross_key, one.cross_key_not_404 = 1, 1
    one.cross_key_examples = [f"e{i}" for i in range(4)]
    two = Tally(server_errors=1, transport_errors=2)
    two.statuses.update({500: 1})
    two.cross_key_examples = ["x", "y"]
    two.unexpected.update({"poll 404": 1})
    total = merged([one, two])
    assert total.requests == 3 + 1 + 1 + 2
    figures = summarize(total, seconds=7.0)
    assert figures["requests_per_s"] == 1.0
    assert figures["statuses"] == {"200": 3, "404": 1, "500": 1}
    assert (figures["server_errors"], figures["transport_errors"], figures["errors"]) == (1, 2, 3)
    assert figures["cross_key_examples"] == ["e0", "e1", "e2", "e3", "x"]
    assert figures["unexpected_statuses"] == {"poll 404": 1}
    assert (figures["p50_ms"], figures["max_ms"]) == (2.0, 4.0)
    assert summarize(Tally(), seconds=0)["p99_ms"] is None


def test_a_series_is_thinned_keeping_its_last_sample() -> None:
    series = [(float(i), float(i)) for i in range(100)]
    kept = thin(series, points=10)
    assert kept[0] == (0.0, 0.0)
    assert kept[-1] == (99.0, 99.0)
    assert len(kept) <= 11
    assert thin(series[:5], points=10) == series[:5]


class Scripted(Connection):
    """A connection that answers from a table of (method, path prefix) -> status."""

    def __init__(self, answers: Mapping[tuple[str, str], tuple[int, bytes]]) -> None:
        super().__init__("127.0.0.1", 9)
        self.answers = answers
        self.sent: list[tuple[str, str]] = []
        self.keys: set[str] = set()
        self.bodies = 0

    def request(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes | None = None
    ) -> tuple[int, bytes]:
        self.sent.append((method, path))
        self.keys.add(headers["Authorization"])
        self.bodies += body is not None
        for (m, prefix), answer in self.answers.items():
            if m == method and path.startswith(prefix):
                if answer[0] == 0:
                    raise TransportError("closed")
                return answer
        return 404, b"{}"


def worker(conn: Connection, ledger: Ledger, key: str = "a") -> Worker:
    return Worker(conn, prefix="/v0", key=key, ledger=ledger, rng=random.Random(5))


def test_a_worker_counts_statuses_errors_and_what_it_did_not_expect() -> None:
    conn = Scripted({
        ("POST", "/v0/jobs"): (201, b'{"id": "j1"}'),
        ("GET", "/v0/jobs/j1/results"): (503, b"{}"),
        ("GET", "/v0/jobs/j1"): (200, b'{"status": "completed"}'),
        ("PUT", "/v0/jobs/j1"): (0, b""),
        ("DELETE", "/v0/jobs/j1"): (400, b"{}"),
    })  # fmt: skip
    ledger = Ledger(["a", "b"])
    w = worker(conn, ledger)
    w.submit("bell")
    assert [job.job_id for job in ledger.created] == ["j1"]
    assert w.mine[0] == Mine("j1", "bell", completed=True)
    w.results(w.mine[0])
    w.cancel(w.mine[0])
    w.delete(w.mine[0])
    t = w.tally
    assert (t.statuses[201], t.statuses[200], t.statuses[503], t.statuses[400]) == (1, 1, 1, 1)
    assert (t.server_errors, t.transport_errors) == (1, 1)
    assert t.unexpected == {"delete 400": 1}
    assert ledger.deleted == set()  # the delete was refused: the job is still the key's
    assert len(t.latencies_s) == t.requests == 5
    assert (conn.keys, conn.bodies) == ({"apiKey a"}, 1)


def test_another_keys_job_must_answer_404() -> None:
    ledger = Ledger(["a", "b"])
    ledger.create("b", "theirs", "bell")
    w = worker(Scripted({("GET", "/v0/jobs/theirs"): (200, b"{}")}), ledger)
    for _ in range(30):
        w.cross_key()
    t = w.tally
    assert t.cross_key == 30
    # Reads of the job itself answer 200 in this script; everything else 404.
    assert 0 < t.cross_key_not_404 < 30
    assert len(t.cross_key_examples) <= 5
    assert all(e.endswith("-> 200") for e in t.cross_key_examples)
    assert t.unexpected["cross-key 200"] == t.cross_key_not_404


def test_a_worker_without_jobs_submits_first() -> None:
    conn = Scripted({
        ("POST", "/v0/jobs"): (201, b'{"id": "j9"}'),
        ("GET", "/v0/jobs/j9"): (200, b'{"status": "started"}'),
    })  # fmt: skip
    w = worker(conn, Ledger(["a"]))
    w.step("delete")
    assert conn.sent[0] == ("POST", "/v0/jobs")
    assert w.tally.not_completed_on_first_poll == 1
    w.step("results")  # not completed: polled again instead
    assert conn.sent[-1] == ("GET", "/v0/jobs/j9")
