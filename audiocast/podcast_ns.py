"""A feedgen extension for the Podcasting 2.0 namespace (podcastindex.org/namespace/1.0).

feedgen knows the iTunes tags only; apps such as AntennaPod, Podverse and Apple read these
for transcripts, chapters and the feed's permanent identity.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# The namespace UUID the Podcast Index fixed for podcast:guid.
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes.

    >>> podcast_guid("https://podnews.net/rss")
    '9b024349-ccf0-5f69-a609-6b82873eab3c'
    """
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, bare))


def _element(parent: Any, name: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, f"{{{PODCAST_NS}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def sri_sha256(hexdigest: str) -> str:
    """A SHA-256 as Subresource Integrity writes it: the raw digest in base64.

    >>> sri_sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    return "sha256-" + base64.b64encode(bytes.fromhex(hexdigest)).decode("ascii")


@dataclass(frozen=True)
class AlternateEnclosure:
    """One rendition of an item as podcast:alternateEnclosure offers it."""

    url: str
    mime: str
    length: int  # bytes
    bitrate: int  # bits per second
    title: str
    codecs: str  # RFC 6381
    language: str  # BCP 47
    sha256: str  # hex
    default: bool  # the item's own <enclosure>

    def element(self, item: Any) -> Any:
        attributes = {
            "type": self.mime,
            "length": str(self.length),
            "bitrate": str(self.bitrate),
            "title": self.title,
            "codecs": self.codecs,
            "lang": self.language,
        }
        if self.default:  # the spec's default is false: said only of the enclosure's file
            attributes["default"] = "true"
        element = _element(item, "alternateEnclosure", **attributes)
        _element(element, "source", uri=self.url)
        _element(element, "integrity", type="sri", value=sri_sha256(self.sha256))
        return element


class PodcastExtension(BaseExtension):
    """Channel tags: podcast:guid, podcast:locked, podcast:medium."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.locked: bool = False
        self.owner: str | None = None
        self.medium = "podcast"

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed: Any) -> Any:
        channel = rss_feed[0]
        if self.guid:
            _element(channel, "guid", self.guid)
        locked = {"owner": self.owner} if self.owner else {}
        _element(channel, "locked", "yes" if self.locked else "no", **locked)
        _element(channel, "medium", self.medium)
        return rss_feed


class PodcastEntryExtension(BaseEntryExtension):
    """Item tags: podcast:alternateEnclosure (one per rendition), podcast:transcript (one per
    format) and podcast:chapters."""

    def __init__(self) -> None:
        self.alternates: list[AlternateEnclosure] = []
        self.transcripts: list[tuple[str, str, str]] = []  # (url, type, language)
        self.chapters_url: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, item: Any) -> Any:
        for alternate in self.alternates:
            alternate.element(item)
        for url, kind, language in self.transcripts:
            _element(item, "transcript", url=url, type=kind, language=language)
        if self.chapters_url:
            _element(item, "chapters", url=self.chapters_url, type="application/json+chapters")
        return item
