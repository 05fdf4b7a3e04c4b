"""Import: a copied web page, a saved HTML page or a CMS JSON export → a structured article.

The importer only selects, splits at boundaries the page already has, and drops furniture; it
never writes or rewrites a word of the story. The journalist's text is kept byte for byte
except for two whitespace repairs: whitespace at the edges of a paragraph is trimmed, and a
missing space after a full stop before a new sentence is restored ("kuwachagua.Akizungumza"
→ "kuwachagua. Akizungumza"). Runs of spaces and non-breaking spaces inside a copied
paragraph are left as they are (in HTML they were never significant and are collapsed).

What goes where:

- title, byline, date and categories come from the lines above the first paragraph (or from
  the HTML page's metadata, or the JSON fields); the first paragraph becomes `summary`;
- a short line without final punctuation between paragraphs is a heading, as is one the page
  ran onto the end of a paragraph after a non-breaking space or with no space at all;
- a paragraph that is wholly one quotation becomes a quote block; the sentence before it that
  names the speaker moves into `attribution`, and the name into `speaker`;
- furniture (menus, captions, links, buttons, schedules, footers, agency codes, credits) is
  listed in `ImportResult.dropped` with the reason, for `audiocast import --explain`.

A saved HTML page goes through trafilatura, which decides which text is the story and reads the
page's metadata (title, author, date, section, site); the page's own blocks (<p>, <h2>, <br>,
<blockquote>) then give the lines, and the same rules as for copied text apply. Text outside
the story is dropped with the reason its landmark gives (<nav>, <footer>, a "share" widget …).

JSON exports are read through this mapping (keys compared without case, "_" or "-"; the first
key present wins; a dotted key looks inside an object, as in WordPress's `_embedded`):

| article field  | CMS keys                                                                   |
|----------------|----------------------------------------------------------------------------|
| title          | title, headline, heading, name                                             |
| body           | body, content, text, articleBody, body_html, html, content_elements        |
| author         | author, byline, authors, creator, writer, author_name, _embedded.author    |
| date           | date, published, datePublished, pubDate, published_at, publish_date,       |
|                | date_published, created, created_at, dateCreated, first_published_at       |
| summary        | summary, description, lead, teaser, excerpt, standfirst, intro, abstract   |
| categories     | categories, category, section, sections, articleSection,                   |
|                | _embedded.wp:term (WordPress terms of the category taxonomy), tags, keywords|
| source.name    | source, publisher, site_name, siteName, site, outlet                       |
| source.url     | url, link, canonical_url, permalink, web_url, mainEntityOfPage             |

A value may be text, HTML (tags are read as blocks), `{"rendered": …}` (WordPress),
`{"name": …}` (authors, terms), a list of those, or for the body a list of elements with a
`type` (paragraph, heading, quote, image …).
"""

from __future__ import annotations

import codecs
import email.utils
import html
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from . import import_rules as rules
from .article import EAST_AFRICA
from .chunking import ABBREVIATIONS, sentences
from .errors import ArticleError

# Characters lxml refuses ("All strings must be XML compatible"); never a page's text.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
log = logging.getLogger(__name__)

KINDS = ("auto", "text", "html", "json")

JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "name"),
    "body": ("body", "content", "text", "articleBody", "body_html", "bodyHtml", "html",
             "content_html", "content_elements"),
    "author": ("author", "byline", "authors", "creator", "writer", "author_name", "by",
               "_embedded.author"),
    "date": ("date", "published", "datePublished", "pubDate", "published_at", "publishedAt",
             "publish_date", "date_published", "created", "created_at", "dateCreated",
             "first_published_at"),
    "summary": ("summary", "description", "lead", "teaser", "excerpt", "standfirst", "intro",
                "abstract"),
    "categories": ("categories", "category", "section", "sections", "articleSection",
                   "_embedded.wp:term", "tags", "keywords"),
    "source_name": ("source", "publisher", "site_name", "siteName", "site", "outlet"),
    "source_url": ("url", "link", "canonical_url", "canonicalUrl", "permalink", "web_url",
                   "mainEntityOfPage"),
}  # fmt: skip
# Objects a CMS wraps its one article in.
_JSON_WRAPPERS = ("article", "data", "post", "story", "item", "result", "entry", "node")
_ELEMENT_HINTS = {
    "heading": "heading", "header": "heading", "subheading": "heading", "subhead": "heading",
    "h2": "heading", "h3": "heading", "h4": "heading", "quote": "quote",
    "blockquote": "quote", "pullquote": "quote", "paragraph": "paragraph", "text": "paragraph",
    "p": "paragraph",
}  # fmt: skip
_MEDIA_TYPES = frozenset(
    {"image", "photo", "picture", "video", "audio", "embed", "oembed", "gallery", "iframe",
     "ad", "advert", "advertisement", "podcast", "tweet", "social", "raw_html", "interstitial"}
)  # fmt: skip
_FALLBACK_AUTHOR = "Mwandishi Wetu"  # "our correspondent": the newsroom's word for no byline

# Block-level HTML elements: each starts a new line of text.
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul", "ol",
     "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table",
     "tr", "td", "th", "dl", "dt", "dd", "pre", "address", "form", "menu", "time", "br", "hr",
     "body", "html", "title", "iframe", "video", "audio", "picture", "button", "label"}
)  # fmt: skip
_HINT_TAGS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "blockquote": "quote", "p": "paragraph", "li": "paragraph",
}  # fmt: skip
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "head")

_QUOTE_PAIRS = {
    "\u201c": "\u201d\u201c",  # “…” and German-style closing “ after „ is listed below
    '"': '"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "'": "'",
    "\u2018": "\u2019",
    "\u201e": "\u201c\u201d",  # „…“ and „…”
    "\u201d": "\u201d",
}
_TERMINAL = ".!?\u2026"
_CLOSERS = "\"'\u201d\u2019\u00bb)"


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
class _Line:
    text: str
    hint: str | None = None  # heading / paragraph / quote, when markup says so
    gap: bool = True  # a blank line or block boundary before it
    reason: str | None = None  # furniture
    role: str | None = None  # used as title, author, date, categories or lead
    date: str | None = None  # the ISO date this line states, if it is a dateline


