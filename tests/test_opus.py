"""The optional Ogg Opus rendition, made by adding one format module: built, measured and tagged
as independent tools read it, and carried through feeds, page, manifest, server, publishing
and `validate` like every other format."""

from __future__ import annotations

import base64
import http.client
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import numpy as np
import podcastparser
import pytest
from lxml import etree
from mutagen.flac import Picture
from mutagen.oggopus import OggOpus

from audiocast.episode import EpisodeRecord, read_record
from audiocast.media import Encoding, media_format
from audiocast.media.encoder import Encoder
from audiocast.publish import publish
from audiocast.serve import running
from audiocast.show import Show
from audiocast.validate import validate_show

from audio import decode, ebur128, ffmpeg
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli

NS = {"podcast": "https://podcastindex.org/namespace/1.0"}
OPUS_PROFILE = """
[profiles.opus]
format = "opus"
title = "Opus"

[build]
renditions = ["podcast", "mobile", "radio", "opus"]
"""


@pytest.fixture(scope="module")
def opus_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample show with the optional opus profile, built and its feeds written."""
    show = copy_sample_show(tmp_path_factory.mktemp("opus") / "show")
    settings = show / "audiocast.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + OPUS_PROFILE, encoding="utf-8")
    for args in (("build", "--engine", "espeak", f"episodes/{SAMPLE_SLUG}/article.yaml"),
                 ("feed",)):  # fmt: skip
        done = run_cli(*args, cwd=show)
        assert done.returncode == 0, done.stderr
    return show


def sample(show: Path) -> tuple[EpisodeRecord, Path]:
    folder = show / "episodes" / SAMPLE_SLUG
    return read_record(folder / "episode.json"), folder


def test_the_declared_delay_is_what_the_streamed_copy_holds() -> None:
    """Clicks encoded, decoded through the same stream as a build measures: each comes out at
    its own frame plus the format's declared delay, and exactly the frames written come out."""
    opus = media_format("opus")
    rate, frames = 48000, 48000 * 3 + 123
    clicks = [4800, 100_000, frames - 2000]
    samples = np.zeros(frames, dtype=np.float32)
    samples[clicks] = 0.9
    blocks: list[np.ndarray] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "click.opus"
        with Encoder(
            opus, rate, Encoding("32k", 1, rate), out, lambda b: blocks.append(b.copy())
        ) as encoder:
            encoder.write(samples)
        played = decode(out, rate)  # as a player decodes the file
    streamed = np.concatenate(blocks)[:, 0]

    def found(decoded: np.ndarray) -> list[int]:
        return [c - 1000 + int(np.argmax(np.abs(decoded[c - 1000 : c + 3000]))) for c in clicks]

    assert found(streamed) == [c + opus.delay for c in clicks]
    assert len(streamed) - opus.delay == frames
    assert found(played) == clicks and len(played) == frames


def test_the_opus_file_meets_its_targets_by_an_independent_meter(opus_show: Path) -> None:
    record, folder = sample(opus_show)
    opus = record.renditions["opus"]
    assert (opus.format, opus.sample_rate, opus.bitrate) == ("opus", 48000, "32k")
    path = folder / opus.file
    meter = ebur128(path)
    assert meter.integrated == pytest.approx(-16.0, abs=0.5)
    assert meter.true_peak <= -1.0
    assert opus.loudness == pytest.approx(meter.integrated, abs=0.3)
    # Gapless: a player plays the recorded length, the same as the podcast MP3's.
    assert abs(len(decode(path, 48000)) / 48000 - opus.duration) <= 0.0006
    assert opus.duration == pytest.approx(record.renditions["podcast"].duration, abs=0.001)
    # Smaller than the M4A: that is what it is for.
    assert opus.bytes < record.renditions["mobile"].bytes


