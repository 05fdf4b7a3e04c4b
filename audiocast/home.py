"""The show's website around the episode pages: the home page at base_url/, its archive
pages, the partners' corner and the old address of the page.

* `index.html`, the home page: the show, its "Jiunge" (subscribe) links and the newest
  episodes, each with its date, length, a player of its smallest listener file and a link
  to its page.
* `kurasa/<n>/index.html`, the archive: PER_PAGE episodes a page, numbered from the
  OLDEST, so a page once full never changes. The home page holds the rest, the newest
  PER_PAGE to 2 * PER_PAGE - 1; a new episode rewrites the home page and, once in
  PER_PAGE episodes, adds a page and rewrites the one before it (its "newer" link then
  leads to the new page, not home). 10,000 episodes make 499 pages of 20.
* `partners.html`, for radio partners: the radio files of the newest PARTNERS_NEWEST
  episodes with their size, loudness, format and SHA-256 sum, the radio feeds and the
  manifest (feeds/manifest.json, which lists every episode: partners' scripts read it).
* `feeds/index.html`, where the page used to be: a small page that sends browsers to the
  home page (bookmarks and shared links keep working) and never changes with the episodes.

Every page links relatively (it works served, published and opened from disk), loads
nothing from elsewhere and has no script; its preview tags (sharing.py) are absolute.
Each is written only when its bytes change, and archive pages no longer needed go.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote, urlencode

from .config import Settings
from .episode import PublicRecord, newest_first
from .fsutil import write_atomic
from .media import media_format
from .page import (
    MANIFEST_FILE,
    STYLE,
    TEXT,
    clock,
    feed_name,
    for_radio,
    iso_duration,
    listener_renditions,
    megabytes,
    rendition_label,
    swahili_date,
)
from .sharing import Preview, sharing_tags
from .show import Show

log = logging.getLogger(__name__)

HOME_FILE = "index.html"
PARTNERS_FILE = "partners.html"
ARCHIVE_DIR = "kurasa"  # "pages": kurasa/<n>/index.html
MOVED_FILE = "feeds/index.html"  # the page's address before the home page
PER_PAGE = 20
PARTNERS_NEWEST = 50
MAIN_FEED = "podcast"  # the listeners' feed the apps' buttons open first

HOME_TEXT = {
    "older": "Vipindi vya zamani",
    "newer": "Vipya zaidi",
    "pages": "Kurasa za vipindi",
    "archive": "Vipindi vya zamani: {first} hadi {last}",
    "subscribe_hint": "Pata kila kipindi kipya kwenye programu yako ya podikasti.",
    "any_app": "Programu nyingine yoyote",
    "jump": "sikiliza kwenye programu yako",
    "copy": "Au nakili anwani ya feed kwenye programu yako:",
    "partners": "Kwa vituo vya redio",
    "partners_title": "Kwa vituo vya redio na washirika",
    "partners_intro": (
        "Faili za matangazo za vipindi vipya zaidi, kila moja na ukubwa wake, sauti yake "
        "(LUFS), muundo wake na alama yake ya uhakiki SHA-256."
    ),
    "partners_all": "Vipindi vyote, kwa programu za vituo: {link}.",
    "radio_feeds": "Feed za redio",
    "no_radio": "Kipindi hiki hakina faili za redio.",
    "no_radio_feeds": "Habari hizi hazitoi faili za redio; tumia feed ya podikasti.",
    "loudness": "Sauti",
    "peak": "Kilele",
    "format": "Muundo",
    "moved": "Ukurasa huu umehamia:",
    "all": "Vipindi vyote",
}

_EXTRA_STYLE = """
header img{width:4.5rem;height:4.5rem}
header div{flex:1 1 12rem}
header p{margin:.2rem 0}
@media (min-width:40rem){header img{width:8rem;height:8rem}}
header .show{display:flex;gap:.7rem;align-items:center;font-weight:600;text-decoration:none}
header .show img{width:3rem;height:3rem}
h2 a{text-decoration:none}
h3{margin:1rem 0 .3rem;font-size:1.05rem}
.apps{display:flex;flex-wrap:wrap;gap:.5rem;padding-left:0;list-style:none}
.apps li{margin:0}
.apps a{display:inline-block;padding:.45rem .9rem;border:1px solid var(--accent);
border-radius:1.5rem;text-decoration:none}
.pages{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;padding:1rem 0;
border-top:1px solid var(--line)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}
dd{margin:0;overflow-wrap:anywhere}
""".strip()
SITE_STYLE = f"{STYLE}\n{_EXTRA_STYLE}"


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# This exact stylesheet, the show's own images and media, nothing else; no script at all.
SITE_CSP = (
    "default-src 'none'; img-src 'self'; media-src 'self'; "
    f"style-src 'sha256-{_sha256(SITE_STYLE)}'; base-uri 'none'; form-action 'none'"
)
_MOVED_CSP = f"default-src 'none'; style-src 'sha256-{_sha256(STYLE)}'; base-uri 'none'"


def archive_key(number: int) -> str:
    """The public key of archive page `number` (1: the oldest episodes).

    >>> archive_key(3)
    'kurasa/3/index.html'
    """
    return f"{ARCHIVE_DIR}/{number}/{HOME_FILE}"


def archive_count(episodes: int) -> int:
    """How many archive pages a show of `episodes` has: all full, the home page holding
    the newest PER_PAGE to 2 * PER_PAGE - 1.

    >>> archive_count(19), archive_count(39), archive_count(40), archive_count(10_000)
    (0, 0, 1, 499)
    """
    return max(0, episodes // PER_PAGE - 1)


def home_url(settings: Settings) -> str:
    """The home page's address: the show's base URL itself.

    >>> home_url(Settings())
    'https://example.org/habari/'
    """
    return f"{settings.show.base_url}/"


@dataclass(frozen=True)
class _Page:
    """One page of the list: its key, its episodes (newest first) and its neighbours."""

    key: str
    records: Sequence[PublicRecord]
    number: int = 0  # 0: the home page
    newer: str | None = None  # key of the page of newer episodes
    older: str | None = None


def _pages(records: Sequence[PublicRecord]) -> list[_Page]:
    """The home page and the archive pages, newest first."""
    oldest = newest_first(records)[::-1]
    count = archive_count(len(oldest))
    older = archive_key(count) if count else None
    pages = [_Page(HOME_FILE, oldest[count * PER_PAGE :][::-1], 0, None, older)]
    for number in range(count, 0, -1):
        chunk = oldest[(number - 1) * PER_PAGE : number * PER_PAGE][::-1]
        # Only the newest archive page links home: an older one's links never change.
        newer = archive_key(number + 1) if number < count else HOME_FILE
        older = archive_key(number - 1) if number > 1 else None
        pages.append(_Page(archive_key(number), chunk, number, newer, older))
    return pages


def _relative(key: str, target: str) -> str:
    """`target` as a link from the page at `key` (both keys under base_url)."""
    return os.path.relpath(target, os.path.dirname(key) or ".").replace(os.sep, "/")


def subscribe_links(settings: Settings, profile: str, main: bool) -> list[tuple[str, str]]:
    """(app, link) that open a feed in each app: Apple Podcasts (its directory page when
    the producer gave one, else the `podcast://` form of the feed's address), Spotify (only
    its own show page: it cannot subscribe to an address), AntennaPod's subscribe link,
    Pocket Casts' (`pktc://subscribe/` and the address without its scheme), and `feed://`,
    which any podcast app registered for feeds opens.

    >>> links = dict(subscribe_links(Settings(), "podcast", True))
    >>> links["Apple Podcasts"], links["Pocket Casts"]
    ('podcast://example.org/habari/feeds/podcast.xml', 'pktc://subscribe/example.org/habari/feeds/podcast.xml')
    """
    show = settings.show
    url = f"{show.base_url}/feeds/{profile}.xml"
    bare = url.split("://", 1)[1]
    apple = show.apple_podcasts_url if main and show.apple_podcasts_url else f"podcast://{bare}"
    links = [("Apple Podcasts", apple)]
    if main and show.spotify_url:
        links.append(("Spotify", show.spotify_url))
    antenna = urlencode({"url": url, "title": show.title})
    links += [
        ("AntennaPod", f"https://antennapod.org/deeplink/subscribe?{antenna}"),
        ("Pocket Casts", f"pktc://subscribe/{bare}"),
        (HOME_TEXT["any_app"], f"feed://{bare}"),
    ]
    return links


def listener_feeds(settings: Settings, feeds: Sequence[str]) -> list[str]:
    """The feeds for listeners (not the radio's), the main one first."""
    found = [
        p for p in feeds if p in settings.profiles and settings.profiles[p].audience != "radio"
    ]
    return sorted(found, key=lambda p: p != MAIN_FEED)


def radio_feeds(settings: Settings, feeds: Sequence[str]) -> list[str]:
    return [p for p in feeds if p in settings.profiles and settings.profiles[p].audience == "radio"]


def _e(text: str) -> str:
    return escape(text, quote=True)


def _head(
    settings: Settings, key: str, title: str, preview: Preview, cover: str | None,
    links: Sequence[str] = (),
) -> list[str]:  # fmt: skip
    show = settings.show
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(show.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(SITE_CSP)}">',
        f"<title>{_e(title)}</title>",
        f'<meta name="description" content="{_e(preview.description)}">',
        f'<link rel="canonical" href="{_e(preview.url)}">',
        *sharing_tags(settings, preview),
        *links,
    ]
    if cover:
        lines.append(f'<link rel="icon" href="{_e(_relative(key, "feeds/" + quote(cover)))}">')
    return [*lines, f"<style>{SITE_STYLE}</style>", "</head>", "<body>"]


