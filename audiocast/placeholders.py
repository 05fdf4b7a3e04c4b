"""Settings still holding a placeholder: an address nobody can publish at, an e-mail nobody
reads, a "changeme" left in a title. `validate` reports them and `publish` refuses them, so
none reaches a listener or a podcast directory.

Reserved names (RFC 2606 and RFC 6761) can never be a real show's: example.org, .com and
.net with their subdomains, and any name under the .example, .invalid and .test domains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .config import Settings

RESERVED_DOMAINS = ("example.org", "example.com", "example.net")
RESERVED_TLDS = ("example", "invalid", "test")
_CHANGE_ME = re.compile(r"(?<![a-z])change[-_ ]?me(?![a-z])", re.IGNORECASE)

BASE_URL_FIX = "set it to the address where you publish the show, e.g. https://radio.co.tz/podcast"
EMAIL_FIX = (
    "set it to an address the newsroom reads (podcast directories write to it), "
    "e.g. habari@radio.co.tz"
)


@dataclass(frozen=True)
class Placeholder:
    """A setting of audiocast.toml that still holds a placeholder."""

    setting: str  # as a producer finds it: "[show] base_url"
    value: str
    fix: str

    def __str__(self) -> str:
        return f"{self.setting} is a placeholder ({self.value}): {self.fix}"


def reserved_host(host: str) -> bool:
    """Whether a host name is reserved for examples and tests, never a real site's.

    >>> [reserved_host(h) for h in ("example.org", "media.example.com", "pwani.example")]
    [True, True, True]
    >>> [reserved_host(h) for h in ("radio.co.tz", "example.co.tz", "notexample.org")]
    [False, False, False]
    """
    host = host.lower().rstrip(".")
    if host in RESERVED_DOMAINS or host.endswith(tuple(f".{d}" for d in RESERVED_DOMAINS)):
        return True
    return host.rpartition(".")[2] in RESERVED_TLDS


def placeholder_url(url: str) -> bool:
    """Whether an address is on a reserved host or says "changeme"."""
    return reserved_host(urlsplit(url).hostname or "") or bool(_CHANGE_ME.search(url))


def placeholders(settings: Settings) -> list[Placeholder]:
    """Every setting that reaches the feeds, the page or the audio and still holds a
    placeholder.

    >>> [p.setting for p in placeholders(Settings())]
    ['[show] base_url', '[show] owner.email']
    """
    show = settings.show
    found: list[Placeholder] = []
    if placeholder_url(show.base_url):
        found.append(Placeholder("[show] base_url", show.base_url, BASE_URL_FIX))
    texts = {
        "title": (show.title, "set it to the show's name"),
        "description": (show.description, "say in a sentence or two what the show is"),
        "author": (show.author, "set it to the newsroom or presenter listeners see"),
        "owner.name": (show.owner.name, "set it to the newsroom that owns the show"),
        "ident": (show.ident, 'write what is said after the sting, e.g. "Hii ni <title>."'),
        "outro": (show.outro, "write the closing line, or delete it to thank for the title"),
        "copyright": (show.copyright or "", 'e.g. "© 2025 Redio Pwani", or delete it'),
    }
    for key, (text, fix) in texts.items():
        if _CHANGE_ME.search(text):
            found.append(Placeholder(f"[show] {key}", text, fix))
    domain = show.owner.email.rpartition("@")[2]
    if ("@" in show.owner.email and reserved_host(domain)) or _CHANGE_ME.search(show.owner.email):
        found.append(Placeholder("[show] owner.email", show.owner.email, EMAIL_FIX))
    for name, profile in settings.profiles.items():
        if profile.title and _CHANGE_ME.search(profile.title):
            fix = 'set it to what listeners see beside the file, e.g. "Data kidogo"'
            found.append(Placeholder(f"[profiles.{name}] title", profile.title, fix))
    return found
