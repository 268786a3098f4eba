# Quick start: `make site` builds site/ from content/; `make test` runs every test;
# `make example` builds the example archive (examples/content/) into example-site/.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The Nu Html Checker (npm vnu-jar), run by the tests with Debian's Java: its install script, which
# would fetch a Java runtime of its own, is skipped.
NODE_STAMP := node_modules/.installed

.PHONY: site example test check serve bench mutation clean bytecode lock

site: bytecode
	$(PY) build.py

example: bytecode
	$(PY) build.py --content examples/content --out example-site

# In parallel: a worker per core and one more, which works while the others wait on the browser or
# on a build they started (docs/testing.md). Every test has its own empty cache and temporary folder.
WORKERS ?= $(shell n=$$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 1); echo $$((n + 1)))
test: bytecode $(NODE_STAMP)
	$(PY) -m pytest -q -n $(WORKERS)

check: bytecode
	$(PY) build.py check

serve: bytecode
	$(PY) build.py serve

bench: bytecode
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/run.py $(BENCH_ARGS)

# Mutation testing of one target of mutation/ (ingest, output or search), on a copy of the project;
# MODULE=path narrows it to one module and TESTS="files" to its own tests; SAMPLE=n (SEED=s) tries n
# mutants drawn at random; RESUME=1 goes on with an interrupted run, RETEST=1 runs its survivors
# again. Not part of `test` (docs/testing.md).
mutation: bytecode
	$(PY) -m pip install -q -e '.[mutation]'
	$(PY) mutation/run.py $(or $(TARGET),output) $(if $(MODULE),--module $(MODULE)) $(if $(TESTS),--tests "$(TESTS)") \
	  $(if $(SAMPLE),--sample $(SAMPLE) --seed $(or $(SEED),0)) $(if $(RESUME),--resume) $(if $(RETEST),--retest)

# Every package at the version and with the hashes requirements.lock names (a download that does
# not match fails the install), then the project itself, built with the locked setuptools.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# Write requirements.lock again from pyproject.toml: new requirements are resolved, the other pins
# kept; `make lock LOCK_ARGS=--upgrade` moves every pin to the newest release (-P NAME: one package).
lock: $(STAMP)
	$(PY) -m pip install -q 'pip-tools>=7.4'
	$(VENV)/bin/pip-compile --quiet --generate-hashes --extra test --build-deps-for editable --strip-extras \
	  --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock $(LOCK_ARGS) pyproject.toml

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The package's bytecode, written as pip writes it for an installed package (an editable install
# does not): where PYTHONDONTWRITEBYTECODE is set, every run would compile the sources again.
bytecode: $(STAMP)
	@$(PY) -m compileall -q reportsite >/dev/null

clean:
	rm -rf site .site.* example-site .example-site.* .mutation $(VENV) node_modules
