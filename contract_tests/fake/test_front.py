"""The parts of the server's front: the bounded table of answers and the access log.

The access log must keep granian's content: its line is compared with the
one granian's own formatter (granian.log) makes from the same request.
"""

from __future__ import annotations

import io
import logging
import time

import pytest
from granian import log as granian_log

from mock_server.front.access_log import AccessLog
from mock_server.front.answers import Answer, AnswerCache


def _answer(size: int, path: str = "/v0.4/x") -> Answer:
    return Answer(
        status="200 OK",
        headers=[],
        body=b"x" * size,
        path=path,
        authorization=None,
        job_id=None,
    )


def test_an_answer_is_served_only_under_its_revision() -> None:
    cache = AnswerCache()
    assert cache.put("k", 3, _answer(10))
    assert cache.get("k", 3) is not None
    assert cache.get("k", 4) is None
    assert not cache.put("old", 2, _answer(10))  # older than the table: refused
    assert cache.put("k2", 4, _answer(10))  # a newer revision starts a new table
    assert len(cache) == 1
    assert cache.get("k", 3) is None


def test_the_table_is_bounded_in_answers_and_bytes() -> None:
    one = _answer(10).nbytes  # what an answer of 10 body bytes costs under an int key
    cache = AnswerCache(max_answers=3, max_bytes=4 * one, max_answer_bytes=2 * one)
    assert not cache.put(-1, 0, _answer(2 * one))
    for number in range(5):
        assert cache.put(number, 0, _answer(10))
    assert len(cache) == 3
    assert [cache.get(number, 0) is not None for number in range(5)] == [False, False] + [True] * 3
    assert cache.put("large", 0, _answer(one))  # twice as large: the two oldest make room
    assert cache.nbytes <= 4 * one
    assert [cache.get(number, 0) is not None for number in range(2, 5)] == [False, True, True]


def test_the_key_is_counted_too() -> None:
    """A long query the validator ignores costs memory like a body does."""
    one = _answer(10).nbytes
    cache = AnswerCache(max_bytes=10 * one, max_answer_bytes=3 * one)
    assert not cache.put(("GET", "/v0.4/backends", "pad=" + "x" * 3 * one), 0, _answer(10))
    for number in range(20):  # each about 2 * one: a body's worth of key
        cache.put(("GET", "/v0.4/backends", f"pad={number:02}" + "x" * one), 0, _answer(10))
    assert cache.nbytes <= 10 * one
    assert len(cache) == 4


def test_replacing_an_answer_counts_its_bytes_once() -> None:
    cache = AnswerCache()
    for _ in range(20):
        cache.put("k", 0, _answer(50))
    assert cache.nbytes == _answer(50).nbytes + len("k")


ENVIRON = {
    "REQUEST_METHOD": "GET",
    "PATH_INFO": "/v0.4/backends/qpu.aria-1",
    "QUERY_STRING": "",
    "REMOTE_ADDR": "127.0.0.1",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "wsgi.url_scheme": "http",
}


def _granian_line(wall: float, status: int, seconds: float) -> str:
    """The line granian's access log writes for ENVIRON (its formatter, its logger)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = granian_log.access_logger
    logger.addHandler(handler)
    previous = (logger.level, logger.propagate)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        build = granian_log.log_request_builder(granian_log.DEFAULT_ACCESSLOG_FMT)  # type: ignore[no-untyped-call]
        request = {
            "addr_remote": ENVIRON["REMOTE_ADDR"],
            "protocol": ENVIRON["SERVER_PROTOCOL"],
            "path": ENVIRON["PATH_INFO"],
            "qs": ENVIRON["QUERY_STRING"],
            "method": ENVIRON["REQUEST_METHOD"],
            "scheme": ENVIRON["wsgi.url_scheme"],
        }
        build(wall, time.perf_counter() - seconds, request, status)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]
    return stream.getvalue()


@pytest.mark.parametrize("status", [200, 404, 503])
def test_the_access_log_writes_granians_line(status: int) -> None:
    wall = time.time()
    stream = io.StringIO()
    log = AccessLog(stream)
    log.write(wall, ENVIRON, status, 0.0123)
    log.flush()
    ours = stream.getvalue()
    theirs = _granian_line(wall, status, 0.0123)
    # The same fields in the same format; the duration is granian's own measure.
    assert ours.rsplit(" ", 1)[0] == theirs.rsplit(" ", 1)[0]
    assert ours.endswith("12.300\n")
    assert abs(float(theirs.rsplit(" ", 1)[1]) - 12.3) < 50


def test_the_access_log_reaches_the_stream_without_another_request() -> None:
    stream = io.StringIO()
    log = AccessLog(stream, interval_s=0.01)
    log.write(time.time(), ENVIRON, 200, 0.001)
    deadline = time.monotonic() + 5
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert stream.getvalue().count("\n") == 1


def test_a_full_batch_is_written_at_once() -> None:
    stream = io.StringIO()
    log = AccessLog(stream, interval_s=3600, batch=3)
    for _ in range(3):
        log.write(time.time(), ENVIRON, 200, 0.001)
    assert stream.getvalue().count("\n") == 3
