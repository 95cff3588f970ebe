# The judge's tasks. `make example` and `make test` are the README's two set-up commands.
PYTHON ?= python3
VERSION := $(shell $(PYTHON) -c "import re; print(re.search(r'__version__ = \"(.+)\"', open('judge/__init__.py').read())[1])")
IMAGE := judge-python:$(VERSION)

.PHONY: install dev example test test-fast lint format sandbox bench clean-cache golden

# An editable install has no bytecode until a run writes it (never, where the environment sets
# PYTHONDONTWRITEBYTECODE): compile it now, as `pip install` does for a regular install.
install:
	$(PYTHON) -m pip install --quiet -e .
	$(PYTHON) -m compileall -q judge > /dev/null

dev:
	$(PYTHON) -m pip install --quiet -e '.[dev]'

# Judge an example submission (local sandbox where no Docker engine answers).
example: install
	$(PYTHON) -m judge run two_sum examples/two_sum.py

# The whole suite, on two worker processes (pytest-xdist: about 8 minutes on a 2-core machine
# instead of 13; every check of leftovers is per process); Docker tests skip with a reason
# where there is no engine (fail under CI=true).
JOBS ?= 2
test: dev
	$(PYTHON) -m pytest -q -n $(JOBS)

test-fast: dev
	$(PYTHON) -m pytest -q -n $(JOBS) -m "not slow and not docker"

lint: dev
	ruff check . && ruff format --check .

format: dev
	ruff format . && ruff check --fix .

# The container image learners' code runs in: on python:3.11-slim where a registry answers,
# else on a base built from Debian packages (debootstrap).
sandbox:
	bash sandboxes/python/build.sh $(IMAGE)

bench: install
	$(PYTHON) benchmarks/overhead.py

clean-cache:
	rm -rf "$${XDG_CACHE_HOME:-$$HOME/.cache}/judge"

# Rewrite the renderers' golden files from the code (then review the diff).
golden: dev
	JUDGE_REGEN_GOLDEN=1 $(PYTHON) -m pytest -q tests/test_render.py
