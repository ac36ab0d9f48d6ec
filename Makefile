# jachete — every set-up step lives here, so a fresh machine needs only `make site` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Material's end-of-life notice is printed on every build; it is known and tracked.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint validate bench bench-seao seao-demo lock clean install install-dev

$(BIN)/python:
	$(PY) -m venv $(VENV)

# Runtime dependencies, pinned with hashes; the package itself is installed editable.
$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Test dependencies (pytest, Playwright without its browser, axe-core, linters).
$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

validate: install
	$(BIN)/jachete validate data

# The build validates every record first (the plugin): one error stops it, with every problem
# listed as `jachete validate` lists them.
site: install
	$(BIN)/mkdocs build --strict --clean

serve: install
	$(BIN)/mkdocs serve --livereload --dirty

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check scripts tests

# Benchmark (not part of test): make bench [BENCH_ENTERPRISES=2000] [BENCH_DECLARATIONS=300] [BENCH_RUNS=3]
bench: install-dev
	$(BIN)/pip install --quiet --require-hashes -r requirements-bench.lock
	$(BIN)/jachete-bench run --enterprises $(or $(BENCH_ENTERPRISES),11360) \
		--declarations $(or $(BENCH_DECLARATIONS),1500) --runs $(or $(BENCH_RUNS),3)

# SEAO ingest on one generated year (not part of test): make bench-seao [BENCH_SEAO_WEEKS=52]
bench-seao: install-dev
	$(BIN)/jachete-bench seao --weeks $(or $(BENCH_SEAO_WEEKS),52) --results bench/RESULTS-seao.md

# Fictional SEAO files of the example records (data/seao/), byte-identical on every run
seao-demo: install
	$(BIN)/jachete seao demo

# Re-resolve the pinned locks (needs the package registry). The locks are named as pip-compile names
# them (X.in -> X.txt): Dependabot recognises them and updates them, hashes included.
lock:
	$(PY) -m pip install --quiet --upgrade uv
	$(PY) -m uv pip compile --quiet --generate-hashes --python-version 3.11 --no-header requirements.in -o requirements.txt
	$(PY) -m uv pip compile --quiet --generate-hashes --python-version 3.11 --no-header requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf site .pytest_cache
