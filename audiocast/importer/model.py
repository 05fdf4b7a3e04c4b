"""The importer's working pieces: a page's lines, the metadata found so far, and the result."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

TERMINAL = ".!?\u2026"
CLOSERS = "\"'\u201d\u2019\u00bb)"


@dataclass(frozen=True)
class Dropped:
    """A piece of the page left out of the article, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """The article (what parse_article accepts) and what was dropped on the way."""

    article: dict[str, Any]
    dropped: list[Dropped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the producer should check
    kind: str = "text"


@dataclass(eq=False)  # lines are compared by identity: two menus may read the same
class Line:
    """One line of the page, and what the importer has decided it is."""

    text: str
    hint: str | None = None  # heading / paragraph / quote, when markup says so
    gap: bool = True  # a blank line or block boundary before it
    reason: str | None = None  # furniture
    role: str | None = None  # used as title, author, date, categories or lead
    date: str | None = None  # the ISO date this line states, if it is a dateline


@dataclass
class Meta:
    """The article's metadata, as the page's markup or a CMS gave it, or as found."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    summary: str | None = None
    categories: list[str] = field(default_factory=list)
    source_name: str | None = None
    source_url: str | None = None
    sections: list[str] = field(default_factory=list)  # a title bar's: categories if none


def compile_any(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def same_text(a: str, b: str) -> bool:
    return squash(a).casefold() == squash(b).casefold()


def squash(text: str) -> str:
    return " ".join(text.split())


def word_count(text: str) -> int:
    return len(text.split())
