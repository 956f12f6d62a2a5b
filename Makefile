# Two commands: `make serve` (set up, build and serve the archive) and `make test`.
# Needs only Python >= 3.11, make and git; everything else is installed into .venv/.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build check test lint format clean

serve: $(VENV)/.installed ## build the archive and serve it on http://127.0.0.1:8000
	$(BIN)/archive serve --host $(HOST) --port $(PORT)

build: $(VENV)/.installed ## build the archive into build/
	$(BIN)/archive build

check: $(VENV)/.installed ## validate content without writing anything
	$(BIN)/archive check

test: $(VENV)/.installed-test ## lint, then run every test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf build .build.previous .cache

$(VENV)/.created:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed
