# Every target that needs Python creates .venv on demand from nothing but
# python3, installing the versions pinned in requirements.lock. Node tools
# come from package-lock.json. `make help` lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
ENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
BENCH_NODE_STAMP := bench/node_modules/.installed
UV_VERSION := 0.13.8

HOST ?= 127.0.0.1
PORT ?= 8000
URL ?= http://$(HOST):$(PORT)/v0.4

SPEC := openapi.yaml
CLIENT_SPEC := build/client-openapi.json
GENERATED := generated
GEN_CONFIG := openapi-python-client.yaml
GEN_TEMPLATES := codegen/templates


export PATH := $(BIN):$(PATH)

# The project's own modules, byte-compiled: an editable install is not, and
# under PYTHONDONTWRITEBYTECODE (common in containers) every start would compile
# them again, a third of the fake's start-up. Up-to-date files are skipped.
COMPILE := $(BIN)/python -m compileall -q mock_server ionq_contract $(GENERATED)/ionq_client

.DEFAULT_GOAL := help
.PHONY: help install generate check-generated lint lint-python lint-spec format test pytest \
        serve contract contract-self bench lock clean

help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(ENV_STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e ./$(GENERATED) -e .
	@$(COMPILE) >/dev/null
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(ENV_STAMP) ## Create .venv with the pinned dependencies (done on demand by the other targets).

lock: ## Re-resolve requirements.lock from pyproject.toml files (after changing dependencies).
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet uv==$(UV_VERSION); }
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev --extra bench --extra sdk \
	    pyproject.toml $(GENERATED)/pyproject.toml -o requirements.lock

$(CLIENT_SPEC): $(SPEC) codegen/client_spec.py | $(ENV_STAMP)
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

lint-python: $(ENV_STAMP) ## ruff (lint and format check), mypy --strict on hand-written code, the import contracts.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

lint-spec: $(ENV_STAMP) $(NODE_STAMP) ## Validate openapi.yaml (openapi-spec-validator, Redocly CLI).
	$(BIN)/openapi-spec-validator $(SPEC)
	@# Redocly prints a Node.js support banner and npm a config notice; the findings stay.
	@npx --no-install redocly lint $(SPEC) --format=stylish 2>&1 | { grep -v -E 'nodedir|║|╔|╚' || true; }

lint: lint-python lint-spec ## Every static check.

format: $(ENV_STAMP) ## Apply ruff's fixes and formatting to hand-written code.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Two workers (the CI machine's cores) for most suites; the schemathesis suites
# run on their own without pytest-xdist, under which schemathesis collapses its
# cases into one and tests far less (their last test counts what ran).
SCHEMATHESIS_SUITES := contract_tests/fake/test_schemathesis.py contract_tests/faults/test_spec.py

pytest: $(ENV_STAMP) ## The pytest suites only.
	$(BIN)/pytest -n 2 --dist loadfile $(addprefix --ignore=,$(SCHEMATHESIS_SUITES))
	$(BIN)/pytest -p no:xdist $(SCHEMATHESIS_SUITES)

serve: $(ENV_STAMP) ## Serve the fake IonQ on granian at http://HOST:PORT/v0.4 (127.0.0.1:8000; FIXTURES=dir for your own).
	@$(COMPILE) >/dev/null
	$(BIN)/ionq-mock serve --host $(HOST) --port $(PORT) $(if $(FIXTURES),--fixtures $(FIXTURES))

CONTRACT_REPORT := build/schemathesis/events.ndjson

# The key goes through the shell, so make never echoes it.
contract: $(ENV_STAMP) ## schemathesis CLI against a live server: make contract URL=<base url> (sends IONQ_API_KEY if set).
	@mkdir -p $(dir $(CONTRACT_REPORT))
	$(BIN)/schemathesis --config-file schemathesis.toml run $(SPEC) --url $(URL) \
	    --report ndjson --report-ndjson-path $(CONTRACT_REPORT) \
	    $${IONQ_API_KEY:+--header "Authorization: apiKey $$IONQ_API_KEY"}
	@$(BIN)/python -m contract_tests.fake.phase_counts $(CONTRACT_REPORT)

contract-self: $(ENV_STAMP) ## `make contract` against a fake started on a free port and stopped afterwards.
	$(BIN)/python -m contract_tests.fake.run_against_fake -- $(MAKE) --no-print-directory contract URL={url}

# Prism has its own package.json (bench/), so the linting tools stay apart from it.
$(BENCH_NODE_STAMP): bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# wrk comes from Debian's packages; CI machines run as root, elsewhere sudo asks.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

bench: $(ENV_STAMP) $(BENCH_NODE_STAMP) ## wrk on the fake, Prism, a bare route; jobs and simulator (BENCH_ARGS=--widest: widest circuit); write bench/results/<date>.json.
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	@$(COMPILE) >/dev/null
	$(BIN)/pytest -q -p no:cacheprovider bench/wrk_tests
	$(BIN)/python -m bench $(BENCH_ARGS)

test: lint check-generated pytest contract-self ## Everything CI runs: lint, spec lint, drift check, all tests, the CLI contract run.

clean: ## Remove the environment and build output.
	rm -rf $(VENV) build node_modules bench/node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis
