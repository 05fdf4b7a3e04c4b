# The two commands a newcomer needs: `make run` builds the sample episode and its feed,
# `make test` runs the whole suite. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUM := $(shell cksum pyproject.toml | cut -d' ' -f1)
# `make run` installs only what the main job needs; the tests' tools and the optional
# engines come with `make test` (and lint, bench).
RUN_STAMP := $(VENV)/.installed-run-$(SUM)
TEST_STAMP := $(VENV)/.installed-test-$(SUM)
PIP := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar off
SAMPLE := episodes/2024-06-18-putin-pyongyang/article.yaml

.PHONY: run test lint bench clean serve browser axe

$(RUN_STAMP): pyproject.toml
	@echo "Installing audiocast into $(VENV) (the first time takes a minute or two)"
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	rm -f $(VENV)/.installed-run-*
	touch $(RUN_STAMP)

$(TEST_STAMP): $(RUN_STAMP)
	@echo "Installing the test tools and the optional engines into $(VENV)"
	$(PIP) -e '.[dev,dask,piper,s3,edge]'
	rm -f $(VENV)/.installed-test-*
	touch $(TEST_STAMP)

run: $(RUN_STAMP)
	$(BIN)/audiocast build $(SAMPLE)
	$(BIN)/audiocast feed

test: $(TEST_STAMP) browser axe
	$(BIN)/python -m pytest

serve: $(RUN_STAMP)
	$(BIN)/audiocast serve

# Debian's Chromium and its driver for tests/test_browser.py (never a test tool's own
# download). Installing needs root, as on CI; without it the browser test is skipped
# (and on CI, where CI is set, it fails instead).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		 apt-get install -y -qq chromium chromium-driver) || \
		echo "warning: could not install chromium; the browser test will be skipped"

# axe-core for tests/test_accessibility.py, from npm at the version tests/browser's lock file
# pins, into tests/browser/node_modules (git-ignored). Without npm (Debian's, installed like
# chromium when root can) that test is skipped (and on CI it fails instead).
AXE := tests/browser/node_modules/axe-core/axe.min.js
axe: $(AXE)

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq npm) || true
	@command -v npm >/dev/null && npm ci --prefix tests/browser --no-audit --no-fund && touch $@ || \
		echo "warning: could not install axe-core; the accessibility test will be skipped"

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench_gtts.py
	$(BIN)/python benchmarks/bench_voices.py
	$(BIN)/python benchmarks/bench_piper.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_assets.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_bulletin.py
	$(BIN)/python benchmarks/bench_ingest.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check audiocast tests benchmarks
	$(BIN)/ruff format --check audiocast tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .cache episodes/*/*.mp3 episodes/*/*.m4a episodes/*/*.vtt episodes/*/*.srt \
		episodes/*/*.chapters.json episodes/*/episode.json feeds/*.xml feeds/*.html \
		feeds/*.json feeds/cover.jpg tests/browser/node_modules
