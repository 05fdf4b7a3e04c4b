"""A page per episode (episodes/<slug>/index.html): its permanent link, and each feed item's.

The page says when and how long in Swahili, plays the smallest listener file first, lists
the chapters as links that seek the player, gives the transcript as the article's words
(quotes marked with their speaker), a download link for each listener file with its size,
and share links with its permanent address. Its links are relative (the media sit beside
it, the cover in ../../feeds/), so it works published, served and opened from disk; its
preview tags (sharing.py) are absolute.

Chapter links are media-fragment links to the small file (`<file>#t=54.15`): without
script a browser opens the file at that time; the page's one small script, which its
Content-Security-Policy allows by hash and nothing else, makes them seek the page's player.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
from collections.abc import Sequence
from datetime import datetime
from html import escape as _e
from pathlib import Path
from urllib.parse import quote

from pydantic import ValidationError

from . import page as _page
from . import sharing as _sharing
from .config import Settings
from .episode import (
    RECORD_FILE,
    ChapterRecord,
    EpisodeRecord,
    PublicRecord,
    SegmentRecord,
)
from .feed import episode_url
from .fsutil import write_atomic
from .media import media_format
from .page import (
    STYLE,
    TEXT,
    clock,
    iso_duration,
    listener_renditions,
    megabytes,
    rendition_label,
    swahili_date,
)
from .public import EPISODE_PAGE  # base_url/episodes/<slug>/ on a web host
from .sharing import Preview, share_links, sharing_tags
from .show import Show
from .swahili import words as _words
from .swahili.words import AND, DAYS, HOUR, MINUTE, SECOND

log = logging.getLogger(__name__)

PLAYER_ID = "player"

EPISODE_TEXT = {
    "all": "Vipindi vyote",
    "by": "Na",
    "quote": "Nukuu",
    "share": "Shiriki habari hii",
    "permalink": "Kiungo cha kipindi hiki",
}

_EXTRA_STYLE = """
header .show{display:flex;gap:.7rem;align-items:center;font-weight:600;text-decoration:none}
header .show img{width:3rem;height:3rem}
main h2{margin-top:1.6rem}
.chapters{padding-left:0;list-style:none}
.chapters time{display:inline-block;min-width:3.5rem;color:var(--muted);
font-variant-numeric:tabular-nums}
.transcript p{margin:.7rem 0}
blockquote{margin:.8rem 0;padding:.1rem 0 .1rem 1rem;border-left:3px solid var(--accent)}
blockquote p{margin:.3rem 0}
.speaker{color:var(--muted);font-size:.95rem}
.said{color:var(--accent)}
.share{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;padding-left:0;list-style:none}
""".strip()
PAGE_STYLE = f"{STYLE}\n{_EXTRA_STYLE}"
# A click on a chapter link seeks the player and plays from there; without script the link
# opens the file at that time.
SCRIPT = (
    'document.addEventListener("click",function(e){'
    'var a=e.target.closest&&e.target.closest("a[data-t]");'
    f'var p=document.getElementById("{PLAYER_ID}");'
    "if(!a||!p)return;e.preventDefault();p.currentTime=Number(a.dataset.t);"
    "var r=p.play();if(r&&r.catch)r.catch(function(){});});"
)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# This exact stylesheet and script, the show's own images and media, nothing else.
EPISODE_CSP = (
    "default-src 'none'; img-src 'self'; media-src 'self'; "
    f"style-src 'sha256-{_sha256(PAGE_STYLE)}'; script-src 'sha256-{_sha256(SCRIPT)}'; "
    "base-uri 'none'; form-action 'none'"
)


def swahili_day(moment: datetime) -> str:
    """A date with its weekday, as a Swahili reader writes it.

    >>> swahili_day(datetime(2024, 6, 18))
    'Jumanne, 18 Juni 2024'
    """
    return f"{DAYS[moment.weekday()]}, {swahili_date(moment)}"


def swahili_duration(seconds: float) -> str:
    """A length in hours, minutes and seconds, in words and figures (whole seconds cut,
    as players and `clock` do).

    >>> swahili_duration(265.9), swahili_duration(3725), swahili_duration(45), swahili_duration(120)
    ('Dakika 4 na sekunde 25', 'Saa 1, dakika 2 na sekunde 5', 'Sekunde 45', 'Dakika 2')
    """
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{word} {n}" for word, n in ((HOUR, hours), (MINUTE, minutes), (SECOND, secs)) if n]
    if not parts:
        parts = [f"{SECOND} 0"]
    said = parts[-1] if len(parts) == 1 else f"{', '.join(parts[:-1])} {AND} {parts[-1]}"
    return said[0].upper() + said[1:]


def render_episode_page(
    record: PublicRecord,
    settings: Settings,
    cover: str | None = "cover.jpg",
    segments: Sequence[SegmentRecord] = (),
    chapters: Sequence[ChapterRecord] = (),
    key: str = "",
) -> str:
    """The episode's page; `cover` is the artwork's name under feeds/ (None: no artwork);
    `key`, the `source_key` of what it is made from, goes in its head.

    An EpisodeRecord brings its own segments (the transcript) and chapters.

    >>> from datetime import datetime, timezone
    >>> r = PublicRecord(slug="2024-06-18-x", guid="g", title="Habari", author="A",
    ...     date=datetime(2024, 6, 18, tzinfo=timezone.utc), summary="Muhtasari",
    ...     categories=[], duration=61.5, renditions={},
    ...     built_at=datetime(2024, 6, 18, tzinfo=timezone.utc))
    >>> "Dakika 1 na sekunde 1" in render_episode_page(r, Settings())
    True
    """
    if isinstance(record, EpisodeRecord):
        segments = segments or record.segments
        chapters = chapters or record.chapters
    show = settings.show
    base = show.base_url
    e = _e
    listening = listener_renditions(record, settings)
    small = listening[0] if listening else None
    url = episode_url(settings, record.slug)
    folder = f"{base}/episodes/{quote(record.slug)}/"
    preview = Preview(
        title=record.title,
        description=record.summary,
        url=url,
        kind="article",
        image=f"{base}/feeds/{quote(cover)}" if cover else None,
        audio=folder + quote(small.file) if small else None,
        audio_type=media_format(small.format).mime if small else None,
    )
    feeds = "../../feeds/"
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{e(show.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(EPISODE_CSP)}">',
        *([f'<meta name="audiocast-source" content="{e(key)}">'] if key else []),
        f"<title>{e(record.title)} \u2013 {e(show.title)}</title>",
        f'<meta name="description" content="{e(record.summary)}">',
        f'<link rel="canonical" href="{e(url)}">',
        *sharing_tags(settings, preview),
        f'<meta property="article:published_time" content="{e(record.date.isoformat())}">',
    ]
    if cover:
        lines.append(f'<link rel="icon" href="{e(feeds + quote(cover))}">')
    lines += [f"<style>{PAGE_STYLE}</style>", "</head>", "<body>", "<header>"]
    image = f'<img src="{e(feeds + quote(cover))}" alt="" width="48" height="48">' if cover else ""
    lines += [
        f'<a class="show" href="../../index.html">{image}<span>{e(show.title)}'
        f'<span class="sr"> \u2013 {EPISODE_TEXT["all"]}</span></span></a>',
        "</header>",
        '<main aria-labelledby="title">',
        f'<h1 id="title">{e(record.title)}</h1>',
        '<p class="meta">'
        f'<span><time datetime="{e(record.date.isoformat())}">{e(swahili_day(record.date))}'
        "</time></span>"
        f'<span>{TEXT["duration"]}: <time datetime="{iso_duration(record.duration)}">'
        f"{swahili_duration(record.duration)}</time></span>"
        f"<span>{EPISODE_TEXT['by']} {e(record.author)}</span></p>",
    ]
    if listening:
        lines.append(
            f'<audio id="{PLAYER_ID}" controls preload="metadata" '
            f'aria-label="{TEXT["listen"]}: {e(record.title)}">'
            + "".join(
                f'<source src="{e(quote(r.file))}" type="{media_format(r.format).mime}">'
                for r in listening
            )
            + f'{TEXT["no_audio"]} <a href="{e(quote(listening[0].file))}">{TEXT["download"]}</a>'
            "</audio>"
        )
    lines.append(f"<p>{e(record.summary)}</p>")
    if chapters:
        lines.append(
            f'<nav aria-labelledby="chapters"><h2 id="chapters">{TEXT["chapters"]}</h2>'
            '<ol class="chapters">'
        )
        for chapter in chapters:
            at = _seconds(chapter.start)
            stamp = f'<time datetime="{iso_duration(chapter.start)}">{clock(chapter.start)}</time>'
            title = e(chapter.title)
            if small:
                title = f'<a href="{e(quote(small.file))}#t={at}" data-t="{at}">{title}</a>'
            lines.append(f"<li>{stamp} {title}</li>")
        lines.append("</ol></nav>")
    if segments:
        lines.append(
            f'<section class="transcript" aria-labelledby="transcript">'
            f'<h2 id="transcript">{TEXT["transcript"]}</h2>'
        )
        lines += [_block(block) for block in _paragraphs(segments)]
        lines.append("</section>")
    if listening:
        lines.append(
            f'<section aria-labelledby="downloads"><h2 id="downloads">{TEXT["download"]}</h2>'
            '<ul class="downloads">'
        )
        for rendition in listening:
            lines.append(
                f'<li><a href="{e(quote(rendition.file))}" download '
                f'type="{media_format(rendition.format).mime}">{TEXT["download"]} \u2013 '
                f"{e(rendition_label(rendition, settings))}</a> "
                f'<span class="muted">({TEXT["size"]}: {megabytes(rendition.bytes)})</span></li>'
            )
        lines.append("</ul></section>")
    lines.append(
        f'<section aria-labelledby="share"><h2 id="share">{EPISODE_TEXT["share"]}</h2>'
        '<ul class="share">'
        + "".join(
            f'<li><a href="{e(link)}" rel="noopener noreferrer">{network}</a></li>'
            for network, link in share_links(url, record.title)
        )
        + f'</ul><p class="muted">{EPISODE_TEXT["permalink"]}: <code>{e(url)}</code></p>'
        "</section>"
    )
    lines += [
        "</main>",
        f'<footer><p><a href="../../index.html">{EPISODE_TEXT["all"]}</a> · '
        f"{e(show.author)} · {e(show.owner.email)}</p></footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)


def write_episode_pages(
    show: Show, records: Sequence[PublicRecord], cover: str | None
) -> list[Path]:
    """Write each listed episode's page, atomically and only when its content changed; a
    page of an episode no longer listed goes (its links may name files that are gone).
    Returns the pages written.

    A page carries the key of what it was made from (`source_key`): a page whose key is
    current is left as it is without reading the whole record, which for a show of
    thousands of episodes is most of the time.
    """
    written = []
    slugs = set()
    fingerprint = renderer_fingerprint(show.settings, cover)
    for record in records:
        slugs.add(record.slug)
        folder = show.episodes_dir / record.slug
        path = folder / EPISODE_PAGE
        try:
            source = (folder / RECORD_FILE).read_bytes()
        except OSError:
            source = b""
        key = source_key(fingerprint, source)
        if _key_of(path) == key:
            continue
        page = render_episode_page(_full(record, source), show.settings, cover, key=key)
        data = page.encode("utf-8")
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            write_atomic(path, data)
            written.append(path)
    try:
        with os.scandir(show.episodes_dir) as entries:
            others = [Path(e.path) for e in entries if e.is_dir() and e.name not in slugs]
    except FileNotFoundError:
        others = []
    for folder in others:
        page_path = folder / EPISODE_PAGE
        if page_path.is_file():
            page_path.unlink()
            log.info("removed %s: no feed lists its episode", page_path)
    return written


def renderer_fingerprint(settings: Settings, cover: str | None) -> bytes:
    """What every page depends on besides its record: the settings it shows, the cover's
    name and the code that writes it (a new audiocast rewrites every page once)."""
    show = settings.show
    shown = [show.title, show.base_url, show.language, show.author, show.owner.email]
    profiles = {name: [p.title, p.audience] for name, p in sorted(settings.profiles.items())}
    digest = hashlib.sha256(json.dumps([shown, profiles, cover]).encode())
    for module in (__file__, _page.__file__, _sharing.__file__, _words.__file__):
        digest.update(Path(module).read_bytes())
    return digest.digest()


def source_key(fingerprint: bytes, record: bytes) -> str:
    """The key of a page made from these settings and code and this episode.json."""
    return hashlib.sha256(fingerprint + record).hexdigest()


_KEY = re.compile(rb'<meta name="audiocast-source" content="([0-9a-f]{64})">')
_KEY_LINE = re.compile(_KEY.pattern + rb"\n")


def without_key(page: bytes) -> bytes:
    """A written page as it would be rendered without its source key."""
    return _KEY_LINE.sub(b"", page, count=1)


def _key_of(path: Path) -> str | None:
    """The source key a written page carries in its head, if any."""
    try:
        with path.open("rb") as page:
            head = page.read(1024)
    except OSError:
        return None
    found = _KEY.search(head)
    return found[1].decode() if found else None


def _full(record: PublicRecord, source: bytes) -> PublicRecord:
    """The whole record, for the transcript and chapters; the public part when the whole
    does not read (the page then lacks them; `audiocast validate` says why)."""
    try:
        return EpisodeRecord.model_validate_json(source)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]["msg"]
        log.warning("%s: page without transcript or chapters: %s", record.slug, problem)
        return record


def _paragraphs(segments: Sequence[SegmentRecord]) -> list[list[SegmentRecord]]:
    """The transcript's blocks: a segment, with the segments that continue its paragraph."""
    blocks: list[list[SegmentRecord]] = []
    for segment in segments:
        if segment.inline and blocks:
            blocks[-1].append(segment)
        else:
            blocks.append([segment])
    return blocks


