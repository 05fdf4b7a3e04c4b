"""A page per episode (episodes/<slug>/index.html): its permanent link, and each feed item's;
and its embed (embed.html), a player for other sites.

The page says when and how long in Swahili, plays the smallest listener file first, lists
the chapters as links that seek the player, gives the transcript as the article's words
(quotes marked with their speaker), a download link for each listener file with its size,
and share links with its permanent address. Its links are relative (the media sit beside
it, the cover in ../../feeds/), so it works published, served and opened from disk; its
preview tags (sharing.py) are absolute.

Beside it, episodes/<slug>/embed.html is the episode's player for a newsroom's own article
pages, in an iframe whose snippet the page shows for editors to copy: the show's name, the
title, the player and a link to the page in a new tab; no script, its media from the show's
own host (relative links), nothing from elsewhere.

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
from dataclasses import dataclass
from datetime import datetime
from html import escape as _e
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, ValidationError

from . import page as _page
from . import sharing as _sharing
from .config import Settings
from .episode import RECORD_FILE, EpisodeRecord, PublicRecord, RenditionRecord
from .feed import episode_url
from .forked import in_two
from .fsutil import Batch
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
from .public import EMBED_PAGE, EPISODE_PAGE  # base_url/episodes/<slug>/ on a web host
from .sharing import Preview, share_links, sharing_tags
from .show import Show
from .swahili import words as _words
from .swahili.words import AND, DAYS, HOUR, MINUTE, SECOND

log = logging.getLogger(__name__)


class Segment(Protocol):
    """What the transcript shows of a segment (episode.SegmentRecord has it)."""

    @property
    def role(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def inline(self) -> bool: ...


class Chapter(Protocol):
    """What the chapter list shows of a chapter (episode.ChapterRecord has it)."""

    @property
    def start(self) -> float: ...
    @property
    def title(self) -> str: ...


class _SegmentText(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    role: str
    text: str
    speaker: str | None = None
    inline: bool = False


class _ChapterStart(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    start: float
    title: str


class _Transcript(BaseModel):
    """The part of episode.json a page shows besides the public record: read without the
    sentences' timings and spoken forms, it takes less than half the time of the whole."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    segments: list[_SegmentText]
    chapters: list[_ChapterStart] = []


PLAYER_ID = "player"

EPISODE_TEXT = {
    "all": "Vipindi vyote",
    "by": "Na",
    "quote": "Nukuu",
    "share": "Shiriki habari hii",
    "permalink": "Kiungo cha kipindi hiki",
    "embed": "Weka kicheza hiki kwenye ukurasa wako",
    "embed_hint": "Nakili msimbo huu kwenye makala yako: unaonyesha kicheza cha habari hii "
    "na kiungo cha kurudi hapa.",
}
EMBED_TEXT = {
    "listen": "Sikiliza habari hii",
    "open": "Fungua ukurasa wa kipindi",
    "new_window": "(dirisha jipya)",
}
EMBED_HEIGHT = 180  # px: the snippet's iframe; the embed fits it at 320 px wide

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
textarea.embed{display:block;width:100%;padding:.5rem;font:.85rem/1.4 ui-monospace,monospace;
color:inherit;background:transparent;border:1px solid var(--line);resize:vertical}
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

