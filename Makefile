# The two commands a new user runs first. Both create .venv if needed and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean system-deps golden

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the package definition or any source changes; a regular (not editable)
# install, so the tests run what the wheel ships, default theme included.
$(STAMP): $(BIN)/python pyproject.toml $(shell find src templates -type f 2>/dev/null)
	$(BIN)/python -m pip install --quiet ".[test]"
	@touch $(STAMP)

# The system packages (scripts/system-packages.txt) through apt-get; on macOS it prints the
# Homebrew lines instead.
system-deps:
	$(PYTHON) scripts/system_deps.py install

demo: $(STAMP)
# --force: the demo's own handouts from the last `make demo` are replaced, not kept.
	$(BIN)/nextround generate --from samples/acme-grocers.yaml --out out --force

# Pass pytest arguments with ARGS, e.g. make test ARGS="-k batch -x". The tests run on every
# core (pytest-xdist); worksteal evens out tests of very different lengths. JOBS=0 runs them in
# one process (to debug with pdb, say).
JOBS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(JOBS) --dist worksteal $(ARGS)

# Rewrite the reference outputs under tests/golden/ after a change that is meant; review the diff.
golden: $(STAMP)
	GOLDEN_UPDATE=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_golden.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench

bench: $(STAMP)
	$(BIN)/python bench/mailmerge.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/generate.py

clean:
	rm -rf out build dist .pytest_cache
