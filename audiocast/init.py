"""A new, empty show folder with commented settings."""

from __future__ import annotations

from pathlib import Path

from .config import SETTINGS_FILE
from .errors import ConfigError
from .fsutil import write_atomic

TEMPLATE = """\
# Settings of this show. Every key has a default; remove what you do not change.
[show]
title = "Habari kwa Sauti"
description = "Habari za kila siku kwa Kiswahili."
base_url = "https://example.org/habari"     # where feeds/ and episodes/ will be published
author = "Dawati la Habari"
owner = {name = "Dawati la Habari", email = "habari@example.org"}
language = "sw"                             # or sw-TZ, sw-KE
category = ["News", "Daily News"]
explicit = false
ident = "Hii ni Habari kwa Sauti."          # spoken after the sting

[voices]
engine = ["gtts", "espeak"]                 # the first available speaks the whole episode
narrator = {espeak = "sw", gtts = "sw"}
quote = {espeak = "sw+f3", gtts = "sw@pitch-3"}     # must sound different from the narrator
"""

GITIGNORE = """\
# Built by audiocast: rebuild with `audiocast build` and `audiocast feed`.
episodes/*/*.mp3
episodes/*/episode.json
feeds/
.cache/
"""


def init_show(folder: Path) -> list[str]:
    """Create audiocast.toml, episodes/, feeds/ and .gitignore; never overwrite settings."""
    settings = folder / SETTINGS_FILE
    if settings.exists():
        raise ConfigError(f"{settings} already exists; this folder is already a show")
    (folder / "episodes").mkdir(parents=True, exist_ok=True)
    (folder / "feeds").mkdir(exist_ok=True)
    write_atomic(settings, TEMPLATE)
    created = [SETTINGS_FILE, "episodes/", "feeds/"]
    if not (folder / ".gitignore").exists():
        write_atomic(folder / ".gitignore", GITIGNORE)
        created.append(".gitignore")
    return created
