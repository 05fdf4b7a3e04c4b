"""What of a show is public: which files, their content types and cache lifetimes.

`audiocast serve` and `audiocast publish` share these rules, so a preview shows exactly
what listeners will get. Public files live under feeds/ and episodes/<slug>/ (there: the
built files, the episode's page, index.html, and its player for other sites, embed.html) and
have plain ASCII names, besides the site's pages (home.py): index.html and partners.html at
the root, kurasa/<n>/index.html; the producer's inputs (article.yaml), the build record
(episode.json, whose public form is feeds/manifest.json), dot files (.cache, temporary files
being written) and anything else stay private.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from .drafts import is_draft
from .episode import PublicRecord, media_problems, published
from .media import FORMATS, SUFFIX_PATTERN

log = logging.getLogger(__name__)

# Longest suffix first: ".chapters.json" must win over ".json".
CONTENT_TYPES: dict[str, str] = {
    ".chapters.json": "application/json+chapters",
    **{media.suffix: media.mime for media in FORMATS.values()},
    ".xml": "application/rss+xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
FEEDS_SUFFIXES: tuple[str, ...] = (".xml", ".html", ".json", ".jpg", ".png")
EPISODE_SUFFIXES: tuple[str, ...] = (
    *(media.suffix for media in FORMATS.values()),
    ".vtt",
    ".srt",
    ".chapters.json",
)
EPISODE_PAGE = "index.html"  # episodes/<slug>/index.html: the episode's page (episode_page.py)
EMBED_PAGE = "embed.html"  # episodes/<slug>/embed.html: its player for other sites' iframes
# The site's pages at the show's root (home.py): the home page, partners.html, and the
# archive pages kurasa/<n>/index.html (n from 1, no leading zero).
SITE_PAGES = ("index.html", "partners.html")
_ARCHIVE_PAGE = re.compile(r"kurasa/[1-9][0-9]{0,5}/index\.html")

# Hashed media never change under their name; feeds and pages change often.
IMMUTABLE = "public, max-age=31536000, immutable"
FEED_LIFETIME = 300  # seconds a feed or page may be cached: apps and CDNs recheck after
SHORT = f"public, max-age={FEED_LIFETIME}"

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")  # as Show.episode_dir accepts
# Media, transcripts and chapters are named by a hash of what they hold: a new build writes
# new names, so a cached copy never goes stale.
_HASHED = re.compile(
    rf"-[0-9a-f]{{8}}(?:(\.[a-z0-9]+)?(?:{SUFFIX_PATTERN})|\.vtt|\.srt|\.chapters\.json)$"
)


def content_type(name: str) -> str:
    """The Content-Type a public file is served and published with.

    >>> content_type("2024-06-18-x.chapters.json")
    'application/json+chapters'
    >>> content_type("podcast.xml")
    'application/rss+xml'
    """
    for suffix, kind in CONTENT_TYPES.items():
        if name.endswith(suffix):
            return kind
    return "application/octet-stream"


def cache_control(key: str) -> str:
    """Cache lifetime for a published key: a year for hashed files, minutes for the rest.

    >>> cache_control("episodes/2024-06-18-x/2024-06-18-x-68dab05a.radio.mp3") == IMMUTABLE
    True
    >>> cache_control("episodes/2024-06-18-x/2024-06-18-x-5e1c0a9d.vtt") == IMMUTABLE
    True
    >>> cache_control("feeds/podcast.xml") == SHORT
    True
    """
    return IMMUTABLE if key.startswith("episodes/") and _HASHED.search(key) else SHORT


def is_public(key: str) -> bool:
    """Whether a key (a path under base_url) names a file the show publishes.

    >>> [is_public(k) for k in ("feeds/podcast.xml", "episodes/a-1/a-1.vtt", "feeds/.gitkeep")]
    [True, True, False]
    >>> [is_public(k) for k in ("episodes/a-1/episode.json", "episodes/a-1/article.yaml")]
    [False, False]
    >>> [is_public(k) for k in ("episodes/a-1/index.html", "episodes/a-1/other.html")]
    [True, False]
    >>> is_public("episodes/a-1/embed.html")
    True
    >>> [is_public(k) for k in ("feeds/../audiocast.toml", "feeds\\\\x.xml", "/etc/passwd")]
    [False, False, False]
    >>> [is_public(k) for k in ("index.html", "partners.html", "kurasa/2/index.html")]
    [True, True, True]
    >>> [is_public(k) for k in ("audiocast.toml", "kurasa/02/index.html", "kurasa/2/x.html")]
    [False, False, False]
    """
    if key in SITE_PAGES or _ARCHIVE_PAGE.fullmatch(key):
        return True
    parts = key.split("/")
    if parts[0] == "feeds" and len(parts) == 2:
        suffixes = FEEDS_SUFFIXES
    elif parts[0] == "episodes" and len(parts) == 3 and _SLUG.match(parts[1]):
        if parts[2] in (EPISODE_PAGE, EMBED_PAGE):
            return True
        suffixes = EPISODE_SUFFIXES
    else:
        return False
    name = parts[-1]
    return bool(_NAME.match(name)) and name.endswith(suffixes)


def public_file(root: Path, key: str) -> Path | None:
    """The file a public key names in the show at `root`, or None.

    The decision is made on the resolved path: a symbolic link is followed only when its
    target is itself a public file of the show, so `leak.mp3 -> episode.json` is no file.
    A draft's files (drafts.py) are not public until it is approved.
    """
    if not is_public(key):
        return None
    try:
        show = root.resolve(strict=True)
        path = (root / key).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    if not path.is_relative_to(show) or not is_public(path.relative_to(show).as_posix()):
        return None
    if path.parent.parent == show / "episodes" and is_draft(path.parent):
        return None
    return path if path.is_file() else None


def published_records(episodes_dir: Path) -> tuple[list[PublicRecord], list[str]]:
    """The episodes to publish, newest first, and the slugs left out.

    Drafts waiting for a producer's review (drafts.py) are not published, nor counted as
    left out. An episode whose record cannot be read, or whose renditions are missing or not of the
    recorded size (a build killed half-way, a file removed by hand), is left out: the
    feeds, the page and publishing all list exactly the same episodes.
    """
    records, unreadable = published(episodes_dir, PublicRecord)
    left_out = []
    for slug, problem in unreadable:
        log.warning("left %s out: %s; rebuild it", slug, problem)
        left_out.append(slug)
    kept = []
    for record in records:
        if is_draft(os.path.join(episodes_dir, record.slug)):
            continue
        problems = media_problems(episodes_dir, record)
        if problems:
            log.warning("left %s out: %s; rebuild it", record.slug, "; ".join(problems))
            left_out.append(record.slug)
        else:
            kept.append(record)
    return kept, left_out
