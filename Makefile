# Quick start: `make site` builds site/ from content/; `make test` runs every test;
# `make example` builds the example archive (examples/content/) into example-site/.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The Nu Html Checker (npm vnu-jar), run by the tests with Debian's Java: its install script, which
# would fetch a Java runtime of its own, is skipped.
NODE_STAMP := node_modules/.installed

.PHONY: site example test check serve bench clean bytecode

site: bytecode
	$(PY) build.py

example: bytecode
	$(PY) build.py --content examples/content --out example-site

test: bytecode $(NODE_STAMP)
	$(PY) -m pytest -q

check: bytecode
	$(PY) build.py check

serve: bytecode
	$(PY) build.py serve

bench: bytecode
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/run.py $(BENCH_ARGS)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The package's bytecode, written as pip writes it for an installed package (an editable install
# does not): where PYTHONDONTWRITEBYTECODE is set, every run would compile the sources again.
bytecode: $(STAMP)
	@$(PY) -m compileall -q reportsite >/dev/null

clean:
	rm -rf site .site.* example-site .example-site.* $(VENV) node_modules
