"""The show's website: the home page at base_url/, its archive pages, the partners' corner
and the page's old address, as a browser, a podcast app and a radio partner meet them.

The show is the sample, built once, and 64 more episodes made from it (its record with
another slug, title and date, its files hard-linked): 65 episodes, three pages.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from lxml import etree, html
from pydantic import ValidationError

from audiocast.config import Settings
from audiocast.episode import EpisodeRecord, read_record
from audiocast.errors import PublishError
from audiocast.home import render_site
from audiocast.publish import publish
from audiocast.serve import running
from audiocast.show import Show
from audiocast.site import write_feeds
from audiocast.validate import validate_show

from chromium import get
from conftest import SAMPLE_BASE_URL, SAMPLE_SLUG, run_cli

NASTY = "Bei ya <b>mafuta</b> & \"umeme\" </article><script>alert(1)</script> 'leo'"
BARE = SAMPLE_BASE_URL.removeprefix("https://")


def files(record: dict[str, Any]) -> list[str]:
    """The files an episode record names: renditions, transcripts, chapters."""
    names = [r["file"] for r in record["renditions"].values()]
    return names + list(record["transcripts"].values()) + [record["chapters_file"]]


def add_episodes(root: Path, count: int, first: int = 0) -> list[str]:
    """`count` more episodes, each a day older than the last (numbered from `first`), made
    from the sample's record and files; returns their slugs."""
    return [
        clone(root, -(i + 1), f"habari-{i:03d}", f"guid-{i}", f"Habari nambari {i}")
        for i in range(first, first + count)
    ]


def add_newer(root: Path, days: int) -> str:
    """One episode `days` after the sample; returns its slug."""
    return clone(root, days, f"habari-mpya-{days}", f"new-{days}", f"Mpya {days}")


def clone(root: Path, days: int, name: str, guid: str, title: str) -> str:
    """An episode `days` from the sample's date, its record the sample's with this name, GUID
    and title, its files hard links to the sample's; returns its slug."""
    sample = root / "episodes" / SAMPLE_SLUG
    record = json.loads((sample / "episode.json").read_text(encoding="utf-8"))
    date = datetime.fromisoformat(record["date"]) + timedelta(days=days)
    folder = root / "episodes" / f"{date:%Y-%m-%d}-{name}"
    folder.mkdir()
    one = {**record, "slug": folder.name, "guid": guid, "title": title,
           "date": date.isoformat()}  # fmt: skip
    (folder / "episode.json").write_text(json.dumps(one), encoding="utf-8")
    for file in files(record):
        os.link(sample / file, folder / file)
    return folder.name


MEDIA = (".mp3", ".m4a", ".wav", ".mp2", ".opus")


def copy_show(site: Path, dest: Path) -> Path:
    """A copy of the show whose audio files are hard links: 65 episodes of four renditions
    would otherwise copy gigabytes per test. Only new files are written under an audio
    file's name (builds and feeds replace, never rewrite in place), so links are safe."""

    def link_media(source: str, target: str) -> object:
        if source.endswith(MEDIA):
            os.link(source, target)
            return target
        return shutil.copy2(source, target)

    return Path(shutil.copytree(site, dest, copy_function=link_media))


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("home") / "show"
    shutil.copytree(built_show, root)
    add_episodes(root, 64)
    write_feeds(Show.open(root))
    return root


def records(root: Path) -> list[EpisodeRecord]:
    """Every episode on disk, newest first, read from its episode.json."""
    found = [read_record(p) for p in (root / "episodes").glob("*/episode.json")]
    return sorted(found, key=lambda r: r.date, reverse=True)


def page(root: Path, key: str) -> Any:
    return html.fromstring((root / key).read_bytes())


def listed(root: Path, key: str) -> list[str]:
    """The slugs of the episodes a page lists, in its order."""
    return [a.get("id") for a in page(root, key).xpath("//main/article")]


def meta(doc: Any) -> dict[str, str]:
    return {
        e.get("property") or e.get("name"): e.get("content")
        for e in doc.xpath("//head/meta[@property or @name]")
    }


