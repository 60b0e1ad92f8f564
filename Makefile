# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO := demo/demo.qualcode
PORT ?= 8501

.PHONY: run test bench demo docs-cli clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(DEMO): | $(VENV)/.installed
	mkdir -p $(dir $(DEMO))
	$(VENV)/bin/qualcode demo $(DEMO)

demo: $(DEMO)

run: $(VENV)/.installed $(DEMO)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true -- --project $(DEMO)

test: $(VENV)/.installed-test
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m bench

docs-cli: $(VENV)/.installed
	$(PY) scripts/make_cli_docs.py > docs/cli.md

clean:
	rm -rf $(VENV) demo