# The embed: one short block that fits an iframe of 180 px at any width from 320 px, in the
# page's own colours (light or dark as the reader's device), without script.
EMBED_STYLE = """
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fdfdfb;--muted:#5a5a5a;--accent:#0b5d8f}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#151515;--muted:#b0b0b0;
--accent:#7cc4f2}}
*{box-sizing:border-box}
body{margin:0;padding:.55rem .75rem;font:.95rem/1.35 system-ui,-apple-system,"Segoe UI",
Roboto,sans-serif;color:var(--fg);background:var(--bg)}
p{margin:0}
.kicker{font-size:.8rem;color:var(--muted);white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
h1{margin:.15rem 0 .4rem;font-size:1rem;line-height:1.3;overflow:hidden;overflow-wrap:anywhere;
display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
audio{display:block;width:100%}
.more{margin-top:.3rem;font-size:.85rem}
a{color:var(--accent)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
""".strip()
EMBED_CSP = (
    f"default-src 'none'; media-src 'self'; style-src 'sha256-{_sha256(EMBED_STYLE)}'; "
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


@dataclass(frozen=True)
class _Parts:
    """What every page of a show shares, written once for all its pages (ten thousand
    pages each spelling out the same head and footer took most of the time)."""

    head: str  # from the doctype to the Content-Security-Policy
    site: str  # the show's address, base_url
    image: str | None  # the cover's absolute URL, for previews
    icon: str  # the head's icon and style, then the header, up to <main>
    footer: str
    show_title: str  # escaped
    settings: Settings  # what they were made for
    cover: str | None
    embed_head: str
    embed_body: str  # the kicker with the show's name
    embed_tail: str


def _parts(settings: Settings, cover: str | None) -> _Parts:
    show = settings.show
    e = _e
    base = show.base_url
    feeds = "../../feeds/"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{e(show.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ]
    icon = [f'<link rel="icon" href="{e(feeds + quote(cover))}">'] if cover else []
    image = f'<img src="{e(feeds + quote(cover))}" alt="" width="48" height="48">' if cover else ""
    icon += [
        f"<style>{PAGE_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<a class="show" href="../../index.html">{image}<span>{e(show.title)}'
        f'<span class="sr"> \u2013 {EPISODE_TEXT["all"]}</span></span></a>',
        "</header>",
        '<main aria-labelledby="title">',
    ]
    footer = [
        "</main>",
        f'<footer><p><a href="../../index.html">{EPISODE_TEXT["all"]}</a> \u00b7 '
        f"{e(show.author)} \u00b7 {e(show.owner.email)}</p></footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    embed_tail = [
        f'<p class="more"><a href="{EPISODE_PAGE}" target="_blank" rel="noopener">'
        f'{EMBED_TEXT["open"]}<span class="sr"> {EMBED_TEXT["new_window"]}</span></a></p>',
        "</body>",
        "</html>",
        "",
    ]
    return _Parts(
        head="\n".join(
            [*head, f'<meta http-equiv="Content-Security-Policy" content="{e(EPISODE_CSP)}">']
        ),
        site=base,
        image=f"{base}/feeds/{quote(cover)}" if cover else None,
        icon="\n".join(icon),
        footer="\n".join(footer),
        show_title=e(show.title),
        settings=settings,
        cover=cover,
        embed_head="\n".join(
            [*head, f'<meta http-equiv="Content-Security-Policy" content="{e(EMBED_CSP)}">']
        ),
        embed_body="\n".join(
            [
                '<meta name="robots" content="noindex">',  # the episode's page is the one to find
                "{title}",
                f"<style>{EMBED_STYLE}</style>",
                "</head>",
                "<body>",
                f'<p class="kicker">{EMBED_TEXT["listen"]} \u00b7 {e(show.title)}</p>',
            ]
        ),
        embed_tail="\n".join(embed_tail),
    )


def render_episode_page(
    record: PublicRecord,
    settings: Settings,
    cover: str | None = "cover.jpg",
    segments: Sequence[Segment] = (),
    chapters: Sequence[Chapter] = (),
    key: str = "",
    parts: _Parts | None = None,
) -> str:
    """The episode's page; `cover` is the artwork's name under feeds/ (None: no artwork);
    `key`, the `source_key` of what it is made from, goes in its head; `parts`, what the
    show's pages share, if made already (`_parts(settings, cover)`).

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
    if parts is None or parts.settings is not settings or parts.cover != cover:
        parts = _parts(settings, cover)
    e = _e
    listening = listener_renditions(record, settings)
    small = listening[0] if listening else None
    files = [quote(r.file) for r in listening]  # as URLs; escaped for the page below
    hrefs = [e(file) for file in files]
    url = episode_url(settings, record.slug)
    title = e(record.title)
    date = e(record.date.isoformat())
    preview = Preview(
        title=record.title,
        description=record.summary,
        url=url,
        kind="article",
        image=parts.image,
        audio=f"{parts.site}/episodes/{quote(record.slug)}/{files[0]}" if small else None,
        audio_type=media_format(small.format).mime if small else None,
    )
    lines = [
        parts.head,
        *([f'<meta name="audiocast-source" content="{e(key)}">'] if key else []),
        f"<title>{title} \u2013 {parts.show_title}</title>",
        f'<meta name="description" content="{e(record.summary)}">',
        f'<link rel="canonical" href="{e(url)}">',
        *sharing_tags(settings, preview),
        f'<meta property="article:published_time" content="{date}">',
        parts.icon,
        f'<h1 id="title">{title}</h1>',
        '<p class="meta">'
        f'<span><time datetime="{date}">{e(swahili_day(record.date))}'
        "</time></span>"
        f'<span>{TEXT["duration"]}: <time datetime="{iso_duration(record.duration)}">'
        f"{swahili_duration(record.duration)}</time></span>"
        f"<span>{EPISODE_TEXT['by']} {e(record.author)}</span></p>",
    ]
    if listening:
        lines.append(_player(listening, hrefs, title, f' id="{PLAYER_ID}"'))
    lines.append(f"<p>{e(record.summary)}</p>")
    if chapters:
        lines.append(
            f'<nav aria-labelledby="chapters"><h2 id="chapters">{TEXT["chapters"]}</h2>'
            '<ol class="chapters">'
        )
        for chapter in chapters:
            at = _seconds(chapter.start)
            stamp = f'<time datetime="{iso_duration(chapter.start)}">{clock(chapter.start)}</time>'
            name = e(chapter.title)
            if small:
                name = f'<a href="{hrefs[0]}#t={at}" data-t="{at}">{name}</a>'
            lines.append(f"<li>{stamp} {name}</li>")
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
        for rendition, href in zip(listening, hrefs, strict=True):
            lines.append(
                f'<li><a href="{href}" download '
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
    if listening:  # the embed plays the same files; without them it has nothing to offer
        lines.append(
            f'<section aria-labelledby="embed"><h2 id="embed">{EPISODE_TEXT["embed"]}</h2>'
            f'<p class="muted" id="embed-hint">{EPISODE_TEXT["embed_hint"]}</p>'
            '<textarea class="embed" readonly rows="4" spellcheck="false" '
            'aria-labelledby="embed" aria-describedby="embed-hint">'
            f"{e(embed_snippet(record, settings))}</textarea></section>"
        )
    lines.append(parts.footer)
    return "\n".join(lines)


def _player(listening: Sequence[RenditionRecord], hrefs: Sequence[str], title: str, at: str) -> str:
    """An audio element playing the first of these files the browser can; `title` escaped."""
    return (
        f'<audio{at} controls preload="metadata" aria-label="{TEXT["listen"]}: {title}">'
        + "".join(
            f'<source src="{href}" type="{media_format(r.format).mime}">'
            for r, href in zip(listening, hrefs, strict=True)
        )
        + f'{TEXT["no_audio"]} <a href="{hrefs[0]}">{TEXT["download"]}</a></audio>'
    )


def embed_url(settings: Settings, slug: str) -> str:
    """The embed's absolute address, for another site's iframe."""
    return f"{settings.show.base_url}/episodes/{quote(slug)}/{EMBED_PAGE}"


def embed_snippet(record: PublicRecord, settings: Settings) -> str:
    """The iframe an editor pastes into an article: the embed, full width, loaded only when
    the reader scrolls near it.

    >>> from datetime import datetime, timezone
    >>> r = PublicRecord(slug="2024-06-18-x", guid="g", title="Habari", author="A",
    ...     date=datetime(2024, 6, 18, tzinfo=timezone.utc), summary="",
    ...     categories=[], duration=61.5, renditions={},
    ...     built_at=datetime(2024, 6, 18, tzinfo=timezone.utc))
    >>> snippet = embed_snippet(r, Settings())
    >>> snippet.split('"')[1] == Settings().show.base_url + "/episodes/2024-06-18-x/embed.html"
    True
    >>> snippet.endswith('width="100%" height="180" style="border:0" loading="lazy"></iframe>')
    True
    """
    title = f"{record.title} \u2013 {settings.show.title}"
    return (
        f'<iframe src="{_e(embed_url(settings, record.slug))}" title="{_e(title)}" '
        f'width="100%" height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )


def render_embed_page(
    record: PublicRecord, settings: Settings, key: str = "", parts: _Parts | None = None
) -> str:
    """The episode's player for another site's iframe (episodes/<slug>/embed.html): the
    show's name, the title, the player of the listener files (smallest first) and a link
    to the episode's page in a new window. Its links are relative, so the media come from
    the show's own host; it has no script and loads nothing else.

    >>> from datetime import datetime, timezone
    >>> r = PublicRecord(slug="2024-06-18-x", guid="g", title="Habari", author="A",
    ...     date=datetime(2024, 6, 18, tzinfo=timezone.utc), summary="",
    ...     categories=[], duration=61.5, renditions={},
    ...     built_at=datetime(2024, 6, 18, tzinfo=timezone.utc))
    >>> "Sikiliza habari hii" in render_embed_page(r, Settings())
    True
    """
    if parts is None or parts.settings is not settings:
        parts = _parts(settings, None)
    e = _e
    listening = listener_renditions(record, settings)
    title = e(record.title)
    lines = [
        parts.embed_head,
        *([f'<meta name="audiocast-source" content="{e(key)}">'] if key else []),
        parts.embed_body.replace("{title}", f"<title>{title} \u2013 {parts.show_title}</title>", 1),
        f"<h1>{title}</h1>",
    ]
    if listening:
        lines.append(_player(listening, [e(quote(r.file)) for r in listening], title, ""))
    lines.append(parts.embed_tail)
    return "\n".join(lines)


def write_episode_pages(
    show: Show, records: Sequence[PublicRecord], cover: str | None
) -> list[Path]:
    """Write each listed episode's page and embed, atomically and only when their content
    changed; those of an episode no longer listed go (their links may name files that are
    gone). Returns the files written.

    Each carries the key of what it was made from (`source_key`): one whose key is current
    is left as it is without reading the whole record, which for a show of thousands of
    episodes is most of the time. The files are flushed to disk together (fsutil.Batch):
    each is still replaced in one step, old or new, never half.
    """
    settings = show.settings
    fingerprint = renderer_fingerprint(settings, cover)
    parts = _parts(settings, cover)

    def write(some: Sequence[PublicRecord]) -> list[Path]:
        with Batch() as batch:
            for record in some:
                _write_pages(
                    show.episodes_dir / record.slug, record, settings, fingerprint, parts, batch
                )
        return batch.written

    # A show of thousands: two processes, each with half the episodes (forked.py).
    written = in_two(write, records, least=_FORK_FROM)
    slugs = {record.slug for record in records}
    try:
        with os.scandir(show.episodes_dir) as entries:
            others = [Path(e.path) for e in entries if e.is_dir() and e.name not in slugs]
    except FileNotFoundError:
        others = []
    for folder in others:
        for name in (EMBED_PAGE, EPISODE_PAGE):  # the embed links to the page: it goes first
            path = folder / name
            if path.is_file():
                path.unlink()
                log.info("removed %s: no feed lists its episode", path)
    return written


_FORK_FROM = 1000  # episodes; fewer are written in well under a second by one process


def _write_pages(
    folder: Path,
    record: PublicRecord,
    settings: Settings,
    fingerprint: bytes,
    parts: _Parts,
    batch: Batch,
) -> None:
    """Write one episode's page and embed into `batch` where their key is not current."""
    try:
        source = (folder / RECORD_FILE).read_bytes()
    except OSError:
        source = b""
    key = source_key(fingerprint, source)
    page = folder / EPISODE_PAGE
    if _key_of(page) != key:
        segments, chapters = _transcript(record, source)
        text = render_episode_page(
            record, settings, parts.cover, segments, chapters, key=key, parts=parts
        )
        batch.write(page, text.encode("utf-8"))
    embed = folder / EMBED_PAGE
    if _key_of(embed) != key:  # the public record it was listed by says all it shows
        batch.write(embed, render_embed_page(record, settings, key, parts=parts).encode("utf-8"))


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


def _transcript(record: PublicRecord, source: bytes) -> tuple[Sequence[Segment], Sequence[Chapter]]:
    """The transcript and chapters in episode.json; none when they do not read (the page
    then lacks them; `audiocast validate` says why)."""
    try:
        found = _Transcript.model_validate_json(source)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]["msg"]
        log.warning("%s: page without transcript or chapters: %s", record.slug, problem)
        return (), ()
    return found.segments, found.chapters


def _paragraphs(segments: Sequence[Segment]) -> list[list[Segment]]:
    """The transcript's blocks: a segment, with the segments that continue its paragraph."""
    blocks: list[list[Segment]] = []
    for segment in segments:
        if segment.inline and blocks:
            blocks[-1].append(segment)
        else:
            blocks.append([segment])
    return blocks


def _block(block: list[Segment]) -> str:
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


def _segment(segment: Segment) -> str:
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
