# The two commands a newcomer needs: `make run` and `make test`.
# Each installs what it needs into .venv first, so both work on a fresh machine.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test benchmark lighthouse messages preview source-runs clean

run: $(VENV)/.installed-app
	$(PY) -m pwa serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test
	$(PY) -m ruff check pwa tests benchmarks
	PY=$(PY); export PY; . scripts/test-tools.sh && $(PY) -m pytest $(PYTEST_ARGS)

# Run by hand; each prints a table (see README, Performance).
benchmark: $(VENV)/.installed-test
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/soak.py

lighthouse: $(VENV)/.installed-app
	npm install --prefix benchmarks --no-audit --no-fund
	$(PY) benchmarks/lighthouse.py
	$(PY) benchmarks/lighthouse.py --export

$(VENV)/bin/python:
	sh scripts/make-venv.sh "$(PYTHON)" "$(VENV)"

$(VENV)/.installed-app: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-app

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
	find locales -name '*.mo' -delete

# Fingerprints of every 10-word run of ../shared/sources (the copy check's memory).
source-runs: $(VENV)/.installed-app
	$(PY) -m tests.sourcecheck

# Refresh locales/messages.pot from the templates and code, then merge it into every
# catalog (previous msgids and obsolete entries kept; see pwa/translation_tools.py).
messages: $(VENV)/.installed-app
	$(PY) -m pwa i18n extract
	$(PY) -m pwa i18n update

# Preview for translators: catalog and template changes show on reload, and no
# service worker keeps an old copy.
preview: $(VENV)/.installed-app
	$(PY) -m pwa serve --reload --host $(HOST) --port $(PORT)