@dataclass
class _Meta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    summary: str | None = None
    categories: list[str] = field(default_factory=list)
    source_name: str | None = None
    source_url: str | None = None


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_NAV = _compile(rules.NAV_PATTERNS)
_READ_MORE = _compile(rules.READ_MORE_PATTERNS)
_PHOTO_LINE = _compile(rules.PHOTO_PATTERNS)
_PHOTO_MARK = re.compile(rules.PHOTO_MARK)
_PHOTO_PAREN = re.compile(rf"\s*{rules.PHOTO_PAREN}$")
_ADVERT = _compile(rules.ADVERT_PATTERNS)
_SCHEDULE = _compile(rules.SCHEDULE_PATTERNS)
_TIME_RANGE = re.compile(rules.TIME_RANGE, re.IGNORECASE)
_TIME_START = re.compile(rules.TIME_START)
_FOOTER = _compile(rules.FOOTER_PATTERNS)
_END_MARKER = re.compile(rules.END_MARKERS, re.IGNORECASE)
_BOX_START = re.compile(rules.BOX_START, re.IGNORECASE)
_CREDIT = _compile(rules.CREDIT_PATTERNS)
_TRAILING_AUTHOR = re.compile(rules.TRAILING_AUTHOR, re.IGNORECASE)
_BYLINE = re.compile(rules.BYLINE, re.IGNORECASE)
_LABEL = _compile(rules.LABEL_PATTERNS)
_TIMESTAMP = _compile(rules.TIMESTAMP_PATTERNS)
_URL_LINE = re.compile(rf"<?(?:{rules.URL_RE}|{rules.DOMAIN_RE})>?", re.IGNORECASE)
_URL_ANY = re.compile(rf"{rules.URL_RE}|\b{rules.DOMAIN_RE}", re.IGNORECASE)
_EMAIL = re.compile(rules.EMAIL_RE)
_SEPARATED = re.compile(rules.MENU_SEPARATORS)
_CATEGORY_SEPARATED = re.compile(rf"{rules.MENU_SEPARATORS}|\s*,\s*")
_AGENCY = "|".join(re.escape(a) for a in rules.AGENCIES)
_AGENCY_LIST = rf"(?:{_AGENCY})(?:\s*[,/;&]\s*(?:{_AGENCY}))*"
_AGENCY_LINE = re.compile(rf"[(\[]?\s*{_AGENCY_LIST}\s*[)\]]?", re.IGNORECASE)
_AGENCY_TAIL = re.compile(
    rf"\s*(?:\(\s*{_AGENCY_LIST}\s*\)|\[\s*{_AGENCY_LIST}\s*\]|[/,]\s*{_AGENCY_LIST})\s*$",
    re.IGNORECASE,
)
_PUBLISHERS = [(re.compile(p, re.IGNORECASE), name) for p, name in rules.PUBLISHERS]

