# lrkit: one command builds the executed book, one runs every test.
#   make book   set up .venv if needed, make the workshop data if missing, build the book
#   make test   the same set-up, then every test (unit, notebooks, book build)
#   make lab    open JupyterLab on the kit, with the kit's Python as the "python3" kernel
# Other targets: data (re-generate the workshop data), exercises (re-build learner copies),
# solutions (re-execute the solution notebooks in place), db (the national IR database),
# profile, capstone (the Module 7 mini-project end to end, into build/capstone), lint,
# clean. For trainers: wheelhouse (the offline installer for USB sticks), handouts (a PDF per
# module), agenda (the course agendas as Markdown), browser.

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

.PHONY: book test lab setup data exercises solutions profile lint clean db capstone
.PHONY: browser wheelhouse handouts agenda

# The site tests (tests/test_site.py) and `make handouts` drive Debian's Chromium and read
# PDFs with poppler-utils; the fonts draw Vietnamese letters (in text and in code) and the
# checks' emoji (✅ ❌).
# As root on Debian (as in CI) they are installed with apt-get when missing; anywhere else
# this stops with the command to run. LRKIT_CHROMIUM may name another Chromium or Chrome.
CHROMIUM ?= $(or $(LRKIT_CHROMIUM),/usr/bin/chromium)
export LRKIT_CHROMIUM := $(CHROMIUM)
BROWSER_PACKAGES := chromium poppler-utils fonts-dejavu-core fonts-noto-color-emoji \
  fonts-noto-mono
NOTO_MONO := /usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

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

test: $(STAMP) $(DATA)/workers.parquet browser
	$(BIN)/python -m pytest

lab: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR)

data: $(STAMP)
	$(BIN)/lrkit data build --scale workshop --out $(DATA)

# The national IR database (DuckDB) from the clean datasets: build/ir_workshop.duckdb
db: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/lrkit db build --scale workshop --out build/ir_workshop.duckdb

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

# The capstone (Module 7): raw deliveries → clean → link → indicators → impact → brief, with
# manifest.json and checklist.md, in build/capstone/. PROVINCE, YEAR, BRIEF_LANG (en|vi), SEED.
BRIEF_LANG ?= en
capstone: $(STAMP) $(DATA)/workers.parquet
	$(BIN)/lrkit capstone run --province "$(PROVINCE)" --year $(YEAR) --lang $(BRIEF_LANG) \
	  $(if $(SEED),--seed $(SEED)) --out build/capstone

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks solutions

clean:
	rm -rf book/_build build .pytest_cache .ruff_cache

browser:
	@if [ -x "$(CHROMIUM)" ] && command -v pdftotext >/dev/null 2>&1 && \
	    command -v pdfunite >/dev/null 2>&1 && [ -f $(EMOJI_FONT) ] && [ -f $(NOTO_MONO) ]; then \
	  exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium and poppler-utils for the site tests and handouts"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    $(BROWSER_PACKAGES) >/dev/null && \
	  [ -x "$(CHROMIUM)" ] || { echo "chromium is still missing at $(CHROMIUM)"; exit 1; }; \
	else \
	  echo "The site tests and handouts need Chromium ($(CHROMIUM)) and poppler-utils."; \
	  echo "Install them, then run make again:"; \
	  echo "  sudo apt-get install $(BROWSER_PACKAGES)    (Debian, Ubuntu)"; \
	  echo "or set LRKIT_CHROMIUM=/path/to/chromium and install poppler (pdftotext, pdfunite)."; \
	  exit 1; \
	fi

# The offline installer: build/wheelhouse/ with wheels for Windows, macOS (arm64, x86_64) and
# Linux x86_64, Python 3.11 and 3.12, the workshop data, the notebooks and the built book.
# Needs PyPI; about 1.4 GB; a second run downloads only what changed. See book/guide/offline.md.
wheelhouse: book
	$(BIN)/python -m lrkit.wheelhouse --out build/wheelhouse --book book/_build/html

# A printable PDF per module (with its exercise pages, without solutions): build/handouts/
handouts: book browser
	$(BIN)/python -m lrkit.handouts --html book/_build/html --book book --out build/handouts

# The course agendas, computed from the modules' timings (COURSE=producers|policy|research)
agenda: $(STAMP)
	$(BIN)/python -m lrkit.course $(if $(COURSE),--course $(COURSE))
