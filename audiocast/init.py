"""A new, empty show folder with commented settings."""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from .config import LEXICON_FILE, SETTINGS_FILE
from .errors import ConfigError
from .fsutil import write_atomic
from .media import suffixes
from .podcast_ns import podcast_guid

TEMPLATE = Template("""\
# Settings of this show. Every key has a default; remove what you do not change.
[show]
title = $title
description = "Habari za kila siku kwa Kiswahili."
base_url = $base_url     # where feeds/ and episodes/ will be published
# The feed's permanent identity (podcast:guid), fixed now so moving the show keeps it.
podcast_guid = "$guid"
author = $owner
owner = {name = $owner, email = $email}
language = $language                             # sw, or sw-TZ, sw-KE
category = ["News", "Daily News"]
explicit = false
# Spoken after the sting and at the end of every episode.
ident = $ident
outro = $outro
timezone = "Africa/Nairobi"                 # the newsroom's: the date of an undated import

[voices]
engine = ["gtts", "espeak"]                 # the first available speaks the whole episode
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
    + "episodes/*/episode.json\nfeeds/\n.cache/\n"
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


def init_show(
    folder: Path,
    title: str = "Habari kwa Sauti",
    base_url: str = "https://example.org/habari",
    owner: str = "Dawati la Habari",
    email: str = "habari@example.org",
    language: str = "sw",
) -> list[str]:
    """Create audiocast.toml, lexicon.yaml, episodes/, feeds/ and .gitignore; never
    overwrite settings."""
    settings = folder / SETTINGS_FILE
    if settings.exists():
        raise ConfigError(f"{settings} already exists; this folder is already a show")
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL {base_url!r} must start with https:// (or http://)")
    base_url = base_url.rstrip("/")
    text = TEMPLATE.substitute(
        title=json.dumps(title, ensure_ascii=False),
        base_url=json.dumps(base_url),
        guid=podcast_guid(f"{base_url}/feeds/podcast.xml"),
        ident=json.dumps(f"Hii ni {title}.", ensure_ascii=False),
        outro=json.dumps(f"Asante kwa kusikiliza {title}. Kwaheri.", ensure_ascii=False),
        owner=json.dumps(owner, ensure_ascii=False),
        email=json.dumps(email),
        language=json.dumps(language),
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
