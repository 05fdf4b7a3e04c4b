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
- a line of more than a few paragraphs (a dataset's title line plus the whole story on one
  line, a scrape that lost its full stops) is cut into paragraphs at its double spaces, its
  sentence ends or, without full stops, before a capitalised word that starts a sentence
  (not one that continues a name: "alisema Rais Samia", "mkoani Dar es Salaam");
- a browser title bar ("Headline | Section | Site | date") gives only its headline, and only
  when the page has no headline line of its own; its section, site and date fill categories,
  `source.name` and date when the page names none;
- a short line without final punctuation between paragraphs is a heading, as is one the page
  ran onto the end of a paragraph after a non-breaking space or with no space at all;
- a paragraph that is wholly one quotation becomes a quote block; the sentence before it that
  names the speaker moves into `attribution`, and the name into `speaker`;
- furniture (menus, captions, links, buttons, schedules, footers, agency codes, credits,
  broadcasters' "listen to us" blocks, contact paragraphs, short captions in German or
  English, bulleted link lists) is listed in `ImportResult.dropped` with the reason, for
  `audiocast import --explain`; a bulleted sentence of the story stays, without its bullet.

A saved HTML page goes through trafilatura, which decides which text is the story and reads the
page's metadata (title, author, date, section, site); the page's own blocks (<p>, <h2>, <br>,
<blockquote>) then give the lines, and the same rules as for copied text apply. Text outside
the story is dropped with the reason its landmark gives (<nav>, <footer>, a "share" widget …).

JSON exports are read through this mapping (keys compared without case, "_" or "-"; the first
key present wins; a dotted key looks inside an object, as in WordPress's `_embedded`):

| article field  | CMS keys                                                                   |
|----------------|----------------------------------------------------------------------------|
| title          | title, headline, heading, headlines.basic (Arc), name                      |
| body           | body, content, text, articleBody, body_html, html, content_elements        |
| author         | author, byline, authors, creator, writer, author_name, _embedded.author,   |
|                | credits.by (Arc)                                                           |
| date           | date, published, datePublished, pubDate, published_at, publish_date,       |
|                | date_published, created, created_at, dateCreated, first_published_at,      |
|                | display_date, first_publish_date (Arc)                                     |
| summary        | summary, description, lead, teaser, excerpt, standfirst, intro, abstract   |
| categories     | categories, category, section, sections, articleSection,                   |
|                | _embedded.wp:term (WordPress terms of the category taxonomy),              |
|                | taxonomy.primary_section, taxonomy.sections (Arc), tags, keywords          |
| source.name    | source, publisher, site_name, siteName, site, outlet                       |
| source.url     | url, link, canonical_url, permalink, web_url, mainEntityOfPage, website_url|

A value may be text, HTML (tags are read as blocks), `{"rendered": …}` (WordPress),
`{"name": …}` (authors, terms), a list of those, or for the body a list of elements with a
`type` (paragraph, heading, quote, image …).
"""

from __future__ import annotations

import datetime
import logging
import unicodedata
from dataclasses import replace

from ..errors import ArticleError
from .model import Dropped, ImportResult, Line, Meta
from .read_html import from_html
from .read_json import JSON_FIELDS, from_json
from .reading import KINDS, decode, json_trouble, sniff, text_lines
from .structure import assemble
from .writing import to_yaml

__all__ = ["JSON_FIELDS", "KINDS", "Dropped", "ImportResult", "import_article", "to_yaml"]

log = logging.getLogger(__name__)


def _visible(lines: list[Line]) -> list[Line]:
    """The lines that show something: a line of zero-width spaces is a blank line.

    >>> [line.text for line in _visible([Line("\u200b\u200b"), Line("Habari")])]
    ['Habari']
    """
    kept: list[Line] = []
    gap = False
    for line in lines:
        if not any(unicodedata.category(char)[0] in "LNPS" for char in line.text):
            gap = True
            continue
        kept.append(replace(line, gap=True) if gap else line)
        gap = False
    return kept


def import_article(
    source: str | bytes,
    kind: str = "auto",
    origin: str = "<input>",
    *,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> ImportResult:
    """Turn a copied page, saved HTML page or CMS JSON export into article data.

    `date` (from --date) is the article's date whatever the page says. A page that states no
    date gets `today` (default: today in East Africa), marked `date_assumed` with a note.

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
    text = decode(source, origin)
    if not text.strip():
        raise ArticleError(
            f"{origin}: the input is empty; give a copied web page, a saved HTML page or a "
            "CMS JSON export"
        )
    if kind == "auto":
        kind = sniff(text, origin)
    if kind == "json":
        try:
            meta, lines = from_json(text, origin)
        except RecursionError as exc:  # objects wrapped in objects, hundreds deep
            raise ArticleError(f"{origin}: {json_trouble(exc)}") from None
    elif kind == "html":
        meta, lines = from_html(text)
    else:
        meta, lines = Meta(), text_lines(text)
    result = assemble(_visible(lines), meta, origin, kind, date=date, today=today)
    log.info("%s: imported as %s, %d pieces dropped", origin, kind, len(result.dropped))
    return result
