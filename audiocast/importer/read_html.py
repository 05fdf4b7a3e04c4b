"""A saved HTML page: trafilatura picks the story and its metadata; the page gives the lines."""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from . import rules
from .dates import dateline_date, find_date
from .furniture import furniture_reason
from .markup import html_lines
from .model import Line, Meta, same_text, squash, word_count
from .names import PUBLISHERS, byline_name, publisher_named
from .titlebar import apply_title_bar, title_bar
from .values import author_value, category_values, date_value, http_url

log = logging.getLogger(__name__)


_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)

# Characters lxml refuses ("All strings must be XML compatible"); never a page's text.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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


def from_html(text: str) -> tuple[Meta, list[Line]]:
    """A saved page: trafilatura decides which text is the story and reads the metadata; the
    page's own blocks give the lines, so a <br>-separated story keeps its paragraphs."""
    import trafilatura  # heavy (dateparser, courlan): loaded only for HTML input
    from lxml import etree

    text = _XML_UNSAFE.sub(" ", text)
    page = html_lines(text, page=True)
    xml = _extract(trafilatura, text)
    if xml is None:  # too little text for the extractor: every line of the page is a candidate
        log.info("trafilatura found no main text; reading every line of the page")
        return Meta(), page
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    story = squash(" ".join(main.itertext())) if main is not None else ""
    blocks = {squash(" ".join(el.itertext())) for el in main.iter()} if main is not None else set()
    site = doc.get("sitename")
    # trafilatura cuts the <title> itself and may take its date as the site's name: the bar
    # read whole gives the section, the site and the date their places.
    tag = _TITLE_TAG.search(text)
    raw_title = squash(html.unescape(tag.group(1))) if tag else ""
    bar = title_bar(raw_title, site) if raw_title else None
    if bar is not None and site and find_date(site):
        site = None
    meta = Meta(
        title=(doc.get("title") or "").strip() or None,
        author=author_value(doc.get("author")),
        date=date_value(doc.get("date")) or (bar.date if bar else None),
        categories=category_values(doc.get("categories")),
        source_name=_site_name(site, doc.get("hostname")) or (bar.publisher if bar else None),
        source_url=http_url(doc.get("url")),
        sections=list(bar.sections) if bar else [],
    )
    if bar is not None and (meta.title is None or same_text(meta.title, raw_title)):
        meta.title = bar.headline
    apply_title_bar(meta, site)  # an og:title that is a title bar too
    title = meta.title
    if title and not any(same_text(title, line.text) for line in page):
        meta.title = None  # only the site's name, or not the headline: the page lines have it
    meta.source_name = meta.source_name or publisher_named(p.text for p in page if p.reason)
    # The byline as the page prints it beats the extractor's, which runs a BBC byline list
    # into one ("Muandishi; Claudine Uwase Nafasi; BBC News Swahili; Kigali").
    meta.author = next((n for p in page if (n := byline_name(p.text))), None) or meta.author
    for line in page:
        flat = squash(line.text)
        inside = flat in blocks or (word_count(flat) > 3 and flat in story)
        # Bylines, datelines and the section label sit outside the story's text but are
        # metadata: the header pass uses them (or drops them with a better reason).
        about = (
            dateline_date(line.text)
            or byline_name(line.text)
            or any(same_text(line.text, known) for known in [title or "", *meta.categories])
        )
        if not inside and not about:
            line.reason = furniture_reason(line.text) or line.reason or rules.OUTSIDE
    return meta, page


def _site_name(site: str | None, host: str | None) -> str | None:
    for text in (site, host):
        if text:
            for pattern, name in PUBLISHERS:
                if pattern.search(text):
                    return name
    return site.strip() if site else None
