"""The review gate: episodes built but kept out of the feeds until a producer approves them.

An episode is a draft while its folder holds a file named DRAFT (episodes/<slug>/DRAFT).
The mark is a file of its own, not a field of article.yaml or episode.json, so that:
a rebuild (a corrected story, `audiocast build`) keeps it, since builds never touch it;
approving is deleting it, with no rebuild and nothing spoken again; and `audiocast ingest`
writes it before the article, so a pass killed at any point never leaves a new story's
episode in the feeds. The feeds, pages, manifest and publishing all read the episodes
through public.published_records, which leaves drafts out; `audiocast validate` checks a
draft's record and media but expects no feed or page to list it.

Rejecting deletes the draft's folder and remembers the story in ingest.sqlite, so the next
pass does not bring it back unless the newsroom changes it.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .episode import RECORD_FILE, ListedRecord, media_problems, published
from .errors import EpisodeError
from .fsutil import write_atomic
from .lock import show_lock
from .show import Show

log = logging.getLogger(__name__)

DRAFT_FILE = "DRAFT"
_REJECTED = "rejected"  # .cache/rejected/: a rejected folder is moved there, then deleted
_LIST_HINT = "`audiocast list --drafts` shows the drafts"


def is_draft(folder: Path | str) -> bool:
    # access(), not exists(): no exception is made for the usual answer, which for the
    # feeds of a show of 10,000 episodes took 35 ms of CPU instead of 17.
    return os.access(f"{folder}/{DRAFT_FILE}", os.F_OK)


def mark_draft(folder: Path, why: str) -> None:
    """Make the episode in `folder` a draft (the folder is created if need be)."""
    slug = folder.name
    write_atomic(
        folder / DRAFT_FILE,
        f"This episode is a draft ({why}): no feed or page lists it.\n"
        f"`audiocast approve {slug}` puts it in the feeds; `audiocast reject {slug}` "
        "deletes it.\n",
    )


def list_drafts(show: Show) -> list[ListedRecord]:
    """The built drafts, newest first."""
    records, _ = published(show.episodes_dir, ListedRecord)
    return [record for record in records if is_draft(show.episodes_dir / record.slug)]


def draft_slugs(show: Show) -> list[str]:
    """Slugs of every draft, built or not, without reading a record (17 ms for a show of
    10,000 episodes)."""
    try:
        folders = sorted(entry.name for entry in os.scandir(show.episodes_dir) if entry.is_dir())
    except FileNotFoundError:
        return []
    return [name for name in folders if is_draft(show.episodes_dir / name)]


def unbuilt_drafts(show: Show) -> list[str]:
    """Slugs of drafts with no episode yet (a pass stopped, or its build failed)."""
    return [
        name for name in draft_slugs(show) if not (show.episodes_dir / name / RECORD_FILE).exists()
    ]


def _draft_folder(show: Show, slug: str, verb: str) -> Path:
    folder = show.episode_dir(slug)
    if not folder.is_dir():
        raise EpisodeError(f"no episode {slug!r} in {show.episodes_dir}; {_LIST_HINT}")
    if not is_draft(folder):
        raise EpisodeError(
            f"episodes/{slug}/ is not a draft, nothing to {verb}: only drafts wait for review "
            f"({_LIST_HINT})"
        )
    return folder


def approve(show: Show, slug: str) -> None:
    """Put a built draft in the feeds, pages and manifest: the mark goes and the feeds are
    written, under the show lock; nothing is rebuilt. EpisodeError when it is no draft, is
    not built, or its media are not as built (the feeds would leave it out)."""
    from .site import write_feeds

    with show_lock(show):
        folder = _draft_folder(show, slug, "approve")
        records, unreadable = published(show.episodes_dir, ListedRecord)
        record = next((r for r in records if r.slug == slug), None)
        problem = next((p for name, p in unreadable if name == slug), None)
        if record is None:
            why = problem or "it is not built yet"
            raise EpisodeError(
                f"episodes/{slug}/ cannot go in the feeds: {why}; run `audiocast build "
                f"episodes/{slug}/article.yaml`, then approve it"
            )
        problems = media_problems(show.episodes_dir, record)
        if problems:
            raise EpisodeError(
                f"episodes/{slug}/ cannot go in the feeds: {'; '.join(problems)}; run "
                f"`audiocast build --force episodes/{slug}/article.yaml`, then approve it"
            )
        (folder / DRAFT_FILE).unlink()
        write_feeds(show)


@dataclass(frozen=True)
class Rejected:
    slug: str
    files: int  # the files deleted with the folder
    remembered: bool  # an ingested story: the next passes skip it until it changes


def reject(show: Show, slug: str) -> Rejected:
    """Delete a draft's folder (its article and built files; no other episode's) and,
    when it came from a source, remember the story as rejected in ingest.sqlite first."""
    from .ingest.state import STATE_FILE, State
    from .site import write_feeds
    from .tidy import linked_files

    with show_lock(show):
        folder = _draft_folder(show, slug, "reject")
        remembered = False
        if (show.root / STATE_FILE).exists():
            state = State(show.root / STATE_FILE)
            try:
                remembered = state.rejected(slug)
            finally:
                state.close()
        # A story unpublished by a pass killed before it rewrote the feeds: the feeds still
        # name its files, which must outlive them.
        if (linked_files(show, [slug]) or {}).get(slug):
            write_feeds(show)
        files = sum(len(names) for _, _, names in os.walk(folder))
        trash = show.root / ".cache" / _REJECTED
        trash.mkdir(parents=True, exist_ok=True)
        for left in trash.iterdir():  # what a reject stopped while deleting left
            shutil.rmtree(left, ignore_errors=True)
        # One rename takes the whole episode away at once; the deleting comes after.
        gone = trash / f"{slug}-{time.time_ns()}"
        folder.rename(gone)
        shutil.rmtree(gone, ignore_errors=True)
    log.info("removed %s", folder)
    return Rejected(slug, files, remembered)
