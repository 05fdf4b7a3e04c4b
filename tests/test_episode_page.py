"""Each episode's page (episodes/<slug>/index.html) and the preview tags of the show's pages,
read back as a browser, a link-preview fetcher and a producer meet them.

The pages are parsed with lxml and compared with the episode record, the chapters file and
the files on disk, never with the code that wrote them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from lxml import html

from audiocast.config import Settings
from audiocast.episode import RECORD_FILE, EpisodeRecord, read_record, write_record
from audiocast.episode_page import render_episode_page
from audiocast.page import write_site
from audiocast.show import Show
from audiocast.validate import validate_show

from chromium import get
from conftest import SAMPLE_BASE_URL, SAMPLE_SLUG, run_cli

SWAHILI_DAYS = ["Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili"]
SWAHILI_MONTHS = ["Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti",
                  "Septemba", "Oktoba", "Novemba", "Desemba"]  # fmt: skip


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("episode-page") / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    write_site(Show.open(root))
    return root


@pytest.fixture(scope="module")
def record(site: Path) -> EpisodeRecord:
    return read_record(site / "episodes" / SAMPLE_SLUG / RECORD_FILE)


def page_of(site: Path, slug: str = SAMPLE_SLUG) -> Any:
    return html.fromstring((site / "episodes" / slug / "index.html").read_bytes())


def meta(page: Any) -> dict[str, str]:
    """Open Graph (property=) and Twitter (name=) tags, as a preview fetcher reads them."""
    tags = {}
    for element in page.xpath("//head/meta[@property or @name]"):
        tags[element.get("property") or element.get("name")] = element.get("content")
    return tags


def on_disk(site: Path, url: str) -> Path:
    """The file an absolute URL under base_url names in the show, as a static host maps it."""
    assert url.startswith(SAMPLE_BASE_URL + "/"), url
    key = unquote(urlsplit(url).path).removeprefix(urlsplit(SAMPLE_BASE_URL).path + "/")
    return site / (f"{key}index.html" if key.endswith("/") or not key else key)


def test_title_date_and_duration_in_swahili(site: Path, record: EpisodeRecord) -> None:
    page = page_of(site)
    assert page.xpath("string(//title)") == f"{record.title} \u2013 Habari kwa Sauti"
    assert page.xpath("string(//h1)") == record.title
    assert page.get("lang") == "sw"
    text = page.xpath("string(//main//p[@class='meta'])")
    day = record.date
    assert (
        f"{SWAHILI_DAYS[day.weekday()]}, {day.day} {SWAHILI_MONTHS[day.month - 1]} {day.year}"
        in (text)
    )
    assert "Jumanne, 18 Juni 2024" in text  # the sample's date, as a reader writes it
    minutes, seconds = divmod(int(record.duration), 60)
    assert f"Dakika {minutes} na sekunde {seconds}" in text
    assert f"Na {record.author}" in text


def test_sharing_tags_have_absolute_urls_of_files_that_exist(
    site: Path, record: EpisodeRecord
) -> None:
    tags = meta(page_of(site))
    assert tags["og:title"] == tags["twitter:title"] == record.title
    assert tags["og:description"] == tags["twitter:description"] == record.summary
    assert tags["og:type"] == "article"
    assert tags["og:locale"] == "sw_KE"  # the sample show's language is plain "sw"
    assert tags["twitter:card"] == "summary"
    assert tags["og:url"] == f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/"
    assert on_disk(site, tags["og:url"]) == site / "episodes" / SAMPLE_SLUG / "index.html"
    assert tags["og:image"] == tags["twitter:image"] == f"{SAMPLE_BASE_URL}/feeds/cover.jpg"
    assert on_disk(site, tags["og:image"]).read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG
    # The sound is the smallest listener file: what a phone on mobile data fetches.
    mobile = record.renditions["mobile"]
    assert mobile.bytes < record.renditions["podcast"].bytes
    assert on_disk(site, tags["og:audio"]) == site / "episodes" / SAMPLE_SLUG / mobile.file
    assert on_disk(site, tags["og:audio"]).stat().st_size == mobile.bytes
    assert tags["og:audio:type"] == "audio/mp4"


def test_the_show_page_has_sharing_tags_too(site: Path, record: EpisodeRecord) -> None:
    tags = meta(html.fromstring((site / "index.html").read_bytes()))
    assert tags["og:title"] == tags["twitter:title"] == "Habari kwa Sauti"
    assert tags["og:type"] == "website"
    assert tags["og:url"] == f"{SAMPLE_BASE_URL}/"
    for name in ("og:url", "og:image", "twitter:image", "og:audio"):
        assert on_disk(site, tags[name]).is_file(), name
    assert tags["og:audio"].endswith(record.renditions["mobile"].file)  # the newest episode's


def test_locale_follows_the_shows_language(record: EpisodeRecord) -> None:
    for language, locale in (("sw-TZ", "sw_TZ"), ("sw-KE", "sw_KE")):
        settings = Settings.model_validate({"show": {"language": language}})
        page = html.fromstring(render_episode_page(record, settings))
        assert meta(page)["og:locale"] == locale
        assert page.get("lang") == language


def test_player_plays_the_smallest_listener_file_first(site: Path, record: EpisodeRecord) -> None:
    (audio,) = page_of(site).xpath("//audio")
    listeners = sorted(
        (r for r in record.renditions.values() if r.profile in ("podcast", "mobile")),
        key=lambda r: r.bytes,
    )
    assert [s.get("src") for s in audio.xpath(".//source")] == [r.file for r in listeners]
    assert audio.get("controls") is not None


def test_chapter_links_seek_to_the_chapters_files_starts(site: Path, record: EpisodeRecord) -> None:
    assert record.chapters_file
    chapters = json.loads((site / "episodes" / SAMPLE_SLUG / record.chapters_file).read_text())
    links = page_of(site).xpath("//nav[@aria-labelledby='chapters']//a")
    assert len(links) == len(chapters["chapters"]) >= 3
    small = record.renditions["mobile"].file
    for link, chapter in zip(links, chapters["chapters"], strict=True):
        # Without script the link opens the small file at that time (a media fragment).
        file, _, fragment = link.get("href").partition("#")
        assert file == small
        assert float(fragment.removeprefix("t=")) == chapter["startTime"]
        assert float(link.get("data-t")) == chapter["startTime"]
        assert link.text_content() == chapter["title"]
        minutes, seconds = divmod(int(chapter["startTime"]), 60)
        assert link.getparent().xpath("string(time)") == f"{minutes}:{seconds:02d}"


def test_transcript_holds_every_sentence_as_written(site: Path, record: EpisodeRecord) -> None:
    page = page_of(site)
    (section,) = page.xpath("//section[@class='transcript']")
    text = " ".join(section.text_content().split())
    for segment in record.segments:
        for sentence in segment.sentences:
            assert " ".join(sentence.text.split()) in text, sentence.text
    quotes = [s for s in record.segments if s.role == "quote"]
    assert quotes and quotes[0].speaker == "Jens Stoltenberg"
    blocks = section.xpath(".//blockquote")
    assert len(blocks) == len(quotes)
    for block, quote in zip(blocks, quotes, strict=True):
        assert block.xpath("string(.//cite)") == quote.speaker
        assert quote.sentences[0].text in block.text_content()
    # The narrator's words are paragraphs, not a quote.
    assert record.summary.split(".")[0] not in " ".join(b.text_content() for b in blocks)


def test_downloads_give_each_listener_file_and_its_size(site: Path, record: EpisodeRecord) -> None:
    links = page_of(site).xpath("//a[@download]")
    folder = site / "episodes" / SAMPLE_SLUG
    assert [a.get("href") for a in links] == [
        record.renditions[name].file for name in ("mobile", "podcast")
    ]
    for link in links:
        size = (folder / link.get("href")).stat().st_size
        item = link.getparent().text_content()
        assert re.search(rf"Ukubwa: {size / 1e6:.1f} MB\b", item), item
        assert link.text_content().startswith("Pakua \u2013 ")


def test_share_links_carry_the_episodes_permanent_link(site: Path, record: EpisodeRecord) -> None:
    page = page_of(site)
    url = f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/"
    (section,) = page.xpath("//section[@aria-labelledby='share']")
    assert section.xpath("string(h2)") == "Shiriki habari hii"
    links = {a.text_content(): urlsplit(a.get("href")) for a in section.xpath(".//a")}
    assert set(links) == {"WhatsApp", "Facebook", "X"}
    assert unquote(links["WhatsApp"].query) == f"text={record.title} {url}"
    assert parse_qs(links["Facebook"].query) == {"u": [url]}
    assert parse_qs(links["X"].query) == {"text": [record.title], "url": [url]}
    assert section.xpath("string(.//code)") == url  # to copy into any other app


def test_strict_policy_allows_exactly_its_own_style_and_script(site: Path) -> None:
    page = page_of(site)
    (policy,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    assert rules["default-src"] == "'none'"

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    (style,) = page.xpath("//style/text()")
    (script,) = page.xpath("//script/text()")
    assert rules["style-src"] == digest(style)
    assert rules["script-src"] == digest(script)
    # Nothing is loaded from elsewhere: every source and every head link is the show's own,
    # relative (the canonical link alone names base_url).
    for url in page.xpath("//@src | //link/@href"):
        assert not urlsplit(url).scheme or url == f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/"
    for url in page.xpath("//@src | //a/@href"):
        if urlsplit(url).scheme:  # the share links, which a reader follows, never loads
            assert url.startswith(("https://wa.me/", "https://www.facebook.com/", "https://x.com/"))
            continue
        assert (site / "episodes" / SAMPLE_SLUG / url.partition("#")[0]).resolve().is_file(), url


def test_pages_are_rewritten_only_when_they_change(site: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(site, tmp_path / "show"))
    first = root / "episodes" / SAMPLE_SLUG / "index.html"
    before = first.stat()
    assert first not in write_site(Show.open(root))
    assert (first.stat().st_ino, first.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # A new episode: its page is written, the other is not touched.
    record = read_record(root / "episodes" / SAMPLE_SLUG / RECORD_FILE)
    slug = "2024-06-19-habari-mpya"
    (root / "episodes" / slug).mkdir()
    for rendition in record.renditions.values():
        shutil.copy(root / "episodes" / SAMPLE_SLUG / rendition.file, root / "episodes" / slug)
    newer = record.model_copy(
        update={"slug": slug, "guid": "c0ffee00-0000-5000-8000-000000000002",
                "title": "Habari mpya", "date": record.date + timedelta(days=1)}
    )  # fmt: skip
    write_record(root / "episodes" / slug / RECORD_FILE, newer)
    done = run_cli("feed", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "Wrote 1 episode page (episodes/<slug>/index.html and embed.html)" in done.stdout
    assert page_of(root, slug).xpath("string(//h1)") == "Habari mpya"
    assert first.stat().st_ino == before.st_ino
    second = (root / "episodes" / slug / "index.html").stat()
    # A corrected title: that page alone is rewritten, by a rename (never seen half-written).
    path = root / "episodes" / SAMPLE_SLUG / RECORD_FILE
    write_record(path, record.model_copy(update={"title": "Putin azuru Pyongyang"}))
    done = run_cli("feed", cwd=root)
    assert "Wrote 1 episode page (episodes/<slug>/index.html and embed.html)" in done.stdout
    assert first.stat().st_ino != before.st_ino
    assert (root / "episodes" / slug / "index.html").stat().st_ino == second.st_ino
    assert page_of(root).xpath("string(//h1)") == "Putin azuru Pyongyang"
    assert not any(p.name.startswith(".") for p in first.parent.iterdir())
    again = run_cli("feed", cwd=root)
    assert again.returncode == 0 and "episode page" not in again.stdout


def test_the_page_of_an_episode_no_feed_lists_goes(site: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(site, tmp_path / "show"))
    folder = root / "episodes" / SAMPLE_SLUG
    record = read_record(folder / RECORD_FILE)
    (folder / record.renditions["mobile"].file).unlink()  # left out of the feeds now
    problems = validate_show(Show.open(root), measure_audio=False)
    assert not any(p.where == f"episodes/{SAMPLE_SLUG}/index.html" and p.severity == "error"
                   for p in problems)  # fmt: skip
    assert [p.problem for p in problems if p.where == f"episodes/{SAMPLE_SLUG}/index.html"] == [
        "the page of an episode no feed lists: its links may lead nowhere"
    ]
    assert run_cli("feed", cwd=root).returncode == 0
    assert not (folder / "index.html").exists()


def test_validate_reports_a_missing_or_stale_page(site: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(site, tmp_path / "show"))
    where = f"episodes/{SAMPLE_SLUG}/index.html"
    page = root / where

    def found() -> list[tuple[str, str, str]]:
        return [
            (p.severity, p.problem, p.fix)
            for p in validate_show(Show.open(root), measure_audio=False)
            if p.where == where
        ]

    assert found() == []
    page.write_text(page.read_text().replace("Sura", "Chapters"))
    assert found() == [
        (
            "warning",
            "differs from what episode.json and audiocast.toml give now",
            "run `audiocast feed`",
        )
    ]
    page.unlink()
    assert found() == [
        (
            "error",
            "missing: the feeds link listeners to this page, who would get a 404",
            "run `audiocast feed`",
        )
    ]


def test_served_by_audiocast_serve_with_its_preview(site: Path) -> None:
    """`audiocast serve` in its own process answers the feed item's link with the page."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from audiocast.cli import app; app()", "serve", "--port", "0"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        assert found, line
        root = found[1]

        status, headers, body = get(root, f"/episodes/{SAMPLE_SLUG}/")
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert body == (site / "episodes" / SAMPLE_SLUG / "index.html").read_bytes()
        assert get(root, f"/episodes/{SAMPLE_SLUG}/index.html")[2] == body
        status, headers, _ = get(root, f"/episodes/{SAMPLE_SLUG}")
        assert status == 301 and headers["location"] == f"/episodes/{SAMPLE_SLUG}/"
        assert get(root, "/episodes/2024-01-01-hakuna/")[0] == 404
        tags = meta(html.fromstring(body))
        record = read_record(site / "episodes" / SAMPLE_SLUG / RECORD_FILE)
        assert tags["og:title"] == record.title
        assert tags["og:image"] == f"{SAMPLE_BASE_URL}/feeds/cover.jpg"
        # Each absolute URL, served at its path under base_url, answers.
        prefix = urlsplit(SAMPLE_BASE_URL).path
        for name in ("og:image", "og:audio", "og:url"):
            path = urlsplit(tags[name]).path.removeprefix(prefix)
            assert get(root, path)[0] == 200, name
    finally:
        process.terminate()
        process.wait(10)


