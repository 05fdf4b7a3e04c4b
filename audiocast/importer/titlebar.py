"""Browser title bars: "Headline | Section | Site | date" → the headline and what surrounds it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules
from .dates import date_rest, find_date
from .model import TERMINAL, Meta, compile_any, word_count
from .names import PUBLISHERS, STATION_LINE

_SEPARATORS = [re.compile(p) for p in rules.TITLE_BAR_SEPARATORS]

_DOMAIN = re.compile(rf"(?:https?://)?(?:www\.)?{rules.DOMAIN_RE}", re.IGNORECASE)

_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2})?")
# "imesasishwa saa 3:15 usiku": when the story was changed, beside its date on a dateline
_STAMP = compile_any(rules.TIMESTAMP_PATTERNS)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class TitleBar:
    """A title bar read apart: the headline, and the parts a listener must not hear."""

    headline: str
    sections: tuple[str, ...] = ()
    publisher: str | None = None  # a publisher the importer knows, named by the site part
    date: str | None = None  # ISO date of the date part
    rest: str = ""  # the stripped parts as written, for --explain


def title_bar(text: str, site: str | None = None) -> TitleBar | None:
    """The title bar `text` is, or None when it is a plain headline.

    >>> title_bar("Bayern bado yashikilia usukani | Michezo | DW | 23.11.2015")
    TitleBar(headline='Bayern bado yashikilia usukani', sections=('Michezo',), \
publisher='DW Kiswahili', date='2015-11-23', rest='Michezo | DW | 23.11.2015')
    >>> title_bar("Simba - Yanga watoka sare") is None
    True
    >>> title_bar("Alhamisi, Desemba 03, 2026 — imesasishwa saa 3:15 usiku") is None
    True
    """
    if word_count(text) > 40:
        return None
    for separator in _SEPARATORS:
        cuts = list(separator.finditer(text))
        if not cuts:
            continue
        edges = [0, *(x for cut in cuts for x in cut.span()), len(text)]
        spans = list(zip(edges[::2], edges[1::2], strict=True))
        if any(start == end for start, end in spans):
            continue
        bar = _read(text, spans, site)
        if bar is not None:
            return bar
    return None


def _read(text: str, spans: list[tuple[int, int]], site: str | None) -> TitleBar | None:
    parts = [text[a:b] for a, b in spans]
    kinds = [_kind(part, site) for part in parts]
    # A site's slogan follows its name ("… | JamiiForums | The Home of Great Thinkers").
    sites = [i for i, k in enumerate(kinds) if k is not None and k[0] == "site"]
    if sites and 0 < sites[-1] == len(parts) - 2 and kinds[-1] is None:
        kinds[-1] = ("site", None)
    first, last = 0, len(parts)
    # Sites and dates stand at the ends; sections between them and the headline.
    while first < last and kinds[first] is not None:
        first += 1
    while last > first and kinds[last - 1] is not None:
        last -= 1
    if first == last:
        return None
    stripped_front, stripped_back = first > 0, last < len(parts)
    sections: list[str] = []
    while stripped_back and last - first > 1 and _section(parts[last - 1], parts[first : last - 1]):
        last -= 1
        sections.insert(0, parts[last])
    while stripped_front and last - first > 1 and _section(parts[first], parts[first + 1 : last]):
        sections.append(parts[first])
        first += 1
    headline = text[spans[first][0] : spans[last - 1][1]].strip()
    named = [k for k in kinds if k is not None and k[0] == "site"]
    dates = [k[1] for k in kinds if k is not None and k[0] == "date" and k[1]]
    if word_count(headline) < 2 or headline[-1:] in ":;,":
        return None
    if not named and not (dates and word_count(headline) >= rules.TITLE_BAR_MIN_WORDS):
        return None
    rest = " | ".join(p.strip() for i, p in enumerate(parts) if not first <= i < last)
    return TitleBar(
        headline=headline,
        sections=tuple(s.strip() for s in sections),
        publisher=next((k[1] for k in named if k[1]), None),
        date=dates[0] if dates else None,
        rest=rest,
    )


def _kind(part: str, site: str | None) -> tuple[str, str | None] | None:
    """("site", publisher) or ("date", ISO date or None for a bare time), or None."""
    bare = part.strip()
    low = bare.casefold()
    if word_count(bare) > 6:
        return None
    found = find_date(bare)
    if found is not None and not date_rest(bare):
        return "date", found[0]
    if _TIME.fullmatch(bare) or _STAMP.fullmatch(bare):
        return "date", None
    if low in rules.SITE_NAMES:
        return "site", rules.SITE_NAMES[low]
    if site and low == site.strip().casefold():
        return "site", _publisher(bare)
    if _DOMAIN.fullmatch(bare):
        return "site", _publisher(bare)
    if word_count(bare) <= 4 and (publisher := _publisher(bare)):
        return "site", publisher
    if station := STATION_LINE.fullmatch(bare):
        return "site", station.group(1)  # a community radio station names itself
    words = _CAMEL.sub(" ", bare).split()  # "JamiiForums": a site word inside one name
    capitalised = len(words) <= 4 and all(
        w[:1].isupper() or w.casefold() in rules.NAME_LINK_WORDS for w in words[1:]
    )
    if capitalised and words[0][:1].isupper() and rules.SITE_WORDS & {w.casefold() for w in words}:
        return "site", None  # "Pwani News": a site the importer does not know by name
    return None


def _publisher(text: str) -> str | None:
    return next((name for pattern, name in PUBLISHERS if pattern.search(text)), None)


def _section(part: str, others: list[str]) -> bool:
    """A short part beside the headline that names a section of the site ("Michezo")."""
    words = word_count(part)
    if words > rules.SECTION_MAX_WORDS or any(c.isdigit() or c in TERMINAL for c in part):
        return False
    longest = max(word_count(p) for p in others)
    return part.strip().casefold() in rules.SECTION_WORDS or words < longest


def apply_title_bar(meta: Meta, site: str | None = None) -> None:
    """Read a metadata title (an HTML <title>, a dataset's title) that is a title bar."""
    if not meta.title:
        return
    bar = title_bar(meta.title, site or meta.source_name)
    if bar is None:
        return
    meta.title = bar.headline
    meta.date = meta.date or bar.date
    meta.sections = meta.sections or list(bar.sections)
    meta.source_name = meta.source_name or bar.publisher
