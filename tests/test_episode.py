"""End to end: the sample article built with the real espeak engine, decoded and measured."""

from __future__ import annotations

import io
import json
import shutil
import uuid
from itertools import pairwise
from pathlib import Path
from typing import Any

import feedparser
import mutagen.mp3
import numpy as np
import podcastparser
import pytest
import srt
import webvtt
from lxml import etree
from mutagen.id3 import ID3
from PIL import Image

from audiocast.chapters import opening
from audiocast.media import format_of

from audio import decode, ebur128, median_pitch
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli

RATE = 44100
PODCAST_NS = "https://podcastindex.org/namespace/1.0"


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
    media = sorted(p.name for p in path.parent.iterdir() if format_of(p.name))
    assert media == sorted(r["file"] for r in after["renditions"].values())


def speech_onset(samples: Any, near: float, rate: int = RATE) -> float:
    """Where speech starts, searching from 200 ms before `near`: the first 5 ms frame
    louder than -40 dBFS after a silent stretch."""
    frame = int(0.005 * rate)
    start = max(0, int((near - 0.2) * rate))
    window = samples[start : start + int(0.5 * rate)]
    frames = window[: len(window) // frame * frame].reshape(-1, frame)
    loud = np.sqrt(np.mean(frames**2, axis=1)) > 10 ** (-40 / 20)
    return start / rate + int(np.argmax(loud)) * frame / rate


def test_transcript_cues_start_with_each_sentence(
    built_show: Path, samples: Any, record: dict[str, Any]
) -> None:
    folder = built_show / "episodes" / SAMPLE_SLUG
    cues = webvtt.read(str(folder / record["transcripts"]["vtt"]))
    sentences = [s for segment in record["segments"] for s in segment["sentences"]]
    assert [c.text for c in cues] == [s["text"] for s in sentences]
    assert "Wasiwasi huo umegusiwa na katibu mkuu" in " ".join(c.text for c in cues)
    assert any("24" in c.text for c in cues)  # the words as written, not as spoken
    for cue in cues:
        start = _seconds(cue.start)
        assert abs(speech_onset(samples, start) - start) <= 0.05, cue.text
    subtitles = list(srt.parse((folder / record["transcripts"]["srt"]).read_text()))
    assert [s.content for s in subtitles] == [c.text for c in cues]
    assert [s.start.total_seconds() for s in subtitles] == pytest.approx(
        [_seconds(c.start) for c in cues], abs=0.001
    )


def _seconds(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_chapters_in_json_and_id3_agree(
    built_show: Path, mp3: Path, record: dict[str, Any]
) -> None:
    folder = built_show / "episodes" / SAMPLE_SLUG
    document = json.loads((folder / record["chapters_file"]).read_text())
    assert document["version"] == "1.2.0"
    chapters = document["chapters"]
    titles = [c["title"] for c in chapters]
    assert titles[0] == "Putin kusaini mikataba ya ushirikiano mjini Pyongyang"
    assert "Kim ausifu uhusiano unaotanuka wa Korea Kaskazini na Urusi" in titles
    assert any("Stoltenberg" in t for t in titles)
    starts = [c["startTime"] for c in chapters]
    assert starts[0] == 0 and starts == sorted(starts)
    assert chapters[-1]["endTime"] <= record["duration"] + 0.05
    quote = next(s for s in record["segments"] if s["role"] == "quote_intro")
    assert any(abs(c["startTime"] - quote["start"]) < 0.01 for c in chapters)

    tags = ID3(mp3)
    toc = tags.getall("CTOC")
    assert len(toc) == 1 and toc[0].flags & 0x03 == 0x03  # top-level and ordered
    frames = {f.element_id: f for f in tags.getall("CHAP")}
    ordered = [frames[i] for i in toc[0].child_element_ids]
    assert [str(f.sub_frames["TIT2"]) for f in ordered] == titles
    assert [f.start_time for f in ordered] == [round(s * 1000) for s in starts]
    picture = tags.getall("APIC")[0]
    assert picture.type == 3 and picture.data[:3] == b"\xff\xd8\xff"
    # The drawn artwork comes with every episode a listener downloads: phone-sized, not the
    # feed's own 3000 px.
    with Image.open(io.BytesIO(picture.data)) as art:
        assert art.size == (1400, 1400)
    assert len(picture.data) < (built_show / "feeds" / "cover.jpg").stat().st_size / 2


def test_radio_rendition_meets_ebu_r128(built_show: Path, record: dict[str, Any]) -> None:
    radio = record["renditions"]["radio"]
    path = built_show / "episodes" / SAMPLE_SLUG / radio["file"]
    meter = ebur128(path)
    assert -24.0 <= meter.integrated <= -22.0
    assert meter.true_peak <= -1.0
    info = mutagen.mp3.MP3(path).info
    assert (info.sample_rate, info.bitrate, info.channels) == (44100, 192000, 2)
    assert radio["bytes"] == path.stat().st_size
    assert path.name.endswith(".radio.mp3")
    assert abs(len(decode(path, RATE)) / RATE - record["duration"]) < 0.1


def test_radio_feed_lists_the_radio_rendition(built_show: Path, record: dict[str, Any]) -> None:
    xml = (built_show / "feeds" / "radio.xml").read_bytes()
    parsed = podcastparser.parse("https://example.org/habari/feeds/radio.xml", io.BytesIO(xml))
    enclosure = parsed["episodes"][0]["enclosures"][0]
    assert enclosure["url"].endswith(record["renditions"]["radio"]["file"])
    assert enclosure["file_size"] == record["renditions"]["radio"]["bytes"]
    assert feedparser.parse(xml).bozo == 0


def test_feed_carries_podcasting_2_tags(
    built_show: Path, record: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The namespace moved to podcastindex.org/namespace/1.0, and its spec says clients must
    # treat the old GitHub address as the same; podcastparser 0.6.11 knows only the old one.
    namespaces = {**podcastparser.Namespace.NAMESPACES, PODCAST_NS: "podcast"}
    monkeypatch.setattr(podcastparser.Namespace, "NAMESPACES", namespaces)
    xml = (built_show / "feeds" / "podcast.xml").read_bytes()
    episode = podcastparser.parse("https://example.org/feed", io.BytesIO(xml))["episodes"][0]
    assert episode["transcript_url"].rsplit("/", 1)[1] in record["transcripts"].values()
    assert episode["chapters_json_url"].endswith(record["chapters_file"])
    root = etree.fromstring(xml)
    ns = {"podcast": PODCAST_NS}
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    assert root.findtext("channel/podcast:guid", namespaces=ns) == str(
        uuid.uuid5(namespace, "example.org/habari/feeds/podcast.xml")
    )
    assert root.findtext("channel/podcast:medium", namespaces=ns) == "podcast"
    locked = root.find("channel/podcast:locked", namespaces=ns)
    assert locked is not None and locked.text == "no" and locked.get("owner")
    types = {t.get("type") for t in root.iterfind("channel/item/podcast:transcript", ns)}
    assert types == {"text/vtt", "application/x-subrip"}


def test_a_scrape_without_full_stops_becomes_an_episode_with_short_cues(tmp_path: Path) -> None:
    title, story = (
        (Path(__file__).parent / "data" / "scrapes" / "unpunctuated-story.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    show = copy_sample_show(tmp_path / "show")
    (show / "inbox.txt").write_text(f"{title}\n3 Aprili 2024\n{story}\n", encoding="utf-8")
    assert run_cli("import", "inbox.txt", cwd=show).returncode == 0
    (article,) = (show / "episodes").glob("2024-04-03-*/article.yaml")
    done = run_cli("build", "--engine", "espeak", str(article), cwd=show)
    assert done.returncode == 0, done.stderr
    folder = article.parent
    record = json.loads((folder / "episode.json").read_text())
    cues = webvtt.read(str(folder / record["transcripts"]["vtt"]))
    assert story in " ".join(cue.text for cue in cues)  # every word heard, as written
    longest = max(_seconds(cue.end) - _seconds(cue.start) for cue in cues)
    assert longest <= 25, f"a cue of {longest:.1f} s"


# --- Direct speech inside a paragraph, built and heard -----------------------------------------

SPEECH_SLUG = "2024-06-18-wagonjwa-waongezeka"
SPEECH_ARTICLE = f"""title: Wagonjwa wa malaria waongezeka Moshi
slug: {SPEECH_SLUG}
date: 2024-06-18
author: Juma Mussa
summary: Idadi ya wagonjwa wa malaria imeongezeka mkoani Kilimanjaro mwezi huu.
body:
- paragraph: >-
    Daktari mkuu wa hospitali Neema Kiwelu anaeleza hali ilivyo kwa wakazi wa mji huu.
    “Wagonjwa wanaongezeka kila wiki na vitanda havitoshi tena,” anasema kwa masikitiko.
    “Tunahitaji dawa zaidi kabla ya msimu wa mvua kuanza.”
  quotes:
  - text: Wagonjwa wanaongezeka kila wiki na vitanda havitoshi tena,
    speaker: Neema Kiwelu
  - text: Tunahitaji dawa zaidi kabla ya msimu wa mvua kuanza.
    speaker: Neema Kiwelu
- paragraph: Wizara ya afya imeahidi kupeleka dawa na vitanda hamsini wiki ijayo.
"""


@pytest.fixture(scope="module")
def speech_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A show with one short story whose paragraph holds direct speech, built with espeak."""
    show = tmp_path_factory.mktemp("speech")
    shutil.copy(Path(__file__).resolve().parent.parent / "audiocast.toml", show)
    article = show / "episodes" / SPEECH_SLUG / "article.yaml"
    article.parent.mkdir(parents=True)
    article.write_text(SPEECH_ARTICLE, encoding="utf-8")
    done = run_cli("build", "--engine", "espeak", str(article.relative_to(show)), cwd=show)
    assert done.returncode == 0, done.stderr
    return show


@pytest.fixture(scope="module")
def speech_record(speech_show: Path) -> dict[str, Any]:
    return json.loads((speech_show / "episodes" / SPEECH_SLUG / "episode.json").read_text())


def paragraph_parts(record: dict[str, Any]) -> list[dict[str, Any]]:
    first = next(i for i, s in enumerate(record["segments"]) if s["text"].startswith("Daktari"))
    return record["segments"][first : first + 4]


def test_inline_speech_is_recorded_in_the_quote_voice(speech_record: dict[str, Any]) -> None:
    parts = paragraph_parts(speech_record)
    assert [(p["role"], p["voice"], p["speaker"]) for p in parts] == [
        ("paragraph", "narrator", None),
        ("quote", "quote", "Neema Kiwelu"),
        ("paragraph", "narrator", None),
        ("quote", "quote", "Neema Kiwelu"),
    ]
    assert parts[1]["text"] == "“Wagonjwa wanaongezeka kila wiki na vitanda havitoshi tena,”"
    assert parts[2]["text"] == "anasema kwa masikitiko."


def test_inline_speech_is_heard_in_the_quote_voice_with_short_changes(
    speech_show: Path, speech_record: dict[str, Any]
) -> None:
    mp3 = speech_show / "episodes" / SPEECH_SLUG / speech_record["renditions"]["podcast"]["file"]
    audio = decode(mp3, RATE)
    parts = paragraph_parts(speech_record)

    def pitch(part: dict[str, Any]) -> float:
        return median_pitch(audio[int(part["start"] * RATE) : int(part["end"] * RATE)], RATE)

    narrator = pitch(parts[0])
    for quote in (parts[1], parts[3]):
        assert abs(pitch(quote) - narrator) / narrator >= 0.10
    # Voice changes inside the paragraph are short; the paragraph's own pause comes after it.
    inside = [b["start"] - a["end"] for a, b in pairwise(parts)]
    after = speech_record["segments"][speech_record["segments"].index(parts[-1]) + 1]
    assert max(inside) < 0.4 < after["start"] - parts[-1]["end"]


def test_transcript_cues_name_who_speaks_the_quotes(
    speech_show: Path, speech_record: dict[str, Any]
) -> None:
    folder = speech_show / "episodes" / SPEECH_SLUG
    cues = webvtt.read(str(folder / speech_record["transcripts"]["vtt"]))
    voiced = {c.text: c.voice for c in cues}
    assert voiced["“Wagonjwa wanaongezeka kila wiki na vitanda havitoshi tena,”"] == "Neema Kiwelu"
    assert voiced["anasema kwa masikitiko."] is None
    assert "<v Neema Kiwelu>" in (folder / speech_record["transcripts"]["vtt"]).read_text()
    subtitles = list(srt.parse((folder / speech_record["transcripts"]["srt"]).read_text()))
    assert [s.content for s in subtitles] == [c.text for c in cues]  # SRT stays plain text


def test_a_paragraph_with_speech_is_one_quote_chapter(speech_record: dict[str, Any]) -> None:
    parts = paragraph_parts(speech_record)
    titles = [(c["title"], c["start"]) for c in speech_record["chapters"]]
    assert ("Nukuu: Neema Kiwelu", parts[1]["start"]) in titles
    after = speech_record["segments"][speech_record["segments"].index(parts[-1]) + 1]
    # The story resumes named by its next paragraph's first words, not the headline again.
    assert (opening(after["text"]), after["start"]) in titles
    assert [t for t, _ in titles].count("Nukuu: Neema Kiwelu") == 1
    assert len({t for t, _ in titles}) == len(titles)