def test_swahili_durations_and_days() -> None:
    from audiocast.episode_page import swahili_day, swahili_duration

    assert swahili_duration(265.9) == "Dakika 4 na sekunde 25"
    assert swahili_duration(3600) == "Saa 1"
    assert swahili_duration(3661) == "Saa 1, dakika 1 na sekunde 1"
    assert swahili_day(datetime(2024, 6, 16)) == "Jumapili, 16 Juni 2024"


INLINE_ARTICLE = """\
title: Wavuvi wa Kigoma walalamikia bei ya mafuta
slug: 2024-07-02-wavuvi-wa-kigoma
date: 2024-07-02
author: Mwandishi Wetu
summary: Wavuvi wa mwalo wa Kibirizi wanasema bei ya mafuta imepanda mara mbili.
body:
  - paragraph: 'Wavuvi wamesitisha safari za usiku. "Hatuwezi kulipa bei hii," alisema
      mvuvi Amani Kalinga. Wengine wameuza mitumbwi yao.'
    quotes:
      - text: Hatuwezi kulipa bei hii,
        speaker: Amani Kalinga
  - paragraph: 'Afisa wa uvuvi ameahidi msaada: "Tutaleta mafuta ya bei nafuu mwezi ujao."'
    quotes:
      - text: Tutaleta mafuta ya bei nafuu mwezi ujao.
        speaker: Zawadi Msuya
"""


