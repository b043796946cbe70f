# Two commands for a fresh machine with only python3: `make serve` and `make test`.
# Everything else (virtualenv, pinned packages, Mermaid, Pyodide) is set up here, once; re-runs skip what is done.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MERMAID := docs/assets/vendor/mermaid/VERSION
PYODIDE := docs/assets/vendor/pyodide/VERSION
COPYCHECK := ../shared/tools/copycheck
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# For the tests, bytecode (pytest's rewritten test modules too) goes to .cache/pycache instead of nowhere: the tree
# stays clean, and no pytest worker compiles the tests and the project again (collecting: 4.5 s without, 2 s with it).
CACHED_BYTECODE := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/.cache/pycache

.PHONY: serve build build-zensical build-properdocs pdf test test-fast bench summary preview annotations review review-issue validate clean

serve: $(VENV)/.build $(MERMAID) $(PYODIDE)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.build $(MERMAID) $(PYODIDE)
	$(BIN)/mkdocs build --strict --clean

# The whole handbook with every journey as one PDF, printed by the Chromium the browser tests use.
pdf: build $(VENV)/.test
	$(BIN)/python -m macros pdf site site/kundenwege.pdf

# The same repository with the successors of MkDocs (see README, "Weg zu ProperDocs oder Zensical").
# Zensical reads pages only from disk: build-input writes docs/ plus the generated pages into .build/, never into docs/.
build-zensical: $(VENV)/.test $(MERMAID) $(PYODIDE)
	$(BIN)/python -m macros build-input .build/zensical
	cd .build/zensical && ../../$(BIN)/zensical build --strict --clean
	rm -rf site-zensical && mv .build/zensical/site site-zensical
	$(BIN)/python -m macros search-index site-zensical

build-properdocs: $(VENV)/.test $(MERMAID) $(PYODIDE)
	$(BIN)/properdocs build --strict --clean --site-dir site-properdocs

validate: $(VENV)/.build
	$(BIN)/python -m macros validate

test: $(VENV)/.test $(MERMAID) $(PYODIDE)
	$(BIN)/python -m macros validate
	@if [ -x $(COPYCHECK) ]; then echo "copycheck docs journeys"; $(COPYCHECK) docs journeys; \
	else echo "copycheck: ../shared/tools/copycheck nicht vorhanden, übersprungen."; fi
	$(CACHED_BYTECODE) $(BIN)/python -m pytest

# The loop while working: data and every test that needs no browser, on every core (pytest-xdist).
# Property tests (hypothesis, the fuzzer too) draw a fifth of their examples here; `make test` draws them all.
test-fast: $(VENV)/.test $(MERMAID) $(PYODIDE)
	$(BIN)/python -m macros validate
	$(CACHED_BYTECODE) KUNDENWEGE_PROPERTY_SCALE=0.2 $(BIN)/python -m pytest -q -m "not browser" -n auto --dist loadgroup --no-loadscope-reorder

bench: $(VENV)/.test $(MERMAID) $(PYODIDE)
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

# For pull requests: Markdown for the job summary (compared with BASE, by default the merge base with main),
# a preview per changed journey that opens from disk (vorschau/), and annotations on the changed lines.
summary: $(VENV)/.build
	@$(BIN)/python -m macros summary $(if $(BASE),--base "$(BASE)") $(if $(CI),--preview-artifact) $(FILES)

preview: $(VENV)/.build
	rm -rf vorschau
	$(BIN)/python -m macros preview vorschau $(if $(BASE),"$(BASE)")

annotations: $(VENV)/.build
	@$(BIN)/python -m macros validate --format github

# What is due, by owner (OWNER="…" narrows it); review-issue keeps the GitHub issue "Fällige Überprüfungen" in step.
review: $(VENV)/.build
	@$(BIN)/python -m macros review $(if $(OWNER),--owner "$(OWNER)")

review-issue: $(VENV)/.build
	$(BIN)/python -m macros review-issue

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.build: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.build
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

$(MERMAID): macros/vendor.py | $(VENV)/.build
	$(BIN)/python -m macros fetch-mermaid

$(PYODIDE): macros/vendor.py | $(VENV)/.build
	$(BIN)/python -m macros fetch-pyodide

clean:
	rm -rf site site-zensical site-properdocs .build .cache docs/assets/vendor .pytest_cache
