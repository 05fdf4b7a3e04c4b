"""The manifest for partners' scripts (feeds/manifest.json), and what the show's pages
share: the interface text in Swahili, the stylesheet, and how dates, lengths, sizes and
renditions are written. The pages themselves: home.py (the home page, its archive,
partners.html) and episode_page.py.

All come from the episode records alone, like the feeds.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pydantic_core

from .config import Settings
from .episode import PublicRecord, RenditionRecord, newest_first
from .fsutil import write_atomic
from .media import media_format
from .public import content_type, published_records
from .show import Show
from .swahili.words import MONTHS

PAGE_FILE = "index.html"
MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
FEEDS = ("podcast", "mobile", "radio", "broadcast")  # defaults; a show's own: site.feed_profiles
COVERS = ("cover.jpg", "cover.png")

# Interface text (Swahili); profiles without a name here are shown by their own name.
TEXT = {
    "listen": "Sikiliza",
    "download": "Pakua",
    "duration": "Muda",
    "size": "Ukubwa",
    "date": "Tarehe",
    "episodes": "Vipindi",
    "subscribe": "Jiunge",
    "transcript": "Maandishi",
    "chapters": "Sura",
    "bytes": "baiti",
    "none": "Hakuna vipindi bado.",
    "no_audio": "Kivinjari chako hakiwezi kucheza sauti hii.",
    "feed_hint": "Nakili anwani hii kwenye programu yako ya podikasti.",
    "manifest": "Orodha kwa mashine (JSON)",
    "checksum": "Alama ya uhakiki",
}
FEED_NAMES = {
    "podcast": "Feed ya podikasti",
    "mobile": "Feed ya podikasti: faili ndogo, data kidogo",
    "radio": "Feed ya redio (faili za matangazo)",
    "broadcast": "Feed ya redio: WAV ya matangazo (faili kubwa)",
}


def feed_name(settings: Settings, profile: str) -> str:
    """How the page names a rendition's feed: in Swahili for the show's own profiles, and
    by the profile's title for one the producer added."""
    if profile in FEED_NAMES:
        return FEED_NAMES[profile]
    found = settings.profiles.get(profile)
    return f"Feed ya {(found.title if found else None) or profile}"


STYLE = """
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fdfdfb;--muted:#5a5a5a;--line:#d6d6d0;
--accent:#0b5d8f}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#151515;--muted:#b0b0b0;
--line:#3a3a3a;--accent:#7cc4f2}}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}
header{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}
header img{width:8rem;height:8rem;border-radius:.5rem;object-fit:cover}
header div{flex:1 1 16rem}
h1{margin:.2rem 0;font-size:1.6rem}
h2{margin:0 0 .3rem;font-size:1.25rem}
a{color:var(--accent)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
article{border-top:1px solid var(--line);padding:1.2rem 0}
.meta,.muted,footer{color:var(--muted)}
.meta span+span::before{content:" · "}
audio{width:100%;margin:.6rem 0}
ul{padding-left:1.2rem}
li{margin:.3rem 0}
code{font-size:.85rem;overflow-wrap:anywhere}
.feed code{display:block}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
""".strip()
# The page allows its own files and this exact stylesheet, nothing else (no CDN, no fonts).
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = (
    "default-src 'none'; img-src 'self'; media-src 'self'; "
    f"style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; form-action 'none'"
)


