# Every target that needs Python creates .venv on demand from nothing but
# python3, installing only what it needs, in levels that build on each other:
#
#   serve  the fake's runtime dependencies (requirements/serve.lock) and the
#          project itself, editable: all that `make serve` needs;
#   test   adds the rest of requirements.lock (dev, sdk and bench extras) and
#          the generated client: lint, type checks, every test suite, bench.
#
# requirements.lock is the one resolution, over every extra; serve.lock is
# derived from it (`make lock` writes both), so a package has one version at
# every level and going from serve to test only adds packages. Node tools come
# from package-lock.json (bench's Prism from bench/package-lock.json).
# `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
# Found before PATH puts .venv/bin first, where python3 is the venv's (no pip).
HOST_PYTHON := $(or $(shell command -v $(PYTHON) 2>/dev/null),$(PYTHON))
VENV := .venv
BIN := $(abspath $(VENV))/bin
UV_VERSION := 0.13.8
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
UV_PIP := $(BIN)/uv pip install --quiet --python $(BIN)/python
SERVE_STAMP := $(VENV)/.serve-installed
TEST_STAMP := $(VENV)/.test-installed
NODE_STAMP := node_modules/.installed
BENCH_NODE_STAMP := bench/node_modules/.installed

# The locks: one resolution over every extra, and the runtime's share of it.
FULL_LOCK := requirements.lock
SERVE_LOCK := requirements/serve.lock

HOST ?= 127.0.0.1
PORT ?= 8000
URL ?= http://$(HOST):$(PORT)/v0.4

SPEC := openapi.yaml
CLIENT_SPEC := build/client-openapi.json
GENERATED := generated
GEN_CONFIG := openapi-python-client.yaml
GEN_TEMPLATES := codegen/templates
# IonQ's own description (ionq-core's sdist on PyPI), which the contract tests
# compare openapi.yaml with; downloaded, never committed (codegen/ionq_description.py).
IONQ_DESCRIPTION := build/ionq-openapi.json


export PATH := $(BIN):$(PATH)

# The project's own modules, byte-compiled: an editable install is not, and
# under PYTHONDONTWRITEBYTECODE (common in containers) every start would compile
# them again, a third of the fake's start-up. Up-to-date files are skipped.
# Serving imports only the first two; the generated client joins at the test level.
SERVED_PACKAGES := mock_server ionq_contract
COMPILE_SERVED := $(BIN)/python -m compileall -q $(SERVED_PACKAGES)
COMPILE := $(BIN)/python -m compileall -q $(SERVED_PACKAGES) $(GENERATED)/ionq_client

.DEFAULT_GOAL := help
.PHONY: help install lock check-locks ionq-description generate check-generated lint lint-python lint-spec format \
        check test pytest pytest-fake redis-server serve contract contract-self bench clean

help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# uv, pinned, in .venv. The venv is made without pip (4-5 s of every fresh
# set-up, for a tool nothing else uses): python3's own pip installs uv into it
# or, where python3 has none (or one older than pip 22.3's --python), the
# venv's bootstrapped pip does, and says why if it cannot.
PIP_INSTALL_UV := install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(UV_STAMP):
	@test -x $(BIN)/python || $(HOST_PYTHON) -m venv --without-pip $(VENV)
	@$(HOST_PYTHON) -m pip --python $(BIN)/python $(PIP_INSTALL_UV) 2>/dev/null || { \
	    $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip $(PIP_INSTALL_UV); }
	@rm -f $(VENV)/.uv-*
	@touch $@

# Level serve: the runtime dependencies and the project (ionq-mock, the pytest
# plugin's entry point). The fake never imports the generated client.
# Byte-compiled for the same reason as the project: 1.5 s once, where under
# PYTHONDONTWRITEBYTECODE every start would spend 0.4 s compiling them.
$(SERVE_STAMP): pyproject.toml $(SERVE_LOCK) $(UV_STAMP)
	$(UV_PIP) --compile-bytecode -r $(SERVE_LOCK)
	$(UV_PIP) --no-deps -e .
	@$(COMPILE_SERVED) >/dev/null
	@touch $@

