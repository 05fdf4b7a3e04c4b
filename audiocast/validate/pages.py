"""Checks of the episode pages: each episode the feeds list has its page (the feeds' item
links lead there) and its embed (newsrooms' iframes load it), as `audiocast feed` would
write them now; neither stays for an episode the feeds do not list; and the site's pages
(home.py: the home page, its archive pages, partners.html, feeds/index.html) are those
`audiocast feed` would write now.
"""

from __future__ import annotations

from ..cover import own_cover
from ..episode import RECORD_FILE, PublicRecord, media_problems
from ..episode_page import render_embed_page, render_episode_page, without_key
from ..errors import AudiocastError
from ..home import HOME_FILE, archive_pages, render_site
from ..public import EMBED_PAGE, EPISODE_PAGE
from ..site import COVER_STEM, feed_profiles
from .base import FEED_FIX, Checker


class PageChecks(Checker):
    """episodes/<slug>/index.html against the records it is written from."""

    def episode_pages(self) -> None:
        episodes = self.show.episodes_dir
        cover = self.cover_name()
        listed = set()
        for slug, record in sorted(self.records.items()):
            if media_problems(episodes, record):
                continue  # left out of the feeds and pages; its media are reported
            listed.add(slug)
            path = episodes / slug / EPISODE_PAGE
            where = self.rel(path)
            if not path.is_file():
                problem = "missing: the feeds link listeners to this page, who would get a 404"
                self.error(where, problem, FEED_FIX)
                continue
            with self.guard(where, FEED_FIX):
                # What a reader sees: the key of the page's sources aside, which changes
                # with any byte of episode.json (the next feed rewrites the page for it).
                fresh = render_episode_page(record, self.show.settings, cover)
                if without_key(path.read_bytes()) != fresh.encode("utf-8"):
                    problem = "differs from what episode.json and audiocast.toml give now"
                    self.warning(where, problem, FEED_FIX)
            self._embed(slug, record)
        folders = sorted(p for p in episodes.iterdir() if p.is_dir()) if episodes.is_dir() else []
        for folder in folders:
            if folder.name in listed:
                continue
            if folder.name not in self.records and (folder / RECORD_FILE).exists():
                continue  # its record is unreadable, and reported
            for name in (EPISODE_PAGE, EMBED_PAGE):
                page = folder / name
                if page.is_file():
                    problem = "the page of an episode no feed lists: its links may lead nowhere"
                    self.warning(self.rel(page), problem, f"{FEED_FIX}: it removes the page")

    def _embed(self, slug: str, record: PublicRecord) -> None:
        """episodes/<slug>/embed.html, which the episode page offers to other sites."""
        path = self.show.episodes_dir / slug / EMBED_PAGE
        where = self.rel(path)
        if not path.is_file():
            problem = "missing: a newsroom page that embeds this episode's player shows an error"
            self.error(where, problem, FEED_FIX)
            return
        with self.guard(where, FEED_FIX):
            fresh = render_embed_page(record, self.show.settings)
            if without_key(path.read_bytes()) != fresh.encode("utf-8"):
                problem = "differs from what episode.json and audiocast.toml give now"
                self.warning(where, problem, FEED_FIX)

    def site_pages(self) -> None:
        """The home page and the rest of the site against the records they list."""
        if not any(self.show.feeds_dir.glob("*.xml")):
            return  # nothing written yet: the feed checks say so
        episodes = self.show.episodes_dir
        listed = [r for r in self.records.values() if not media_problems(episodes, r)]
        feeds = feed_profiles(self.show)
        pages = render_site(listed, self.show.settings, feeds, self.cover_name())
        for key, text in sorted(pages.items()):
            path = self.show.root / key
            where = self.rel(path)
            if not path.is_file():
                problem = (
                    "missing: the feeds name the home page as the show's website"
                    if key == HOME_FILE
                    else "missing: the show's pages link here"
                )
                self.error(where, problem, FEED_FIX)
                continue
            with self.guard(where, FEED_FIX):
                if path.read_bytes() != text.encode("utf-8"):
                    problem = "differs from what the episodes and audiocast.toml give now"
                    self.warning(where, problem, FEED_FIX)
        for path in archive_pages(self.show.root):
            if path.relative_to(self.show.root).as_posix() not in pages:
                problem = "an archive page the episodes no longer fill: its links may lead nowhere"
                self.warning(self.rel(path), problem, f"{FEED_FIX}: it removes the page")

    def cover_name(self) -> str:
        """The artwork's name under feeds/ as `audiocast feed` writes it (site.py)."""
        try:
            own = own_cover(self.show)
        except AudiocastError:
            own = None  # the feeds cannot be written either: the cover checks say why
        return f"{COVER_STEM}{own.suffix if own else '.jpg'}"