def test_the_opus_file_carries_vorbis_comments_cover_and_chapters(opus_show: Path) -> None:
    record, folder = sample(opus_show)
    path = folder / record.renditions["opus"].file
    tags = OggOpus(path).tags
    assert tags is not None
    assert tags["TITLE"] == [record.title]
    assert tags["DATE"] == [record.date.date().isoformat()]
    assert tags["COMMENT"] == [record.summary]
    assert tags["LANGUAGE"] == ["swa"]
    picture = Picture(base64.b64decode(tags["METADATA_BLOCK_PICTURE"][0]))
    assert picture.type == 3 and picture.data[:3] == b"\xff\xd8\xff"
    # Chapters as ffmpeg's Ogg demuxer reads the CHAPTERxxx comments.
    metadata = subprocess.run(
        [ffmpeg(), "-v", "error", "-i", str(path), "-f", "ffmetadata", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    starts = [int(s) for s in re.findall(r"^START=(\d+)$", metadata, re.M)]
    titles = re.findall(r"^title=(.*)$", metadata.split("[CHAPTER]", 1)[1], re.M)
    chapters = json.loads((folder / record.chapters_file).read_text(encoding="utf-8"))
    assert starts == [round(c["startTime"] * 1000) for c in chapters["chapters"]]
    assert titles == [c["title"] for c in chapters["chapters"]]


def test_the_listeners_feeds_offer_the_opus_file_and_its_own_feed_plays_it(
    opus_show: Path,
) -> None:
    record, _ = sample(opus_show)
    name = record.renditions["opus"].file
    for feed in ("podcast", "mobile", "opus"):
        root = etree.parse(str(opus_show / "feeds" / f"{feed}.xml"))
        [alternate] = [
            a
            for a in root.xpath("//podcast:alternateEnclosure", namespaces=NS)
            if a.xpath("podcast:source/@uri", namespaces=NS)[0].endswith("/" + name)
        ]
        assert alternate.get("type") == "audio/ogg" and alternate.get("codecs") == "opus"
        assert alternate.get("title") == "Opus"
        assert (alternate.get("default") == "true") == (feed == "opus")
    radio = etree.parse(str(opus_show / "feeds" / "radio.xml"))
    assert not [u for u in radio.xpath("//podcast:source/@uri", namespaces=NS) if name in u]
    [enclosure] = etree.parse(str(opus_show / "feeds" / "opus.xml")).xpath("//item/enclosure")
    assert enclosure.get("url").endswith("/" + name)
    assert enclosure.get("type") == "audio/ogg"
    # Apps that know only RSS read the Opus feed's enclosure.
    xml = (opus_show / "feeds" / "opus.xml").read_bytes()
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    url = "https://example.org/habari/feeds/opus.xml"
    [episode] = podcastparser.parse(url, io.BytesIO(xml))["episodes"]
    assert [e["mime_type"] for e in episode["enclosures"]] == ["audio/ogg"]


def test_page_and_manifest_list_the_opus_file(opus_show: Path) -> None:
    record, _ = sample(opus_show)
    opus = record.renditions["opus"]
    # Offered for download on the episode's page, where listeners download its files.
    page = (opus_show / "episodes" / record.slug / "index.html").read_text(encoding="utf-8")
    assert f'{opus.file}" download type="audio/ogg"' in page
    manifest = json.loads((opus_show / "feeds" / "manifest.json").read_text(encoding="utf-8"))
    listed = json.dumps(manifest)
    assert opus.file in listed and opus.sha256 in listed


def test_the_server_and_publishing_carry_the_opus_file(opus_show: Path, tmp_path: Path) -> None:
    record, folder = sample(opus_show)
    name = record.renditions["opus"].file
    with running(Show.open(opus_show)) as url:
        parts = urlsplit(url)
        assert parts.hostname and parts.port
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            conn.request("GET", f"/episodes/{SAMPLE_SLUG}/{name}")
            response = conn.getresponse()
            body = response.read()
        finally:
            conn.close()
    assert response.status == 200
    assert response.getheader("Content-Type", "").split(";")[0] == "audio/ogg"
    assert body == (folder / name).read_bytes()
    report = publish(Show.open(opus_show), str(tmp_path / "site"))
    assert f"episodes/{SAMPLE_SLUG}/{name}" in report.uploaded
    assert "feeds/opus.xml" in report.uploaded
    published = tmp_path / "site" / "episodes" / SAMPLE_SLUG / name
    assert published.read_bytes() == (folder / name).read_bytes()


def test_validate_measures_the_opus_file_and_reads_its_tags(
    opus_show: Path, tmp_path: Path
) -> None:
    assert [p for p in validate_show(Show.open(opus_show)) if p.severity == "error"] == []
    root = Path(shutil.copytree(opus_show, tmp_path / "show"))
    record, folder = sample(root)
    opus = OggOpus(folder / record.renditions["opus"].file)
    assert opus.tags is not None
    opus.tags["TITLE"] = ["Kichwa kingine"]
    opus.save()
    problems = validate_show(Show.open(root), measure_audio=False)
    errors = {(p.where.rpartition(": ")[2], p.problem) for p in problems if p.severity == "error"}
    assert ("Vorbis TITLE", f"'Kichwa kingine', not {record.title!r} (episode title)") in errors
    # The file changed after the build: its hash no longer matches, in the feeds either.
    assert any("integrity" in problem for _, problem in errors)
