"""The producer's say in a pass: which new episodes wait as drafts, and what becomes of the
episodes of stories a source removed (see drafts.py for the draft mark itself)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..config import SourceSettings
from ..drafts import is_draft, mark_draft
from ..episode import RECORD_FILE
from ..show import Show
from .state import ItemRow


def auto_publish(show: Show, source: SourceSettings) -> bool:
    """Whether this source's new episodes go straight into the feeds."""
    if source.auto_publish is not None:
        return source.auto_publish
    return show.settings.ingest.auto_publish


def hold_if_new(show: Show, source: SourceSettings, slug: str) -> None:
    """Before a story's article is written: a story with no episode yet becomes a draft if
    the show (or its source) wants review. A built episode keeps what it is: a corrected
    draft stays a draft, an approved story stays in the feeds, rebuilt under its GUID."""
    folder = show.episode_dir(slug)
    if auto_publish(show, source) or (folder / RECORD_FILE).exists():
        return
    mark_draft(folder, f"a new story of {source.url}, which waits for review")


@dataclass(frozen=True)
class RemovedStory:
    slug: str
    title: str
    state: str  # "listed" (still in the feeds), "unpublished" (a draft now) or "draft"

    def line(self) -> str:
        where = f'episodes/{self.slug}/ "{self.title}"'
        if self.state == "unpublished":
            return (
                f"Removed at the source: {where} is out of the feeds now, a draft with its files "
                f"kept (`audiocast approve {self.slug}` puts it back, `audiocast reject "
                f"{self.slug}` deletes it)"
            )
        if self.state == "draft":
            return f"Removed at the source: {where}, a draft, stays out of the feeds"
        return (
            f"Removed at the source: {where} is still in the feeds ([ingest] "
            "unpublish_removed = true takes such episodes out)"
        )


def removed_story(show: Show, row: ItemRow, unpublish: bool) -> RemovedStory | None:
    """Report (and, with `unpublish`, make a draft of) the episode of a story its source
    removed; None when it has none (refused, rejected, or never built). The caller has the
    feeds rewritten: an unpublished episode's files stay, as do the old feeds naming them."""
    if not row.slug:
        return None
    folder = show.episode_dir(row.slug)
    try:
        title = str(json.loads((folder / RECORD_FILE).read_bytes())["title"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not built (or rejected): nothing is listed
    if is_draft(folder):
        return RemovedStory(row.slug, title, "draft")
    if not unpublish:
        return RemovedStory(row.slug, title, "listed")
    mark_draft(folder, "its story was removed from its source")
    return RemovedStory(row.slug, title, "unpublished")
