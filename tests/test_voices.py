"""Voices as people: the show's accent chooses Microsoft's neural voices, narrator and quote
are a woman and a man, and `audiocast voices` lists who each voice sounds like."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiocast.config import VoiceSettings
from audiocast.engines.microsoft import VOICES

from conftest import copy_sample_show, run_cli

SEX = {v.name: v.sex for v in VOICES}


@pytest.mark.parametrize("accent", ["KE", "TZ"])
def test_default_narrator_and_quote_are_two_people_of_the_accent(accent: str) -> None:
    voices = VoiceSettings(accent=accent)
    for engine in ("azure", "edge"):
        narrator, quote = voices.narrator[engine], voices.quote[engine]
        assert narrator.startswith(f"sw-{accent}-") and quote.startswith(f"sw-{accent}-")
        assert {SEX[narrator], SEX[quote]} == {"woman", "man"}


def test_a_voice_the_show_names_wins_over_the_accent() -> None:
    voices = VoiceSettings(accent="TZ", narrator={"azure": "sw-KE-RafikiNeural"})
    assert voices.narrator["azure"] == "sw-KE-RafikiNeural"
    assert voices.narrator["edge"] == "sw-TZ-RehemaNeural"
    assert voices.narrator["gtts"] == "sw"  # the other engines keep their defaults


def test_voices_lists_accent_and_sex_and_marks_the_shows(tmp_path: Path) -> None:
    show = copy_sample_show(tmp_path / "show")
    settings = (show / "audiocast.toml").read_text()
    settings = settings.replace('engine = ["gtts", "espeak"]', 'engine = ["azure", "espeak"]')
    settings = settings.replace("[voices]\n", '[voices]\naccent = "TZ"\n')
    (show / "audiocast.toml").write_text(settings)
    done = run_cli("voices", cwd=show)
    assert done.returncode == 0, done.stderr
    rows = {tuple(cell.strip() for cell in line.split("│")[1:-1])[:5]
            for line in done.stdout.splitlines() if "│" in line}  # fmt: skip
    assert ("azure *", "sw-TZ-RehemaNeural", "Tanzanian", "woman", "narrator") in rows
    assert ("azure *", "sw-TZ-DaudiNeural", "Tanzanian", "man", "quote") in rows
    assert ("azure *", "sw-KE-ZuriNeural", "Kenyan", "woman", "") in rows
    assert ("edge", "sw-TZ-RehemaNeural", "Tanzanian", "woman", "narrator") in rows
    assert ("espeak *", "sw+f3", "-", "woman", "quote") in rows
    assert "voices add" in run_cli("voices", "--help", cwd=show).stdout
