"""The podcast feed: episode records and show settings in, RSS 2.0 with iTunes tags out."""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any
from urllib.parse import quote

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .config import Settings
from .episode import PublicRecord, RenditionRecord, newest_first
from .errors import FeedError
from .media import MediaFormat, media_format
from .podcast_ns import (
    AlternateEnclosure,
    PodcastEntryExtension,
    PodcastExtension,
    podcast_guid,
)

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
_HEAD_END = ("item", f"{{{ITUNES_NS}}}image")  # the first item ends the channel's own tags
MAX_DESCRIPTION_BYTES = 4000  # Apple truncates or rejects longer channel descriptions
TRANSCRIPT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip"}
IMAGE_SUFFIXES = (".jpg", ".png")  # the only ones feedgen keeps (and Apple accepts)

# The show's home page (home.py: index.html, which a web host serves for base_url/), which
# `audiocast feed` writes and `audiocast publish` publishes: the channel's <link>. Each
# item's is its episode's page (episode_page.py).
PAGE_PATH = ""

_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# lxml refuses these ("All strings must be XML compatible"); tab, newline and CR are allowed.
# U+FFFE/U+FFFF are not characters and a lone surrogate is half of one: XML carries neither.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def feed_url(settings: Settings, profile: str) -> str:
    """Where the feed of one rendition profile is published.

    >>> feed_url(Settings(), "radio")
    'https://example.org/habari/feeds/radio.xml'
    """
    if profile not in settings.profiles:
        known = ", ".join(sorted(settings.profiles))
        raise FeedError(f"no profile {profile!r} in the show settings (known: {known})")
    return f"{settings.show.base_url}/feeds/{profile}.xml"


def page_url(settings: Settings) -> str:
    """The show's page.

    >>> page_url(Settings())
    'https://example.org/habari/'
    """
    return f"{settings.show.base_url}/{PAGE_PATH}"


def episode_url(settings: Settings, slug: str) -> str:
    """An episode's permanent link: its page, which a web host serves for the folder's URL
    (episodes/<slug>/index.html).

    >>> episode_url(Settings(), "2024-06-18-x")
    'https://example.org/habari/episodes/2024-06-18-x/'
    """
    return f"{settings.show.base_url}/episodes/{quote(slug)}/"


def feed_copyright(settings: Settings, records: Sequence[PublicRecord] = ()) -> str:
    """The feeds' <copyright>: [show] copyright, else the episodes' years and the owner.

    >>> from datetime import datetime
    >>> feed_copyright(Settings(), [])[:2], feed_copyright(Settings(), [])[6:]
    ('© ', ' Dawati la Habari')
    """
    show = settings.show
    if show.copyright is not None:
        return _required(show.copyright, "show.copyright")
    # From the records, not the clock alone: an unchanged show keeps an unchanged feed.
    years = sorted({record.date.year for record in records}) or [datetime.now(UTC).year]
    span = str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    return f"© {span} {_required(show.owner.name, 'show.owner.name')}"


def build_feed(
    records: Sequence[PublicRecord],
    settings: Settings,
    profile: str = "podcast",
    cover_url: str | None = None,
) -> bytes:
    """RSS for one rendition profile: every record that has that rendition, newest first.

    >>> build_feed([], Settings()).startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    True
    """
    show = settings.show
    base = show.base_url
    self_url = feed_url(settings, profile)
    image = clean_text(cover_url if cover_url is not None else f"{base}/feeds/cover.jpg")
    if not image.endswith(IMAGE_SUFFIXES):
        # feedgen would silently drop the artwork, and Apple refuses such a feed.
        raise FeedError(f"cover URL {image!r} must end in .jpg or .png; rename the cover file")

    fg = FeedGenerator()
    fg.load_extension("podcast")
    explicit = "true" if show.explicit else "false"
    # Registered before any entry: feedgen hands entry extensions only to later entries.
    fg.register_extension(
        "explicit", partial(_ChannelExplicit, explicit), partial(_ItemExplicit, explicit)
    )
    fg.register_extension("podcastindex", PodcastExtension, PodcastEntryExtension)
    fg.podcastindex.guid = (
        show.podcast_guid
        if profile == "podcast" and show.podcast_guid
        else (podcast_guid(self_url))
    )
    fg.podcastindex.locked = show.locked
    fg.podcastindex.owner = clean_text(show.owner.email)
    title = _required(show.title, "show.title")
    fg.title(title if profile == "podcast" else f"{title} ({profile})")
    # feedgen writes the last link as the channel's <link>: the self link must come first.
    fg.link(href=self_url, rel="self", type="application/rss+xml")
    # The page `publish` writes, not base_url/: publishing puts nothing at the root, which
    # a static host then answers with a 404 (or which may be the station's own site).
    fg.link(href=page_url(settings), rel="alternate")
    fg.copyright(feed_copyright(settings, records))
    fg.description(_description(show.description))
    fg.language(show.language)
    fg.podcast.itunes_image(image)
    fg.podcast.itunes_category(_category(show.category))
    fg.podcast.itunes_author(_required(show.author, "show.author"))
    fg.podcast.itunes_owner(
        name=_required(show.owner.name, "show.owner.name"),
        email=_required(show.owner.email, "show.owner.email"),
    )
    fg.podcast.itunes_type("episodic")

    episodes = [
        (record, record.renditions[profile])
        for record in newest_first(records)
        if profile in record.renditions
    ]
    _check_unique_guids([record for record, _ in episodes])
    if episodes:
        # The feed changes when an episode is (re)built; the build clock would change it
        # on every run and defeat ETag caching. An empty feed keeps feedgen's "now".
        fg.lastBuildDate(max(record.built_at for record, _ in episodes))
    offered = tuple(
        (name, settings.profiles[name].title or name)
        for name in alternate_profiles(settings, profile)
    )
    for record, rendition in episodes:
        _add_item(fg, record, rendition, settings, offered)

    try:
        xml: bytes = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    except (ValueError, TypeError) as exc:
        raise FeedError(f"{self_url}: cannot write the feed: {exc}") from None
    _check_image(xml, self_url)
    return xml