# Level test: everything else in requirements.lock, and the generated client.
# mypy reads bench/ and contract_tests/sdk/, and pytest runs bench/tests and
# the SDK suites, so this is every extra: bench needs nothing more from PyPI.
# IonQ's description is order-only: fetched when missing, whether or not the
# stamp is stale, and never a reason to reinstall.
$(TEST_STAMP): pyproject.toml $(GENERATED)/pyproject.toml $(FULL_LOCK) $(SERVE_STAMP) | $(IONQ_DESCRIPTION)
	$(UV_PIP) --compile-bytecode -r $(FULL_LOCK)
	$(UV_PIP) --no-deps -e ./$(GENERATED)
	@$(COMPILE) >/dev/null
	@touch $@

# The pinned sdist's openapi.json: the network once, offline after that.
$(IONQ_DESCRIPTION): codegen/ionq_description.py | $(UV_STAMP)
	$(BIN)/python codegen/ionq_description.py $@

ionq-description: $(IONQ_DESCRIPTION) ## Fetch IonQ's own description (ionq-core 0.2.0's openapi.json) into build/.

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(TEST_STAMP) ## Create .venv with every pinned dependency (the other targets install what they need on demand).

lock: $(UV_STAMP) ## Re-resolve requirements.lock from the pyproject.toml files, and derive requirements/serve.lock from it.
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev --extra bench --extra sdk \
	    pyproject.toml $(GENERATED)/pyproject.toml -o $(FULL_LOCK)
	@mkdir -p $(dir $(SERVE_LOCK))
	$(BIN)/uv pip compile --quiet --python-version 3.11 pyproject.toml -c $(FULL_LOCK) -o $(SERVE_LOCK)

# Offline, so it can run anywhere: every pin of a derived lock is requirements.lock's.
check-locks: ## Fail when requirements/serve.lock pins a version that requirements.lock does not.
	@awk -F '==' 'FNR == NR { if (/==/) pin[$$1] = $$2; next } \
	    /==/ && pin[$$1] != $$2 { print FILENAME ": " $$0 ", requirements.lock: " ($$1 in pin ? pin[$$1] : "none"); bad = 1 } \
	    END { if (bad) print "run make lock"; exit bad }' $(FULL_LOCK) $(SERVE_LOCK)

$(CLIENT_SPEC): $(SPEC) codegen/client_spec.py | $(TEST_STAMP)
	$(BIN)/python codegen/client_spec.py $(SPEC) $@

# generate into $(1): the one recipe both `generate` and the drift check use.
define run_generator
	$(BIN)/openapi-python-client generate --path $(CLIENT_SPEC) --config $(GEN_CONFIG) \
	    --custom-template-path $(GEN_TEMPLATES) --meta uv --overwrite --output-path $(1) >/dev/null
endef

generate: $(CLIENT_SPEC) ## Regenerate the client in generated/ from openapi.yaml.
	$(call run_generator,$(GENERATED))
	@echo "generated/ is up to date with $(SPEC)."

check-generated: $(CLIENT_SPEC) ## Fail when generated/ differs from what openapi.yaml generates.
	@rm -rf build/generated-check
	@$(call run_generator,build/generated-check)
	@diff -r -q -x __pycache__ $(GENERATED) build/generated-check >/dev/null || { \
	    diff -r -u -x __pycache__ $(GENERATED) build/generated-check | head -n 40; \
	    echo; echo "generated/ is stale or was edited by hand: run 'make generate' and commit the result."; \
	    exit 1; }
	@echo "generated/ matches $(SPEC)."

lint-python: $(TEST_STAMP) ## ruff (lint and format check), mypy --strict on hand-written code, the import contracts.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

lint-spec: $(TEST_STAMP) $(NODE_STAMP) ## Validate openapi.yaml (openapi-spec-validator, Redocly CLI).
	$(BIN)/openapi-spec-validator $(SPEC)
	@# Redocly prints a Node.js support banner and npm a config notice; the findings stay.
	@npx --no-install redocly lint $(SPEC) --format=stylish 2>&1 | { grep -v -E 'nodedir|║|╔|╚' || true; }

lint: lint-python lint-spec check-locks ## Every static check.

format: $(TEST_STAMP) ## Apply ruff's fixes and formatting to hand-written code.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Two workers (the CI machine's cores) for most suites; the schemathesis suites
# run on their own without pytest-xdist, under which schemathesis collapses its
# cases into one and tests far less (their last test counts what ran).
SCHEMATHESIS_SUITES := contract_tests/fake/test_schemathesis.py contract_tests/faults/test_spec.py

