# The two commands of README.md, and the steps behind them.
#   make serve  – create .venv on first run, install pinned packages, serve with live reload
#   make test   – the same set-up plus test tools, then every check and test
# Other targets: make build (the site into site/, with the trainers' offline copy and the PDF
# packs in site/downloads/), make offline (the offline copy alone, a zip in dist/), make bench
# (growth, link-check, search and page-weight figures), make clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000

# Material 9.7+ prints an end-of-life banner on every run; it is known (see README) and noise.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test checks offline bench clean

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: $(VENV)/.site-installed
	$(BIN)/python scripts/build_site.py

test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory checks
	$(BIN)/pytest

# The checks of `make test` on the sources and the built site, in the order an editor should
# read them. tests/test_injected_errors.py runs this target on a deliberately broken copy.
checks:
	$(BIN)/python scripts/check_structure.py
	$(BIN)/python scripts/build_site.py
	$(BIN)/python scripts/check_links.py site

offline: $(VENV)/.site-installed
	$(BIN)/python scripts/build_offline.py

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_growth.py
	$(BIN)/python benchmarks/bench_check_links.py site
	$(BIN)/python benchmarks/bench_search.py

clean:
	rm -rf site dist .cache .pytest_cache .ruff_cache

# --- Set-up (runs only when a requirements file is newer than the last install) ------------

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian/Ubuntu run: sudo apt install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3

# The knowledge-base package (src/thuynguyen_kb) is installed in editable mode: its
# dependencies are the pinned ones of requirements.txt (--no-deps: nothing unpinned comes in).
$(VENV)/.site-installed: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $@

# The test tools, and the accessibility tests' axe-core (one version from the npm registry,
# checked against its pinned integrity: tests/browser/axe_core.py).
$(VENV)/.test-installed: requirements-test.txt requirements.txt pyproject.toml tests/browser/axe_core.py | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	$(BIN)/python tests/browser/axe_core.py
	touch $@ $(VENV)/.site-installed