def alternate_profiles(settings: Settings, profile: str) -> tuple[str, ...]:
    """The renditions a feed offers as podcast:alternateEnclosure: every one the show builds
    for the feed's audience (listeners or radio), in the order of [build] renditions; the
    feed's own first if the show does not build it.

    >>> alternate_profiles(Settings(), "podcast")
    ('podcast', 'mobile')
    >>> alternate_profiles(Settings(), "radio")
    ('radio', 'broadcast')
    """
    audience = settings.profiles[profile].audience
    names = [n for n in settings.build.renditions if settings.profiles[n].audience == audience]
    return tuple(names if profile in names else [profile, *names])


def alternate_bitrate(rendition: RenditionRecord) -> int:
    """The bitrate podcast:alternateEnclosure gives: bits per second of the whole file over
    its duration, rounded to whole bits.

    The spec asks the average encoding bitrate. The file's is more truthful than the one a
    profile asks: an encoder may spend more than asked (the mobile M4A 10-20 % more on
    speech), and the tags (the
    cover above all) are bytes the listener downloads too; an app choosing a file for a
    data bundle wants what the file costs a second of listening. It is also what
    `audiocast validate` can check from the file's size and the recorded duration.

    >>> r = RenditionRecord(profile="p", file="f.mp3", bytes=1_200_000, sha256="0" * 64,
    ...     duration=100.0, loudness=-16, true_peak=-1, bitrate="96k", sample_rate=44100,
    ...     channels=1)
    >>> alternate_bitrate(r)
    96000
    """
    return round(rendition.bytes * 8 / rendition.duration)


def _add_item(
    fg: Any,
    record: PublicRecord,
    rendition: RenditionRecord,
    settings: Settings,
    offered: tuple[tuple[str, str], ...],
) -> None:
    where = f"episode {record.slug!r}"
    media = _checked(record, rendition)
    language = settings.show.language
    fe = fg.add_entry(order="append")  # callers' newest-first order, not feedgen's prepend
    fe.title(_required(record.title, f"{where}: title"))
    # The episode's own page (player, chapters, transcript, downloads), not the article's
    # source: that page may be gone or paywalled, and not every episode was imported.
    folder = f"{settings.show.base_url}/episodes/{_segment(record.slug, where)}"
    fe.link(href=episode_url(settings, record.slug), rel="alternate")
    fe.description(item_description(record.summary))
    fe.enclosure(f"{folder}/{_segment(rendition.file, where)}", str(rendition.bytes), media.mime)
    fe.guid(_required(record.guid, f"{where}: guid"), permalink=False)
    fe.pubDate(record.date)
    fe.podcast.itunes_duration(round(rendition.duration))
    fe.podcast.itunes_episode_type("full")
    for name, title in offered:
        other = record.renditions.get(name)
        if other is None:
            continue  # built before the show had that rendition
        other_media = _checked(record, other)
        fe.podcastindex.alternates.append(
            AlternateEnclosure(
                url=f"{folder}/{_segment(other.file, where)}",
                mime=other_media.mime,
                length=other.bytes,
                bitrate=alternate_bitrate(other),
                title=clean_text(title),
                codecs=other_media.codecs,
                language=language,
                sha256=other.sha256,
                default=other is rendition,
            )
        )
    for kind, name in sorted(record.transcripts.items(), key=lambda item: item[0] != "vtt"):
        if kind in TRANSCRIPT_TYPES:
            url = f"{folder}/{_segment(name, where)}"
            fe.podcastindex.transcripts.append((url, TRANSCRIPT_TYPES[kind], language))
    if record.chapters_file:
        fe.podcastindex.chapters_url = f"{folder}/{_segment(record.chapters_file, where)}"


