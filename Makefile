# SafetyMap: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs what CI runs.
# `make help` lists every target. Details: docs/development.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 8000
VENV ?= .venv
# Python 3.11 to build the virtualenv with: python3.11 if on PATH, else python3.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=

PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
MANAGE := $(PY) manage.py
PYTEST := scripts/run-pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=5 $(PYTEST_ARGS)
# Test and lint commands use the test settings and never a DATABASE_URL from your shell.
TEST_ENV := env -u DATABASE_URL DJANGO_SETTINGS_MODULE=config.settings.test

RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed
ASSETS_STAMP := frontend/build/.built
ASSET_SOURCES := $(shell find frontend -path frontend/build -prune -o -type f -print 2>/dev/null)

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export VENV

.PHONY: help run install install-dev assets migrate demo lint lint-ruff lint-format \
	lint-templates lint-types lint-imports lint-migrations test test-sqlite test-postgres \
	test-e2e test-crash system-packages bench clean backup restore

help: ## List the targets, a line each
	@echo "SafetyMap make targets (PORT=$(PORT), PYTEST_WORKERS=$(PYTEST_WORKERS)):"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

# --- Set-up ------------------------------------------------------------------------------

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.11 not found: install it (Debian: apt-get install python3 python3-venv)." >&2; \
		exit 1; fi
	@if ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
		echo "$(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); SafetyMap needs 3.11 (set PYTHON=/path/to/python3.11)." >&2; \
		exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create $(VENV): on Debian, apt-get install python3-venv." >&2; exit 1; }

$(RUNTIME_STAMP): requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	@touch $@ $(RUNTIME_STAMP)

package.json package-lock.json:
	@echo "$@ is missing: the front-end build (GOV.UK Frontend + Sass) is defined there." >&2
	@exit 1

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "npm not found: install Node.js 20 or newer with npm." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

$(ASSETS_STAMP): $(NODE_STAMP) $(ASSET_SOURCES) package.json
	npm run build
	@mkdir -p $(@D) && touch $@

install: $(RUNTIME_STAMP) $(NODE_STAMP) ## Create .venv; install requirements.txt and npm packages (skipped when up to date)

install-dev: $(DEV_STAMP) $(NODE_STAMP) ## install, plus requirements-dev.txt (tests and linters)

assets: $(ASSETS_STAMP) ## Compile GOV.UK Frontend and our Sass into frontend/build (when sources changed)

system-packages: ## Install chromium, postgresql and Pango with apt if missing (root; tests only)
	@scripts/install-system-packages

# --- Running -----------------------------------------------------------------------------

migrate: $(RUNTIME_STAMP) ## Apply migrations to the database (SQLite db.sqlite3 unless DATABASE_URL)
	$(MANAGE) migrate --no-input

run: install assets migrate ## Set up, load the demo authority if the database is empty, print the logins, serve on 127.0.0.1:PORT (8000)
	$(MANAGE) seed_demo --if-empty
	@$(MANAGE) demo_logins
	$(MANAGE) runserver 127.0.0.1:$(PORT)

demo: $(RUNTIME_STAMP) ## Reset the database and load the demo authority again (deletes local data!)
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "Emptying the database at DATABASE_URL"; $(MANAGE) flush --no-input; \
	else \
		echo "Deleting $${SQLITE_PATH:-db.sqlite3}"; rm -f "$${SQLITE_PATH:-db.sqlite3}"; \
	fi
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@$(MANAGE) demo_logins

backup: ## Back up the database (DATABASE_URL, else SQLite) to FILE (default backups/); docs/backup.md
	scripts/backup $(FILE)

restore: ## Restore FILE=... into an empty database (RESTORE_ARGS=--create or --replace); docs/backup.md
	@if [ -z "$(FILE)" ]; then \
		echo "Say which backup: make restore FILE=backups/safetymap-....dump (docs/backup.md)" >&2; \
		exit 2; fi
	scripts/restore $(RESTORE_ARGS) "$(FILE)"

# --- Checks ------------------------------------------------------------------------------

lint: ## Every static check: ruff, ruff format, djLint, mypy, import-linter, makemigrations --check
	@MAKE="$(MAKE)" scripts/run-steps lint lint-ruff lint-format lint-templates lint-types \
		lint-imports lint-migrations

lint-ruff: $(DEV_STAMP) ## ruff check (lint rules in pyproject.toml)
	$(VENV)/bin/ruff check .

lint-format: $(DEV_STAMP) ## ruff format --check (run `.venv/bin/ruff format .` to fix)
	$(VENV)/bin/ruff format --check .

lint-templates: $(DEV_STAMP) ## djLint on the Django templates under safetymap/
	@templates=$$(find safetymap -path '*/templates/*' -name '*.html' | sort); \
	if [ -z "$$templates" ]; then echo "djlint: no templates yet"; \
	else echo "djlint --lint ($$(echo "$$templates" | wc -l) templates)"; \
		$(VENV)/bin/djlint --lint --configuration pyproject.toml $$templates; fi

lint-types: $(DEV_STAMP) ## mypy with django-stubs (strict on services and selectors)
	$(TEST_ENV) $(VENV)/bin/mypy

lint-imports: $(DEV_STAMP) ## import-linter: the layer contracts in pyproject.toml
	$(VENV)/bin/lint-imports --no-cache

lint-migrations: $(DEV_STAMP) ## Fail if a model change has no migration
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

test: ## Everything CI runs: lint, the suite on SQLite and on PostgreSQL, the browser tests, the crash test
	@MAKE="$(MAKE)" scripts/run-steps test lint test-sqlite test-postgres test-e2e test-crash

test-sqlite: $(DEV_STAMP) assets ## The pytest suite on SQLite (browser tests excluded)
	$(TEST_ENV) SAFETYMAP_TEST_DB=sqlite $(PYTEST) -m "not e2e and not postgres_only"

test-postgres: $(DEV_STAMP) assets system-packages ## The pytest suite on a throwaway PostgreSQL cluster (scripts/with-postgres)
	env DJANGO_SETTINGS_MODULE=config.settings.test SAFETYMAP_TEST_DB=postgresql \
		scripts/with-postgres $(PYTEST) -m "not e2e and not postgres_only"

test-e2e: $(DEV_STAMP) assets system-packages ## Browser and accessibility tests: Playwright + Debian's Chromium, on SQLite
	$(TEST_ENV) SAFETYMAP_TEST_DB=sqlite $(PYTEST) -m e2e

test-crash: $(DEV_STAMP) system-packages ## PostgreSQL-only: kill -9 the server under load (no acknowledged write lost); backup and restore
	env DJANGO_SETTINGS_MODULE=config.settings.test SAFETYMAP_TEST_DB=postgresql \
		scripts/with-postgres $(PYTEST) -m postgres_only tests/postgres

bench: $(DEV_STAMP) ## Run each bench/*.py timing script (none yet is fine)
	@shopt -s nullglob; scripts=(bench/[!_]*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "bench: no bench/*.py scripts yet"; fi; \
	for script in "$${scripts[@]}"; do \
		echo "==> $$script"; PYTHONPATH=. $(PY) "$$script"; done

clean: ## Remove .venv, node_modules, built assets and caches (keeps db.sqlite3)
	rm -rf $(VENV) node_modules frontend/build staticfiles .mypy_cache .ruff_cache \
		.pytest_cache .hypothesis test-results
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
