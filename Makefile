# The two commands a newcomer needs: `make run` and `make test`.
# Each installs exactly what uv.lock lists into .venv first (with hashes), so both work
# on a fresh machine and install the same versions CI tested.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# uv, itself installed with pinned hashes from scripts/uv-requirements.txt.
TOOLS ?= .tools
UV := $(TOOLS)/bin/uv
# uv fills $(VENV) from uv.lock, with the machine's own Python: it never downloads one.
UV_SYNC := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON=$(PYTHON) UV_PYTHON_DOWNLOADS=never \
	$(UV) sync --locked --quiet

.PHONY: setup run test upgrade benchmark lighthouse messages preview source-runs clean

# Set-up, once, for translators and anyone who runs the tools: .venv/ with what the
# guide needs, from uv.lock. Then every tool is `.venv/bin/python -m pwa ...`.
setup: $(VENV)/.installed-app
	@echo "Ready. Run the tools as $(PY) -m pwa (TRANSLATING.md), the preview with make preview."

run: $(VENV)/.installed-app
	$(PY) -m pwa serve --host $(HOST) --port $(PORT)

# Two test processes (pytest-xdist, each taking the next test when it is free): half
# the suite waits on a browser or a server, so two cores finish it in about half the
# time. PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2

test: $(VENV)/.installed-test
	$(PY) -m ruff check pwa tests benchmarks
	$(PY) -m mypy
	PY=$(PY); export PY; . scripts/test-tools.sh && \
		$(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Run by hand; each prints a table (see README, Performance).
benchmark: $(VENV)/.installed-test
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/soak.py
	$(PY) benchmarks/server_limits.py

lighthouse: $(VENV)/.installed-app
	npm install --prefix benchmarks --no-audit --no-fund
	$(PY) benchmarks/lighthouse.py
	$(PY) benchmarks/lighthouse.py --export

$(UV): scripts/uv-requirements.txt
	sh scripts/make-venv.sh "$(PYTHON)" "$(TOOLS)"
	$(TOOLS)/bin/python -m pip install --quiet --require-hashes --no-deps \
		-r scripts/uv-requirements.txt
	touch $@

# --locked: stop, instead of resolving again, when uv.lock is out of step with
# pyproject.toml. `make run` keeps the test tools if they are there (--inexact).
$(VENV)/.installed-app: pyproject.toml uv.lock $(UV)
	$(UV_SYNC) --inexact
	touch $@

$(VENV)/.installed-test: pyproject.toml uv.lock $(UV)
	$(UV_SYNC) --extra test
	touch $@ $(VENV)/.installed-app

# The deliberate upgrade (README, "Upgrading dependencies"): the newest versions that
# pyproject.toml's bounds allow, uv included, then the whole suite on them.
upgrade: $(UV)
	$(UV) pip compile --quiet --upgrade --universal --generate-hashes --no-header \
		scripts/uv.in -o scripts/uv-requirements.txt
	$(MAKE) $(UV)
	UV_PYTHON=$(PYTHON) UV_PYTHON_DOWNLOADS=never $(UV) lock --upgrade
	$(MAKE) test

clean:
	rm -rf $(VENV) $(TOOLS) build .pytest_cache .ruff_cache
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
# service worker keeps an old copy. Sample clinic details show the clinic sentences
# (pwa/sample_clinic.py); SAMPLE_CLINIC=name, phone or none shows the other wordings.
SAMPLE_CLINIC ?= full
preview: $(VENV)/.installed-app
	$(PY) -m pwa serve --reload --sample-clinic $(SAMPLE_CLINIC) --host $(HOST) --port $(PORT)