# The suites under $(1) (none: pytest's testpaths), schemathesis ones apart;
# both runs always, so one failure does not hide the other's.
define run_suites
	@status=0; set -x; \
	$(BIN)/pytest -n 2 --dist loadfile $(addprefix --ignore=,$(SCHEMATHESIS_SUITES)) $(1) || status=1; \
	$(BIN)/pytest -p no:xdist $(SCHEMATHESIS_SUITES) || status=1; \
	exit $$status
endef

pytest: $(TEST_STAMP) redis-server ## The pytest suites only; PYTEST_ARGS="path -k expr" runs just `pytest PYTEST_ARGS`.
ifneq ($(strip $(PYTEST_ARGS)),)
	$(BIN)/pytest $(PYTEST_ARGS)
else
	$(call run_suites)
endif

# The fake's own suites: what the quick loop runs. Not contract_tests/sdk (the
# SDKs against a fake), nor bench/tests.
FAKE_SUITES := contract_tests/client contract_tests/fake contract_tests/faults \
               contract_tests/plugin contract_tests/shared contract_tests/simulator

pytest-fake: $(TEST_STAMP) redis-server ## The fake's own suites: client, fake, faults, plugin, shared, simulator (no SDK suites).
	$(call run_suites,$(FAKE_SUITES))

# The tests of the Redis store and queue (contract_tests/shared) start their
# own redis-server on a free port (mock_server/harness/redis_server.py), so only the
# program is needed: Debian's, installed as bench installs wrk (SUDO is defined
# there). Whether the package's own service starts matters not.
redis-server: ## Install redis-server from Debian's packages if it is missing.
	@command -v redis-server >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq redis-server >/dev/null; }

# --keep-going: one run reports the lint, the contracts and the tests alike.
check: ## The quick loop: lint-python (ruff, mypy, import contracts), check-locks, pytest-fake. No Node, no SDK suites.
	@$(MAKE) --no-print-directory --keep-going lint-python check-locks pytest-fake

serve: $(SERVE_STAMP) ## Serve the fake IonQ on granian at http://HOST:PORT/v0.4 (127.0.0.1:8000; FIXTURES=dir for your own).
	@$(COMPILE_SERVED) >/dev/null
	$(BIN)/ionq-mock serve --host $(HOST) --port $(PORT) $(if $(FIXTURES),--fixtures $(FIXTURES))

CONTRACT_REPORT := build/schemathesis/events.ndjson

# The key goes through the shell, so make never echoes it.
contract: $(TEST_STAMP) ## schemathesis CLI against a live server: make contract URL=<base url> (sends IONQ_API_KEY if set).
	@mkdir -p $(dir $(CONTRACT_REPORT))
	$(BIN)/schemathesis --config-file schemathesis.toml run $(SPEC) --url $(URL) \
	    --report ndjson --report-ndjson-path $(CONTRACT_REPORT) \
	    $${IONQ_API_KEY:+--header "Authorization: apiKey $$IONQ_API_KEY"}
	@$(BIN)/python -m contract_tests.fake.phase_counts $(CONTRACT_REPORT)

contract-self: $(TEST_STAMP) ## `make contract` against a fake started on a free port and stopped afterwards.
	$(BIN)/python -m contract_tests.fake.run_against_fake -- $(MAKE) --no-print-directory contract URL={url}

# Prism has its own package.json (bench/), so the linting tools stay apart from it.
$(BENCH_NODE_STAMP): bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# wrk comes from Debian's packages; CI machines run as root, elsewhere sudo asks.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

bench: $(TEST_STAMP) $(BENCH_NODE_STAMP) redis-server ## wrk on the fake, Prism, a bare route; jobs, simulator, noisy and OpenQASM 3 jobs against qiskit-aer (BENCH_ARGS=--only-noise, --only-compilation, --only-qasm3, --no-noise, --widest); write bench/results/<date>.json.
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	@$(COMPILE) >/dev/null
	$(BIN)/pytest -q -p no:cacheprovider bench/wrk_tests
	$(BIN)/python -m bench $(BENCH_ARGS)

test: lint check-generated pytest contract-self ## Everything CI runs: lint (import contracts and locks too), spec lint, drift check, all tests, the CLI contract run.

clean: ## Remove the environment and build output.
	rm -rf $(VENV) build node_modules bench/node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis
