# The two commands a newcomer needs: `make run` builds the sample episode and its feed,
# `make test` runs the whole suite. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SAMPLE := episodes/2024-06-18-putin-pyongyang/article.yaml

.PHONY: run test lint bench clean serve browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,piper,s3,edge]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/audiocast build $(SAMPLE)
	$(BIN)/audiocast feed

test: $(STAMP) browser
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/audiocast serve

# Debian's Chromium and its driver for tests/test_browser.py (never a test tool's own
# download). Installing needs root, as on CI; without it the browser test is skipped
# (and on CI, where CI is set, it fails instead).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		 apt-get install -y -qq chromium chromium-driver) || \
		echo "warning: could not install chromium; the browser test will be skipped"

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_gtts.py
	$(BIN)/python benchmarks/bench_voices.py
	$(BIN)/python benchmarks/bench_piper.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_assets.py

lint: $(STAMP)
	$(BIN)/ruff check audiocast tests benchmarks
	$(BIN)/ruff format --check audiocast tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .cache episodes/*/*.mp3 episodes/*/episode.json feeds/*.xml feeds/cover.jpg