def site_files(root: Path) -> dict[str, bytes]:
    keys = ["index.html", "partners.html", "feeds/index.html"]
    keys += [p.relative_to(root).as_posix() for p in root.glob("kurasa/*/index.html")]
    return {key: (root / key).read_bytes() for key in keys if (root / key).is_file()}


# --- the home page and its archive ---------------------------------------------------------


def test_every_episode_is_on_one_page_newest_first_in_pages_of_bounded_size(site: Path) -> None:
    everything = [r.slug for r in records(site)]
    assert len(everything) == 65
    # The newest on the home page; the archive numbered from the oldest, 20 a page.
    assert listed(site, "index.html") == everything[:25]
    assert listed(site, "kurasa/2/index.html") == everything[25:45]
    assert listed(site, "kurasa/1/index.html") == everything[45:]
    assert sorted(p.parent.name for p in site.glob("kurasa/*/index.html")) == ["1", "2"]


def test_each_episode_shows_its_facts_a_player_of_its_smallest_file_and_its_page(
    site: Path,
) -> None:
    by_slug = {r.slug: r for r in records(site)}
    for key in ("index.html", "kurasa/1/index.html"):
        folder = (site / key).parent
        for article in page(site, key).xpath("//main/article"):
            record = by_slug[article.get("id")]
            (link,) = article.xpath(".//h2/a")
            assert link.text_content() == record.title
            assert (folder / link.get("href")).resolve() == (
                site / "episodes" / record.slug / "index.html"
            )
            text = article.text_content()
            day = record.date
            months = ["Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai"]
            assert f"Tarehe: {day.day} {months[day.month - 1]} {day.year}" in text
            minutes, seconds = divmod(int(record.duration), 60)
            assert f"Muda: {minutes}:{seconds:02d}" in text
            (audio,) = article.xpath(".//audio")
            sources = [folder / unquote(s) for s in audio.xpath(".//source/@src")]
            # The smallest listener file first (by its size on disk); no radio file.
            listeners = [record.renditions[p].file for p in ("mobile", "podcast")]
            assert [s.name for s in sources] == listeners
            assert sources[0].stat().st_size < sources[1].stat().st_size
            assert all(s.is_file() for s in sources)


def test_pages_lead_to_older_and_newer_episodes(site: Path) -> None:
    def rels(key: str) -> dict[str, str]:
        doc = page(site, key)
        found = {a.get("rel"): a.get("href") for a in doc.xpath("//nav[@class='pages']/a")}
        assert found == {e.get("rel"): e.get("href") for e in doc.xpath("//head/link[@rel]")
                         if e.get("rel") in ("prev", "next")}  # fmt: skip
        words = {a.get("rel"): a.text_content() for a in doc.xpath("//nav[@class='pages']/a")}
        assert all("Vipindi vya zamani" in words[r] for r in words if r == "next")
        assert all("Vipya zaidi" in words[r] for r in words if r == "prev")
        return found

    assert rels("index.html") == {"next": "kurasa/2/index.html"}
    assert rels("kurasa/2/index.html") == {"prev": "../../index.html", "next": "../1/index.html"}
    assert rels("kurasa/1/index.html") == {"prev": "../2/index.html"}


def test_relative_links_resolve_inside_the_show(site: Path) -> None:
    """The same links work served, published and opened from disk."""
    for key in ("index.html", "kurasa/1/index.html", "partners.html", "feeds/index.html"):
        doc = page(site, key)
        for link in doc.xpath("//body//@href | //body//@src | //head/link/@href"):
            if urlsplit(link).scheme:
                continue  # the apps' subscribe links, and the canonical address
            if link.startswith("#"):  # the jump to the subscribe buttons
                assert doc.xpath(f"//*[@id='{link[1:]}']"), (key, link)
                continue
            assert not link.startswith("/"), (key, link)
            target = ((site / key).parent / unquote(link)).resolve()
            assert target.is_file(), (key, link)
            assert target.is_relative_to(site)