def test_a_paragraph_with_direct_speech_reads_as_one_paragraph(
    built_show: Path, tmp_path: Path
) -> None:
    root = tmp_path / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    slug = "2024-07-02-wavuvi-wa-kigoma"
    (root / "episodes" / slug).mkdir()
    (root / "episodes" / slug / "article.yaml").write_text(INLINE_ARTICLE, encoding="utf-8")
    settings = root / "audiocast.toml"
    settings.write_text(settings.read_text() + '\n[build]\nrenditions = ["podcast"]\n')
    for args in (("build", "--engine", "espeak", f"episodes/{slug}/article.yaml"), ("feed",)):
        done = run_cli(*args, cwd=root)
        assert done.returncode == 0, done.stderr
    page = page_of(root, slug)
    (section,) = page.xpath("//section[@class='transcript']")
    paragraphs = [" ".join(p.text_content().split()) for p in section.xpath("./p")]
    # Both of the article's paragraphs whole, each one <p>, the quote voice's words inside.
    first = next(p for p in paragraphs if p.startswith("Wavuvi wamesitisha"))
    assert first.endswith("Wengine wameuza mitumbwi yao.")
    assert '"Hatuwezi kulipa bei hii," alisema mvuvi Amani Kalinga.' in first
    second = next(p for p in paragraphs if p.startswith("Afisa wa uvuvi"))
    assert "Tutaleta mafuta ya bei nafuu mwezi ujao." in second
    assert not section.xpath(".//blockquote")  # no quote torn out of its paragraph
    said = section.xpath(".//*[@class='said']")
    assert ["Hatuwezi kulipa bei hii" in said[0].text_content(), len(said)] == [True, 2]
    # Each quote is marked with its speaker for a screen reader; shown where the
    # paragraph does not name them.
    assert "Amani Kalinga" in said[0].xpath("string(.//*[@class='sr'])")
    assert "Zawadi Msuya" in said[1].xpath("string(.//*[@class='sr'])")
    assert section.xpath("string(.//*[@class='speaker'])") == "(Zawadi Msuya)"
    assert len(section.xpath(".//*[@class='speaker']")) == 1