def _checked(record: PublicRecord, rendition: RenditionRecord) -> MediaFormat:
    """The rendition's format, once its record is fit for a feed."""
    where = f"episode {record.slug!r}"
    if rendition.bytes <= 0:
        raise FeedError(
            f"{where}: {rendition.profile} rendition has {rendition.bytes} bytes; "
            "rebuild the episode"
        )
    media = media_format(rendition.format)
    if not rendition.file.endswith(media.suffix):
        raise FeedError(f"{where}: rendition {rendition.file!r} is not a {media.suffix} file")
    if not (math.isfinite(rendition.duration) and rendition.duration > 0):
        raise FeedError(
            f"{where}: rendition duration {rendition.duration} is not a positive "
            "number of seconds; rebuild the episode"
        )
    if not _SHA256.match(rendition.sha256):
        raise FeedError(
            f"{where}: {rendition.profile} rendition's sha256 {rendition.sha256!r} is not a "
            "SHA-256; rebuild the episode"
        )
    return media


def clean_text(text: str) -> str:
    """Text as lxml accepts it: control characters dropped, outer whitespace stripped.

    >>> clean_text(" Habari\\x00 za\\x1b leo\\n")
    'Habari za leo'
    """
    return _CONTROL.sub("", text).strip()


def item_description(summary: str) -> str:
    """An episode's <description>: apps render it as HTML, so the summary (plain text, which
    may mention `<img …>`) is escaped as HTML here and once more as XML by the writer.

    >>> item_description("Bei <b>juu</b> & chini")
    'Bei &lt;b&gt;juu&lt;/b&gt; &amp; chini'
    """
    return html.escape(clean_text(summary), quote=False)


def _required(text: str, field: str) -> str:
    cleaned = clean_text(text)
    if not cleaned:
        raise FeedError(f"{field} is empty; podcast apps need it to list the show")
    return cleaned


def _description(text: str) -> str:
    cleaned = _required(text, "show.description")
    size = len(cleaned.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        raise FeedError(
            f"show.description is {size} bytes; Apple accepts at most "
            f"{MAX_DESCRIPTION_BYTES}: shorten it in audiocast.toml"
        )
    return cleaned


def _category(names: list[str]) -> dict[str, str]:
    cleaned = [clean_text(name) for name in names]
    if not 1 <= len(cleaned) <= 2 or not all(cleaned):
        raise FeedError(
            f"show.category is {names!r}; expected a category and optionally "
            'its subcategory, e.g. ["News", "Daily News"]'
        )
    return {"cat": cleaned[0], "sub": cleaned[1]} if len(cleaned) == 2 else {"cat": cleaned[0]}


def _segment(name: str, where: str) -> str:
    """One URL path segment; a slug or file name must never reach another folder."""
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise FeedError(f"{where}: {name!r} is not a plain file or folder name")
    return quote(clean_text(name))


def _check_unique_guids(records: list[PublicRecord]) -> None:
    seen: dict[str, str] = {}
    for record in records:
        if record.guid in seen:
            # Apps de-duplicate by GUID: one of the two episodes would never be heard.
            raise FeedError(
                f"episodes {seen[record.guid]!r} and {record.slug!r} share the GUID {record.guid}"
            )
        seen[record.guid] = record.slug


def _check_image(xml: bytes, where: str) -> None:
    # The channel's own tags come before its items: read no further than the first item.
    for _, element in etree.iterparse(io.BytesIO(xml), events=("start",), tag=_HEAD_END):
        if element.tag == "item":
            break
        parent = element.getparent()
        if parent is not None and parent.tag == "channel" and parent.getparent() is not None:
            return
    raise FeedError(f"{where}: feedgen left out itunes:image; check the cover URL")


class _ChannelExplicit(BaseExtension):
    """itunes:explicit as Apple documents it (true/false); feedgen writes only yes/no/clean."""

    def __init__(self, value: str) -> None:
        self.value = value

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, rss_feed: Any) -> Any:
        _append_explicit(rss_feed[0], self.value)
        return rss_feed


class _ItemExplicit(BaseEntryExtension):
    def __init__(self, value: str) -> None:
        self.value = value

    def extend_rss(self, item: Any) -> Any:
        _append_explicit(item, self.value)
        return item


def _append_explicit(parent: Any, value: str) -> None:
    element = etree.SubElement(parent, f"{{{ITUNES_NS}}}explicit")
    element.text = value