def test_no_script_no_outside_resource_and_a_strict_policy(site: Path) -> None:
    for key in ("index.html", "kurasa/2/index.html", "partners.html", "feeds/index.html"):
        source = (site / key).read_text(encoding="utf-8")
        doc = html.fromstring(source)
        assert doc.get("lang") == "sw"
        assert doc.xpath("//meta[@name='viewport']")
        assert not doc.xpath("//script | //iframe | //link[@rel='stylesheet'] | //@style")
        assert "@import" not in source and "url(" not in source
        (policy,) = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        digest = base64.b64encode(hashlib.sha256(doc.xpath("string(//style)").encode()).digest())
        assert f"'sha256-{digest.decode()}'" in policy
        assert "default-src 'none'" in policy and "script-src" not in policy


def test_no_checksums_or_radio_files_on_the_home_page(site: Path) -> None:
    source = (site / "index.html").read_text(encoding="utf-8")
    for record in records(site)[:25]:
        for name in ("radio", "broadcast"):
            assert record.renditions[name].file not in source
            assert record.renditions[name].sha256 not in source
    # The partners' corner is in the footer.
    assert page(site, "index.html").xpath("//footer//a/@href") == ["partners.html"]
    assert "Kwa vituo vya redio" in page(site, "index.html").xpath("string(//footer)")


def test_titles_are_escaped(built_show: Path) -> None:
    record = read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")
    nasty = record.model_copy(update={"title": NASTY, "summary": "Muhtasari <i>na</i> &."})
    pages = render_site([nasty], Settings(), ["podcast", "mobile", "radio"], "cover.jpg")
    for key in ("index.html", "partners.html"):
        doc = html.fromstring(pages[key])
        assert not doc.xpath("//script | //article//b | //article//i")
        assert doc.xpath("string(//article/h2)") == NASTY
    assert html.fromstring(pages["index.html"]).xpath("//audio/@aria-label") == [
        f"Sikiliza: {NASTY}"
    ]


def test_an_empty_show_has_a_home_page_and_no_archive() -> None:
    pages = render_site([], Settings(), ["podcast"], None)
    assert sorted(pages) == ["feeds/index.html", "index.html", "partners.html"]
    assert "Hakuna vipindi bado." in html.fromstring(pages["index.html"]).text_content()


# --- subscribing --------------------------------------------------------------------------


def apps(doc: Any, feed: str) -> dict[str, str]:
    """The subscribe buttons of one feed, app name -> link."""
    heading = doc.xpath(f"//h3[@id='sub-{feed}']")[0]
    (group,) = doc.xpath(f"//ul[@aria-labelledby='sub-{feed}']")
    assert heading is not None
    return {a.text_content(): a.get("href") for a in group.xpath(".//a")}


def test_jiunge_opens_each_listener_feed_in_each_app(site: Path) -> None:
    doc = page(site, "index.html")
    assert doc.xpath("string(//section/h2)") == "Jiunge"
    for feed in ("podcast", "mobile"):
        url = f"{SAMPLE_BASE_URL}/feeds/{feed}.xml"
        links = apps(doc, feed)
        assert set(links) == {
            "Apple Podcasts", "AntennaPod", "Pocket Casts", "Programu nyingine yoyote"
        }  # fmt: skip
        # Apple's own scheme; Pocket Casts' subscribe link takes the address without its
        # scheme; feed:// opens whichever app handles feeds.
        assert links["Apple Podcasts"] == f"podcast://{BARE}/feeds/{feed}.xml"
        assert links["Pocket Casts"] == f"pktc://subscribe/{BARE}/feeds/{feed}.xml"
        assert links["Programu nyingine yoyote"] == f"feed://{BARE}/feeds/{feed}.xml"
        antenna = urlsplit(links["AntennaPod"])
        assert (antenna.scheme, antenna.netloc, antenna.path) == (
            "https", "antennapod.org", "/deeplink/subscribe"
        )  # fmt: skip
        assert parse_qs(antenna.query) == {"url": [url], "title": ["Habari kwa Sauti"]}
        # The raw address to copy, and a link to the feed itself.
        (copy,) = doc.xpath(f"//a[@href='feeds/{feed}.xml']")
        assert copy.text_content() == url
    # No radio feed among the listeners' buttons; every feed for a browser or an app that
    # finds feeds in a page.
    assert not doc.xpath("//h3[@id='sub-radio'] | //h3[@id='sub-broadcast']")
    assert doc.xpath("//head/link[@rel='alternate']/@href") == [
        f"feeds/{feed}.xml" for feed in ("podcast", "mobile", "radio", "broadcast")
    ]