def render_manifest(
    records: Sequence[PublicRecord],
    settings: Settings,
    feeds: Sequence[str] = FEEDS,
    cover: str | None = COVERS[0],
) -> str:
    """JSON for partners' scripts: the page's facts with absolute URLs and relative paths.

    A `path` is relative to base_url (and to the show folder): `episodes/<slug>/<file>`.

    >>> import json
    >>> from audiocast.config import Settings
    >>> json.loads(render_manifest([], Settings()))["show"]["feeds"]["podcast"]
    'https://example.org/habari/feeds/podcast.xml'
    """
    show = settings.show
    base = show.base_url

    def link(path: str) -> dict[str, str]:
        return {"url": f"{base}/{quote(path)}", "path": path, "content_type": content_type(path)}

    def rendition(slug: str, r: RenditionRecord) -> dict[str, Any]:
        return link(f"episodes/{slug}/{r.file}") | {
            "profile": r.profile,
            "bytes": r.bytes,
            "sha256": r.sha256,
            "duration": r.duration,
            "loudness": r.loudness,
            "true_peak": r.true_peak,
            "format": r.format,
            "bitrate": r.bitrate,
            "sample_rate": r.sample_rate,
            "channels": r.channels,
        }

    episodes = []
    for record in newest_first(records):
        folder = f"episodes/{record.slug}"
        episodes.append(
            {
                "slug": record.slug,
                "guid": record.guid,
                "title": record.title,
                "date": record.date.isoformat(),
                "author": record.author,
                "summary": record.summary,
                "duration": record.duration,
                "renditions": {
                    name: rendition(record.slug, r) for name, r in record.renditions.items()
                },
                "transcripts": {
                    kind: link(f"{folder}/{name}") for kind, name in record.transcripts.items()
                },
                "chapters": link(f"{folder}/{record.chapters_file}")
                if record.chapters_file
                else None,
            }
        )
    manifest = {
        "version": MANIFEST_VERSION,
        "show": {
            "title": show.title,
            "description": show.description,
            "author": show.author,
            "language": show.language,
            "base_url": base,
            "page": f"{base}/",  # the home page (home.py)
            "cover": f"{base}/feeds/{cover}" if cover else None,
            "feeds": {profile: f"{base}/feeds/{profile}.xml" for profile in feeds},
        },
        # From the records, not the clock: an unchanged show gives an unchanged file, which
        # publishing then skips.
        "updated": _iso(max((r.built_at for r in records), default=None)),
        "episodes": episodes,
    }
    # Written as json.dumps(manifest, ensure_ascii=False, indent=2) writes it, by
    # pydantic-core in Rust: the json module's indented writer is pure Python and took most
    # of a second for a show of thousands of episodes.
    return pydantic_core.to_json(manifest, indent=2).decode("utf-8") + "\n"


def write_site(
    show: Show,
    records: Sequence[PublicRecord] | None = None,
    feeds: Sequence[str] = FEEDS,
    cover: str | None = None,
) -> tuple[Path, ...]:
    """Write feeds/manifest.json atomically, then each episode's page (episode_page.py) and
    the site's pages (home.py: the home page, its archive pages, partners.html and
    feeds/index.html), those only when they change. Returns the files written.

    `records` default: every episode whose media are as built (as the feeds list them);
    `cover` is the file name under feeds/ (default: the cover.jpg or cover.png there).
    """
    from .episode_page import write_episode_pages  # they build on this module
    from .home import write_home

    if records is None:
        records = published_records(show.episodes_dir)[0]
    if cover is None:
        cover = next((name for name in COVERS if (show.feeds_dir / name).is_file()), None)
    manifest = show.feeds_dir / MANIFEST_FILE
    # Each episode's page before the pages that link to it.
    episodes = write_episode_pages(show, records, cover)
    write_atomic(manifest, render_manifest(records, show.settings, feeds, cover))
    site = write_home(show, records, feeds, cover)
    return (manifest, *site, *episodes)


def swahili_date(moment: datetime) -> str:
    """A date as a Swahili reader writes it.

    >>> swahili_date(datetime(2024, 6, 18))
    '18 Juni 2024'
    """
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def clock(seconds: float) -> str:
    """A duration as a player shows it (whole seconds cut, not rounded, as players do).

    >>> clock(263.651), clock(3725)
    ('4:23', '1:02:05')
    """
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def for_radio(rendition: RenditionRecord, settings: Settings) -> bool:
    profile = settings.profiles.get(rendition.profile)
    return profile is not None and profile.audience == "radio"


def listener_renditions(record: PublicRecord, settings: Settings) -> list[RenditionRecord]:
    """The files for listeners (not the radio's), smallest first: most listeners pay for
    data by the megabyte, and a player streams the first file the browser can play."""
    found = [r for r in record.renditions.values() if not for_radio(r, settings)]
    return sorted(found, key=lambda r: (r.bytes, r.profile))


def rendition_label(rendition: RenditionRecord, settings: Settings) -> str:
    """ "Data kidogo (M4A, 48 kbit/s)": the profile's title, its format and rate; a title
    that names its format ("Redio (WAV)") is not told it twice, and uncompressed audio,
    which has no bitrate, shows its sample rate."""
    media = media_format(rendition.format)
    profile = settings.profiles.get(rendition.profile)
    title = (profile.title if profile else None) or rendition.profile
    rate = f"{rendition.sample_rate / 1000:g} kHz"
    detail = f"{rendition.bitrate.removesuffix('k')} kbit/s" if rendition.bitrate else rate
    return (
        f"{title} ({detail})"
        if f"({media.label})" in title
        else f"{title} ({media.label}, {detail})"
    )


def megabytes(size: int) -> str:
    """Bytes in decimal megabytes, as download sizes are usually given.

    >>> megabytes(3344243)
    '3.3 MB'
    """
    return f"{size / 1_000_000:.1f} MB"


def iso_duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"PT{minutes}M{secs}S"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _href(name: str) -> str:
    return _e(quote(name))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
