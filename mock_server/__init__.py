"""The fake IonQ: a Flask app that serves what openapi.yaml describes, offline.

The server shell sits here: the app factory (app.py), the routes derived from
the spec and their request pipeline (routes.py, validation.py), API keys
(auth.py), settings, the command line and the WSGI entry. Below it, in
subpackages that never import upward:

- front/      the WSGI layer before Flask: the fast path, the request and access logs;
- api/        the API served: handlers per tag, the state they serve, its fixtures;
- controls/   the test controls: Prefer, faults, rate limit, request log, admin API;
- simulator/  the state-vector simulator jobs run on (no Flask, no HTTP);
- wire/       IonQ's error body, JSON responses, CORS, why input is refused;
- harness/    on top of it all: the pytest plugin, in-process transport, launcher.
"""
