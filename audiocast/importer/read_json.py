"""CMS and news-dataset JSON exports: fields mapped to the article's, the body as lines."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

from ..errors import ArticleError
from . import rules
from .markup import html_lines
from .model import Line, Meta
from .names import publisher_named
from .reading import json_trouble, text_lines
from .titlebar import apply_title_bar
from .values import author_value, category_values, date_value, http_url, plain_text

JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "headlines.basic", "name"),
    "body": ("body", "content", "text", "articleBody", "body_html", "bodyHtml", "html",
             "content_html", "content_elements"),
    "author": ("author", "byline", "authors", "creator", "writer", "author_name", "by",
               "_embedded.author", "credits.by"),
    "date": ("date", "published", "datePublished", "pubDate", "published_at", "publishedAt",
             "publish_date", "date_published", "created", "created_at", "dateCreated",
             "first_published_at", "display_date", "first_publish_date"),
    "summary": ("summary", "description", "lead", "teaser", "excerpt", "standfirst", "intro",
                "abstract"),
    "categories": ("categories", "category", "section", "sections", "articleSection",
                   "_embedded.wp:term", "taxonomy.primary_section", "taxonomy.sections", "tags",
                   "keywords"),
    "source_name": ("source", "publisher", "site_name", "siteName", "site", "outlet"),
    "source_url": ("url", "link", "canonical_url", "canonicalUrl", "permalink", "web_url",
                   "mainEntityOfPage", "website_url"),
}  # fmt: skip


# Objects a CMS wraps its one article in.
_DOMAIN = re.compile(rf"(?:www\.)?{rules.DOMAIN_RE}", re.IGNORECASE)

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

_HTML_TAG = re.compile(r"<(?:p|br|div|h[1-6]|blockquote|ul|ol|li|figure|span|em|strong|a)\b", re.I)


def from_json(text: str, origin: str) -> tuple[Meta, list[Line]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{origin}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise ArticleError(f"{origin}: {json_trouble(exc)}") from None
    item = _unwrap(data, origin)
    summary = _pick(item, "summary", plain_text)
    if summary and re.search(r"\[\s*(\.\.\.|\u2026)\s*\]\s*$", summary):
        summary = None  # an excerpt the CMS cut short: the lead paragraph says it whole
    source = _pick(item, "source_name")
    meta = Meta(
        title=_pick(item, "title", plain_text),
        author=_pick(item, "author", author_value),
        date=_pick(item, "date", date_value),
        summary=summary,
        categories=_pick(item, "categories", category_values) or [],
        source_name=plain_text(source.get("name") if isinstance(source, dict) else source),
        source_url=_pick(item, "source_url", lambda v: http_url(plain_text(v))),
    )
    apply_title_bar(meta)
    if isinstance(source, dict) and not meta.source_url:
        meta.source_url = http_url(plain_text(source.get("url")))
    # A dataset record names its publisher only by the address it was scraped from.
    meta.source_name = meta.source_name or publisher_named([meta.source_url or ""])
    if meta.source_name and _DOMAIN.fullmatch(meta.source_name):
        # A "site" field gives the domain ("thecitizen.co.tz"): the listener hears the name.
        meta.source_name = publisher_named([meta.source_name]) or meta.source_name
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


def _body_lines(body: Any) -> list[Line]:
    """A CMS body (HTML, plain text or a list of typed elements) as lines."""
    if isinstance(body, dict):
        body = _plain_or_html(body)
    if isinstance(body, str):
        return html_lines(body) if _HTML_TAG.search(body) else text_lines(html.unescape(body))
    if not isinstance(body, list):
        return []
    lines: list[Line] = []
    for element in body:
        if isinstance(element, str):
            lines.extend(_body_lines(element))
            continue
        if not isinstance(element, dict):
            continue
        kind = str(element.get("type", "")).casefold()
        text = _plain_or_html(element)
        if kind in _MEDIA_TYPES:
            caption = plain_text(element.get("caption") or element.get("alt") or text)
            lines.append(Line(caption or kind, reason=rules.MEDIA))
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
