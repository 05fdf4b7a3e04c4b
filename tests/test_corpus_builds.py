"""The whole import corpus as a producer meets it: `audiocast import DIR/`, then `audiocast
build` with espeak, then what a listener hears, read back from each built episode."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import webvtt
import yaml

from audiocast.article import Article, Paragraph, Quote, load_article

from conftest import ROOT, run_cli

CORPUS = Path(__file__).parent / "data" / "import"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
MAX_CUE_SECONDS = 25
STORY_ROLES = {"headline", "lead", "paragraph", "heading", "quote_intro", "quote"}


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new show that imported every corpus page from one folder and built them all."""
    folder = tmp_path_factory.mktemp("corpus")
    settings = (ROOT / "audiocast.toml").read_text(encoding="utf-8")
    (folder / "audiocast.toml").write_text(
        settings + '\n[build]\nrenditions = ["podcast"]\n', encoding="utf-8"
    )
    pages = folder / "kurasa"
    pages.mkdir()
    for case in CASES:
        (source,) = (CORPUS / case).glob("input.*")
        shutil.copy(source, pages / f"{case}{source.suffix}")
    imported = run_cli("import", "kurasa", cwd=folder)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    built = run_cli("build", "--engine", "espeak", "-j", "2", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    return folder


@pytest.fixture(scope="module")
def episodes(show: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Each case's episode folder and record, found by the page it was imported from."""
    found = {}
    for article in (show / "episodes").glob("*/article.yaml"):
        origin = re.search(r"from (\S+?)\.(?:txt|html|json):", article.read_text("utf-8"))
        assert origin, f"{article} does not say which page it came from"
        record = json.loads((article.parent / "episode.json").read_text("utf-8"))
        found[origin.group(1)] = (article.parent, record)
    return found


def expected(case: str) -> Article:
    return load_article(CORPUS / case / "expected.yaml")


def squash(text: str) -> str:
    return " ".join(text.split())


def story_text(article: Article) -> str:
    """What the listener should hear of the page: the headline and the story, in order."""
    parts = [article.title, article.summary]
    for block in article.body:
        if isinstance(block, Quote) and (block.attribution or block.speaker):
            parts.append(block.attribution or f"{block.speaker} alisema:")  # as the script says
        parts.append(block.text)
    return squash(" ".join(parts))


def test_every_page_of_the_corpus_becomes_an_episode(
    episodes: dict[str, tuple[Path, dict[str, Any]]],
) -> None:
    assert sorted(episodes) == CASES


@pytest.mark.parametrize("case", CASES)
def test_the_listener_hears_the_story_and_nothing_else(
    case: str, episodes: dict[str, tuple[Path, dict[str, Any]]]
) -> None:
    _, record = episodes[case]
    heard = [s["text"] for s in record["segments"] if s["role"] in STORY_ROLES]
    # Nothing of the page's furniture, no sentence of the journalist lost, in order.
    assert squash(" ".join(heard)) == story_text(expected(case))


@pytest.mark.parametrize("case", CASES)
def test_direct_speech_is_heard_in_the_quote_voice(
    case: str, episodes: dict[str, tuple[Path, dict[str, Any]]]
) -> None:
    article = expected(case)
    wanted = [q for b in article.body if isinstance(b, Paragraph) for q in b.quotes]
    wanted += list(article.summary_quotes)
    quoted = [s for s in episodes[case][1]["segments"] if s["voice"] == "quote"]
    for quote in wanted:
        said = next((s for s in quoted if squash(quote.text) in squash(s["text"])), None)
        assert said is not None, f"not in the quote voice: {quote.text!r}"
        assert said["speaker"] == quote.speaker
    blocks = [b for b in article.body if isinstance(b, Quote)]
    assert len(quoted) == len(wanted) + len(blocks)  # no quoted term reached the quote voice


@pytest.mark.parametrize("case", CASES)
def test_no_transcript_cue_is_longer_than_a_breath(
    case: str, episodes: dict[str, tuple[Path, dict[str, Any]]]
) -> None:
    folder, record = episodes[case]
    cues = webvtt.read(str(folder / record["transcripts"]["vtt"]))
    longest = max(cue.end_in_seconds - cue.start_in_seconds for cue in cues)
    assert longest <= MAX_CUE_SECONDS, f"a cue of {longest:.1f} s"


def test_assumed_dates_are_marked_in_the_articles(show: Path) -> None:
    for article in (show / "episodes").glob("*/article.yaml"):
        data = yaml.safe_load(article.read_text("utf-8"))
        origin = re.search(r"from (\S+?)\.(?:txt|html|json):", article.read_text("utf-8"))
        assert origin
        assert data.get("date_assumed", False) == expected(origin.group(1)).date_assumed
