"""Every rendition offered beside the enclosure (podcast:alternateEnclosure), read as the
Podcasting 2.0 namespace describes it, by an XML reader that knows nothing of audiocast, and
checked against the files on disk; and `validate` catching an alternate that lies."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

import feedparser
import podcastparser
import pytest
from lxml import etree

from audiocast.config import Settings
from audiocast.episode import EngineInfo, EpisodeRecord, RenditionRecord, read_record
from audiocast.media import media_format

from conftest import SAMPLE_BASE_URL, SAMPLE_SLUG

# The namespace URI the spec fixes; apps read its tags under exactly this URI.
NS = {"podcast": "https://podcastindex.org/namespace/1.0"}
BASE = SAMPLE_BASE_URL


def alternates(feed: bytes) -> list[list[dict[str, object]]]:
    """Per item, its alternate enclosures: attributes, source URIs and integrity elements."""
    items = etree.fromstring(feed).xpath("/rss/channel/item")
    found = []
    for item in items:
        offered = []
        for element in item.xpath("podcast:alternateEnclosure", namespaces=NS):
            offered.append(
                {
                    **element.attrib,
                    "sources": element.xpath("podcast:source/@uri", namespaces=NS),
                    "integrity": [
                        dict(i.attrib) for i in element.xpath("podcast:integrity", namespaces=NS)
                    ],
                    "enclosure": item.xpath("enclosure/@url")[0],
                }
            )
        found.append(offered)
    return found


def on_disk(show: Path, url: str) -> Path:
    assert url.startswith(BASE + "/"), url
    return show / unquote(url[len(BASE) + 1 :])


def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


@pytest.mark.parametrize(
    ("feed", "own", "offered"),
    [
        ("podcast", "podcast", ["podcast", "mobile"]),
        ("mobile", "mobile", ["podcast", "mobile"]),
        ("radio", "radio", ["radio", "broadcast"]),
        ("broadcast", "broadcast", ["radio", "broadcast"]),
    ],
)
def test_each_feed_offers_its_audiences_files_as_they_are_on_disk(
    built_show: Path, feed: str, own: str, offered: list[str]
) -> None:
    record = read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")
    settings = Settings()
    [items] = alternates((built_show / "feeds" / f"{feed}.xml").read_bytes())
    by_file = {r.file: name for name, r in record.renditions.items()}
    listed = []
    for alternate in items:
        [uri] = alternate["sources"]
        assert isinstance(uri, str)
        path = on_disk(built_show, uri)
        data = path.read_bytes()
        name = by_file[path.name]
        listed.append(name)
        rendition = record.renditions[name]
        media = media_format(rendition.format)
        assert alternate["type"] == media.mime
        assert alternate["codecs"] == media.codecs
        assert alternate["length"] == str(len(data))
        # Bits per second, a plain number: the file's bits over the seconds it plays.
        bitrate = float(str(alternate["bitrate"]))
        assert bitrate == pytest.approx(len(data) * 8 / rendition.duration, abs=1)
        assert alternate["title"] == (settings.profiles[name].title or name)
        assert alternate["integrity"] == [{"type": "sri", "value": sri(data)}]
        # Only the enclosure's own file is the default; the spec's default is false.
        is_own = name == own
        assert alternate.get("default") == ("true" if is_own else None)
        assert (uri == alternate["enclosure"]) == is_own
    assert sorted(listed) == sorted(offered)


def test_mobile_feed_plays_the_m4a_for_apps_that_ignore_alternates(built_show: Path) -> None:
    record = read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")
    xml = (built_show / "feeds" / "mobile.xml").read_bytes()
    parsed = podcastparser.parse(f"{BASE}/feeds/mobile.xml", io.BytesIO(xml))
    [enclosure] = parsed["episodes"][0]["enclosures"]
    assert enclosure["url"].endswith(record.renditions["mobile"].file)
    assert enclosure["url"].endswith(".m4a") and enclosure["mime_type"] == "audio/mp4"


@pytest.mark.parametrize("feed", ["podcast", "mobile", "radio"])
def test_apps_still_read_every_feed(built_show: Path, feed: str) -> None:
    xml = (built_show / "feeds" / f"{feed}.xml").read_bytes()
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    [entry] = parsed.entries
    [link] = [link for link in entry.links if link.rel == "enclosure"]
    assert int(link.length) == on_disk(built_show, link.href).stat().st_size
    episodes = podcastparser.parse(f"{BASE}/feeds/{feed}.xml", io.BytesIO(xml))["episodes"]
    assert len(episodes) == 1 and len(episodes[0]["enclosures"]) == 1


def test_an_episode_built_before_formats_existed_offers_its_one_mp3() -> None:
    # A record of an older audiocast: no format field, a podcast MP3 only.
    date = datetime(2024, 6, 18, 7, 30, tzinfo=timezone(timedelta(hours=3)))
    old = RenditionRecord.model_validate(
        {"profile": "podcast", "file": "x-0123abcd.mp3", "bytes": 1_200_000,
         "sha256": "ab" * 32, "duration": 100.0, "loudness": -16.0, "true_peak": -1.5,
         "bitrate": "96k", "sample_rate": 44100, "channels": 1}
    )  # fmt: skip
    record = EpisodeRecord(
        slug="x", guid="g", title="Habari", date=date, author="A", summary="S",
        categories=[], engine=EngineInfo(name="espeak", version="1"), voices={},
        build_hash="f" * 16, duration=100.0, renditions={"podcast": old}, segments=[],
        built_at=date,
    )  # fmt: skip
    from audiocast.feed import build_feed

    [[alternate]] = alternates(build_feed([record], Settings()))
    assert alternate["type"] == "audio/mpeg" and alternate["default"] == "true"
    assert alternate["bitrate"] == "96000"
    assert alternate["integrity"] == [
        {"type": "sri", "value": "sha256-" + base64.b64encode(bytes([0xAB] * 32)).decode()}
    ]


@pytest.fixture
def show_copy(built_show: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_show, tmp_path / "show"))


def _tamper(show: Path, feed: str, name: str, attribute: str, value: str) -> None:
    """Change one attribute of the alternate enclosure of `name` (or its integrity)."""
    path = show / "feeds" / feed
    tree = etree.parse(str(path))
    for element in tree.xpath("//podcast:alternateEnclosure", namespaces=NS):
        if element.xpath("podcast:source/@uri", namespaces=NS)[0].endswith(name):
            target = element
            if attribute == "integrity":
                target, attribute = element.xpath("podcast:integrity", namespaces=NS)[0], "value"
            target.set(attribute, value)
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


@pytest.mark.parametrize(
    ("attribute", "value", "said"),
    [
        ("length", "1000", "length '1000' but the file has"),
        ("integrity", "sha256-" + base64.b64encode(b"\0" * 32).decode(), "is not the file's SHA"),
        ("default", "true", "2 marked default"),
        ("type", "audio/mpeg", "type 'audio/mpeg', not audio/mp4"),
    ],
)
def test_validate_reports_an_alternate_that_is_not_the_file(
    show_copy: Path, attribute: str, value: str, said: str
) -> None:
    record = read_record(show_copy / "episodes" / SAMPLE_SLUG / "episode.json")
    mobile = record.renditions["mobile"].file
    _tamper(show_copy, "podcast.xml", mobile, attribute, value)
    # As a producer runs it, on a terminal wide enough to keep each problem on one line.
    command = [sys.executable, "-c", "from audiocast.cli import app; app()", "validate", "--quick"]
    done = subprocess.run(command, cwd=show_copy, capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "400"})  # fmt: skip
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if said in line and "│ error" in line]
    assert len(lines) == 1, done.stdout
    assert "feeds/podcast.xml: item[1]/podcast:alternateEnclosure" in lines[0]


def test_validate_reports_a_feed_that_leaves_out_a_rendition(show_copy: Path) -> None:
    path = show_copy / "feeds" / "podcast.xml"
    tree = etree.parse(str(path))
    record = read_record(show_copy / "episodes" / SAMPLE_SLUG / "episode.json")
    for element in tree.xpath("//podcast:alternateEnclosure", namespaces=NS):
        if element.xpath("podcast:source/@uri", namespaces=NS)[0].endswith(".m4a"):
            element.getparent().remove(element)
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    from audiocast.show import Show
    from audiocast.validate import validate_show

    problems = validate_show(Show.open(show_copy), measure_audio=False)
    errors = [(p.where, p.problem) for p in problems if p.severity == "error"]
    assert errors == [
        (
            "feeds/podcast.xml: item[1]/podcast:alternateEnclosure",
            f"the mobile rendition {record.renditions['mobile'].file} is not listed",
        )
    ]
    # The feed is no longer what `audiocast feed` writes: the stale check says so too.
    stale = [p for p in problems if p.where == "feeds/podcast.xml" and "differs" in p.problem]
    assert len(stale) == 1 and stale[0].severity == "warning"


def test_validate_reports_a_radio_file_offered_to_listeners(show_copy: Path) -> None:
    """An alternate true to its file, but of the radio rendition, in the listeners' feed."""
    from copy import deepcopy

    from audiocast.show import Show
    from audiocast.validate import validate_show

    record = read_record(show_copy / "episodes" / SAMPLE_SLUG / "episode.json")
    radio = record.renditions["radio"]
    data = (show_copy / "episodes" / SAMPLE_SLUG / radio.file).read_bytes()
    path = show_copy / "feeds" / "podcast.xml"
    tree = etree.parse(str(path))
    [own] = tree.xpath("//podcast:alternateEnclosure[@default='true']", namespaces=NS)
    added = deepcopy(own)
    del added.attrib["default"]
    added.set("length", str(len(data)))
    added.set("bitrate", str(round(len(data) * 8 / radio.duration)))
    added.xpath("podcast:source", namespaces=NS)[0].set(
        "uri", f"{BASE}/episodes/{SAMPLE_SLUG}/{radio.file}"
    )
    added.xpath("podcast:integrity", namespaces=NS)[0].set("value", sri(data))
    own.addnext(added)
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    errors = [(p.where, p.problem) for p in problems if p.severity == "error"]
    assert errors == [
        (
            "feeds/podcast.xml: item[1]/podcast:alternateEnclosure",
            f"{radio.file}: the radio rendition is not for this feed's listeners",
        )
    ]
