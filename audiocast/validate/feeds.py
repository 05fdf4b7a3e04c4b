"""Checks of the feeds: each feeds/<profile>.xml against Apple's and Podcasting 2.0's rules,
the episode records and the files on disk.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ..cover import check_cover
from ..episode import EpisodeRecord
from ..errors import AudiocastError
from ..feed import (
    IMAGE_SUFFIXES,
    ITUNES_NS,
    MAX_DESCRIPTION_BYTES,
    TRANSCRIPT_TYPES,
    alternate_bitrate,
    alternate_profiles,
    build_feed,
    clean_text,
    episode_url,
    feed_url,
    item_description,
    page_url,
)
from ..media import format_of, media_format
from ..podcast_ns import PODCAST_NS, podcast_guid, sri_sha256
from ..public import is_public
from .base import BUILD_FIX, FEED_FIX, _rebuild_fix
from .media import _sha256
from .records import RecordChecks

Element = Any  # lxml ships no type hints

LANGUAGES = ("sw", "sw-TZ", "sw-KE")
CHAPTERS_TYPE = "application/json+chapters"
DURATION_TOLERANCE = 2.0  # seconds between itunes:duration and what the file plays
_NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS}

# Apple Podcasts' categories and their subcategories (Podcasts Connect, since 2019).
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Softball", "Swimming", "Tennis", "Volleyball",
        "Wilderness", "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip

COVER_FIX = (
    "use a square RGB JPEG or PNG of 1400-3000 px under 512 KB named after its type "
    "([show] cover in audiocast.toml), then run `audiocast feed`"
)


def _settings_fix(key: str) -> str:
    return f"set [show] {key} in audiocast.toml, then run `audiocast feed`"


class FeedChecks(RecordChecks):
    """Each feed, its channel and its items, against the records and files they name."""

    # Feeds: feeds/<profile>.xml against its profile, the records and the files on disk.

    def feed(self, profile: str) -> None:
        name = f"{profile}.xml"
        path = self.show.feeds_dir / name
        where = f"feeds/{name}"
        if not path.is_file():
            fix = FEED_FIX if self.records else BUILD_FIX
            self.error(where, "missing: podcast apps have nothing to subscribe to", fix)
            return
        with self.guard(where, FEED_FIX):
            root = self.parse_feed(path.read_bytes(), where)
            channel = root.find("channel") if root is not None else None
            if root is None or root.tag != "rss" or root.get("version") != "2.0" or channel is None:
                if root is not None:
                    self.error(f"{where}: rss", "not an RSS 2.0 feed with a channel", FEED_FIX)
                return
            unread = frozenset(self.namespaces(root, where))
            self.channel(channel, _Feed(name, profile, self.expected_guid(profile), unread))

    def expected_guid(self, profile: str) -> str:
        pinned = self.show.settings.show.podcast_guid
        # Only the podcast feed is pinned; the others derive theirs, as feed.py writes them.
        if profile == "podcast" and pinned:
            return pinned
        return podcast_guid(feed_url(self.show.settings, profile))

    def parse_feed(self, data: bytes, where: str) -> Element | None:
        """The root element of a feed that parses; its encoding and syntax checked."""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            self.error(f"{where}: encoding", "not UTF-8", FEED_FIX)
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            # Control characters end here too: XML 1.0 allows them nowhere.
            self.error(f"{where}: XML", f"not well-formed ({exc}); apps reject the feed", FEED_FIX)
            return None
        encoding = root.getroottree().docinfo.encoding or ""
        if encoding.upper() != "UTF-8":
            self.error(f"{where}: encoding", f"declared as {encoding}, not UTF-8", FEED_FIX)
        bozo = _feedparser_bozo(data)
        if bozo:
            self.error(f"{where}: XML", f"feedparser rejects it ({bozo})", FEED_FIX)
        return root

    def namespaces(self, root: Element, where: str) -> Iterator[str]:
        """The prefixes whose namespace is wrong: their tags are unread, reported once here."""
        declared = {uri for element in root.iter() for uri in element.nsmap.values()}
        for prefix, uri in _NS.items():
            if uri not in declared:
                near = [u for u in declared if u.lower().rstrip("/") == uri.lower()]
                said = f"declared as {near[0]!r}" if near else "not declared"
                problem = f"{said}; apps read {prefix}: tags only under exactly {uri!r}"
                self.error(f"{where}: rss/@xmlns:{prefix}", problem, FEED_FIX)
                yield prefix

    def channel(self, channel: Element, feed: _Feed) -> None:
        where = f"feeds/{feed.name}: channel"
        for check in CHANNEL_CHECKS:
            if _prefix(check.element) in feed.unread:
                continue
            element = channel.find(_qname(check.element))
            problems = ["missing"] if element is None else check.check(element, feed)
            for problem in problems:
                self.error(f"{where}/{check.element}", problem, check.fix)
        self.channel_link(channel.findtext("link"), feed)
        image = channel.find(_qname("itunes:image"))
        href = image.get("href") if image is not None else None
        if href:
            self.cover(href)
        self.items(channel.findall("item"), feed)
        self.stale(feed, href)

    def channel_link(self, link: str | None, feed: _Feed) -> None:
        """The show's website in apps: a page `audiocast publish` writes, not a 404."""
        if not link or not link.strip().startswith(("http://", "https://")):
            return  # the channel check has said so
        address = link.strip().partition("#")[0]
        if address.endswith("/"):  # a folder: the page a web host serves for it
            address += "index.html"
        path = self.local(address)
        key = self.rel(path) if path is not None else ""
        if path is None or not is_public(key) or not path.is_file():
            page = page_url(self.show.settings)
            problem = f"{link!r} is no file publish writes: listeners get a 404, not {page}"
            self.error(f"feeds/{feed.name}: channel/link", problem, FEED_FIX)

    def cover(self, href: str) -> None:
        if not href.endswith(IMAGE_SUFFIXES):
            return  # the channel check has said so
        path = self.local(href)
        if path is None:
            self.warning(f"feeds: {href}", "artwork outside the show: not checked", COVER_FIX)
            return
        where = self.rel(path)
        if not path.is_file():
            self.error(where, "missing: apps show no artwork", FEED_FIX)
            return
        try:
            check_cover(path.read_bytes(), where)
        except AudiocastError as exc:
            self.error(where, str(exc).removeprefix(f"{where}: "), COVER_FIX)

    def stale(self, feed: _Feed, cover_url: str | None) -> None:
        """The feed as `audiocast feed` would write it now: any difference means it is old."""
        records = list(self.records.values())
        try:
            fresh = build_feed(records, self.show.settings, feed.profile, cover_url=cover_url)
        except (AudiocastError, ValueError, TypeError):
            return  # the records' own problems are reported already
        if fresh != (self.show.feeds_dir / feed.name).read_bytes():
            problem = "differs from what the episode.json files and audiocast.toml give now"
            self.warning(f"feeds/{feed.name}", problem, FEED_FIX)

    def items(self, items: list[Element], feed: _Feed) -> None:
        where = f"feeds/{feed.name}"
        guids: set[str] = set()
        previous: datetime | None = None
        for index, item in enumerate(items, 1):
            at = f"{where}: item[{index}]"
            for element, problem, fix in self.item(item, feed):
                if _prefix(element) not in feed.unread:
                    self.error(f"{at}/{element}", problem, fix)
            guid = item.findtext("guid") or ""
            if guid in guids:
                problem = f"{guid} is also an earlier item's: apps keep only one of them"
                self.error(f"{at}/guid", problem, FEED_FIX)
            guids.add(guid)
            date = _pub_date(item.findtext("pubDate") or "")
            if previous and date and date > previous:
                problem = "newer than the item above: the feed must list newest first"
                self.error(f"{at}/pubDate", problem, FEED_FIX)
            previous = date or previous
        for record in self.records.values():
            if feed.profile in record.renditions and record.guid not in guids:
                self.error(f"{where}: channel/item", f"{record.slug} is not in the feed", FEED_FIX)

    def item(self, item: Element, feed: _Feed) -> Iterator[tuple[str, str, str]]:
        """(element, problem, fix) for one item, against its episode record and its files."""
        record = self.item_record(item)
        if record is None:
            yield "guid", "no episode.json has this item's enclosure or GUID", FEED_FIX
        show_title = self.show.settings.show.title
        title = item.find("title")
        for problem in ["missing"] if title is None else _text(title, feed):
            yield "title", problem, FEED_FIX
        text = (title.text or "") if title is not None else ""
        if show_title.casefold() in text.casefold():
            fix = _rebuild_fix(record.slug) if record else FEED_FIX
            yield "title", f"{text!r} repeats the show name, which apps show beside it", fix
        elif record and title is not None and text != clean_text(record.title):
            yield "title", f"{text!r} is not the episode's title {record.title!r}", FEED_FIX
        link = item.findtext("link")
        if link is None:
            yield "link", "missing: apps have no page to open for the episode", FEED_FIX
        elif record and link != episode_url(self.show.settings, record.slug):
            page = episode_url(self.show.settings, record.slug)
            yield "link", f"{link!r}, not the episode's page {page}", FEED_FIX
        description = item.findtext("description")
        if description is None:
            yield "description", "missing", FEED_FIX
        elif record and description != item_description(record.summary):
            yield "description", "not the episode's summary (the lead) in episode.json", FEED_FIX
        yield from self.enclosure(item.find("enclosure"), record, feed)
        yield from self.alternates(item, record, feed)
        yield from self.duration(item)
        yield from _item_guid(item.find("guid"), record)
        yield from _item_date(item.findtext("pubDate"), record)
        for element, wanted in (("itunes:episodeType", ("full",)), ("itunes:explicit", _BOOL)):
            found = item.findtext(_qname(element))
            if found not in wanted:
                yield element, f"{found!r}, not {' or '.join(wanted)}", FEED_FIX
        yield from self.transcripts(item)
        yield from self.chapters_link(item)

    def item_record(self, item: Element) -> EpisodeRecord | None:
        """The episode an item stands for: by its enclosure's folder, else by its GUID."""
        enclosure = item.find("enclosure")
        path = self.local(enclosure.get("url") or "") if enclosure is not None else None
        if path is not None and path.parent.parent == self.show.episodes_dir:
            record = self.records.get(path.parent.name)
            if record is not None:
                return record
        guid = item.findtext("guid")
        return next((r for r in self.records.values() if r.guid == guid), None)

    def enclosure(
        self, enclosure: Element | None, record: EpisodeRecord | None, feed: _Feed
    ) -> Iterator[tuple[str, str, str]]:
        if enclosure is None:
            yield "enclosure", "missing: there is nothing to play", FEED_FIX
            return
        url, length, kind = (enclosure.get(key) or "" for key in ("url", "length", "type"))
        media = media_format(self.show.settings.profiles[feed.profile].format)
        if kind != media.mime:
            yield "enclosure", f"type {kind!r}, not {media.mime}", FEED_FIX
        if not length.isdigit():
            yield "enclosure", f"length {length!r} is not a number of bytes", FEED_FIX
        if not url.endswith(media.suffix):
            yield "enclosure", f"url {url!r} does not end in {media.suffix}", FEED_FIX
        path = self.local(url)
        if path is None or not path.is_relative_to(self.show.episodes_dir):
            yield "enclosure", f"url {url!r} is not under [show] base_url/episodes/", FEED_FIX
            return
        rendition = record.renditions.get(feed.profile) if record else None
        if rendition and path.name != rendition.file:
            yield "enclosure", f"url names {path.name}; episode.json {rendition.file}", FEED_FIX
        if not path.is_file():
            yield "enclosure", f"{self.rel(path)} does not exist: listeners get a 404", FEED_FIX
            return
        size = path.stat().st_size
        if length.isdigit() and int(length) != size:
            yield "enclosure", f"length {length} but the file has {size} bytes", FEED_FIX

    def alternates(
        self, item: Element, record: EpisodeRecord | None, feed: _Feed
    ) -> Iterator[tuple[str, str, str]]:
        """podcast:alternateEnclosure: one per rendition of the feed's audience, each as its
        file is, the feed's own enclosure the one default."""
        if "podcast" in feed.unread:
            return
        tag = "podcast:alternateEnclosure"
        elements = item.findall(_qname(tag))
        enclosure = item.find("enclosure")
        own = enclosure.get("url") if enclosure is not None else None
        defaults = []
        listed: set[str] = set()
        offered = alternate_profiles(self.show.settings, feed.profile)
        for element in elements:
            url, problems = self.alternate(element, record, offered)
            name = url.rpartition("/")[2]
            listed.add(unquote(name))
            for problem in problems:
                yield tag, f"{name or 'source'}: {problem}", FEED_FIX
            if element.get("default") == "true":
                defaults.append(url)
        if len(defaults) != 1:
            yield tag, f'{len(defaults)} marked default="true", not 1: the enclosure\'s', FEED_FIX
        elif own is not None and defaults[0] != own:
            name = defaults[0].rpartition("/")[2]
            yield tag, f"the default is {name}, not the enclosure's file", FEED_FIX
        if record is None:
            return
        for profile in offered:
            rendition = record.renditions.get(profile)
            if rendition is not None and rendition.file not in listed:
                yield tag, f"the {profile} rendition {rendition.file} is not listed", FEED_FIX

    def alternate(
        self, element: Element, record: EpisodeRecord | None, offered: tuple[str, ...]
    ) -> tuple[str, list[str]]:
        """The URL of one podcast:alternateEnclosure, and what is wrong with it."""
        sources = element.findall(_qname("podcast:source"))
        url = sources[0].get("uri") or "" if sources else ""
        if not url:
            return url, ["no podcast:source uri: apps have nothing to fetch"]
        path = self.local(url)
        if path is None or path.parent.parent != self.show.episodes_dir:
            return url, [f"uri {url!r} is not under [show] base_url/episodes/"]
        if not path.is_file():
            return url, [f"{self.rel(path)} does not exist: listeners get a 404"]
        problems = []
        media = format_of(path.name)
        kind = element.get("type")
        if media is None:
            problems.append("not a media file of any format audiocast makes")
        elif kind != media.mime:
            problems.append(f"type {kind!r}, not {media.mime}")
        elif element.get("codecs") != media.codecs:
            problems.append(f"codecs {element.get('codecs')!r}, not {media.codecs!r}")
        size = path.stat().st_size
        length = element.get("length") or ""
        if length != str(size):
            problems.append(f"length {length!r} but the file has {size} bytes")
        integrities = element.findall(_qname("podcast:integrity"))
        if path not in self.digests:
            self.digests[path] = _sha256(path)
        sri = sri_sha256(self.digests[path])
        if len(integrities) != 1:
            problems.append(f"{len(integrities)} podcast:integrity, not 1")
        elif (integrities[0].get("type"), integrities[0].get("value")) != ("sri", sri):
            found = integrities[0].get("value")
            problems.append(f"integrity {found!r} is not the file's SHA-256 ({sri})")
        if not (element.get("title") or "").strip():
            problems.append("no title: apps cannot tell the files apart")
        profile, rendition = (
            next(((n, r) for n, r in record.renditions.items() if r.file == path.name), ("", None))
            if record is not None and path.parent.name == record.slug
            else ("", None)
        )
        if rendition is None:
            problems.append("episode.json names no such rendition of this episode")
            return url, problems
        if profile not in offered:
            audience = self.show.settings.profiles[offered[0]].audience
            problems.append(f"the {profile} rendition is not for this feed's {audience}")
        bitrate = element.get("bitrate") or ""
        wanted = alternate_bitrate(rendition.model_copy(update={"bytes": size}))
        try:
            found_bits = float(bitrate)
        except ValueError:
            found_bits = math.nan
        if not abs(found_bits - wanted) <= wanted * 0.01:
            problems.append(f"bitrate {bitrate!r}; the file plays at {wanted} bits per second")
        return url, problems

    def duration(self, item: Element) -> Iterator[tuple[str, str, str]]:
        text = item.findtext(_qname("itunes:duration"))
        enclosure = item.find("enclosure")
        path = self.local(enclosure.get("url") or "") if enclosure is not None else None
        seconds = self.length(path) if path is not None else None
        if text is None:
            yield "itunes:duration", "missing", FEED_FIX
        elif not text.isdigit():
            yield "itunes:duration", f"{text!r} is not whole seconds", FEED_FIX
        elif seconds is not None and abs(int(text) - seconds) > DURATION_TOLERANCE:
            yield "itunes:duration", f"{text} s; the file plays {seconds:.0f} s", FEED_FIX

    def transcripts(self, item: Element) -> Iterator[tuple[str, str, str]]:
        elements = item.findall(_qname("podcast:transcript"))
        for kind, mime in TRANSCRIPT_TYPES.items():
            found = [e for e in elements if e.get("type") == mime]
            if not found:
                yield "podcast:transcript", f"no {mime} transcript", FEED_FIX
            for element in found:
                language = element.get("language")
                if language not in LANGUAGES:
                    yield "podcast:transcript", f"{mime} language {language!r}, not sw", FEED_FIX
                path = self.local(element.get("url") or "")
                if path is None:
                    yield "podcast:transcript", f"{mime} url is not in the show", FEED_FIX
                else:
                    self.transcript(path, kind)

    def chapters_link(self, item: Element) -> Iterator[tuple[str, str, str]]:
        element = item.find(_qname("podcast:chapters"))
        if element is None:
            yield "podcast:chapters", "missing: apps show no chapters", FEED_FIX
            return
        if element.get("type") != CHAPTERS_TYPE:
            problem = f"type {element.get('type')!r}, not {CHAPTERS_TYPE}"
            yield "podcast:chapters", problem, FEED_FIX
        path = self.local(element.get("url") or "")
        if path is None:
            yield "podcast:chapters", "url is not in the show", FEED_FIX
        else:
            self.chapters(path)