# --- the embed (episodes/<slug>/embed.html) and its snippet on the episode page ----------


def embed_of(site: Path, slug: str = SAMPLE_SLUG) -> Any:
    return html.fromstring((site / "episodes" / slug / "embed.html").read_bytes())


def test_embed_plays_the_smallest_listener_file_and_links_back(
    site: Path, record: EpisodeRecord
) -> None:
    embed = embed_of(site)
    folder = site / "episodes" / SAMPLE_SLUG
    assert embed.get("lang") == "sw"
    assert embed.xpath("string(//h1)") == record.title
    assert embed.xpath("string(//title)") == f"{record.title} \u2013 Habari kwa Sauti"
    body = " ".join(embed.xpath("string(//body)").split())
    assert "Sikiliza habari hii" in body and "Habari kwa Sauti" in body  # the show's name
    (audio,) = embed.xpath("//audio")
    sources = [s.get("src") for s in audio.xpath(".//source")]
    # The smallest file that exists first, then the other listeners' file; never the radio's.
    sizes = [(folder / src).stat().st_size for src in sources]
    assert sources == [record.renditions["mobile"].file, record.renditions["podcast"].file]
    assert sizes == sorted(sizes)
    assert [s.get("type") for s in audio.xpath(".//source")] == ["audio/mp4", "audio/mpeg"]
    # The link back opens the episode's page outside the iframe, without handing it the
    # embedding page (noopener).
    (back,) = embed.xpath("//a[@target]")
    assert (folder / back.get("href")).resolve() == folder / "index.html"
    assert back.get("target") == "_blank" and "noopener" in back.get("rel").split()
    assert "Fungua ukurasa wa kipindi" in back.text_content()


