# lrkit: one command builds the executed book, one runs every test.
#   make book   set up .venv if needed, make the workshop data if missing, build the book
#   make test   the same set-up, then every test (unit, notebooks, book build)
#   make lab    open JupyterLab on the kit, with the kit's Python as the "python3" kernel
# Other targets: data (re-generate the workshop data), exercises (re-build learner copies),
# solutions (re-execute the solution notebooks in place), profile, lint, clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.lrkit-installed
DATA   := datasets/workshop
BOOK_HTML := $(CURDIR)/book/_build/html/index.html
# -W: every Sphinx warning (an execution error is one) fails the build; -n: also warn on
# broken cross-references; --keep-going: report every warning of the run before failing.
BOOK_FLAGS := -W -n --keep-going
PROVINCE ?= Hồ Chí Minh City
YEAR ?= 2025

.PHONY: book test lab setup data exercises solutions profile lint clean

# Re-install when pyproject.toml changes. The Python must be 3.11 or newer.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "lrkit needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and run make again")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

# Made only when missing: the committed files are the reference copy.
$(DATA)/workers.parquet: | $(STAMP)
	$(BIN)/lrkit data build --scale workshop --out $(DATA)

book: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/jupyter-book build book $(BOOK_FLAGS)
	@echo "The book is built: file://$(BOOK_HTML)"
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then \
	  $(BIN)/python -m webbrowser -t "file://$(BOOK_HTML)" >/dev/null 2>&1 || true; fi

test: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/python -m pytest

lab: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR)

data: $(STAMP)
	$(BIN)/lrkit data build --scale workshop --out $(DATA)

exercises: $(STAMP)
	$(BIN)/lrkit exercises build

solutions: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace solutions/*.ipynb
	$(BIN)/lrkit exercises build

profile: $(STAMP) $(DATA)/workers.parquet
	@mkdir -p build/profiles
	$(BIN)/papermill notebooks/province_profile.ipynb "build/profiles/$(PROVINCE)-$(YEAR).ipynb" \
	  -p province "$(PROVINCE)" -p year $(YEAR)
	$(BIN)/jupyter nbconvert --to html --no-input "build/profiles/$(PROVINCE)-$(YEAR).ipynb"
	@echo "Profile: $(CURDIR)/build/profiles/$(PROVINCE)-$(YEAR).html"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks solutions

clean:
	rm -rf book/_build build .pytest_cache .ruff_cache
