# newsframe developer commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Point CARGO_TARGET_DIR at a cache outside the clone to reuse builds across clones.
export CARGO_TARGET_DIR ?= $(CURDIR)/target

.PHONY: help venv test-deps dev sample test test-rust test-python bench bench-compare bench-scale strip-notebooks fuzz clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

# What the sample job needs: the build tool and the package's dependencies (pyproject.toml).
BASE_DEPS := "maturin>=1.7,<2.0" "polars==2.1.0" "tqdm>=4.60"
# What the tests add: pyproject.toml's `test` and `notebooks` extras (tests/test_packaging.py
# checks that the lists agree).
TEST_DEPS := "pytest>=7" pyarrow "hypothesis>=6" "ray[data]>=2.9" mypy \
	matplotlib networkx nbclient nbformat ipykernel

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(BASE_DEPS)
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(PY) -m pip install -q $(TEST_DEPS)
	touch $@

venv: $(VENV)/.installed ## Create the virtualenv with the build tool and polars only.

test-deps: $(VENV)/.test-installed ## Add the test tools to the virtualenv (Ray, mypy, hypothesis, notebooks).

dev: venv ## Build the extension (release) into the virtualenv.
	VIRTUAL_ENV=$(CURDIR)/$(VENV) PATH=$(CURDIR)/$(VENV)/bin:$$PATH $(VENV)/bin/maturin develop --release --quiet

sample: dev ## Run the sample job: print the documents of data/sample/, write Parquet to out/.
	$(PY) -m newsframe extract data/sample/ -o out

test-rust: ## Rust unit and doc tests of the pure core (no Python).
	cargo test --quiet

test-python: dev test-deps ## Python tests: API, CLI, notebooks, type stubs, wheel and `pip install .`.
	$(PY) -m pytest -q --durations=8

test: test-rust test-python ## Every test.

fuzz: ## Run every cargo-fuzz target for 600 s (nightly + cargo-fuzz; FUZZ_SECONDS=… to change).
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),600)

bench: dev ## Throughput benchmark (builds a 200 MB corpus in a temp dir).
	$(PY) bench/throughput.py

bench-compare: dev ## newsframe against spaCy and a Polars-only baseline (needs spaCy, see bench/compare.py).
	$(PY) bench/compare.py --out bench/results/compare.md

strip-notebooks: test-deps ## Remove the outputs of notebooks/*.ipynb before committing them.
	$(PY) scripts/strip_notebooks.py

bench-scale: dev ## Peak memory and throughput of write_parquet on a 1 GB synthetic corpus.
	$(PY) bench/scale.py --gb 1

clean: ## Remove build products, the virtualenv and out/.
	rm -rf $(VENV) out target