def _image(settings: Settings, cover: str | None) -> str | None:
    return f"{settings.show.base_url}/feeds/{quote(cover)}" if cover else None


def _footer(settings: Settings, key: str, partners: bool = True) -> list[str]:
    show = settings.show
    link = (
        f'<a href="{_relative(key, PARTNERS_FILE)}">{HOME_TEXT["partners"]}</a> · '
        if partners
        else f'<a href="{_relative(key, HOME_FILE)}">{HOME_TEXT["all"]}</a> · '
    )
    return [
        f"<footer><p>{link}{_e(show.author)} · {_e(show.owner.email)}</p></footer>",
        "</body>",
        "</html>",
        "",
    ]


def _entry(record: PublicRecord, settings: Settings, key: str) -> str:
    """One episode in the list: its title linking to its page, date, length and player."""
    e = _e
    folder = _relative(key, f"episodes/{quote(record.slug)}") + "/"
    anchor = f"ep-{record.slug}"
    listening = listener_renditions(record, settings)
    parts = [
        f'<article id="{e(record.slug)}" aria-labelledby="{e(anchor)}">',
        f'<h2 id="{e(anchor)}"><a href="{e(folder)}index.html">{e(record.title)}</a></h2>',
        '<p class="meta">'
        f'<span>{TEXT["date"]}: <time datetime="{e(record.date.isoformat())}">'
        f"{e(swahili_date(record.date))}</time></span>"
        f'<span>{TEXT["duration"]}: <time datetime="{iso_duration(record.duration)}">'
        f"{clock(record.duration)}</time></span></p>",
    ]
    if listening:
        # Smallest first: most listeners pay for data by the megabyte, and the player
        # streams the first file the browser can play.
        first = folder + quote(listening[0].file)
        parts.append(
            f'<audio controls preload="metadata" aria-label="{TEXT["listen"]}: {e(record.title)}">'
            + "".join(
                f'<source src="{e(folder + quote(r.file))}" type="{media_format(r.format).mime}">'
                for r in listening
            )
            + f'{TEXT["no_audio"]} <a href="{e(first)}">{TEXT["download"]}</a></audio>'
        )
    parts += [f"<p>{e(record.summary)}</p>", "</article>"]
    return "\n".join(parts)


