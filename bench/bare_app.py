"""The ceiling of our stack: one Flask route answering a constant JSON body.

It runs on the same WSGI server with the same worker settings as the fake, so
the difference between the two is what the fake itself costs per request
(validation, fixtures, content negotiation), not Flask or the server. The body
is the seed example of GET /backends/{backend}, serialised once at import, so
that the bytes on the wire are as large as the fake's.
"""

from __future__ import annotations

import json

from flask import Flask, Response

BODY = json.dumps(
    {
        "average_queue_time": 1181215,
        "backend": "qpu.aria-1",
        "degraded": True,
        "last_updated": "2025-06-16T00:00:00Z",
        "qubits": 25,
        "status": "available",
        "characterization_id": "617a1f8b-59d4-435d-aa33-695433d7155e",
        "kw": 4902.81,
        "location": "College Park, MD, USA",
    },
    separators=(",", ":"),
).encode()

app = Flask(__name__)


@app.get("/v0.4/backends/<backend>")
def get_backend(backend: str) -> Response:  # noqa: ARG001 - the route answers every name alike
    """Answer the constant body, whatever the backend."""
    return Response(BODY, mimetype="application/json")
