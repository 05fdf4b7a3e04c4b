"""Limits ([limits] in audiocast.toml): told at once, before any speech is paid for."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from audiocast.article import MAX_ARTICLE_BYTES, load_article, parse_article
from audiocast.build import build_episode, show_script
from audiocast.config import LimitSettings, Settings, load_settings
from audiocast.errors import ArticleError, ConfigError
from audiocast.ffmpeg import ffmpeg_path
from audiocast.limits import check_episode_length, estimate_seconds
from audiocast.script import Script, build_script
from audiocast.show import Show

from conftest import ROOT

ARTICLE = {
    "title": "Habari ya majaribio",
    "date": "2024-06-18",
    "author": "Mwandishi",
    "summary": "Muhtasari wa habari.",
    "body": [{"paragraph": "Aya ya kwanza ya habari hii."}],
}


def script_of(paragraphs: int) -> Script:
    body = [{"paragraph": "Wakulima wa kahawa wamelalamikia bei ndogo msimu huu."}] * paragraphs
    return build_script(parse_article(dict(ARTICLE, body=body)), Settings())


def test_defaults_are_one_megabyte_and_three_hours() -> None:
    limits = Settings().limits
    assert limits.article_bytes == MAX_ARTICLE_BYTES == 1_000_000
    assert limits.episode_seconds == 3 * 3600 and limits.chars_per_second == 15.0


def test_the_show_overrides_limits_in_its_settings(tmp_path: Path) -> None:
    path = tmp_path / "audiocast.toml"
    path.write_text("[limits]\narticle_bytes = 2000000\nepisode_seconds = 600\n")
    limits = load_settings(path).limits
    assert (limits.article_bytes, limits.episode_seconds) == (2_000_000, 600)
    path.write_text("[limits]\nepisode_second = 600\n")
    with pytest.raises(ConfigError, match=r"limits\.episode_second"):
        load_settings(path)


def test_the_estimate_grows_with_the_text() -> None:
    short, long = (estimate_seconds(script_of(n), 15.0) for n in (1, 11))
    # Ten more paragraphs of 55 characters each, and their pauses.
    assert 10 * 55 / 15 < long - short < 10 * 55 / 15 + 10


def test_a_long_episode_is_refused_before_speech_with_the_limit_named() -> None:
    script = script_of(40)
    seconds = estimate_seconds(script, 15.0)
    limits = LimitSettings(episode_seconds=60)
    with pytest.raises(ArticleError) as caught:
        check_episode_length(script, limits, "habari.yaml")
    message = str(caught.value)
    assert message.startswith("habari.yaml: about 0:0") and "0:01:00" in message
    assert "[limits] episode_seconds" in message
    assert check_episode_length(script, LimitSettings(), "x") == seconds


def test_article_size_is_checked_to_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    path.write_text(yaml.safe_dump(ARTICLE), encoding="utf-8")
    size = path.stat().st_size
    assert load_article(path, max_bytes=size).title == ARTICLE["title"]
    with pytest.raises(ArticleError, match=rf"{size} bytes is too large .*at most {size - 1}"):
        load_article(path, max_bytes=size - 1)


def test_an_oversized_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    with path.open("wb") as sparse:
        sparse.truncate(50 * 1024 * 1024)  # 50 MiB of nothing, instantly
    with pytest.raises(ArticleError, match=r"52\.4 MB is too large for an article"):
        load_article(path)


def test_the_limit_is_checked_again_on_the_real_length(tmp_path: Path) -> None:
    # The estimate counts the text and its pauses; the show's 40-second intro it cannot know.
    show = tmp_path / "show"
    article = show / "episodes" / "2024-06-18-habari-ya-majaribio" / "article.yaml"
    article.parent.mkdir(parents=True)
    article.write_text(yaml.safe_dump(ARTICLE), encoding="utf-8")
    settings = (ROOT / "audiocast.toml").read_text()
    settings += '\n[mix]\nintro = "intro.mp3"\n\n[limits]\nepisode_seconds = 30\n'
    (show / "audiocast.toml").write_text(settings)
    tone = "sine=frequency=440:duration=40:sample_rate=44100"
    subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", tone,
         "-ac", "1", str(show / "intro.mp3")],
        check=True, timeout=60,
    )  # fmt: skip
    opened = Show.open(show)
    assert estimate_seconds(show_script(opened, load_article(article)), 15.0) < 30
    with pytest.raises(ArticleError) as caught:
        build_episode(opened, article, engines=["espeak"])
    message = str(caught.value)
    assert "the episode runs 0:01:" in message and "limit of 0:00:30" in message, message
    assert not list((show / "episodes").rglob("*.mp3")) and not list(show.rglob("*.tmp"))
    assert not (article.parent / "episode.json").exists()