def test_the_producers_apple_and_spotify_pages_when_set() -> None:
    apple = "https://podcasts.apple.com/tz/podcast/habari-kwa-sauti/id1234567890"
    spotify = "https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk"
    settings = Settings.model_validate({"show": {"apple_podcasts_url": apple,
                                                 "spotify_url": spotify}})  # fmt: skip
    doc = html.fromstring(render_site([], settings, ["podcast", "mobile"], None)["index.html"])
    main = apps(doc, "podcast")
    assert main["Apple Podcasts"] == apple and main["Spotify"] == spotify
    # Spotify cannot open a feed by its address: the small-file feed has no such button.
    assert "Spotify" not in apps(doc, "mobile")
    assert apps(doc, "mobile")["Apple Podcasts"].startswith("podcast://")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("apple_podcasts_url", "https://example.com/podcast/id123"),
        ("apple_podcasts_url", "podcast://example.org/feed.xml"),
        ("spotify_url", "https://open.spotify.com/episode/abc"),
        ("spotify_url", 'https://open.spotify.com/show/abc"><script>'),
    ],
)
def test_a_wrong_directory_address_is_refused(key: str, value: str) -> None:
    with pytest.raises(ValidationError, match="must be the show's page in"):
        Settings.model_validate({"show": {key: value}})


# --- the partners' corner and the old address ----------------------------------------------


