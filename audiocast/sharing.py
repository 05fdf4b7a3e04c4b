"""Link previews: the Open Graph and Twitter card tags of the show's pages.

A link pasted in WhatsApp, Facebook or X is shown as a card built from these tags; the apps
fetch them from the page without running it and need absolute URLs, so every address here
is under `[show] base_url`, whatever the page's own links are relative to.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from .config import Settings


@dataclass(frozen=True)
class Preview:
    """What a preview card shows: a title, a line, a picture and, where there is one, the
    episode's sound (the smallest listener file: it is what a phone's player fetches)."""

    title: str
    description: str
    url: str
    kind: str  # og:type: "website" for the show, "article" for an episode
    image: str | None = None  # absolute URL of the cover
    audio: str | None = None  # absolute URL of the small file
    audio_type: str | None = None


def og_locale(language: str) -> str:
    """The Open Graph locale of a show's language (Facebook knows Swahili as sw_KE).

    >>> og_locale("sw-TZ"), og_locale("sw-KE"), og_locale("sw")
    ('sw_TZ', 'sw_KE', 'sw_KE')
    """
    return "sw_TZ" if language.lower() == "sw-tz" else "sw_KE"


def sharing_tags(settings: Settings, preview: Preview) -> list[str]:
    """The <meta> tags of a page's preview card, one a line.

    >>> from audiocast.config import Settings
    >>> tags = sharing_tags(Settings(), Preview("Habari", "Leo", "https://a.tz/", "website"))
    >>> tags[0]
    '<meta property="og:title" content="Habari">'
    >>> tags[-1]
    '<meta name="twitter:description" content="Leo">'
    """
    show = settings.show
    og = [
        ("og:title", preview.title),
        ("og:description", preview.description),
        ("og:type", preview.kind),
        ("og:url", preview.url),
        ("og:site_name", show.title),
        ("og:locale", og_locale(show.language)),
    ]
    if preview.image:
        og.append(("og:image", preview.image))
    if preview.audio:
        og.append(("og:audio", preview.audio))
        if preview.audio_type:
            og.append(("og:audio:type", preview.audio_type))
    twitter = [("twitter:card", "summary"), ("twitter:title", preview.title)]
    if preview.image:
        twitter.append(("twitter:image", preview.image))
    twitter.append(("twitter:description", preview.description))
    return [f'<meta property="{name}" content="{_e(value)}">' for name, value in og] + [
        f'<meta name="{name}" content="{_e(value)}">' for name, value in twitter
    ]


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(network, link) to share a page: each opens the network's own share form with the
    page's address (and title) filled in. Plain links: the page loads nothing from them.

    >>> share_links("https://a.tz/e/", "Habari & leo")[0]
    ('WhatsApp', 'https://wa.me/?text=Habari%20%26%20leo%20https%3A%2F%2Fa.tz%2Fe%2F')
    """
    # Each quoted once: a show's ten thousand pages make this a good share of their time.
    # A form field (urlencode) is the same with its spaces as "+": "%20" is only a space.
    text, address = quote(title, safe=""), quote(url, safe="")
    field, link = text.replace("%20", "+"), address.replace("%20", "+")
    return [
        ("WhatsApp", f"https://wa.me/?text={text}%20{address}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={link}"),
        ("X", f"https://x.com/intent/post?text={field}&url={link}"),
    ]


def _e(text: str) -> str:
    return escape(text, quote=True)