def _block(block: list[SegmentRecord]) -> str:
    """A block of the transcript: a paragraph with direct speech in it reads as one
    paragraph, its quotes marked, and by whom where the paragraph's own words do not say."""
    if len(block) == 1:
        return _segment(block[0])
    told = " ".join(s.text for s in block if s.role != "quote")
    parts = []
    for segment in block:
        text = _e(segment.text)
        if segment.role == "quote":
            who = segment.speaker
            label = f"{_e(who)}: " if who else f"{EPISODE_TEXT['quote']}: "
            text = f'<span class="said"><span class="sr">{label}</span>{text}</span>'
            if who and not _named(who, told):
                text += f' <span class="speaker">({_e(who)})</span>'
        parts.append(text)
    return f"<p>{_join_parts(parts)}</p>"


def _named(who: str, told: str) -> bool:
    """Whether the narrator's words name the speaker (a name of theirs, or their title).

    >>> _named("Rais Samia Suluhu", "alisema Samia."), _named("Juma Ali", "alisema.")
    (True, False)
    """
    said = set(re.findall(r"\w+", told.casefold()))
    return any(len(word) > 2 and word in said for word in re.findall(r"\w+", who.casefold()))


def _join_parts(parts: list[str]) -> str:
    """Parts of one paragraph joined as written: no space before the stop that ends a quote.

    >>> _join_parts(["a", ",", "b"])
    'a, b'
    """
    joined = parts[0]
    for part in parts[1:]:
        joined += part if part[:1] in ".,;:!?\u2026" else f" {part}"
    return joined


def _segment(segment: SegmentRecord) -> str:
    """One part of the transcript: the words as written, a quote marked with its speaker."""
    text = _e(segment.text)
    if segment.role in ("heading", "story"):  # a story: a bulletin's, by its title
        return f"<h3>{text}</h3>"
    if segment.role == "quote":
        who = _e(segment.speaker) if segment.speaker else EPISODE_TEXT["quote"]
        return f'<blockquote><p class="speaker"><cite>{who}</cite>:</p><p>{text}</p></blockquote>'
    if segment.role in ("intro", "byline", "outro"):
        return f'<p class="muted">{text}</p>'
    if segment.role == "headline":
        return f"<p><strong>{text}</strong></p>"
    return f"<p>{text}</p>"


def _seconds(value: float) -> str:
    """A time for a media fragment, to the millisecond the chapters file gives.

    >>> _seconds(54.15), _seconds(0.0), _seconds(1234.567)
    ('54.15', '0', '1234.567')
    """
    return f"{value:.3f}".rstrip("0").rstrip(".")