def test_embed_loads_nothing_from_another_site(site: Path) -> None:
    embed = embed_of(site)
    (policy,) = embed.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    assert rules["default-src"] == "'none'" and rules["media-src"] == "'self'"
    (style,) = embed.xpath("//style/text()")
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert rules["style-src"] == f"'sha256-{digest}'"
    assert "script-src" not in rules and not embed.xpath("//script")  # none is needed
    assert not embed.xpath("//@style | //link[@rel='stylesheet'] | //img | //iframe")
    urls = embed.xpath("//@src | //@href | //@action")
    assert urls
    for url in urls:  # relative, to a file of the episode that is there
        assert not urlsplit(url).scheme and not url.startswith("/"), url
        assert (site / "episodes" / SAMPLE_SLUG / url).is_file(), url


def test_episode_page_offers_the_embed_snippet(site: Path, record: EpisodeRecord) -> None:
    page = page_of(site)
    (section,) = page.xpath("//section[@aria-labelledby='embed']")
    assert section.xpath("string(h2)") == "Weka kicheza hiki kwenye ukurasa wako"
    (box,) = section.xpath(".//textarea")
    assert box.get("readonly") is not None
    # The textarea holds the snippet as text; pasted into an article it is this iframe.
    (frame,) = html.fragment_fromstring(box.text_content(), create_parent="div").xpath("iframe")
    url = f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/embed.html"
    assert frame.get("src") == url
    assert on_disk(site, url) == site / "episodes" / SAMPLE_SLUG / "embed.html"
    assert frame.get("title") == f"{record.title} \u2013 Habari kwa Sauti"
    assert frame.get("width") == "100%" and 150 <= int(frame.get("height")) <= 200
    assert frame.get("loading") == "lazy"


