# Two commands do everything on a fresh machine: `make run` and `make test`.
# `make test-lowest` runs the same suite on the lowest versions pyproject.toml allows.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOWEST := .venv-lowest
DEMO := demo/demo.qualcode
PORT ?= 8501
# The suite runs in two processes (pytest-xdist), one per core of the CI machine; a test file's tests all run in
# one of them, so its module fixtures (a server, a built project) are made once. `make test PYTEST_N=0` runs
# it in one process.
PYTEST_N ?= 2
PYTEST_ARGS := -n $(PYTEST_N) --dist loadfile

.PHONY: run test test-lowest bench demo docs-cli docs-api clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Every direct dependency at its lower bound (uv's lowest-direct resolution; uv reads PyPI, not
# pip.conf). Built afresh whenever pyproject.toml changes, so no newer version lingers. Byte-compiled at install
# as pip does (uv does not by default): where PYTHONDONTWRITEBYTECODE is set, each Streamlit server and command
# the tests start would otherwise compile pandas, scipy, sklearn and spaCy again (about 17 s a browser test).
$(LOWEST)/.installed-test: pyproject.toml
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet uv
	$(LOWEST)/bin/uv pip install --quiet --compile-bytecode --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[test]'
	touch $@

$(DEMO): | $(VENV)/.installed
	mkdir -p $(dir $(DEMO))
	$(VENV)/bin/qualcode demo $(DEMO)

demo: $(DEMO)

# Without sign-in the app answers on this computer only: anyone reaching it could open any file.
run: $(VENV)/.installed $(DEMO)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1 --server.headless true \
		-- --project $(DEMO)

# fetch_peer_files.py: real REFI-QDA files other programs wrote, for the import tests (once; checked)
# ruff and mypy (both set up in pyproject.toml) run before the tests: a lint or type error fails the target.
test: $(VENV)/.installed-test
	$(PY) scripts/fetch_peer_files.py
	$(PY) scripts/print_versions.py
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest $(PYTEST_ARGS)

# test_installed_package.py is left to `make test`: it installs the wheel with the newest dependencies from the
# index whichever environment runs it, so here it would repeat the same work.
test-lowest: $(LOWEST)/.installed-test
	$(LOWEST)/bin/python scripts/fetch_peer_files.py
	$(LOWEST)/bin/python scripts/print_versions.py --lowest
	$(LOWEST)/bin/python -m ruff check .
	$(LOWEST)/bin/python -m mypy
	$(LOWEST)/bin/python -m pytest $(PYTEST_ARGS) --ignore=tests/test_installed_package.py

bench: $(VENV)/.installed
	$(PY) -m bench

docs-cli: $(VENV)/.installed
	$(PY) scripts/make_cli_docs.py > docs/cli.md

# docs/python-api.md: every public Project method with the first paragraph of its docstring
docs-api: $(VENV)/.installed
	$(PY) scripts/make_api_docs.py > docs/python-api.md

clean:
	rm -rf $(VENV) $(LOWEST) demo .peer-files
