# newsreader: every developer task is a target here. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help run test check lint format types imports pytest test-snapshot-update bench fuzz clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP) ## Install into .venv and open the bundled sample
	$(BIN)/newsreader

test: $(STAMP) check pytest ## Install into .venv, then lint, type-check and run the whole suite

check: lint types imports ## Lint, format check, types and the core/UI import contract

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -n 2 -q

test-snapshot-update: $(STAMP) ## Re-record the SVG snapshots after a deliberate UI change
	$(BIN)/pytest tests/ui --snapshot-update -q

bench: $(STAMP) ## Run every benchmark and print its figures
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

fuzz: $(STAMP) ## Run the property tests much longer (5000 examples each) and print what they tried
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -p no:xdist -m "not e2e and not slow" \
		--hypothesis-show-statistics tests/core tests/hostile

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
