"""What the engine is given for every page of the import corpus: words only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audiocast.article import load_article
from audiocast.config import Settings
from audiocast.script import build_script
from audiocast.swahili import normalize, symbols

CORPUS = Path(__file__).parent / "data" / "import"
# What a voice would say in English or spell out: digits, symbols, address marks, and a
# colon between two words ("thelathini:arobaini", a time read number by number).
UNSPOKEN = re.compile(r"[0-9@#/&+=%$£€°\u00d7±№*|\\<>~^_§©®™•]|\w:\w")
STOPPED = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(a) for a in sorted(symbols.ABBREVIATIONS, key=len, reverse=True))
    + r")\.(?!\w)",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "page", sorted(CORPUS.glob("*/expected.yaml")), ids=lambda p: p.parent.name
)
def test_the_engine_is_given_only_words(page: Path) -> None:
    script = build_script(load_article(page), Settings(), speak=normalize)
    said = [s.spoken for segment in script for s in segment.sentences]
    assert said
    leftovers = [s for s in said if UNSPOKEN.search(s) or STOPPED.search(s)]
    assert leftovers == []
