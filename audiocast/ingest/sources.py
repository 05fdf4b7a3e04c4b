"""What a source is (RSS 2.0, Atom, JSON Feed, a WordPress REST posts list) and its items.

The kind is read from the answer itself, never from the Content-Type a server may get wrong:
JSON with a jsonfeed.org `version` is a JSON Feed, a JSON list of posts with `title.rendered`
is WordPress's /wp-json/wp/v2/posts, XML that feedparser reads as rss* or atom* is a feed.
An HTML page, a 404 page or broken XML is refused with one line saying what it is.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

import feedparser

from ..config import SourceSettings
from ..errors import SourceError

KIND_NAMES = {"rss": "RSS 2.0", "atom": "Atom", "jsonfeed": "JSON Feed",
              "wordpress": "WordPress REST API"}  # fmt: skip
# An item carries the story when its text has paragraphs, or is long; else it is a teaser
# (an RSS description, a WordPress excerpt) and the story's page is fetched and imported.
SHORT_TEXT = 600
_BLOCK = re.compile(r"<(?:p|br|h[2-6]|li|blockquote)\b", re.I)
_HTML_PAGE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
# feedparser's notes that do not mean the XML is broken.
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True)
class Item:
    """One story of a source, as the importer will be given it."""

    identity: str  # the GUID (or id), else the link: what makes a corrected story the same
    title: str
    link: str | None
    html: str | None  # the full text, when the source carries it
    summary: str | None = None
    author: str | None = None
    date: str | None = None
    categories: tuple[str, ...] = ()
    # The object the importer reads (importer/read_json.py maps its keys).
    record: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def digest(self) -> str:
        """SHA-256 of everything the episode is made from: a changed digest is a correction."""
        blob = json.dumps(self.record, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    @property
    def full_text(self) -> bool:
        text = str(self.record.get("content") or "")  # the full text, else the summary
        length = len(_TAG.sub("", text).strip())
        return length >= SHORT_TEXT or (length >= 150 and len(_BLOCK.findall(text)) >= 2)


@dataclass(frozen=True)
class Feed:
    kind: str
    items: list[Item]
    name: str | None = None  # the newsroom's name, as the feed gives it

    def describe(self) -> str:
        """ "RSS 2.0, 12 items, with full text" """
        count = f"{len(self.items)} item{'' if len(self.items) == 1 else 's'}"
        full = sum(item.full_text for item in self.items)
        if not self.items:
            text = "none to import yet"
        elif full == len(self.items):
            text = "with full text"
        elif full:
            text = f"{full} with full text, the others' pages will be fetched"
        else:
            text = "with summaries only: each story's page will be fetched"
        return f"{KIND_NAMES[self.kind]}, {count}, {text}"


def read_feed(url: str, body: bytes, declared: str | None = None) -> Feed:
    """The source's kind and items; SourceError when `body` is no feed audiocast reads."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise SourceError(f"{url}: the source answered nothing; is the address right?")
    if head[:1] in (b"{", b"["):
        feed = _read_json(url, head)
    elif _HTML_PAGE.match(head):
        raise SourceError(
            f"{url}: is a web page (HTML), not a feed; give the address of the site's RSS, "
            "Atom or JSON feed, or its /wp-json/wp/v2/posts"
        )
    else:
        feed = _read_xml(url, body)
    if declared and declared != feed.kind:
        raise SourceError(
            f"{url}: audiocast.toml says kind = {declared!r} but the source is "
            f"{KIND_NAMES[feed.kind]}; correct or remove the kind"
        )
    return feed


def wanted(item: Item, source: SourceSettings) -> bool:
    """Whether the source's filters let the item through: any of its categories, and the
    title pattern."""
    if source.categories:
        mine = {c.casefold() for c in item.categories}
        if not mine & {c.casefold() for c in source.categories}:
            return False
    return not source.title_pattern or bool(re.search(source.title_pattern, item.title))


def _read_xml(url: str, body: bytes) -> Feed:
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    version = str(parsed.get("version") or "")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, _BENIGN):
        where = getattr(problem, "getLineNumber", lambda: None)()
        at = f" at line {where}" if where else ""
        raise SourceError(f"{url}: the feed is not well-formed XML{at} ({problem}); tell the "
                          "site's web team")  # fmt: skip
    if version.startswith("rss"):
        kind = "rss"
    elif version.startswith("atom"):
        kind = "atom"
    else:
        raise SourceError(f"{url}: is not an RSS, Atom or JSON feed")
    items = [_xml_item(entry) for entry in parsed.entries if _has_identity(entry)]
    return Feed(kind, items, parsed.feed.get("title") or None)