def test_partners_page_lists_each_radio_file_with_the_sha256_of_the_file_on_disk(
    site: Path,
) -> None:
    doc = page(site, "partners.html")
    newest = records(site)[:50]  # the newest 50; the manifest lists every episode
    articles = doc.xpath("//main/article")
    assert [a.get("id") for a in articles] == [r.slug for r in newest]
    for article, record in zip(articles, newest, strict=True):
        files = article.xpath(".//a[@download]")
        radio = sorted(
            (record.renditions[n] for n in ("radio", "broadcast")), key=lambda r: r.bytes
        )
        assert [f.get("href") for f in files] == [f"episodes/{record.slug}/{r.file}" for r in radio]
        facts = article.xpath(".//dl")
        for link, rendition, dl in zip(files, radio, facts, strict=True):
            path = site / link.get("href")
            values = dict(zip(dl.xpath("dt/text()"), [d.text_content() for d in dl.xpath("dd")],
                              strict=True))  # fmt: skip
            assert values["SHA-256"] == hashlib.sha256(path.read_bytes()).hexdigest()
            assert f"({path.stat().st_size:,} baiti)" in values["Ukubwa"]
            assert values["Sauti"] == f"{rendition.loudness:.1f} LUFS"
            assert values["Muundo"].startswith(("MP3", "WAV"))
    manifest = doc.xpath("//a[@href='feeds/manifest.json']")
    assert manifest and (site / "feeds" / "manifest.json").is_file()
    everything = json.loads((site / "feeds" / "manifest.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in everything["episodes"]] == [r.slug for r in records(site)]
    text = doc.text_content()
    for feed in ("radio", "broadcast"):
        assert f"{SAMPLE_BASE_URL}/feeds/{feed}.xml" in text
    assert doc.xpath("//footer//a/@href") == ["index.html"]


def test_the_old_address_sends_browsers_to_the_home_page(site: Path) -> None:
    doc = page(site, "feeds/index.html")
    (refresh,) = doc.xpath("//meta[@http-equiv='refresh']/@content")
    assert refresh == "0; url=../index.html"
    assert doc.xpath("//main//a/@href") == ["../index.html"]
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{SAMPLE_BASE_URL}/"]
    assert meta(doc)["og:url"] == f"{SAMPLE_BASE_URL}/"
    assert not doc.xpath("//article")  # names no episode: never rewritten for one


def test_feeds_and_episode_pages_name_the_home_page(site: Path) -> None:
    for feed in ("podcast", "mobile", "radio", "broadcast"):
        channel = etree.parse(str(site / "feeds" / f"{feed}.xml")).find("channel")
        assert channel is not None and channel.findtext("link") == f"{SAMPLE_BASE_URL}/"
    episode = page(site, f"episodes/{SAMPLE_SLUG}/index.html")
    back = episode.xpath("//header/a/@href | //footer//a/@href")
    assert back == ["../../index.html", "../../index.html"]


def test_preview_cards_of_the_home_and_partners_pages(site: Path) -> None:
    newest = records(site)[0]
    tags = meta(page(site, "index.html"))
    assert tags["og:url"] == f"{SAMPLE_BASE_URL}/" and tags["og:type"] == "website"
    assert tags["og:title"] == tags["twitter:title"] == "Habari kwa Sauti"
    assert tags["og:image"] == f"{SAMPLE_BASE_URL}/feeds/cover.jpg"
    assert (site / "feeds" / "cover.jpg").is_file()
    small = newest.renditions["mobile"].file
    assert tags["og:audio"] == f"{SAMPLE_BASE_URL}/episodes/{newest.slug}/{small}"
    partners = meta(page(site, "partners.html"))
    assert partners["og:url"] == f"{SAMPLE_BASE_URL}/partners.html"
    assert partners["og:image"] == tags["og:image"]


# --- rewriting: only the pages that change --------------------------------------------------


def test_a_new_episode_rewrites_only_the_pages_that_change(site: Path, tmp_path: Path) -> None:
    root = copy_show(site, tmp_path / "show")
    before = site_files(root)
    times = {key: (root / key).stat().st_mtime_ns for key in before}

    add_newer(root, 1)  # 66 episodes: still two archive pages
    result = write_feeds(Show.open(root))
    after = site_files(root)
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {"index.html", "partners.html"}
    assert {p.relative_to(root).as_posix() for p in result.site} == changed
    for key in set(after) - changed:  # not even rewritten with the same bytes
        assert (root / key).stat().st_mtime_ns == times[key], key

    for day in range(2, 16):  # 80 episodes: a third archive page
        add_newer(root, day)
    result = write_feeds(Show.open(root))
    newer = site_files(root)
    changed = {key for key in newer if newer[key] != after.get(key)}
    # The new page, the one before it (its "newer" link now leads there) and the home page.
    assert changed == {"index.html", "partners.html", "kurasa/3/index.html", "kurasa/2/index.html"}
    assert newer["kurasa/1/index.html"] == before["kurasa/1/index.html"]
    assert page(root, "kurasa/2/index.html").xpath("//a[@rel='prev']/@href") == ["../3/index.html"]
    assert {p.relative_to(root).as_posix() for p in result.site} == changed


def test_a_show_of_a_thousand_episodes_gets_each_page_once_as_one_process_writes_it(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_show(site, tmp_path / "show")
    added = add_episodes(root, 1000, first=64)  # over the count written by two processes
    result = write_feeds(Show.open(root))
    names = ("index.html", "embed.html")
    new = sorted(root / "episodes" / slug / name for slug in added for name in names)
    assert sorted(result.pages) == new  # each once; the 65 others were current
    expected = sorted(f / name for f in (root / "episodes").iterdir() for name in names)
    for record in records(root):
        doc = page(root, f"episodes/{record.slug}/index.html")
        assert doc.xpath("string(//h1)") == record.title
    assert not [p for p in root.rglob(".*.tmp")]
    pages = {path: path.read_bytes() for path in expected}

    assert write_feeds(Show.open(root)).pages == ()  # all current: none rewritten
    for path in expected:
        path.unlink()
    monkeypatch.setattr("audiocast.episode_page._FORK_FROM", 10**9)
    write_feeds(Show.open(root))
    assert {path: path.read_bytes() for path in expected} == pages


def test_fewer_episodes_leave_no_archive_page_behind(site: Path, tmp_path: Path) -> None:
    root = copy_show(site, tmp_path / "show")
    for record in records(root)[-30:]:  # 35 left: all on the home page
        shutil.rmtree(root / "episodes" / record.slug)
    write_feeds(Show.open(root))
    assert not list(root.glob("kurasa/*/index.html"))
    assert len(listed(root, "index.html")) == 35
    assert not page(root, "index.html").xpath("//nav[@class='pages']")


def test_what_a_stopped_feed_left_among_the_pages_goes(site: Path, tmp_path: Path) -> None:
    root = copy_show(site, tmp_path / "show")
    left = root / "kurasa" / "1" / ".index.html.k1ll3d00.tmp"
    left.write_text("<!DOCTYPE html><p>nusu")
    assert run_cli("feed", cwd=root).returncode == 0
    assert not left.exists()
    assert sorted(p.name for p in (root / "kurasa" / "1").iterdir()) == ["index.html"]


def test_the_feed_command_says_which_pages_it_wrote(site: Path, tmp_path: Path) -> None:
    root = copy_show(site, tmp_path / "show")
    add_newer(root, 1)
    (root / "feeds" / "index.html").unlink()  # written again, as at a show's first `feed`
    done = run_cli("feed", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "Wrote index.html" in done.stdout and "Wrote partners.html" in done.stdout
    assert "kurasa" not in done.stdout
    # The old address lists no episode: it is not counted as listing them.
    assert "Wrote feeds/index.html (the old address: it sends browsers to the home page)" in (
        done.stdout
    )
    assert "Wrote feeds/podcast.xml (66 episodes)" in done.stdout


# --- serving, publishing, validating ----------------------------------------------------------


def test_served_at_the_root_and_each_page_folder(site: Path) -> None:
    with running(Show.open(site)) as url:
        status, headers, body = get(url, "/")
        assert status == 200 and body == (site / "index.html").read_bytes()
        assert headers["content-type"] == "text/html; charset=utf-8"
        status, _, body = get(url, "/kurasa/2/")
        assert status == 200 and body == (site / "kurasa" / "2" / "index.html").read_bytes()
        status, headers, _ = get(url, "/kurasa/2")
        assert (status, headers["location"]) == (301, "/kurasa/2/")
        status, _, body = get(url, "/partners.html")
        assert status == 200 and body == (site / "partners.html").read_bytes()
        for missing in ("/kurasa/3/", "/kurasa/02/", "/kurasa/", "/kurasa/2/x.html"):
            assert get(url, missing)[0] == 404, missing


def test_published_after_what_they_link_with_the_home_page_last(site: Path, tmp_path: Path) -> None:
    public = tmp_path / "public"
    try:
        keys = publish(Show.open(site), str(public)).uploaded
        for key in ("index.html", "partners.html", "kurasa/1/index.html", "kurasa/2/index.html"):
            assert (public / key).read_bytes() == (site / key).read_bytes()
    finally:
        shutil.rmtree(public, ignore_errors=True)  # 65 episodes' media: gigabytes, at once freed
    assert keys[-1] == "index.html"
    assert keys.index("partners.html") > keys.index("feeds/manifest.json")
    for number in (1, 2):
        at = keys.index(f"kurasa/{number}/index.html")
        assert at > max(i for i, k in enumerate(keys) if k.startswith("episodes/"))
        assert at > keys.index("feeds/podcast.xml")


def test_a_home_page_linking_a_missing_archive_page_is_not_published(
    site: Path, tmp_path: Path
) -> None:
    root = copy_show(site, tmp_path / "show")
    (root / "kurasa" / "2" / "index.html").unlink()
    with pytest.raises(PublishError, match=r"index.html links (\.\./|kurasa/)2/index.html, which"):
        publish(Show.open(root), str(tmp_path / "public"))
    assert not (tmp_path / "public").exists()


def test_validate_reports_a_missing_or_stale_home_page(site: Path, tmp_path: Path) -> None:
    root = copy_show(site, tmp_path / "show")

    def found(where: str) -> list[tuple[str, str]]:
        problems = validate_show(Show.open(root), measure_audio=False)
        return [(p.severity, p.problem) for p in problems if p.where == where]

    assert found("index.html") == []
    home = root / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("Jiunge", "Subscribe"))
    assert found("index.html") == [
        ("warning", "differs from what the episodes and audiocast.toml give now")
    ]
    home.unlink()
    assert found("index.html") == [
        ("error", "missing: the feeds name the home page as the show's website")
    ]
    extra = root / "kurasa" / "9" / "index.html"
    extra.parent.mkdir()
    extra.write_text("<!DOCTYPE html>")
    (where,) = [p for p in validate_show(Show.open(root), measure_audio=False)
                if p.where == "kurasa/9/index.html"]  # fmt: skip
    assert where.severity == "warning" and "no longer fill" in where.problem
