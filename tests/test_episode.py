"""End to end: the sample article built with the real espeak engine, decoded and measured."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import feedparser
import mutagen.mp3
import numpy as np
import podcastparser
import pytest
from mutagen.id3 import ID3

from audio import decode, ebur128, median_pitch
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli

RATE = 44100


@pytest.fixture(scope="module")
def record(built_show: Path) -> dict[str, Any]:
    return json.loads((built_show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())


@pytest.fixture(scope="module")
def mp3(built_show: Path, record: dict[str, Any]) -> Path:
    return built_show / "episodes" / SAMPLE_SLUG / record["renditions"]["podcast"]["file"]


@pytest.fixture(scope="module")
def samples(mp3: Path) -> Any:
    return decode(mp3, RATE)


def test_duration_matches_the_record(samples: Any, record: dict[str, Any]) -> None:
    measured = len(samples) / RATE
    assert measured == pytest.approx(record["duration"], rel=0.02)
    assert measured > 60  # the whole story, not a fragment


def test_loudness_and_true_peak_meet_the_podcast_profile(mp3: Path) -> None:
    meter = ebur128(mp3)
    assert -17.0 <= meter.integrated <= -15.0
    assert meter.true_peak <= -1.0


def test_mp3_is_cbr_mono_44k_with_a_hashed_name(mp3: Path, record: dict[str, Any]) -> None:
    info = mutagen.mp3.MP3(mp3).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 96000)
    assert info.bitrate_mode == mutagen.mp3.BitrateMode.CBR
    rendition = record["renditions"]["podcast"]
    assert rendition["bytes"] == mp3.stat().st_size
    assert mp3.name.startswith(f"{SAMPLE_SLUG}-") and rendition["sha256"][:8] in mp3.name


def test_id3_tags_name_the_episode_in_swahili(mp3: Path) -> None:
    tags = ID3(mp3)
    assert str(tags["TIT2"]) == "Putin kusaini mikataba ya ushirikiano mjini Pyongyang"
    assert str(tags["TPE1"]) == "Sylvia Mwehozi"
    assert str(tags["TALB"]) == "Habari kwa Sauti"
    assert str(tags["TDRC"]) == "2024-06-18"
    assert str(tags["TLAN"]) == "swa"
    assert str(tags.getall("COMM")[0]).startswith("Rais wa Urusi Vladimir Putin")


def test_segments_follow_the_episode_plan(record: dict[str, Any]) -> None:
    roles = [s["role"] for s in record["segments"]]
    assert roles[:4] == ["intro", "headline", "byline", "lead"]
    assert roles[-1] == "outro"
    assert roles[roles.index("quote") - 1] == "quote_intro"
    byline = record["segments"][2]["spoken"]
    assert "Sylvia Mwehozi" in byline and "kumi na nane Juni" in byline
    starts = [s["start"] for s in record["segments"]]
    assert starts == sorted(starts)
    assert record["segments"][0]["start"] > 1.0  # the sting plays before the ident
    assert all(s["end"] > s["start"] for s in record["segments"])
    assert record["segments"][-1]["end"] <= record["duration"]
    assert record["engine"]["name"] == "espeak" and record["engine"]["version"]
    assert record["voices"] == {"narrator": "sw", "quote": "sw+f3"}


def test_quote_is_read_in_a_clearly_different_voice(samples: Any, record: dict[str, Any]) -> None:
    def pitch_of(role: str) -> float:
        spans = [s for s in record["segments"] if s["role"] == role]
        audio = [samples[int(s["start"] * RATE) : int(s["end"] * RATE)] for s in spans]
        return median_pitch(np.concatenate(audio), RATE)

    narrator, quote = pitch_of("paragraph"), pitch_of("quote")
    assert abs(quote - narrator) / narrator >= 0.10


def test_the_sting_is_heard_before_the_ident(samples: Any, record: dict[str, Any]) -> None:
    intro_start = record["segments"][0]["start"]
    sting = samples[: int(intro_start * RATE)]
    assert np.sqrt(np.mean(sting**2)) > 0.01  # audible, not silence


def test_feed_lists_the_episode_for_podcast_apps(
    built_show: Path, mp3: Path, record: dict[str, Any]
) -> None:
    xml = (built_show / "feeds" / "podcast.xml").read_bytes()
    parsed = podcastparser.parse("https://example.org/habari/feeds/podcast.xml", io.BytesIO(xml))
    assert len(parsed["episodes"]) == 1
    episode = parsed["episodes"][0]
    assert episode["title"] == "Putin kusaini mikataba ya ushirikiano mjini Pyongyang"
    assert episode["enclosures"][0]["file_size"] == mp3.stat().st_size
    assert episode["enclosures"][0]["url"].endswith("/" + mp3.name)
    assert episode["total_time"] == round(record["duration"])
    assert episode["guid"] == record["guid"]
    assert parsed["cover_url"].endswith("/feeds/cover.jpg")
    assert (built_show / "feeds" / "cover.jpg").is_file()
    assert feedparser.parse(xml).bozo == 0


def test_rebuild_keeps_the_guid_and_leaves_no_stale_media(
    tmp_path: Path, built_show: Path, record: dict[str, Any]
) -> None:
    show = copy_sample_show(tmp_path / "show")
    shutil.copytree(built_show / ".cache", show / ".cache")  # warm: only the edit is spoken
    article = f"episodes/{SAMPLE_SLUG}/article.yaml"
    first = run_cli("build", article, cwd=show)
    assert first.returncode == 0, first.stderr
    path = show / "episodes" / SAMPLE_SLUG / "episode.json"
    before = json.loads(path.read_text())
    # A corrected paragraph changes the audio, so the file (and its URL) changes too.
    text = (show / article).read_text().replace("Rais Putin ameidhinisha", "Rais Putin ameridhia")
    (show / article).write_text(text)
    second = run_cli("build", article, cwd=show)
    assert second.returncode == 0, second.stderr
    after = json.loads(path.read_text())
    assert after["guid"] == before["guid"] == record["guid"]
    assert after["renditions"]["podcast"]["file"] != before["renditions"]["podcast"]["file"]
    media = sorted(p.name for p in path.parent.glob("*.mp3"))
    assert media == sorted(r["file"] for r in after["renditions"].values())