def _subscribe(settings: Settings, feeds: Sequence[str]) -> list[str]:
    base = settings.show.base_url
    lines = [
        f'<section aria-labelledby="subscribe"><h2 id="subscribe">{TEXT["subscribe"]}</h2>',
        f"<p>{HOME_TEXT['subscribe_hint']}</p>",
    ]
    for profile in listener_feeds(settings, feeds):
        heading = f"sub-{profile}"
        lines.append(f'<h3 id="{_e(heading)}">{_e(feed_name(settings, profile))}</h3>')
        lines.append(f'<ul class="apps" aria-labelledby="{_e(heading)}">')
        for app, link in subscribe_links(
            settings, profile, profile == listener_feeds(settings, feeds)[0]
        ):
            lines.append(f'<li><a href="{_e(link)}">{_e(app)}</a></li>')
        url = f"{base}/feeds/{profile}.xml"
        lines += [
            "</ul>",
            f'<p class="muted">{HOME_TEXT["copy"]} <a href="feeds/{quote(profile)}.xml">'
            f"<code>{_e(url)}</code></a></p>",
        ]
    lines.append("</section>")
    return lines


def _nav(page: _Page) -> list[str]:
    links = []
    if page.newer:
        links.append(
            f'<a rel="prev" href="{_relative(page.key, page.newer)}">'
            f"\u2190 {HOME_TEXT['newer']}</a>"
        )
    if page.older:
        links.append(
            f'<a rel="next" href="{_relative(page.key, page.older)}">'
            f"{HOME_TEXT['older']} \u2192</a>"
        )
    if not links:
        return []
    return [f'<nav class="pages" aria-label="{HOME_TEXT["pages"]}">', *links, "</nav>"]


