"""The show's public files under feeds/: the podcast feed and its cover art."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .build import show_cover
from .episode import list_records
from .feed import build_feed
from .fsutil import write_atomic
from .show import Show

COVER_STEM = "cover"
FEED_PROFILES = ("podcast", "radio")


@dataclass(frozen=True)
class FeedResult:
    feeds: tuple[Path, ...]
    episodes: int


def write_feeds(show: Show) -> FeedResult:
    """Write feeds/<profile>.xml from every episodes/*/episode.json, cover first."""
    records = list_records(show.episodes_dir)
    cover = show_cover(show)
    name = f"{COVER_STEM}{cover.suffix}"
    path = show.feeds_dir / name
    if not path.exists() or path.read_bytes() != cover.data:
        write_atomic(path, cover.data)
    for other in show.feeds_dir.glob(f"{COVER_STEM}.*"):
        if other.name != name:
            other.unlink()  # a show that changed from PNG to JPEG artwork
    cover_url = f"{show.settings.show.base_url}/feeds/{name}"
    written = []
    for profile in FEED_PROFILES:
        path = show.feeds_dir / f"{profile}.xml"
        write_atomic(path, build_feed(records, show.settings, profile, cover_url=cover_url))
        written.append(path)
    return FeedResult(tuple(written), len(records))
