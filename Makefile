# Minga — the two commands that matter: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell command -v python3.11 || command -v python3)
STAMP := $(VENV)/.installed
TEST_ENV := MINGA_DEBUG=1 MINGA_HOME=$(CURDIR)/var/test

.PHONY: install demo test test-sqlite test-postgres browser lint format bench clean

install: $(STAMP)  ## create .venv with Minga and its pinned dependencies (quick when done)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

demo: install  ## load the real demo data and serve on http://127.0.0.1:8000
	$(BIN)/minga demo

test: install lint test-sqlite test-postgres  ## lint, then the whole suite on SQLite and on PostgreSQL

test-sqlite: install browser
	$(TEST_ENV) $(BIN)/pytest -q

browser:  ## Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser)
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test-postgres: install
	@if [ -n "$$CI" ] || command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
	  $(TEST_ENV) scripts/with-postgres.sh $(BIN)/pytest -q -m "not browser"; \
	else echo "PostgreSQL not installed here: suite ran on SQLite only (CI installs and runs it)"; fi

lint: install
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/ruff check src tests bench scripts
	$(TEST_ENV) $(BIN)/mypy src

format: install
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

bench: install  ## the benchmarks of docs/benchmarks.md (long: a million rows), with their baselines (red-dwarf)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python bench/run_all.py

clean:
	rm -rf var/test .pytest_cache .mypy_cache .ruff_cache