def _page_url(settings: Settings, key: str) -> str:
    return f"{settings.show.base_url}/{key.removesuffix(HOME_FILE)}"


def render_list_page(
    page: _Page, settings: Settings, feeds: Sequence[str], cover: str | None
) -> str:
    """The home page (page.number 0) or an archive page."""
    show = settings.show
    key = page.key
    rels = [
        f'<link rel="{rel}" href="{_relative(key, target)}">'
        for rel, target in (("prev", page.newer), ("next", page.older))
        if target
    ]
    if page.number == 0:
        small = listener_renditions(page.records[0], settings)[:1] if page.records else []
        newest = page.records[0] if small else None
        preview = Preview(
            title=show.title,
            description=show.description,
            url=home_url(settings),
            kind="website",
            image=_image(settings, cover),
            audio=f"{show.base_url}/episodes/{quote(newest.slug)}/{quote(small[0].file)}"
            if newest
            else None,
            audio_type=media_format(small[0].format).mime if small else None,
        )
        alternates = [
            f'<link rel="alternate" type="application/rss+xml" '
            f'title="{_e(feed_name(settings, profile))}" href="feeds/{quote(profile)}.xml">'
            for profile in feeds
        ]
        lines = _head(settings, key, show.title, preview, cover, [*rels, *alternates])
        lines.append("<header>")
        if cover:
            lines.append(f'<img src="feeds/{_e(quote(cover))}" alt="" width="160" height="160">')
        lines += [
            "<div>",
            f"<h1>{_e(show.title)}</h1>",
            f"<p>{_e(show.description)}</p>",
            # The buttons are after the newest episodes; a listener looking for them jumps.
            f'<p><a href="#subscribe">{TEXT["subscribe"]}: {HOME_TEXT["jump"]}</a></p>',
            "</div>",
            "</header>",
            '<main aria-labelledby="episodes">',
            f'<h2 id="episodes" class="sr">{TEXT["episodes"]}</h2>',
        ]
    else:
        first, last = page.records[-1].date, page.records[0].date
        heading = HOME_TEXT["archive"].format(first=swahili_date(first), last=swahili_date(last))
        preview = Preview(
            title=f"{heading} \u2013 {show.title}",
            description=show.description,
            url=_page_url(settings, key),
            kind="website",
            image=_image(settings, cover),
        )
        lines = _head(settings, key, preview.title, preview, cover, rels)
        home = _relative(key, HOME_FILE)
        image = (
            f'<img src="{_e(_relative(key, "feeds/" + quote(cover)))}" alt="" '
            'width="48" height="48">'
            if cover
            else ""
        )
        lines += [
            "<header>",
            f'<a class="show" href="{home}">{image}<span>{_e(show.title)}</span></a>',
            "</header>",
            '<main aria-labelledby="episodes">',
            f'<h1 id="episodes">{_e(heading)}</h1>',
        ]
    lines += [_entry(record, settings, key) for record in page.records] or [
        f'<p class="muted">{TEXT["none"]}</p>'
    ]
    lines += _nav(page)
    if page.number == 0:
        lines += _subscribe(settings, feeds)
    lines.append("</main>")
    return "\n".join(lines + _footer(settings, key))


