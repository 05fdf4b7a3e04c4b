"""A new, empty show folder with commented settings."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from string import Template

from .defaults import LEXICON_FILE, SETTINGS_FILE
from .errors import ConfigError
from .fsutil import write_atomic
from .media import suffixes
from .placeholders import placeholder_url, reserved_host
from .podcast_ns import podcast_guid

TEMPLATE = Template("""\
# Settings of this show. Every key has a default; remove what you do not change.
[show]
title = $title
description = "Habari za kila siku kwa Kiswahili."
base_url = $base_url     # where feeds/ and episodes/ will be published$base_url_note
$guid
author = $owner
owner = {name = $owner, email = $email}$email_note
$copyright
language = $language                             # sw, or sw-TZ, sw-KE
category = ["News", "Daily News"]
explicit = false
# Spoken after the sting and at the end of every episode.
ident = $ident
outro = $outro
timezone = "Africa/Nairobi"                 # the newsroom's: the date of an undated import
# Once the show is listed there, the home page's "Jiunge" buttons open these pages:
# apple_podcasts_url = "https://podcasts.apple.com/tz/podcast/<name>/id<number>"
# spotify_url = "https://open.spotify.com/show/<id>"

[voices]
engine = $engines                 # the first available speaks the whole episode
# Microsoft's neural voices (engines azure and edge): "KE" Kenyan or "TZ" Tanzanian, a woman
# narrating and a man quoted. `audiocast voices` lists every engine's voices.
accent = $accent
narrator = {espeak = "sw", gtts = "sw"}
quote = {espeak = "sw+f3", gtts = "sw@pitch-3"}     # must sound different from the narrator
""")

GITIGNORE = (
    "# Built by audiocast: rebuild with `audiocast build` and `audiocast feed`.\n"
    + "".join(f"episodes/*/*{suffix}\n" for suffix in sorted(suffixes()))
    + "episodes/*/*.vtt\nepisodes/*/*.srt\nepisodes/*/*.chapters.json\n"
    + "episodes/*/episode.json\nepisodes/*/index.html\nfeeds/\n.cache/\n"
)
LEXICON = """# Pronunciation lexicon: how the speech engines should say words they get wrong.
#
#   word as written: respelling in Swahili spelling
#
# Swahili spelling is close to phonemic, so write what a Swahili reader would say right:
# "dh" is /ð/, "th" /θ/, "ng'" /ŋ/ (as in ng'ombe; plain "ng" is /ŋg/), every vowel is
# said, and a closing vowel softens a final consonant cluster. Avoid hyphens: some engines
# pause or say "dash".
#
# Rules: whole words only, never inside a longer word; case is
# ignored ("Stoltenberg" also matches "STOLTENBERG") and the respelling's first letter takes
# the case of the word as written; the longest entry wins ("Rodong Sinmun" before "Rodong").
# The lexicon runs before every other rule and its respellings are final, so it can also
# override acronyms ("BBC: bi bi si") and abbreviations ("Dkt.": Dokta).
# Quote words YAML would read as something else: 'NO', 'yes', 'on', '2024'.

# Add a word and its respelling, one per line, e.g.:
# Stoltenberg: Stoltenbeg
"""


# Written when the producer gives none: reserved example names, which `audiocast validate`
# and `audiocast publish` refuse with the setting to change (placeholders.py).
PLACEHOLDER_BASE_URL = "https://example.org/habari"
PLACEHOLDER_EMAIL = "habari@example.org"
_PLACEHOLDER_NOTE = "\n# ^ a placeholder: set it before publishing (validate and publish refuse it)"


def folder_title(folder: Path) -> str:
    """A show's title from its folder's name, when the producer gives none.

    >>> folder_title(Path("sauti-ya-pwani")), folder_title(Path("/"))
    ('Sauti ya pwani', 'Habari')
    """
    words = re.sub(r"[-_\s]+", " ", folder.resolve().name).strip()
    return words[:1].upper() + words[1:] if words else "Habari"


def _guid_lines(base_url: str) -> str:
    """The feed's identity pinned from its real address; a placeholder's would be every
    such show's (and the sample's) at once, so it is derived once base_url is set."""
    if placeholder_url(base_url):
        return (
            "# The feed's permanent identity (podcast:guid) follows base_url until you pin it\n"
            '# here (podcast_guid = "..."): do so once published, so moving the show keeps it.'
        )
    guid = podcast_guid(f"{base_url}/feeds/podcast.xml")
    return (
        "# The feed's permanent identity (podcast:guid), fixed now so moving the show keeps it.\n"
        f'podcast_guid = "{guid}"'
    )


DEFAULT_ENGINES = ("gtts", "espeak")  # Google's voice online, espeak offline


def _check_engines(engines: Sequence[str]) -> None:
    from .engines import registry

    known = registry()
    unknown = [name for name in engines if name not in known]
    if unknown or not engines:
        raise ConfigError(
            f"unknown engine {', '.join(unknown) or '(none given)'}: choose from "
            f"{', '.join(known)} (`audiocast voices` lists their voices)"
        )


def init_show(
    folder: Path,
    title: str | None = None,
    base_url: str = PLACEHOLDER_BASE_URL,
    owner: str = "Dawati la Habari",
    email: str = PLACEHOLDER_EMAIL,
    language: str = "sw",
    copyright: str | None = None,
    engines: Sequence[str] = DEFAULT_ENGINES,
) -> list[str]:
    """Create audiocast.toml, lexicon.yaml, episodes/, feeds/ and .gitignore; never
    overwrite settings. Without a title the show is named after its folder."""
    title = title or folder_title(folder)
    _check_engines(engines)
    settings = folder / SETTINGS_FILE
    if settings.exists():
        raise ConfigError(f"{settings} already exists; this folder is already a show")
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL {base_url!r} must start with https:// (or http://)")
    base_url = base_url.rstrip("/")
    text = TEMPLATE.substitute(
        title=json.dumps(title, ensure_ascii=False),
        base_url=json.dumps(base_url),
        guid=_guid_lines(base_url),
        ident=json.dumps(f"Hii ni {title}.", ensure_ascii=False),
        outro=json.dumps(f"Asante kwa kusikiliza {title}. Kwaheri.", ensure_ascii=False),
        owner=json.dumps(owner, ensure_ascii=False),
        email=json.dumps(email),
        base_url_note=_PLACEHOLDER_NOTE if placeholder_url(base_url) else "",
        email_note=_PLACEHOLDER_NOTE if reserved_host(email.rpartition("@")[2]) else "",
        copyright=(
            f"copyright = {json.dumps(copyright, ensure_ascii=False)}"
            if copyright
            else '# copyright = "© 2025 Redio Pwani"      # default: © the episodes\' years, owner'
        ),
        language=json.dumps(language),
        engines=json.dumps(list(engines)),
        # The Microsoft voices' accent follows the show's Swahili, Kenyan unless Tanzanian.
        accent=json.dumps("TZ" if language == "sw-TZ" else "KE"),
    )
    (folder / "episodes").mkdir(parents=True, exist_ok=True)
    (folder / "feeds").mkdir(exist_ok=True)
    write_atomic(settings, text)
    created = [SETTINGS_FILE, "episodes/", "feeds/"]
    if not (folder / LEXICON_FILE).exists():
        write_atomic(folder / LEXICON_FILE, LEXICON)
        created.append(LEXICON_FILE)
    if not (folder / ".gitignore").exists():
        write_atomic(folder / ".gitignore", GITIGNORE)
        created.append(".gitignore")
    return created
