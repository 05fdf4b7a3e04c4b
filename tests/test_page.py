"""The listen-and-download page and manifest.json, as a browser and a partner's script read them."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html

from audiocast.config import Settings
from audiocast.episode import EpisodeRecord, read_record
from audiocast.page import render_manifest, render_page, write_site
from audiocast.show import Show

from conftest import SAMPLE_BASE_URL, SAMPLE_SLUG

NASTY = "Bei ya <b>mafuta</b> & \"umeme\" </article><script>alert(1)</script> 'leo'"


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("page") / "show"
    shutil.copytree(built_show, root)
    write_site(Show.open(root))
    return root


@pytest.fixture(scope="module")
def record(built_show: Path) -> EpisodeRecord:
    return read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")


def two_episodes(record: EpisodeRecord) -> list[EpisodeRecord]:
    older = record.model_copy(
        update={
            "slug": "2024-06-17-bei-ya-mafuta",
            "guid": "c0ffee00-0000-5000-8000-000000000001",
            "title": NASTY,
            "summary": "Muhtasari <i>na</i> & alama.",
            "date": record.date - timedelta(days=1),
        }
    )
    return [record, older]


def test_every_episode_has_player_facts_and_every_download(site: Path) -> None:
    page = html.fromstring((site / "feeds" / "index.html").read_bytes())
    articles = page.xpath("//article")
    records = [read_record(site / "episodes" / SAMPLE_SLUG / "episode.json")]
    assert len(articles) == len(records)
    for article, record in zip(articles, records, strict=True):
        text = article.text_content()
        assert article.xpath("string(.//h2)") == record.title
        assert "Tarehe: 18 Juni 2024" in text
        assert article.xpath("string(.//time[1]/@datetime)") == record.date.isoformat()
        minutes, seconds = divmod(int(record.duration), 60)
        assert f"Muda: {minutes}:{seconds:02d}" in text
        (audio,) = article.xpath(".//audio")
        assert audio.get("controls") is not None
        # The player streams the small file first; a browser without AAC falls to the MP3.
        # (libxml2 parses HTML 4, where <source> is not empty: the second nests in the first.)
        folder = f"../episodes/{SAMPLE_SLUG}/"
        mobile, podcast = record.renditions["mobile"], record.renditions["podcast"]
        assert [(s.get("src"), s.get("type")) for s in audio.xpath(".//source")] == [
            (folder + mobile.file, "audio/mp4"),
            (folder + podcast.file, "audio/mpeg"),
        ]
        downloads = article.xpath(".//a[@download]")
        assert len(downloads) == len(record.renditions) == 4
        # Smallest first for listeners ("Pakua, Data kidogo"), then the radio files.
        order = [record.renditions[name] for name in ("mobile", "podcast", "radio", "broadcast")]
        # The broadcast WAV, whose title names its format, says its rate, not "WAV" twice.
        assert downloads[3].text_content() == "Pakua \u2013 Redio (WAV) (48 kHz)"
        assert downloads[0].text_content().startswith("Pakua \u2013 Data kidogo (M4A")
        for link, rendition in zip(downloads, order, strict=True):
            assert link.get("href").endswith("/" + rendition.file)
            assert link.text_content().startswith("Pakua")
            item = link.getparent().text_content()
            assert f"{rendition.bytes:,} baiti" in item
            assert "Ukubwa" in item
            assert rendition.sha256 in item


def test_relative_links_resolve_inside_the_show(site: Path) -> None:
    # The same links work served (under /feeds/) and opened from disk (file://.../feeds/).
    page = html.fromstring((site / "feeds" / "index.html").read_bytes())
    links = page.xpath("//@href | //@src")
    assert links
    for link in links:
        assert not urlsplit(link).scheme and not link.startswith("/"), link
        target = (site / "feeds" / unquote(link)).resolve()
        assert target.is_file(), link
        assert target.is_relative_to(site / "feeds") or target.is_relative_to(site / "episodes")


def test_links_to_both_feeds_and_shows_their_addresses(site: Path) -> None:
    page = html.fromstring((site / "feeds" / "index.html").read_bytes())
    hrefs = page.xpath("//nav//a/@href")
    assert {"podcast.xml", "mobile.xml", "radio.xml", "broadcast.xml", "manifest.json"} <= set(
        hrefs
    )
    text = page.text_content()
    assert f"{SAMPLE_BASE_URL}/feeds/podcast.xml" in text
    assert page.xpath("//link[@rel='alternate']/@type") == ["application/rss+xml"] * 4


def test_every_feed_is_named_for_listeners_in_swahili(record: EpisodeRecord) -> None:
    settings = Settings.model_validate(
        {"profiles": {"opus": {"format": "opus", "title": "Data kidogo zaidi"}, "extra": {}}}
    )
    feeds = ["podcast", "mobile", "radio", "broadcast", "opus", "extra"]
    page = html.fromstring(render_page([record], settings, feeds))
    names = [a.text_content() for a in page.xpath("//nav//li[@class='feed']/a")]
    assert names[3] == "Feed ya redio: WAV ya matangazo (faili kubwa)"
    assert names[4:] == ["Feed ya Data kidogo zaidi", "Feed ya extra"]  # by title, else name
    assert len(set(names)) == len(names)
    assert page.xpath("//link[@rel='alternate']/@title") == names


def test_swahili_interface_and_language(site: Path) -> None:
    source = (site / "feeds" / "index.html").read_text(encoding="utf-8")
    page = html.fromstring(source)
    assert page.get("lang") == "sw"
    for word in ("Sikiliza", "Pakua", "Muda", "Ukubwa", "Tarehe", "Jiunge"):
        assert word in source, word
    assert page.xpath("//meta[@name='viewport']")


def test_no_external_resources_and_a_strict_policy(site: Path) -> None:
    source = (site / "feeds" / "index.html").read_text(encoding="utf-8")
    page = html.fromstring(source)
    assert not page.xpath("//script | //iframe | //link[@rel='stylesheet'] | //@style")
    assert "@import" not in source and "url(" not in source
    # The inline stylesheet is allowed by its hash, so the policy can forbid everything else.
    (policy,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    style = page.xpath("string(//style)")
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_titles_are_escaped(record: EpisodeRecord) -> None:
    source = render_page(two_episodes(record), Settings())
    page = html.fromstring(source)
    assert not page.xpath("//script | //article//b | //article//i")
    assert [h.text_content() for h in page.xpath("//article/h2")] == [record.title, NASTY]
    assert "Muhtasari <i>na</i> & alama." in page.text_content()
    # The title is also in an attribute (the player's label): quotes must not break out.
    labels = page.xpath("//audio/@aria-label")
    assert labels[1] == f"Sikiliza: {NASTY}"


def test_newest_first_and_empty_show(record: EpisodeRecord) -> None:
    oldest_first = two_episodes(record)[::-1]
    page = html.fromstring(render_page(oldest_first, Settings()))
    dates = [article.xpath("string((.//time)[1]/@datetime)") for article in page.xpath("//article")]
    assert dates == sorted(dates, reverse=True)
    manifest = json.loads(render_manifest(oldest_first, Settings()))
    assert [e["date"] for e in manifest["episodes"]] == dates
    empty = html.fromstring(render_page([], Settings()))
    assert not empty.xpath("//article")
    assert "Hakuna vipindi bado." in empty.text_content()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_describes_every_file(site: Path) -> None:
    manifest = json.loads((site / "feeds" / "manifest.json").read_text(encoding="utf-8"))
    base = SAMPLE_BASE_URL
    show = manifest["show"]
    assert show["title"] and show["base_url"] == base and show["language"] == "sw"
    names = ("podcast", "mobile", "radio", "broadcast")
    assert show["feeds"] == {p: f"{base}/feeds/{p}.xml" for p in names}
    assert (site / urlsplit(show["cover"]).path.removeprefix("/habari/")).is_file()
    (episode,) = manifest["episodes"]
    record = read_record(site / "episodes" / SAMPLE_SLUG / "episode.json")
    assert episode["guid"] == record.guid and episode["title"] == record.title
    assert episode["date"] == record.date.isoformat()
    assert episode["duration"] == pytest.approx(record.duration)
    assert set(episode["renditions"]) == {"podcast", "mobile", "radio", "broadcast"}
    for name, rendition in episode["renditions"].items():
        path = site / rendition["path"]
        assert rendition["url"] == f"{base}/{rendition['path']}"
        assert rendition["bytes"] == path.stat().st_size
        assert rendition["sha256"] == sha256(path)
        assert rendition["loudness"] == record.renditions[name].loudness
        assert rendition["true_peak"] == record.renditions[name].true_peak
        assert rendition["bitrate"] == record.renditions[name].bitrate
        types = {"mp3": "audio/mpeg", "aac": "audio/mp4", "wav": "audio/wav"}
        kind = types[record.renditions[name].format]
        assert rendition["content_type"] == kind
        assert rendition["format"] == record.renditions[name].format
    for link in [*episode["transcripts"].values(), episode["chapters"]]:
        assert (site / link["path"]).is_file()
        assert link["url"] == f"{base}/{link['path']}"


def test_manifest_keeps_text_as_written(record: EpisodeRecord) -> None:
    manifest = json.loads(render_manifest(two_episodes(record), Settings()))
    assert manifest["episodes"][1]["title"] == NASTY


def test_manifest_is_indented_json_with_text_as_is(record: EpisodeRecord) -> None:
    """Laid out as json.dumps lays it out, so people can read it and diff two versions."""
    summary = "Habari «za leo»\n\tna \u2018kesho\u2019 \u2013 😀\x07"
    swahili = record.model_copy(update={"summary": summary})
    text = render_manifest(two_episodes(swahili), Settings())
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert "«za leo»" in text and '"episodes": [\n    {\n      "slug": ' in text


def test_write_site_is_atomic_and_repeatable(site: Path) -> None:
    before = {p.name: p.read_bytes() for p in (site / "feeds").iterdir()}
    written = write_site(Show.open(site))
    assert {p.name for p in written} == {"index.html", "manifest.json"}
    after = {p.name: p.read_bytes() for p in (site / "feeds").iterdir()}
    assert after == before  # no temporary files left, and the same bytes: publish skips them