def render_partners(
    records: Sequence[PublicRecord], settings: Settings, feeds: Sequence[str], cover: str | None
) -> str:
    """The partners' corner: the radio files of the newest PARTNERS_NEWEST episodes with
    their facts and sums, the radio feeds, and the manifest, which lists them all."""
    show = settings.show
    base = show.base_url
    key = PARTNERS_FILE
    title = f"{HOME_TEXT['partners_title']} \u2013 {show.title}"
    preview = Preview(
        title=title,
        description=HOME_TEXT["partners_intro"],
        url=f"{base}/{PARTNERS_FILE}",
        kind="website",
        image=_image(settings, cover),
    )
    lines = _head(settings, key, title, preview, cover)
    image = f'<img src="feeds/{_e(quote(cover))}" alt="" width="48" height="48">' if cover else ""
    manifest = f"feeds/{MANIFEST_FILE}"
    lines += [
        "<header>",
        f'<a class="show" href="{HOME_FILE}">{image}<span>{_e(show.title)}</span></a>',
        "</header>",
        '<main aria-labelledby="title">',
        f'<h1 id="title">{HOME_TEXT["partners_title"]}</h1>',
        f"<p>{HOME_TEXT['partners_intro']}</p>",
        "<p>"
        + HOME_TEXT["partners_all"].format(
            link=f'<a href="{manifest}">{TEXT["manifest"]}</a> '
            f"<code>{_e(f'{base}/{manifest}')}</code>"
        )
        + "</p>",
        '<section aria-labelledby="radio-feeds">'
        f'<h2 id="radio-feeds">{HOME_TEXT["radio_feeds"]}</h2>',
    ]
    radio = radio_feeds(settings, feeds)
    if radio:
        lines.append("<ul>")
        for profile in radio:
            lines.append(
                f'<li><a href="feeds/{quote(profile)}.xml">{_e(feed_name(settings, profile))}</a> '
                f"<code>{_e(f'{base}/feeds/{profile}.xml')}</code></li>"
            )
        lines.append("</ul>")
    else:
        lines.append(f'<p class="muted">{HOME_TEXT["no_radio_feeds"]}</p>')
    lines += ["</section>", f'<h2 class="sr">{TEXT["episodes"]}</h2>']
    for record in newest_first(records)[:PARTNERS_NEWEST]:
        lines.append(_partner_entry(record, settings))
    if not records:
        lines.append(f'<p class="muted">{TEXT["none"]}</p>')
    lines.append("</main>")
    return "\n".join(lines + _footer(settings, key, partners=False))