_MONTH = "|".join(sorted(rules.MONTH_NUMBERS, key=len, reverse=True))
_DATE_FORMS = (
    # ISO, optionally with a time: 2024-06-18, 2024-06-18T10:00:00+03:00
    ("ymd", r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?"
     r"(?:Z|[+-]\d{2}:?\d{2})?)?\b"),
    ("dmy", rf"\b(\d{{1,2}})\.?\s+({_MONTH})\.?,?\s+(\d{{4}})\b"),  # 18 Juni 2024
    ("mdy", rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),  # Juni 18, 2024
    ("num", r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"),  # 18.06.2024, 18/06/2024 (day first)
)  # fmt: skip
_DATES = [(form, re.compile(p, re.IGNORECASE)) for form, p in _DATE_FORMS]
_DATE_NOISE = re.compile(rf"\b{rules.DATE_NOISE}\b|[\s,|·•:\-\u2013\u2014/()]+", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(sorted(rules.WEEKDAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# A missing space after a full stop: two word characters, the stop, a capitalised word.
_MISSING_SPACE = re.compile(
    r"(?<=\w\w[.!?])(?=[A-Z][a-z])|(?<=[.!?][\u201d\u2019\u00bb)])(?=[A-Z])"
)
# A sentence end that a caption or heading was run onto: no space, or a non-breaking one.
_RUN_IN = re.compile(
    r"[.!?\u2026][\"\u201d\u2019\u00bb)]*(\u00a0[\s\u00a0]*|[ \t]+\u00a0[\s\u00a0]*|)(?=[A-Z])"
)
_SENTENCE_END = re.compile(
    r"[.!?\u2026][\"\u201d\u2019\u00bb)]*(?=[\s\u00a0]*[A-Z\u201c\"\u00ab\u201e])"
)
_JUNCTION = re.compile(r"(?<=[a-z0-9)\]])(?=[A-Z][a-z])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HTML_TAG = re.compile(r"<(?:p|br|div|h[1-6]|blockquote|ul|ol|li|figure|span|em|strong|a)\b", re.I)
_SPEECH = re.compile("|".join(rules.SPEECH_STEMS), re.IGNORECASE)


def import_article(
    source: str | bytes, kind: str = "auto", origin: str = "<input>"
) -> ImportResult:
    """Turn a copied page, saved HTML page or CMS JSON export into article data.

    >>> page = "Wakulima walalamika\\nNa Juma Mussa\\n12 Machi 2024\\n\\n" + (
    ...     "Wakulima wa kahawa wamelalamikia bei ndogo msimu huu.\\nShiriki\\n"
    ...     "Chama chao kitawasilisha malalamiko kwa bodi wiki ijayo.\\n")
    >>> result = import_article(page)
    >>> result.article["title"], result.article["author"], result.article["date"]
    ('Wakulima walalamika', 'Juma Mussa', '2024-03-12')
    >>> result.dropped
    [Dropped(text='Shiriki', reason='share button')]
    """
    if kind not in KINDS:
        raise ArticleError(f"{origin}: unknown input kind {kind!r}; use one of {', '.join(KINDS)}")
    text = _decode(source, origin)
    if not text.strip():
        raise ArticleError(
            f"{origin}: the input is empty; give a copied web page, a saved HTML page or a "
            "CMS JSON export"
        )
    if kind == "auto":
        kind = _sniff(text, origin)
    if kind == "json":
        try:
            meta, lines = _from_json(text, origin)
        except RecursionError as exc:  # objects wrapped in objects, hundreds deep
            raise ArticleError(f"{origin}: {_json_trouble(exc)}") from None
    elif kind == "html":
        meta, lines = _from_html(text)
    else:
        meta, lines = _Meta(), _text_lines(text)
    result = _assemble(lines, meta, origin, kind)
    log.info("%s: imported as %s, %d pieces dropped", origin, kind, len(result.dropped))
    return result


# --- Input ----------------------------------------------------------------------------------


def _decode(source: str | bytes, origin: str) -> str:
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    raw = source.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _clearly_cp1252(raw):
            log.warning("%s: not UTF-8; read as Windows-1252 (Latin-1) text", origin)
            return raw.decode("cp1252")
        raise ArticleError(
            f"{origin}: not UTF-8 text (byte {exc.start}) and not clearly Windows-1252 or "
            "Latin-1 either; is it a text, HTML or JSON file? Save the page as UTF-8"
        ) from None


def _clearly_cp1252(raw: bytes) -> bool:
    """Western text misses a few accented letters and curly quotes; binary data does not."""
    if any((b < 32 and b not in (9, 10, 12, 13)) or b == 127 for b in raw):
        return False
    high = sum(b >= 128 for b in raw)
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return high <= len(raw) * 0.1


def _sniff(text: str, origin: str) -> str:
    head = text.lstrip()
    if head[:1] in ("{", "["):
        try:
            json.loads(head)
            return "json"
        except json.JSONDecodeError as exc:
            if head.startswith("{"):
                raise ArticleError(
                    f"{origin}: looks like JSON but is not valid (line {exc.lineno}: {exc.msg})"
                ) from None
        except (ValueError, RecursionError) as exc:  # 5,000-digit numbers, arrays 3,000 deep
            raise ArticleError(f"{origin}: {_json_trouble(exc)}") from None
    if re.search(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1)\b", head[:4096], re.I):
        return "html"
    return "text"


def _text_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = True
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        lines.append(_Line(stripped, gap=gap))
        gap = False
    return lines


# --- The common path: lines → article -------------------------------------------------------


def _assemble(lines: list[_Line], meta: _Meta, origin: str, kind: str) -> ImportResult:
    lines = [piece for line in lines for piece in _split_run_ins(line)]
    for line in lines:
        if line.reason is None:
            line.text = _repair(line.text)
            line.date = _dateline(line.text)
            if line.date is None:
                line.reason = _furniture(line.text)
    _mark_link_lists(lines)
    lead = next((i for i, line in enumerate(lines) if _is_lead(line)), None)
    if lead is None:
        raise ArticleError(
            f"{origin}: no article text found, only page furniture (menus, captions, links); "
            "copy the story's paragraphs too"
        )
    header, body = lines[:lead], lines[lead + 1 :]
    lines[lead].role = "lead"
    _resolve_header(header, meta)
    _mark_trailing_matter(body, meta)
    meta.date = meta.date or _first_date(body) or _first_date(lines, stamped=True)
    if meta.title is None:
        raise ArticleError(
            f"{origin}: no title found; put the headline on its own line above the first "
            "paragraph (or give the JSON a title field)"
        )
    if meta.date is None:
        raise ArticleError(
            f"{origin}: no publication date found; add a line such as '18 Juni 2024' under "
            "the headline (or a date field to the JSON), or write date: in the YAML"
        )
    _mark_body_furniture(body)
    lead_text = lines[lead].text
    blocks = _blocks([line for line in body if line.reason is None and line.role is None])
    if meta.summary and not _same(meta.summary, lead_text):
        blocks.insert(0, {"paragraph": lead_text})  # a separate teaser: the lead stays in
    summary = meta.summary or lead_text
    if not any("paragraph" in b for b in blocks):
        # A one-paragraph story: its first sentence leads, the rest is the body.
        first, *rest = sentences(lead_text)
        if not rest:
            raise ArticleError(
                f"{origin}: the story is a single sentence; an article needs a summary and "
                "at least one paragraph"
            )
        summary = first
        blocks.insert(0, {"paragraph": lead_text[len(first) :].strip()})
    notes: list[str] = []
    publisher = meta.source_name or _publisher(
        line.text for line in lines if line.reason or line.role in ("author", "categories")
    )
    author = meta.author
    if author is None:
        author = publisher or _FALLBACK_AUTHOR
        notes.append(f"no byline found; author set to {author!r}")
    article: dict[str, Any] = {"title": meta.title, "date": meta.date, "author": _unshout(author)}
    if publisher:
        article["source"] = {"name": publisher}
        if meta.source_url:
            article["source"]["url"] = meta.source_url
    if meta.categories:
        article["categories"] = [_unshout(c) for c in meta.categories]
    article["language"] = "sw"
    article["summary"] = summary
    article["body"] = blocks
    dropped = [Dropped(line.text, line.reason) for line in lines if line.reason]
    return ImportResult(article=article, dropped=dropped, notes=notes, kind=kind)


def _split_run_ins(line: _Line) -> list[_Line]:
    """Cut a caption, agency codes or a heading the page ran into a line back out of it."""
    if line.reason:
        return [line]
    text = line.text
    agencies = _AGENCY_TAIL.search(text)
    if agencies and agencies.start() > 0:
        head = text[: agencies.start()]
        if (
            _byline(head, bare=True)
            or _TRAILING_AUTHOR.fullmatch(head)
            or (head.rstrip()[-1:] in _TERMINAL + _CLOSERS and "(" in agencies.group())
        ):
            return [
                *_split_run_ins(_Line(head.strip(), line.hint, line.gap)),
                _Line(agencies.group().strip(), gap=False, reason=rules.AGENCY),
            ]
    mark = _PHOTO_MARK.search(text)
    if mark:
        before, after = text[: mark.start()], text[mark.end() :]
        pieces: list[_Line] = []
        cut = _paragraph_end(before)
        if cut:
            pieces.append(_Line(before[:cut].strip(), line.hint, line.gap))
            before = before[cut:]
        junction = next(
            (j.start() for j in _JUNCTION.finditer(after) if _words(after[j.start() :]) >= 6),
            None,
        )
        caption = (before + text[mark.start() : mark.end()] + after[:junction]).strip()
        pieces.append(_Line(caption, gap=not pieces and line.gap, reason=rules.PHOTO))
        if junction is not None:
            pieces.extend(_split_run_ins(_Line(after[junction:].strip(), line.hint, gap=False)))
        return pieces
    paren = _PHOTO_PAREN.search(text)
    if paren:
        head = text[: paren.start()]
        if _words(head) >= 20 and head.rstrip()[-1:] in _TERMINAL + _CLOSERS:
            return [
                _Line(head.strip(), line.hint, line.gap),
                _Line(paren.group().strip(), gap=False, reason=rules.PHOTO),
            ]
        return [_Line(text, gap=line.gap, reason=rules.PHOTO)]
    if line.hint in (None, "paragraph"):
        heading = _run_on_heading(text)
        if heading is not None:
            return [
                _Line(text[:heading].strip(), line.hint, line.gap),
                _Line(text[heading:].strip(), "heading", gap=False),
            ]
    return [line]


def _paragraph_end(text: str) -> int | None:
    """Where a paragraph ends and a caption run onto it begins, if the paragraph is long."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if not _abbreviation(text, m.start())]
    ends = [e for e in ends if _words(text[:e]) >= 20 and text[e:].strip()]
    return ends[-1] if ends else None


def _run_on_heading(text: str) -> int | None:
    """Where a heading run onto a paragraph's end starts ("…ya fedha.\u00a0Kim ausifu …")."""
    matches = [m for m in _RUN_IN.finditer(text) if not _abbreviation(text, m.start())]
    if not matches:
        return None
    tail = text[matches[-1].end() :]
    if (
        2 <= _words(tail) <= 12
        and not any(c in tail for c in _TERMINAL + ":;")
        and not tail.rstrip().endswith(",")
        and _words(text[: matches[-1].start()]) >= 5
    ):
        return matches[-1].end()
    return None


def _abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation ("Dkt.") or an initial ("J.")."""
    word = re.split(r"[\s\u00a0]", text[:stop])[-1].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _repair(text: str) -> str:
    """Restore the space a page lost after a full stop; the only change made to the words.

    >>> _repair("kuwachagua.Akizungumza na Dkt.Mpango kwa Sh2.5 bilioni.")
    'kuwachagua. Akizungumza na Dkt. Mpango kwa Sh2.5 bilioni.'
    """
    return _MISSING_SPACE.sub(" ", text.strip())


def _furniture(text: str) -> str | None:
    """The furniture reason for a whole line, without looking at its neighbours."""
    low = text.casefold().strip(" .:")
    words = _words(text)
    unpunctuated = text.rstrip()[-1:] not in _TERMINAL
    checks: tuple[tuple[bool, str], ...] = (
        (bool(_FOOTER.fullmatch(text)) and (words <= 25 or "©" in text), rules.FOOTER),
        (bool(_URL_LINE.fullmatch(text)), rules.URL),
        (bool(_EMAIL.search(text)) and words <= rules.CONTACT_MAX_WORDS, rules.EMAIL),
        (bool(_URL_ANY.search(text)) and words <= rules.CONTACT_MAX_WORDS, rules.URL),
        (bool(_NAV.fullmatch(text)) or low in rules.NAV_WORDS or _menu(text), rules.NAVIGATION),
        (bool(_PHOTO_LINE.fullmatch(text)), rules.PHOTO),
        (bool(_READ_MORE.fullmatch(text)), rules.READ_MORE),
        (_all_in(low, rules.SHARE_WORDS), rules.SHARE),
        (bool(_ADVERT.fullmatch(text)), rules.ADVERT),
        (_schedule(text, words, unpunctuated), rules.SCHEDULE),
        (bool(_AGENCY_LINE.fullmatch(text)), rules.AGENCY),
        (bool(_CREDIT.fullmatch(text)) and words <= 12, rules.CREDIT),
        (bool(_TIMESTAMP.fullmatch(text)) and unpunctuated, rules.TIMESTAMP),
        (bool(_LABEL.fullmatch(text)), rules.LABEL),
        (_all_in(low, rules.FOOTER_WORDS), rules.FOOTER),
        (_all_in(low, rules.NAV_WORDS), rules.NAVIGATION),
    )
    return next((reason for matched, reason in checks if matched), None)


def _menu(text: str) -> bool:
    """A menu written on one line: "Nyumbani | Habari | Michezo | Vipindi"."""
    parts = [p for p in _SEPARATED.split(text) if p.strip()]
    return len(parts) >= rules.MENU_MIN_ITEMS and all(_words(p) <= 3 for p in parts)


def _all_in(low: str, words: frozenset[str]) -> bool:
    """Whether a line is only buttons or links from `words` ("Shiriki Facebook | Twitter")."""
    if low in words:
        return True
    parts = [p for p in _SEPARATED.split(low) if p]
    if len(parts) > 1 and all(p.strip(" .:") in words for p in parts):
        return True
    tokens = low.split()
    return len(tokens) > 1 and all(t.strip(" .:,|") in words for t in tokens)


def _schedule(text: str, words: int, unpunctuated: bool) -> bool:
    if words > rules.SCHEDULE_MAX_WORDS:
        return False
    if _TIME_RANGE.search(text):
        return True
    if _TIME_START.fullmatch(text) and unpunctuated:
        return True
    return bool(_SCHEDULE.fullmatch(text)) and unpunctuated


def _mark_link_lists(lines: list[_Line]) -> None:
    """Links listed under a lead-in ("Unaweza pia kusoma:") and BBC's boxes inside a story."""
    for i, line in enumerate(lines):
        box = _BOX_START.fullmatch(line.text)
        if box:
            end = rules.BOX_END.format(box.group(1)).casefold()
            inside = lines[i + 1 : i + 1 + rules.BOX_MAX_LINES]
            close = next((j for j, x in enumerate(inside) if x.text.casefold() == end), None)
            for x in inside[: close + 1 if close is not None else 0]:
                x.reason = x.reason or rules.RELATED
        elif line.reason == rules.READ_MORE and line.text.rstrip().endswith(":"):
            for x in lines[i + 1 :]:
                if x.gap or _is_lead(x) or _words(x.text) > 15:
                    break
                x.reason = x.reason or rules.READ_MORE


def _is_lead(line: _Line) -> bool:
    """The first paragraph of the story: prose, not a heading, caption or dateline."""
    if line.reason or line.date or line.hint == "heading":
        return False
    text = line.text
    words = _words(text)
    if words >= 20:
        return True
    stops = len(re.findall(r"[.!?\u2026][\"'\u201d\u2019\u00bb)]*(?=\s|$)", text))
    ends_in_stop = re.search(r"[.\u2026][\"'\u201d\u2019\u00bb)]*$", text) is not None
    return words >= 5 and (ends_in_stop or (stops >= 2 and words >= 8))


def _mark_trailing_matter(body: list[_Line], meta: _Meta) -> None:
    """Mark the author credit after the story, and everything after a 'related' heading."""
    ended = False
    for line in body:
        if ended:
            line.reason = line.reason or rules.RELATED
        elif line.reason is None and _END_MARKER.fullmatch(line.text):
            line.reason = rules.RELATED
            ended = True
        elif (match := _TRAILING_AUTHOR.fullmatch(line.text)) and line.reason is None:
            if meta.author is None and _is_name(match.group(1)):
                meta.author, line.role = match.group(1).strip(), "author"
            else:
                line.reason = rules.CREDIT


def _resolve_header(header: list[_Line], meta: _Meta) -> None:
    """Find byline, title, date and categories among the lines above the first paragraph."""
    free = [line for line in header if line.reason is None]
    for line in free:
        if not line.date and (name := _byline(line.text)):
            meta.author = meta.author or name
            line.role = "author"
    undated = [line for line in free if line.role is None and not line.date]
    if meta.title is None and undated:
        best = max(undated, key=lambda c: (_words(c.text), -undated.index(c)))
        best.role, meta.title = "title", best.text
    elif meta.title is not None:
        for line in undated:
            if _same(line.text, meta.title):
                line.reason = rules.REPEATED
    title_at = next((i for i, line in enumerate(header) if line.role == "title"), len(header))
    # Site headers show today's date: the story's own date is the first one below its title.
    dated = [line for line in free if line.date]
    dated.sort(key=lambda line: header.index(line) < title_at)
    for line in dated:
        if line.date == (meta.date or "")[:10]:
            line.role = "date"  # the metadata's date, written on the page
    if dated and meta.date is None:
        meta.date, dated[0].role = dated[0].date, "date"
        rest = _date_rest(dated[0].text)
        if rest and meta.author is None:
            meta.author = _byline(rest, bare=True)
    for line in dated:
        if line.role is None:
            line.reason = rules.TIMESTAMP
    anchor = next((line for line in free if line.role == "date"), None)
    if meta.author is None and anchor is not None:
        at = free.index(anchor)
        for near in free[max(at - 1, 0) : at + 2]:
            if near.role is None and _is_name(near.text):
                meta.author, near.role = near.text, "author"
                break
    leftovers = [line for line in free if line.role is None and line.reason is None]
    before = [line for line in leftovers if header.index(line) < title_at]
    for line in leftovers:
        if any(_same(line.text, known) for known in meta.categories):
            line.role = "categories"  # the page's section label, already in the metadata
    if not meta.categories:
        for line in leftovers:
            listed = _category_list(line.text)
            # "Afrika | Siasa" anywhere; a bare label ("SiasaAsia", "Habari za Kitaifa") only
            # alone in its block right above the title, not at the end of a menu or a logo.
            separated = bool(_SEPARATED.search(line.text)) and len(listed) <= 3
            alone = bool(before) and line is before[-1] and _starts_block(header, line)
            if listed and (separated or alone):
                meta.categories.extend(x for x in listed if x not in meta.categories)
                line.role = "categories"
    for i, line in enumerate(header):
        if line.role is None and line.reason is None:
            following = header[i + 1] if i + 1 < len(header) else None
            if following is not None and following.reason == rules.PHOTO and not following.gap:
                line.reason = rules.ALT_TEXT
            else:
                line.reason = rules.NAVIGATION if i < title_at else rules.LABEL


def _starts_block(lines: list[_Line], line: _Line) -> bool:
    """Whether only furniture stands between `line` and the blank line above it."""
    at = lines.index(line)
    return line.gap or at == 0 or lines[at - 1].reason is not None


def _mark_body_furniture(body: list[_Line]) -> None:
    """Furniture that only its neighbours give away: alt text, menus, trailing links."""
    for i, line in enumerate(body):
        if line.reason or line.role:
            continue
        following = body[i + 1] if i + 1 < len(body) else None
        if line.date:
            line.reason = rules.TIMESTAMP
        elif (
            following is not None
            and following.reason == rules.PHOTO
            and not following.gap
            and _words(line.text) <= rules.ALT_TEXT_MAX_WORDS
            and line.text[-1] not in _TERMINAL
        ):
            line.reason = rules.ALT_TEXT
    numbered = [
        i
        for i, line in enumerate(body)
        if line.reason is None
        and line.role is None
        and re.match(r"\d+\.\s+\S", line.text)
        and line.text[-1] not in _TERMINAL
        and _words(line.text) <= 6
    ]
    for i in numbered:
        if i - 1 in numbered or i + 1 in numbered:
            body[i].reason = rules.NAVIGATION
    for line in reversed(body):
        if line.reason or line.role:
            continue
        if _words(line.text) <= 6 and line.text[-1] not in _TERMINAL + _CLOSERS:
            line.reason = rules.FOOTER
        else:
            break


def _blocks(lines: list[_Line]) -> list[dict[str, str]]:
    """Body lines → paragraph, heading and quote blocks, with quote attributions."""
    blocks: list[dict[str, str]] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        quote = _whole_quote(line.text)
        if line.hint == "heading":
            blocks.append({"heading": line.text})
        elif quote is not None or line.hint == "quote":
            blocks.append(_quote_block(quote or line.text, blocks))
        elif (
            following is not None and _heading_like(line.text) and not _heading_like(following.text)
        ):
            blocks.append({"heading": line.text})
        else:
            blocks.append({"paragraph": line.text})
    return [b for b in blocks if any(b.values())]


def _heading_like(text: str) -> bool:
    return (
        _words(text) <= 12
        and len(text) <= 100
        and text[-1] not in _TERMINAL + ":;,"
        and text[0] not in _QUOTE_PAIRS
        and (text[0].isupper() or text[0].isdigit())
    )


def _whole_quote(text: str) -> str | None:
    """The words inside quotation marks, if the quotation is the whole paragraph.

    >>> _whole_quote("\u201c Tutaendelea kupambana na rushwa. \u201d")
    'Tutaendelea kupambana na rushwa.'
    >>> _whole_quote('"Ndiyo," alisema. "Basi."') is None
    True
    """
    closers = _QUOTE_PAIRS.get(text[:1])
    if closers is None:
        return None
    body = text.rstrip(".").rstrip() if text.rstrip(".")[-1:] in closers else text
    if len(body) < 3 or body[-1] not in closers:
        return None
    inner = body[1:-1]
    if text[0] in "'\u2018":
        inner_marks = re.sub(r"(?<=\w)['\u2019](?=\w)", "", inner)  # ng'ombe is not a quote end
        if any(c in inner_marks for c in closers):
            return None
    elif any(c in inner for c in closers):
        return None
    inner = inner.strip()
    return inner if _words(inner) >= 1 else None


def _quote_block(text: str, blocks: list[dict[str, str]]) -> dict[str, str]:
    """A quote, taking its attribution from the end of the paragraph before it."""
    block = {"quote": text}
    previous = blocks[-1].get("paragraph") if blocks else None
    if previous:
        last = sentences(previous)[-1]
        if _introduces_quote(last):
            block["speaker"] = _speaker(last) or ""
            block["attribution"] = last
            rest = previous[: len(previous) - len(last)].rstrip()
            if rest:
                blocks[-1]["paragraph"] = rest
            else:
                blocks.pop()
    if not block.get("speaker"):
        block.pop("speaker", None)
    return block


def _introduces_quote(sentence: str) -> bool:
    if sentence.rstrip().endswith(":"):
        return True
    name = _speaker(sentence)
    if not name:
        return False
    ends_with_name = re.search(re.escape(name) + r"[.!]?\s*$", sentence) is not None
    return ends_with_name or bool(_SPEECH.search(sentence))


def _speaker(sentence: str) -> str | None:
    """The person a sentence names: the last run of two or more capitalised name words.

    >>> _speaker("Wasiwasi huo umegusiwa na katibu mkuu wa NATO Jens Stoltenberg.")
    'Jens Stoltenberg'
    >>> _speaker("Akizungumza jana, Waziri Mkuu Kassim Majaliwa alisema:")
    'Kassim Majaliwa'
    """
    runs: list[list[str]] = [[]]
    starts: list[str] = [""]  # the word before each run
    speaking = -1  # the run just before a speech verb ("Amina Diallo aliwaambia")
    previous = ""
    for token in sentence.split():
        word = token.strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]:;,.!?")
        named = word[:1].isupper() and not _not_a_name(word)
        if named:
            if not runs[-1]:
                starts[-1] = previous
            runs[-1].append(word)
        elif _SPEECH.search(word) and speaking < 0 and runs[-1]:
            speaking = len(runs) - 1
        if not named or token[-1:] in ",;:.!?)":
            runs.append([])  # a lower-case word, a title, an office or a comma ends a name
            starts.append("")
        previous = word.casefold()
    names: list[tuple[int, list[str]]] = []
    for i, (run, before) in enumerate(zip(runs, starts, strict=True)):
        if before in rules.LOCATIVES:
            continue  # "mjini Addis Ababa" is a place
        # "wilaya ya Pangani Salum Mbwana", "wa Twiga Stars Bakari Shime": after "ya" or "wa"
        # come the place or team the title belongs to, then the name.
        run = run[-2:] if before in rules.CONNECTORS else run
        if len(run) >= 2:
            names.append((i, run))
    if not names:
        return None
    chosen = next((run for i, run in names if i == speaking), names[-1][1])
    return " ".join(chosen[-rules.NAME_MAX_WORDS :])


def _not_a_name(word: str) -> bool:
    bare = word.rstrip(".").casefold()
    return bare in rules.NOT_NAME_WORDS or (len(word) >= 2 and word.isupper() and word.isalpha())


# --- Metadata helpers -----------------------------------------------------------------------


def _dateline(text: str) -> str | None:
    """The ISO date of a line that is a dateline ("Jumanne, 18 Juni 2024", "Na X | 18.06.2024")."""
    if _words(text) > 14:
        return None
    found = _find_date(text)
    if found is None:
        return None
    rest = _date_rest(text)
    return found[0] if not rest or _byline(rest) else None


def _date_rest(text: str) -> str:
    found = _find_date(text)
    if found is None:
        return text
    rest = text[: found[1]] + " " + text[found[2] :]
    rest = _WEEKDAY.sub(" ", rest)
    rest = _DATE_NOISE.sub(" ", rest)
    return " ".join(rest.split())


def _find_date(text: str) -> tuple[str, int, int] | None:
    """The first calendar date written in `text`: (ISO date, start, end)."""
    hits: list[tuple[int, int, date]] = []
    for form, pattern in _DATES:
        for m in pattern.finditer(text):
            if form == "ymd":
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            elif form == "dmy":
                d, mo, y = int(m[1]), rules.MONTH_NUMBERS[m[2].lower()], int(m[3])
            elif form == "mdy":
                mo, d, y = rules.MONTH_NUMBERS[m[1].lower()], int(m[2]), int(m[3])
            else:
                d, mo, y = int(m[1]), int(m[2]), int(m[3])
            try:
                hits.append((m.start(), m.end(), date(y, mo, d)))
            except ValueError:
                continue
    if not hits:
        return None
    start, end, day = min(hits)
    return day.isoformat(), start, end


def _first_date(lines: list[_Line], stamped: bool = False) -> str | None:
    """A date on its own line elsewhere (DW puts it after the story), or else a timestamp's."""
    for line in lines:
        if not stamped and line.date and line.role is None and line.reason is None:
            line.role = "date"
            return line.date
        if stamped and line.reason == rules.TIMESTAMP and (found := _find_date(line.text)):
            return found[0]
    return None


def _byline(text: str, bare: bool = False) -> str | None:
    """The author's name in a byline ("Na Juma Mussa", "Muandishi, Ambia Hirsi").

    A bare name ("Sylvia Mwehozi") counts only when `bare`: next to a date, it is a byline.
    """
    match = _BYLINE.fullmatch(text.strip())
    if match is None and not bare:
        return None
    name = _strip_agencies(match.group(1) if match else text)[0].strip(" ,|-\u2013")
    return name if _is_name(name) else None


def _strip_agencies(name: str) -> tuple[str, str]:
    """A byline without its agency codes, and the codes: ("Sylvia Mwehozi", " (AFP, Reuters)")."""
    match = _AGENCY_TAIL.search(name)
    if match is None or match.start() == 0:
        return name.strip(), ""
    return name[: match.start()].strip(), name[match.start() :]


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= rules.NAME_MAX_WORDS or any(c.isdigit() for c in text):
        return False
    if text.rstrip()[-1:] in _TERMINAL + ":;,":
        return False
    return all(w[:1].isupper() or w.lower() in rules.NAME_PARTICLES for w in words) and (
        (words[0][:1].isupper() and not _not_a_name(words[0])) or words[0].isupper()
    )


def _category_list(text: str) -> list[str]:
    """Categories from a label line: "SiasaAsia" → [Siasa, Asia]; "Habari | Kitaifa" → two."""
    if (
        _words(text) > 8
        or any(c in text for c in _TERMINAL + ":;")
        or any(c.isdigit() for c in text)
    ):
        return []
    parts = [p.strip() for p in _CATEGORY_SEPARATED.split(text) if p.strip()]
    if len(parts) == 1 and _words(text) > 4 and not _CAMEL.search(text):
        return []
    names = [piece.strip() for p in parts for piece in _CAMEL.split(p) if piece.strip()]
    return [n for n in names if n.casefold() not in rules.HOME_WORDS]


def _publisher(texts: Iterable[str]) -> str | None:
    """The publisher a page names in its furniture or header ("Nenda tovuti zaidi za DW")."""
    for text in texts:
        for pattern, name in _PUBLISHERS:
            if pattern.search(text):
                return name
    return None


def _unshout(label: str) -> str:
    """A byline or category in capitals as a name: TTS spells capitals out like acronyms.

    >>> _unshout("KALUME KAZUNGU"), _unshout("DW Kiswahili")
    ('Kalume Kazungu', 'DW Kiswahili')
    """
    return " ".join(w.capitalize() for w in label.split()) if label.isupper() else label


def _same(a: str, b: str) -> bool:
    return _squash(a).casefold() == _squash(b).casefold()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> int:
    return len(text.split())


# --- HTML -----------------------------------------------------------------------------------


def _extract(trafilatura: Any, text: str) -> str | None:
    """trafilatura's reading of the page as XML; None when it finds no story or fails."""
    try:
        xml: str | None = trafilatura.extract(
            text,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,  # old CMS pages lay the story out in a table
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
            # Only dates the page states as such: a guess from "© 2024" is worse than none.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (AssertionError, ValueError) as exc:  # htmldate asserts on some broken markup
        log.warning("trafilatura could not read the page (%r); reading every line", exc)
        return None
    return xml


def _from_html(text: str) -> tuple[_Meta, list[_Line]]:
    """A saved page: trafilatura decides which text is the story and reads the metadata; the
    page's own blocks give the lines, so a <br>-separated story keeps its paragraphs."""
    import trafilatura  # heavy (dateparser, courlan): loaded only for HTML input
    from lxml import etree

    text = _XML_UNSAFE.sub(" ", text)
    page = _html_lines(text, page=True)
    xml = _extract(trafilatura, text)
    if xml is None:  # too little text for the extractor: every line of the page is a candidate
        log.info("trafilatura found no main text; reading every line of the page")
        return _Meta(), page
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    story = _squash(" ".join(main.itertext())) if main is not None else ""
    blocks = {_squash(" ".join(el.itertext())) for el in main.iter()} if main is not None else set()
    title = _clean_title(doc.get("title"), doc.get("sitename"))
    meta = _Meta(
        # A <title> that is only the site's name is not the headline: the page lines have it.
        title=title if title and any(_same(title, line.text) for line in page) else None,
        author=_author_text(doc.get("author")),
        date=_date_value(doc.get("date")),
        categories=_categories(doc.get("categories")),
        source_name=_site_name(doc.get("sitename"), doc.get("hostname")),
        source_url=_http_url(doc.get("url")),
    )
    meta.source_name = meta.source_name or _publisher(p.text for p in page if p.reason)
    for line in page:
        flat = _squash(line.text)
        inside = flat in blocks or (_words(flat) > 3 and flat in story)
        # Bylines, datelines and the section label sit outside the story's text but are
        # metadata: the header pass uses them (or drops them with a better reason).
        about = (
            _dateline(line.text)
            or _byline(line.text)
            or any(_same(line.text, known) for known in [title or "", *meta.categories])
        )
        if not inside and not about:
            line.reason = _furniture(line.text) or line.reason or rules.OUTSIDE
    return meta, page


def _html_lines(markup: str, page: bool = False) -> list[_Line]:
    """The visible lines of HTML, each with its block's hint and its landmark's reason."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = (
            lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
            if page
            else lxml.html.fragment_fromstring(markup, create_parent="div")
        )
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("|".join(f"//{t}" for t in _SKIP_TAGS)):
        bad.drop_tree()
    pieces: list[tuple[str, str | None, str | None]] = []
    stack: list[tuple[str | None, str | None]] = [(None, None)]
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        block = tag in _BLOCK_TAGS
        if event == "start":
            reason, hint = stack[-1]
            reason = reason or _landmark(el)
            hint = _HINT_TAGS.get(tag, hint)
            stack.append((reason, hint))
            if block:
                pieces.append(("\n", None, None))
            if el.text:
                pieces.append((el.text, reason, hint))
        else:
            stack.pop()
            if block:
                pieces.append(("\n", None, None))
            if el.tail:
                pieces.append((el.tail, *stack[-1]))
    lines: list[_Line] = []
    current: list[str] = []
    reason = hint = None
    for text, r, h in [*pieces, ("\n", None, None)]:
        if text == "\n":
            joined = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(current)).strip()
            if joined:
                lines.append(_Line(joined, hint, reason=reason))
            current, reason, hint = [], None, None
            continue
        current.append(text)
        if text.strip():
            reason = reason or r
            hint = hint or h
    return lines


def _landmark(el: Any) -> str | None:
    tag = el.tag.lower()
    if tag == "header" and el.xpath("ancestor::article or ancestor::main"):
        return None  # the story's own header: title and byline
    if tag in rules.HTML_LANDMARKS:
        return rules.HTML_LANDMARKS[tag]
    names = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
    if "navigation" in names:
        return rules.NAVIGATION
    return next((reason for hint, reason in rules.HTML_CLASS_HINTS if hint in names), None)


def _clean_title(title: str | None, site: str | None) -> str | None:
    """A page title without the site name tacked on ("Habari … | Mwananchi")."""
    if not title:
        return None
    parts = re.split(r"\s+[|\-\u2013\u2014]\s+", title)
    if len(parts) > 1 and _words(parts[-1]) <= 4:
        tail = parts[-1].casefold()
        known = [site or ""] + [name for _, name in rules.PUBLISHERS]
        if any(k and (k.casefold() in tail or tail in k.casefold()) for k in known):
            return " - ".join(parts[:-1]).strip()
    return title.strip()


def _site_name(site: str | None, host: str | None) -> str | None:
    for text in (site, host):
        if text:
            for pattern, name in _PUBLISHERS:
                if pattern.search(text):
                    return name
    return site.strip() if site else None


def _http_url(url: str | None) -> str | None:
    return url.strip() if url and url.strip().startswith(("http://", "https://")) else None


# --- JSON -----------------------------------------------------------------------------------


def _json_trouble(exc: ValueError | RecursionError) -> str:
    if isinstance(exc, RecursionError):
        return "the JSON is nested too deeply to be an article"
    return f"the JSON holds a value Python cannot read ({str(exc).split(':')[0]})"


def _from_json(text: str, origin: str) -> tuple[_Meta, list[_Line]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{origin}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise ArticleError(f"{origin}: {_json_trouble(exc)}") from None
    item = _unwrap(data, origin)
    summary = _pick(item, "summary", _plain)
    if summary and re.search(r"\[\s*(\.\.\.|\u2026)\s*\]\s*$", summary):
        summary = None  # an excerpt the CMS cut short: the lead paragraph says it whole
    source = _pick(item, "source_name")
    meta = _Meta(
        title=_pick(item, "title", _plain),
        author=_pick(item, "author", _author_text),
        date=_pick(item, "date", _date_value),
        summary=summary,
        categories=_pick(item, "categories", _categories) or [],
        source_name=_plain(source.get("name") if isinstance(source, dict) else source),
        source_url=_pick(item, "source_url", lambda v: _http_url(_plain(v))),
    )
    if isinstance(source, dict) and not meta.source_url:
        meta.source_url = _http_url(_plain(source.get("url")))
    lines = _pick(item, "body", _body_lines)
    if not lines:
        keys = ", ".join(JSON_FIELDS["body"][:4])
        raise ArticleError(f"{origin}: no article text found; the JSON has none of {keys}")
    return meta, lines


def _unwrap(data: Any, origin: str) -> dict[str, Any]:
    """The one article object inside a CMS export (a list of one, a wrapper, JSON-LD @graph)."""
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        graph = [n for n in data["@graph"] if isinstance(n, dict)]
        data = [n for n in graph if "Article" in str(n.get("@type", ""))] or data
    if isinstance(data, list):
        objects = [d for d in data if isinstance(d, dict)]
        if len(objects) != 1:
            raise ArticleError(
                f"{origin}: the JSON holds {len(objects)} articles; export one article per file"
            )
        data = objects[0]
    if not isinstance(data, dict):
        raise ArticleError(f"{origin}: the JSON is not an article object with title and body")
    if _pick(data, "title") is None:
        for key in _JSON_WRAPPERS:
            inner = _pick_key(data, key)
            if isinstance(inner, (dict, list)):
                return _unwrap(inner, origin)
    return data


def _pick(item: dict[str, Any], name: str, convert: Callable[[Any], Any] = bool) -> Any:
    """The first value among the CMS keys mapped to a field that `convert` can use.

    A key whose value is unusable (WordPress's numeric author id) gives way to the next.
    """
    for key in JSON_FIELDS[name]:
        value: Any = item
        for part in key.split("."):
            value = _pick_key(value, part) if isinstance(value, dict) else None
        if value in (None, "", [], {}):
            continue
        converted = convert(value)
        if converted:
            return value if convert is bool else converted
    return None


def _pick_key(item: dict[str, Any], key: str) -> Any:
    wanted = re.sub(r"[_\-]", "", key).casefold()
    return next((v for k, v in item.items() if re.sub(r"[_\-]", "", k).casefold() == wanted), None)


def _plain(value: Any) -> str | None:
    """Text of a metadata value: tags and entities removed, whitespace collapsed."""
    if isinstance(value, dict):
        value = next(
            (value[k] for k in ("rendered", "name", "title", "text", "value", "label", "@id")
             if isinstance(value.get(k), str)),
            None,
        )  # fmt: skip
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = " ".join(line.text for line in _html_lines(value))
    value = " ".join(html.unescape(value).split())
    return value or None


def _author_text(value: Any) -> str | None:
    """One byline from an author value: "A", ["A", "B"] → "A na B", "A; B" → "A na B"."""
    if isinstance(value, str):
        value = [v for v in re.split(r"\s*;\s*", value) if v]
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        text = _plain(item)
        if text:
            match = _BYLINE.fullmatch(text)
            names.append(_strip_agencies(match.group(1) if match else text)[0])
    names = [n for n in dict.fromkeys(names) if n]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " na " + names[-1]


def _categories(value: Any) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"\s*[;,|]\s*", value)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    flat: list[Any] = []
    for item in value:
        flat.extend(item if isinstance(item, list) else [item])
    names = []
    for item in flat:
        if isinstance(item, dict) and item.get("taxonomy") not in (None, "category"):
            continue  # WordPress terms: tags sit next to categories
        text = _plain(item)
        if text and text not in names:
            names.append(text)
    return names


def _date_value(value: Any) -> str | None:
    """An ISO date (and time, when the source gives one) from a metadata value."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # JavaScript timestamps are in ms
        try:
            return datetime.fromtimestamp(seconds, EAST_AFRICA).isoformat(timespec="seconds")
        except (ValueError, OverflowError, OSError):  # NaN, or a year past 9999: no date
            return None
    text = _plain(value)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = _find_date(text)
    return found[0] if found else None


def _body_lines(body: Any) -> list[_Line]:
    """A CMS body (HTML, plain text or a list of typed elements) as lines."""
    if isinstance(body, dict):
        body = _plain_or_html(body)
    if isinstance(body, str):
        return _html_lines(body) if _HTML_TAG.search(body) else _text_lines(html.unescape(body))
    if not isinstance(body, list):
        return []
    lines: list[_Line] = []
    for element in body:
        if isinstance(element, str):
            lines.extend(_body_lines(element))
            continue
        if not isinstance(element, dict):
            continue
        kind = str(element.get("type", "")).casefold()
        text = _plain_or_html(element)
        if kind in _MEDIA_TYPES:
            caption = _plain(element.get("caption") or element.get("alt") or text)
            lines.append(_Line(caption or kind, reason=rules.MEDIA))
            continue
        if text:
            for line in _body_lines(text):
                line.hint = _ELEMENT_HINTS.get(kind, line.hint)
                lines.append(line)
    return lines


def _plain_or_html(value: dict[str, Any]) -> str | None:
    for key in ("rendered", "content", "text", "html", "value", "body"):
        if isinstance(value.get(key), str):
            return str(value[key])
    return None


# --- YAML -----------------------------------------------------------------------------------


class _Flow(list[str]):
    """A list written on one line, as the sample writes categories: [Siasa, Asia]."""


class _FlowMap(dict[str, str]):
    """A mapping written on one line, as the sample writes source: {name: DW Kiswahili}."""


class _Timestamp(str):
    """An ISO date written unquoted, so YAML reads it back as a date."""


class _Dumper(yaml.SafeDumper):
    pass


def _flow_list(dumper: yaml.SafeDumper, value: list[str]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _flow_map(dumper: yaml.SafeDumper, value: dict[str, str]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _timestamp(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(value))


_Dumper.add_representer(_Flow, _flow_list)
_Dumper.add_representer(_FlowMap, _flow_map)
_Dumper.add_representer(_Timestamp, _timestamp)

# YAML's own timestamp forms: only these may be written unquoted and read back as dates.
_YAML_TIMESTAMP = re.compile(
    r"\d{4}-\d\d-\d\d|\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?"
)
_ORDER = ("title", "slug", "date", "author", "source", "categories", "language", "summary", "body")


def to_yaml(
    article: dict[str, Any], *, origin: str | None = None, notes: Sequence[str] = ()
) -> str:
    """The article as a producer-friendly article.yaml, with a header asking for a review.

    >>> print(to_yaml({"title": "Habari", "date": "2024-06-18", "author": "Juma Mussa",
    ...     "categories": ["Siasa"], "summary": "Muhtasari.", "body": [{"paragraph": "Aya."}]}))
    # Imported by audiocast: review before building (title, byline, date, headings, quotes).
    # The journalist's words are unchanged; page furniture was dropped.
    title: Habari
    date: 2024-06-18
    author: Juma Mussa
    categories: [Siasa]
    summary: Muhtasari.
    body:
    - paragraph: Aya.
    <BLANKLINE>
    """
    data: dict[str, Any] = {}
    for key in sorted(article, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER)):
        value = article[key]
        if key == "date" and isinstance(value, str) and _YAML_TIMESTAMP.fullmatch(value):
            value = _Timestamp(value)
        elif key == "categories" and isinstance(value, list):
            value = _Flow(value)
        elif key == "source" and isinstance(value, dict):
            value = _FlowMap(value)
        data[key] = value
    where = f" from {origin}" if origin else ""
    header = [
        f"# Imported by audiocast{where}: review before building (title, byline, date, "
        "headings, quotes).",
        "# The journalist's words are unchanged; page furniture was dropped.",
        *(f"# Check: {note}" for note in notes),
    ]
    dumped = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
        default_flow_style=False,
    )  # fmt: skip
    return "\n".join(header) + "\n" + dumped