@dataclass(frozen=True)
class _Feed:
    name: str  # podcast.xml
    profile: str
    guid: str  # the podcast:guid it must carry
    unread: frozenset[str] = frozenset()  # prefixes bound to a wrong namespace URI


# Channel checks: each yields what is wrong with an element that is present.

_BOOL = ("true", "false")  # Apple's itunes:explicit; feedgen's yes/no/clean are refused


@dataclass(frozen=True)
class _ChannelCheck:
    element: str
    check: Callable[[Element, _Feed], Iterable[str]]
    fix: str


def _text(element: Element, _feed: _Feed) -> Iterator[str]:
    text = element.text or ""
    if not text.strip():
        yield "empty"
    elif text != text.strip():
        yield f"{text!r} has leading or trailing spaces"


def _link(element: Element, feed: _Feed) -> Iterator[str]:
    yield from _text(element, feed)
    if not (element.text or "").strip().startswith(("http://", "https://")):
        yield f"{element.text!r} is not an http(s) address"


def _description(element: Element, feed: _Feed) -> Iterator[str]:
    yield from _text(element, feed)
    size = len((element.text or "").encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        yield f"{size} bytes; Apple accepts at most {MAX_DESCRIPTION_BYTES}"


def _one_of(*allowed: str) -> Callable[[Element, _Feed], Iterator[str]]:
    def check(element: Element, _feed: _Feed) -> Iterator[str]:
        if element.text not in allowed:
            yield f"{element.text!r}, not {' or '.join(allowed)}"

    return check


def _image(element: Element, _feed: _Feed) -> Iterator[str]:
    href = element.get("href") or ""
    if not href.endswith(IMAGE_SUFFIXES):
        yield f"href {href!r} does not end in .jpg or .png: Apple refuses the artwork"


def _category(element: Element, _feed: _Feed) -> Iterator[str]:
    name = element.get("text") or ""
    if name not in APPLE_CATEGORIES:
        yield f"{name!r} is not one of Apple's categories"
        return
    allowed = APPLE_CATEGORIES[name]
    subs = [sub.get("text") for sub in element.findall(_qname("itunes:category"))]
    if allowed and not subs:
        yield f"no nested subcategory (Apple's {name} has {', '.join(allowed)})"
    for sub in subs:
        if sub not in allowed:
            yield f"{sub!r} is not one of Apple's subcategories of {name}"


def _owner(element: Element, _feed: _Feed) -> Iterator[str]:
    name = element.findtext(_qname("itunes:name")) or ""
    email = element.findtext(_qname("itunes:email")) or ""
    if not name.strip():
        yield "no itunes:name"
    if "@" not in email:
        yield f"itunes:email {email!r} is not an address (Apple mails the owner to verify)"


def _guid(element: Element, feed: _Feed) -> Iterator[str]:
    if element.text != feed.guid:
        yield f"{element.text!r}, not {feed.guid}: apps would take it for another podcast"


def _locked(element: Element, feed: _Feed) -> Iterator[str]:
    yield from _one_of("yes", "no")(element, feed)
    if not (element.get("owner") or "").strip():
        yield "no owner attribute (the email platforms check before moving the show)"


CHANNEL_CHECKS = (
    _ChannelCheck("title", _text, _settings_fix("title")),
    _ChannelCheck("link", _link, _settings_fix("base_url")),
    _ChannelCheck("description", _description, _settings_fix("description (≤ 4000 bytes)")),
    _ChannelCheck("language", _one_of(*LANGUAGES), _settings_fix('language = "sw"')),
    _ChannelCheck("copyright", _text, _settings_fix('copyright = "© 2025 <owner>"')),
    _ChannelCheck("itunes:image", _image, COVER_FIX),
    _ChannelCheck("itunes:category", _category, _settings_fix('category = ["News", "Daily News"]')),
    _ChannelCheck("itunes:explicit", _one_of(*_BOOL), _settings_fix("explicit = true or false")),
    _ChannelCheck("itunes:author", _text, _settings_fix("author")),
    _ChannelCheck("itunes:owner", _owner, _settings_fix("owner = {name = …, email = …}")),
    _ChannelCheck("itunes:type", _one_of("episodic"), FEED_FIX),
    _ChannelCheck("podcast:guid", _guid, f"{FEED_FIX}; once published, keep [show] podcast_guid"),
    _ChannelCheck("podcast:locked", _locked, _settings_fix("locked and owner.email")),
    _ChannelCheck("podcast:medium", _one_of("podcast"), FEED_FIX),
)


def _item_guid(
    guid: Element | None, record: EpisodeRecord | None
) -> Iterator[tuple[str, str, str]]:
    if guid is None or not (guid.text or "").strip():
        yield "guid", "missing: apps cannot tell episodes apart", FEED_FIX
        return
    if guid.get("isPermaLink") != "false":
        yield "guid", 'not isPermaLink="false" (it is no address)', FEED_FIX
    if record and guid.text != record.guid:
        problem = f"{guid.text}, not the episode's {record.guid}: apps would list it again"
        yield "guid", problem, f"{FEED_FIX}; never change an episode's GUID"


def _item_date(text: str | None, record: EpisodeRecord | None) -> Iterator[tuple[str, str, str]]:
    if text is None:
        yield "pubDate", "missing", FEED_FIX
        return
    date = _pub_date(text)
    if date is None:
        yield "pubDate", f"{text!r} is not an RFC 2822 date with a time zone", FEED_FIX
    elif record and date != record.date:
        yield "pubDate", f"{text!r} is not the episode's date {record.date}", FEED_FIX


# Small parsers, each tolerant: they say what is wrong instead of raising.

_RFC2822 = re.compile(
    r"^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? "
    r"(?:[+-]\d{4}|GMT|UT|[ECMP][SD]T)$"
)


def _pub_date(text: str) -> datetime | None:
    """An RFC 2822 date with a zone; None otherwise (-0000 means "zone unknown").

    >>> _pub_date("Tue, 18 Jun 2024 00:00:00 +0300").isoformat()
    '2024-06-18T00:00:00+03:00'
    >>> _pub_date("2024-06-18T00:00:00+03:00") is None
    True
    """
    if not _RFC2822.match(text.strip()):
        return None
    try:
        date = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return date if date.tzinfo is not None else None


def _prefix(name: str) -> str:
    return name.partition(":")[0] if ":" in name else ""


def _qname(name: str) -> str:
    """`itunes:image` in lxml's {namespace}image notation."""
    prefix, _, local = name.rpartition(":")
    return f"{{{_NS[prefix]}}}{local}" if prefix else name


def _feedparser_bozo(data: bytes) -> str | None:
    """feedparser's complaint about the feed, the way many podcast apps parse it."""
    try:
        import feedparser
    except ImportError:  # a test and dev dependency; lxml has checked well-formedness already
        return None
    parsed = feedparser.parse(data)
    return str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