def _has_identity(entry: Any) -> bool:
    return bool(entry.get("id") or entry.get("link"))


def _xml_item(entry: Any) -> Item:
    contents = [c.get("value", "") for c in entry.get("content") or () if c.get("value")]
    html = max(contents, key=len) if contents else None
    summary = entry.get("summary") or None
    if html and summary and html.strip() == summary.strip():
        summary = None  # Atom's <content> alone is also given as the summary
    categories = tuple(t["term"] for t in entry.get("tags") or () if t.get("term"))
    return _item(
        identity=entry.get("id") or entry.get("link"),
        title=entry.get("title") or "",
        link=entry.get("link"),
        html=html,
        summary=summary,
        author=entry.get("author"),
        date=entry.get("published") or entry.get("updated"),
        categories=categories,
    )


def _read_json(url: str, head: bytes) -> Feed:
    try:
        data = json.loads(head)
    except (ValueError, RecursionError) as exc:
        message = f"{url}: the JSON is malformed ({exc}); tell the site's web team"
        raise SourceError(message) from None
    if isinstance(data, dict) and str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        items = data.get("items")
        if not isinstance(items, list):
            raise SourceError(f"{url}: a JSON Feed without an items list")
        name = str(data.get("title") or "") or None
        return Feed("jsonfeed", [_json_feed_item(i) for i in items if _json_identity(i)], name)
    posts = isinstance(data, list) and (bool(data) or "/wp-json/" in url)  # [] elsewhere: ?
    if posts and all(isinstance(p, dict) and isinstance(p.get("title"), dict) for p in data):
        return Feed("wordpress", [_wordpress_item(p) for p in data if _json_identity(p)])
    raise SourceError(
        f"{url}: is JSON but neither a JSON Feed nor a WordPress posts list (/wp-json/wp/v2/posts)"
    )


def _json_identity(item: Any) -> bool:
    return isinstance(item, dict) and bool(item.get("id") or item.get("url") or item.get("link"))


def _json_feed_item(item: dict[str, Any]) -> Item:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
    html = item.get("content_html") or _paragraphs(item.get("content_text"))
    return _item(
        identity=str(item.get("id") or item.get("url")),
        title=str(item.get("title") or ""),
        link=item.get("url"),
        html=html,
        summary=item.get("summary"),
        author=", ".join(names) or None,
        date=item.get("date_published") or item.get("date_modified"),
        categories=tuple(str(t) for t in item.get("tags") or ()),
    )


def _wordpress_item(post: dict[str, Any]) -> Item:
    def rendered(value: Any) -> str | None:
        text = value.get("rendered") if isinstance(value, dict) else value
        return str(text) if text else None

    terms = (post.get("_embedded") or {}).get("wp:term") or []
    categories = tuple(
        str(term["name"])
        for group in terms
        if isinstance(group, list)
        for term in group
        if isinstance(term, dict) and term.get("taxonomy") == "category" and term.get("name")
    )
    writers = (post.get("_embedded") or {}).get("author") or []
    names = [str(w["name"]) for w in writers if isinstance(w, dict) and w.get("name")]
    guid = rendered(post.get("guid"))
    return _item(
        identity=guid or str(post.get("id") or post.get("link")),
        title=_TAG.sub("", rendered(post.get("title")) or ""),
        link=post.get("link"),
        html=rendered(post.get("content")),
        summary=rendered(post.get("excerpt")),
        author=", ".join(names) or None,
        date=post.get("date") or post.get("date_gmt"),  # the newsroom's own time
        categories=categories,
    )


def _paragraphs(text: Any) -> str | None:
    """A JSON Feed's content_text as paragraphs (blank lines separate them)."""
    if not isinstance(text, str) or not text.strip():
        return None
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(part)}</p>" for part in parts)


def _item(**fields: Any) -> Item:
    """An item and the CMS record the importer reads (keys of importer/read_json.py)."""
    record = {
        "title": fields["title"],
        "content": fields["html"] or fields["summary"] or "",
        "author": fields["author"],
        "date": fields["date"],
        "categories": list(fields["categories"]),
        "link": fields["link"],
    }
    return Item(**fields, record={k: v for k, v in record.items() if v})
