# The two commands a newcomer needs: `make run` builds the sample episode and its feed,
# `make test` runs the whole suite. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
SAMPLE := episodes/2024-06-18-putin-pyongyang/article.yaml

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/audiocast build $(SAMPLE)
	$(BIN)/audiocast feed

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_gtts.py
	$(BIN)/python benchmarks/bench_build.py

lint: $(STAMP)
	$(BIN)/ruff check audiocast tests benchmarks
	$(BIN)/ruff format --check audiocast tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .cache episodes/*/*.mp3 episodes/*/episode.json feeds/*.xml feeds/cover.jpg