def test_the_embed_goes_with_its_episode(site: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(site, tmp_path / "show"))
    folder = root / "episodes" / SAMPLE_SLUG
    record = read_record(folder / RECORD_FILE)
    (folder / record.renditions["mobile"].file).unlink()  # left out of the feeds now
    where = f"episodes/{SAMPLE_SLUG}/embed.html"
    problems = validate_show(Show.open(root), measure_audio=False)
    assert [(p.severity, p.problem) for p in problems if p.where == where] == [
        ("warning", "the page of an episode no feed lists: its links may lead nowhere")
    ]
    assert run_cli("feed", cwd=root).returncode == 0
    assert not (folder / "embed.html").exists()
    assert not any(p.name.startswith(".") for p in folder.iterdir())


def test_validate_reports_a_missing_or_stale_embed(site: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(site, tmp_path / "show"))
    where = f"episodes/{SAMPLE_SLUG}/embed.html"
    embed = root / where

    def found() -> list[tuple[str, str]]:
        problems = validate_show(Show.open(root), measure_audio=False)
        return [(p.severity, p.problem) for p in problems if p.where == where]

    assert found() == []
    embed.write_text(embed.read_text().replace("Sikiliza habari hii", "Listen"))
    assert found() == [("warning", "differs from what episode.json and audiocast.toml give now")]
    embed.unlink()
    assert found() == [
        ("error", "missing: a newsroom page that embeds this episode's player shows an error")
    ]
    # `audiocast feed` writes it again, and leaves the current page as it is.
    page = (root / "episodes" / SAMPLE_SLUG / "index.html").stat()
    done = run_cli("feed", cwd=root)
    assert done.returncode == 0, done.stderr
    assert embed_of(root).xpath("string(//h1)") == page_of(root).xpath("string(//h1)")
    assert (root / "episodes" / SAMPLE_SLUG / "index.html").stat().st_ino == page.st_ino
    assert found() == []