def _partner_entry(record: PublicRecord, settings: Settings) -> str:
    e = _e
    folder = f"episodes/{quote(record.slug)}/"
    anchor = f"ep-{record.slug}"
    files = sorted(
        (r for r in record.renditions.values() if for_radio(r, settings)), key=lambda r: r.bytes
    )
    parts = [
        f'<article id="{e(record.slug)}" aria-labelledby="{e(anchor)}">',
        f'<h2 id="{e(anchor)}"><a href="{folder}index.html">{e(record.title)}</a></h2>',
        '<p class="meta">'
        f'<span>{TEXT["date"]}: <time datetime="{e(record.date.isoformat())}">'
        f"{e(swahili_date(record.date))}</time></span>"
        f'<span>{TEXT["duration"]}: <time datetime="{iso_duration(record.duration)}">'
        f"{clock(record.duration)}</time></span></p>",
    ]
    if not files:
        parts.append(f'<p class="muted">{HOME_TEXT["no_radio"]}</p>')
    for r in files:
        media = media_format(r.format)
        parts += [
            f'<h3><a href="{e(folder + quote(r.file))}" download type="{media.mime}">'
            f"{TEXT['download']} \u2013 {e(rendition_label(r, settings))}</a></h3>",
            "<dl>",
            f"<dt>{TEXT['size']}</dt><dd>{megabytes(r.bytes)} ({r.bytes:,} {TEXT['bytes']})</dd>",
            f"<dt>{HOME_TEXT['loudness']}</dt><dd>{r.loudness:.1f} LUFS</dd>",
            f"<dt>{HOME_TEXT['peak']}</dt><dd>{r.true_peak:.1f} dBTP</dd>",
            f"<dt>{HOME_TEXT['format']}</dt><dd>{e(media.label)}, {r.sample_rate / 1000:g} kHz, "
            f"{r.channels} ch</dd>",
            f"<dt>SHA-256</dt><dd><code>{e(r.sha256)}</code></dd>",
            "</dl>",
        ]
    parts.append("</article>")
    return "\n".join(parts)


def render_moved(settings: Settings, cover: str | None) -> str:
    """feeds/index.html: where the page was; it sends browsers on to the home page. It
    names no episode, so it never changes with them."""
    show = settings.show
    home = f"../{HOME_FILE}"
    preview = Preview(
        title=show.title,
        description=show.description,
        url=home_url(settings),
        kind="website",
        image=_image(settings, cover),
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{_e(show.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(_MOVED_CSP)}">',
            f'<meta http-equiv="refresh" content="0; url={home}">',
            f"<title>{_e(show.title)}</title>",
            f'<link rel="canonical" href="{_e(home_url(settings))}">',
            *sharing_tags(settings, preview),
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            f'<main><p>{HOME_TEXT["moved"]} <a href="{home}">{_e(show.title)} \u2013 '
            f"{HOME_TEXT['all']}</a></p></main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render_site(
    records: Sequence[PublicRecord], settings: Settings, feeds: Sequence[str], cover: str | None
) -> dict[str, str]:
    """Every page of the site by its public key."""
    pages = {page.key: render_list_page(page, settings, feeds, cover) for page in _pages(records)}
    pages[PARTNERS_FILE] = render_partners(records, settings, feeds, cover)
    pages[MOVED_FILE] = render_moved(settings, cover)
    return pages


_ARCHIVE = re.compile(r"[1-9][0-9]{0,5}")


def archive_pages(root: Path) -> list[Path]:
    """The archive pages on disk."""
    try:
        with os.scandir(root / ARCHIVE_DIR) as entries:
            names = [e.name for e in entries if e.is_dir() and _ARCHIVE.fullmatch(e.name)]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [
        p
        for p in (root / ARCHIVE_DIR / n / HOME_FILE for n in sorted(names, key=int))
        if p.is_file()
    ]


def write_home(
    show: Show, records: Sequence[PublicRecord], feeds: Sequence[str], cover: str | None
) -> list[Path]:
    """Write the site's pages (render_site), each atomically and only when its bytes
    change; archive pages no longer needed go. Returns the files written, home last."""
    pages = render_site(records, show.settings, feeds, cover)
    written = []
    for key, text in sorted(pages.items(), key=lambda item: item[0] == HOME_FILE):
        path = show.root / key
        data = text.encode("utf-8")
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
            written.append(path)
    for path in archive_pages(show.root):
        if path.relative_to(show.root).as_posix() not in pages:
            path.unlink()
            with contextlib.suppress(OSError):  # something else there: left to its owner
                path.parent.rmdir()
            log.info("removed %s: fewer episodes need fewer pages", path)
    return written
