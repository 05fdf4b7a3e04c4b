"""A new, empty show folder with commented settings."""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from .config import SETTINGS_FILE
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
author = "Dawati la Habari"
owner = {name = "Dawati la Habari", email = "habari@example.org"}
language = "sw"                             # or sw-TZ, sw-KE
category = ["News", "Daily News"]
explicit = false
ident = $ident          # spoken after the sting
timezone = "Africa/Nairobi"                 # the newsroom's: the date of an undated import

[voices]
engine = ["gtts", "espeak"]                 # the first available speaks the whole episode
# Microsoft's neural voices (engines azure and edge): "KE" Kenyan or "TZ" Tanzanian, a woman
# narrating and a man quoted. `audiocast voices` lists every engine's voices.
accent = "KE"
narrator = {espeak = "sw", gtts = "sw"}
quote = {espeak = "sw+f3", gtts = "sw@pitch-3"}     # must sound different from the narrator
""")

GITIGNORE = (
    "# Built by audiocast: rebuild with `audiocast build` and `audiocast feed`.\n"
    + "".join(f"episodes/*/*{suffix}\n" for suffix in suffixes())  # every media format's
    + """\
episodes/*/episode.json
feeds/
.cache/
"""
)


def init_show(
    folder: Path,
    title: str = "Habari kwa Sauti",
    base_url: str = "https://example.org/habari",
) -> list[str]:
    """Create audiocast.toml, episodes/, feeds/ and .gitignore; never overwrite settings."""
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
    )
    (folder / "episodes").mkdir(parents=True, exist_ok=True)
    (folder / "feeds").mkdir(exist_ok=True)
    write_atomic(settings, text)
    created = [SETTINGS_FILE, "episodes/", "feeds/"]
    if not (folder / ".gitignore").exists():
        write_atomic(folder / ".gitignore", GITIGNORE)
        created.append(".gitignore")
    return created
