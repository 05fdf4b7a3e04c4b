"""The show's public files under feeds/: the podcast feed and its cover art."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .build import cover_jpeg
from .episode import list_records
from .feed import build_feed
from .fsutil import write_atomic
from .show import Show

COVER_FILE = "cover.jpg"
FEED_PROFILES = ("podcast", "radio")


@dataclass(frozen=True)
class FeedResult:
    feeds: tuple[Path, ...]
    episodes: int


def write_feeds(show: Show) -> FeedResult:
    """Write feeds/<profile>.xml from every episodes/*/episode.json, cover first."""
    records = list_records(show.episodes_dir)
    cover = show.feeds_dir / COVER_FILE
    data = cover_jpeg(show)
    if not cover.exists() or cover.read_bytes() != data:
        write_atomic(cover, data)
    cover_url = f"{show.settings.show.base_url}/feeds/{COVER_FILE}"
    written = []
    for profile in FEED_PROFILES:
        path = show.feeds_dir / f"{profile}.xml"
        write_atomic(path, build_feed(records, show.settings, profile, cover_url=cover_url))
        written.append(path)
    return FeedResult(tuple(written), len(records))
