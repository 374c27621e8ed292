"""A scripted server behind httpx.MockTransport: answers as told and records requests.

The generated client accepts an `httpx_args` dictionary, so a test can hand
it this transport and look at exactly what went over the "wire", without a
socket, a port or real time passing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx


class _Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that arrives in pieces, for sync and async clients alike."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def __iter__(self) -> Iterator[bytes]:
        yield from (self._body[:10], self._body[10:])

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


@dataclass
class Stub:
    """Answers every request with one canned response, or raises `error`."""

    status: int = 200
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    error: type[httpx.TransportError] | None = None
    streamed: bool = False
    """Hand out the body as a stream, unread, as a real network transport does."""
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.error is not None:
            raise self.error("scripted by the test", request=request)
        if self.content is not None:
            answer = httpx.Response(self.status, content=self.content, headers=self.headers)
        else:
            answer = httpx.Response(self.status, json=self.json, headers=self.headers)
        if self.streamed:
            # A Response built from bytes is read at once; one built on a stream is not.
            return httpx.Response(
                self.status, headers=answer.headers, stream=_Chunks(answer.content)
            )
        return answer

    @property
    def request(self) -> httpx.Request:
        """The one request made; fails when there were none or several."""
        assert len(self.requests) == 1, f"expected one request, got {len(self.requests)}"
        return self.requests[0]

    def httpx_args(self, *response_hooks: Any) -> dict[str, Any]:
        """`httpx_args` for a generated client: this transport, plus response event hooks."""
        args: dict[str, Any] = {"transport": httpx.MockTransport(self)}
        if response_hooks:
            args["event_hooks"] = {"response": list(response_hooks)}
        return args
