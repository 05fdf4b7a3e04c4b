"""The show's public files under feeds/: the podcast feed and its cover art."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .cover import show_cover
from .feed import build_feed
from .fsutil import write_atomic
from .lock import show_lock
from .page import write_site
from .public import published_records
from .show import Show
from .tidy import clean_temps, collect

COVER_STEM = "cover"


@dataclass(frozen=True)
class FeedResult:
    feeds: tuple[Path, ...]
    episodes: int
    skipped: tuple[str, ...] = ()  # slugs left out: record unreadable or media not as recorded
    pages: tuple[Path, ...] = ()  # episode pages (re)written: those whose content changed
    # The home page, its archive pages and partners.html (home.py) (re)written: likewise.
    site: tuple[Path, ...] = ()


def write_feeds(show: Show) -> FeedResult:
    """Write feeds/<profile>.xml from every episodes/*/episode.json, cover first.

    Under the show lock: a build never swaps an episode's record and media between reading
    the records and replacing the feeds, so a feed never names a file that was removed. The
    files of earlier builds that no feed names any more are deleted once the feeds are
    written (see tidy.py).
    """
    with show_lock(show), _collector_paused():
        # The records and all made from them are freed on return, before collection resumes.
        return _write_feeds(show)


def feed_profiles(show: Show) -> tuple[str, ...]:
    """The feeds a show has: one per rendition it builds ([build] renditions)."""
    return tuple(show.settings.build.renditions)


def _write_feeds(show: Show) -> FeedResult:
    listing = clean_temps(show)  # what killed processes left, anywhere in the show
    records, skipped = published_records(show.episodes_dir)
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
    profiles = feed_profiles(show)
    for profile in profiles:
        path = show.feeds_dir / f"{profile}.xml"
        write_atomic(path, build_feed(records, show.settings, profile, cover_url=cover_url))
        written.append(path)
    for profile in show.settings.profiles.keys() - set(profiles):
        # A rendition the show no longer builds: its feed would name files rebuilds remove.
        (show.feeds_dir / f"{profile}.xml").unlink(missing_ok=True)
    # The manifest and the pages list exactly the episodes the feeds list.
    site = write_site(show, records, feeds=profiles, cover=name)
    written += [path for path in site if path.parent == show.feeds_dir]
    pages = tuple(path for path in site if path.parent.parent == show.episodes_dir)
    others = tuple(
        path
        for path in site
        if path.parent != show.feeds_dir and path.parent.parent != show.episodes_dir
    )
    current = {record.slug: record for record in records}
    folders = sorted(p.name for p in listing if p.parent == show.episodes_dir)
    collect(show, folders, current, written=written, listing=listing)
    return FeedResult(tuple(written), len(records), tuple(skipped), pages, others)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the feeds, page and manifest are made.

    For a large show that makes hundreds of thousands of objects that live until the end
    (records, feed entries, manifest entries) and no reference cycles to collect: the
    collector would only scan them again and again, a third of the time. They are freed by
    reference counting when done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
