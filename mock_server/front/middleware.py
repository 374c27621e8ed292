"""The front of the server: every request passes here on its way to Flask and back.

It does three things that must see every request, whoever answers it:

- the request log (mock_server/controls/request_log.py) and the access log;
- the fast path: a read whose answer is a pure function of the request and
  of the state (mock_server.api.PURE_READS) is computed once by the whole
  pipeline (fault rules, validation, `Prefer`, the handler; nothing is
  skipped the first time) and then served again as the same bytes while the
  revision of the state it was computed under holds. A `Prefer` scenario
  that picks a documented example is such an answer too (the example, the
  header and the path decide it), kept under the header's exact value;
- a bump of that revision after every request that may change something
  (any method but GET, HEAD and OPTIONS, the admin API's included), on top of
  the bumps the stores make themselves when a job moves on its own.

What never takes the fast path: a method other than GET or HEAD, a request
with a body (cirq-ionq lists jobs with a JSON body on a GET), any request
while a fault rule or a rate limit is set (they count requests and read the
clock), the admin API, and whatever the pipeline did not mark as pure (a
401, a fault, `Prefer: delay=` or `drop`, the job estimate, which says when
it was made). Answers that depend on the API key are kept under a keyed
hash of the `Authorization` header, never the key itself, so one key's
answer is never served for another.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Hashable, Iterable
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from mock_server.api.revision import Revision
from mock_server.controls.request_log import LoggedRequest, RequestLog, is_logged, redact
from mock_server.controls.request_log import request_path as logged_path
from mock_server.controls.state import Controls
from mock_server.front.access_log import AccessLog
from mock_server.front.answers import Answer, AnswerCache
from mock_server.shared.replica import Replica
from mock_server.wire import notes

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication
    from _typeshed.wsgi import WSGIEnvironment as Environ

_READS = frozenset({"GET", "HEAD"})
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_NO_BODY = frozenset({"", "0"})
# Where Content-Length and Transfer-Encoding are the only ways to send a body
# (HTTP/2 frames one without either): the fast path is HTTP/1's.
_HTTP1 = frozenset({"HTTP/1.1", "HTTP/1.0"})


class Front:
    """WSGI middleware around the Flask app (`app.wsgi_app = Front(app.wsgi_app, ...)`)."""

    def __init__(  # noqa: PLR0913 - each part is configured on its own
        self,
        app: WSGIApplication,
        *,
        revision: Revision,
        controls: Controls,
        answers: AnswerCache | None,
        access_log: AccessLog | None = None,
        key_headers: Iterable[str] = (),
        shared: Replica | None = None,
    ) -> None:
        self.app = app
        # Reads what other processes changed (mock_server/shared), before a kept answer is
        # looked up: the revision it is kept under then counts their changes too. Then the
        # request is answered from that view (Replica.request).
        self.shared = shared
        self.revision = revision
        self.controls = controls
        self.answers = answers
        self.access_log = access_log
        # Request headers a pure answer may depend on besides the key (the spec's
        # header parameters), as WSGI environ names.
        names = sorted(set(key_headers))
        self._key_headers = tuple("HTTP_" + name.upper().replace("-", "_") for name in names)
        # The request headers a kept answer is looked up by (lower case), besides
        # Content-Length and Transfer-Encoding: what `kept` needs in its environ.
        self.key_header_names = tuple(
            sorted({"authorization", "prefer", *(name.lower() for name in names)})
        )
        self._salt = secrets.token_bytes(16)

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        wall, clock = time.time(), time.perf_counter()
        with self.shared.request() if self.shared is not None else nullcontext():
            return self._call(environ, start_response, wall, clock)

    def _call(
        self, environ: Environ, start_response: StartResponse, wall: float, clock: float
    ) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        log, generation = self._request_log(environ)
        key = self._key(environ, method)  # None unless the fast path may answer
        revision = self.revision.value
        answers = self.answers
        answer = answers.get(key, revision) if key is not None and answers is not None else None
        if answer is not None:
            start_response(answer.status, answer.headers)
            body: Iterable[bytes] = [answer.body]
            status = answer.status
        else:
            status, headers, body = self._run(environ, start_response)
            if key is not None and notes.is_pure(environ) and notes.drop_of(environ) is None:
                answer, body = self._keep(
                    environ, key, revision, status=status, headers=headers, body=body
                )
            elif method not in _SAFE:
                self.revision.bump()
        self._log(
            environ, int(status[:3]), answer, arrived=(wall, clock), log=log, generation=generation
        )
        return body

    def kept(self, environ: Environ) -> Answer | None:
        """The kept answer to this request, logged as sent, or None when the pipeline must answer.

        For a server that answers kept answers itself, before the request
        reaches a WSGI thread (mock_server/front/rsgi.py): `environ` needs
        only what the fast path's key reads (method, path, query, protocol,
        the body headers and the headers the key includes).
        """
        wall, clock = time.time(), time.perf_counter()
        answers = self.answers
        if answers is None:
            return None
        if self.shared is not None:
            self.shared.refresh()
        key = self._key(environ, environ["REQUEST_METHOD"])
        if key is None:
            return None
        log, generation = self._request_log(environ)
        answer = answers.get(key, self.revision.value)
        if answer is not None:
            self._log(
                environ,
                int(answer.status[:3]),
                answer,
                arrived=(wall, clock),
                log=log,
                generation=generation,
            )
        return answer

    def record(self, environ: Environ, status: int, arrived: tuple[float, float]) -> None:
        """Log a request the server answered before it reached the app (a body too slow,
        cut or too large), in the request log and the access log like any other.

        `arrived` is (time.time(), time.perf_counter()) when it arrived.
        """
        log, generation = self._request_log(environ)
        self._log(environ, status, None, arrived=arrived, log=log, generation=generation)

    def _log(  # noqa: PLR0913 - one request's facts
        self,
        environ: Environ,
        code: int,
        answer: Answer | None,
        *,
        arrived: tuple[float, float],
        log: RequestLog | None,
        generation: int,
    ) -> None:
        """The request-log entry and the access-log line of one answered request.

        `arrived` is (time.time(), time.perf_counter()) when it arrived.
        """
        wall, clock = arrived
        elapsed = time.perf_counter() - clock
        if log is not None:
            if answer is not None:
                path, authorization = answer.path, answer.authorization
                job_id, scenario = answer.job_id, answer.scenario
            else:
                path = logged_path(environ)
                authorization = redact(environ.get("HTTP_AUTHORIZATION"))
                job_id, scenario = notes.job_of(environ), notes.scenario_of(environ)
            log.add(
                LoggedRequest(
                    time=wall,
                    method=environ["REQUEST_METHOD"],
                    path=path,
                    query=environ.get("QUERY_STRING", ""),
                    status=code,
                    duration_ms=round(elapsed * 1000, 3),
                    scenario=scenario,
                    authorization=authorization,
                    job_id=job_id,
                ),
                generation,
            )
        if self.access_log is not None:
            self.access_log.write(wall, environ, code, elapsed)

    def _request_log(self, environ: Environ) -> tuple[RequestLog | None, int]:
        """The log this request goes in (None: the admin API's own are not logged), and its
        generation now: an entry of a request that outlives a clear is not added."""
        log = self.controls.requests if is_logged(environ.get("PATH_INFO", "")) else None
        return log, (log.generation if log is not None else 0)

    def _key(self, environ: Environ, method: str) -> Hashable | None:
        """The fast path's key of this request, or None when it must go through Flask."""
        if (
            self.answers is None
            or method not in _READS
            or environ.get("CONTENT_LENGTH", "0") not in _NO_BODY
            or "HTTP_TRANSFER_ENCODING" in environ
            or environ.get("SERVER_PROTOCOL") not in _HTTP1
            or self.controls.faults.active
            or self.controls.rate_limit.limit is not None
        ):
            return None
        authorization = environ.get("HTTP_AUTHORIZATION")
        digest = (
            None
            if authorization is None
            else hashlib.blake2b(
                authorization.encode("utf-8", "surrogatepass"), digest_size=16, key=self._salt
            ).digest()
        )
        return (
            method,
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            digest,
            environ.get("HTTP_PREFER"),
            *(environ.get(name) for name in self._key_headers),
        )

    def _run(
        self, environ: Environ, start_response: StartResponse
    ) -> tuple[str, list[tuple[str, str]], Iterable[bytes]]:
        """Flask's answer, passed on as it comes, with the status and headers it started with."""
        seen: list[tuple[str, list[tuple[str, str]]]] = []

        def started(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen.append((status, headers))
            return start_response(status, headers, exc_info)

        body = self.app(environ, started)
        status, headers = seen[-1]
        return status, headers, body

    def _keep(  # noqa: PLR0913 - the parts of one answer
        self,
        environ: Environ,
        key: Hashable,
        revision: int,
        *,
        status: str,
        headers: list[tuple[str, str]],
        body: Iterable[bytes],
    ) -> tuple[Answer, list[bytes]]:
        """A pure answer as bytes, kept if nothing changed while it was computed."""
        try:
            data = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        answer = Answer(
            status=status,
            headers=list(headers),
            body=data,
            path=logged_path(environ),
            authorization=redact(environ.get("HTTP_AUTHORIZATION")),
            job_id=notes.job_of(environ),
            scenario=notes.scenario_of(environ),
        )
        # An answer of a revision that is already gone is never kept (revision.py says why).
        if self.answers is not None and self.revision.value == revision:
            self.answers.put(key, revision, answer)
        return answer, [data]
