"""`audiocast ingest` and `audiocast sources`: a newsroom's feeds on a local server become
built episodes in the feed; an unchanged pass sends only conditional requests and builds
nothing; a corrected story is rebuilt in its own episode; each failing source fails alone."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path

import feedparser
import pytest
import yaml
from newsroom import DAY, Newsroom, atom, json_feed, rss, story_page, wordpress

from conftest import run_cli
from proxy import Proxy

SETTINGS = """# Habari za Pwani: settings written by hand, comments kept.
[show]
title = "Habari za Pwani"
base_url = "https://pwani.example.org/habari"
owner = {{ name = "Dawati la Habari", email = "habari@pwani.example.org" }}

[voices]
engine = ["espeak"]  # fast, offline

[build]
renditions = ["podcast"]

[ingest]
timeout = 1
max_bytes = 200_000
{sources}"""


def write_show(folder: Path, *sources: str) -> Path:
    folder.mkdir(parents=True)
    tables = "".join(f"\n[[sources]]\n{source}\n" for source in sources)
    (folder / "audiocast.toml").write_text(SETTINGS.format(sources=tables), encoding="utf-8")
    return folder


def records(show: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {
        path.parent.name: json.loads(path.read_bytes())
        for path in (show / "episodes").glob("*/episode.json")
    }


def feed_titles(show: Path) -> list[str]:
    return sorted(e.title for e in feedparser.parse(show / "feeds" / "podcast.xml").entries)


def killed_with_its_article_written(show: Path) -> Path:
    """Start `audiocast ingest` of one new story and SIGKILL it once the story's
    article.yaml is written; the show lock held meanwhile keeps its build from keeping an
    episode, whenever the kill comes. Returns the article."""
    from audiocast.lock import show_lock
    from audiocast.show import Show

    command = [sys.executable, "-c", "from audiocast.cli import app; app()", "ingest"]
    with show_lock(Show.open(show)):
        process = subprocess.Popen(command, cwd=show, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while not list(show.glob("episodes/*/article.yaml")) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
        process.wait()
    (article,) = show.glob("episodes/*/article.yaml")
    return article


def cached(show: Path) -> set[Path]:
    return set((show / ".cache").rglob("*"))


@dataclass
class Day:
    """One show fed by one server, after its first pass (`first`); each test after the first
    passes again from whatever state the tests before it left."""

    show: Path
    newsroom: Newsroom
    first: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Day]:
    with Newsroom() as newsroom:
        base = newsroom.base
        newsroom.set("/rss", rss(base, [{"key": "soko"}, {"key": "maji", "full": False}]))
        newsroom.set("/habari/maji", story_page("maji"), content_type="text/html")
        newsroom.set(
            "/atom", atom(base, ["shule"]), last_modified=format_datetime(DAY, usegmt=True)
        )
        newsroom.set("/feed.json", json_feed(base, ["kahawa"]), content_type="application/json")
        pages = {"content_type": "application/json", "headers": {"X-WP-TotalPages": "2"}}
        newsroom.set("/wp-json/wp/v2/posts", wordpress(base, ["mpira"]), **pages)
        newsroom.set("/wp-json/wp/v2/posts?page=2", wordpress(base, ["uvuvi"], first=90), **pages)
        show = write_show(
            tmp_path_factory.mktemp("ingest") / "show",
            *(f'url = "{base}{path}"' for path in ("/rss", "/atom", "/feed.json")),
            f'url = "{base}/wp-json/wp/v2/posts"\nkind = "wordpress"',
        )
        yield Day(show, newsroom, run_cli("ingest", cwd=show))


def test_a_first_pass_makes_an_episode_of_every_story_of_every_kind(day: Day) -> None:
    done = day.first
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(
        "ingest: 4 sources, 6 new, 0 updated, 0 removed, 0 failed"
    ), done.stdout
    built = records(day.show)
    assert len(built) == 6
    assert feed_titles(day.show) == sorted(
        [
            "Wafanyabiashara wa soko la Kariakoo wapata vibanda vipya",
            "Wakazi wa Morogoro wapata maji safi baada ya miaka mitano",
            "Wanafunzi wa Pemba waanza masomo katika madarasa mapya",
            "Bei ya kahawa yapanda katika mnada wa Moshi",
            "Timu ya wasichana ya Mwanza yashinda kombe la mkoa",
            "Wavuvi wa Kilwa wapokea boti mpya za uvuvi",  # page 2 of the WordPress posts
        ]
    )
    articles = [yaml.safe_load(p.read_text()) for p in day.show.glob("episodes/*/article.yaml")]
    by_title = {a["title"]: a for a in articles}
    soko = by_title["Wafanyabiashara wa soko la Kariakoo wapata vibanda vipya"]
    assert soko["author"] == "Asha Juma"
    assert soko["source"]["url"] == f"{day.newsroom.base}/habari/soko"
    assert str(soko["date"]).startswith("2026-11-20")
    # The RSS item with only a teaser: its page was fetched and the story imported whole,
    # without the page's menu and footer.
    maji = by_title["Wakazi wa Morogoro wapata maji safi baada ya miaka mitano"]
    assert day.newsroom.seen("/habari/maji")
    spoken = json.dumps(maji, ensure_ascii=False, default=str)
    assert "hawatalazimika tena kutembea" in spoken
    assert "Mwanzo" not in spoken and "Haki zote" not in spoken
    wp = by_title["Timu ya wasichana ya Mwanza yashinda kombe la mkoa"]
    assert wp["author"] == "Baraka Mushi" and wp["categories"] == ["Uchumi"]
    assert by_title["Bei ya kahawa yapanda katika mnada wa Moshi"]["author"] == "Neema Ali"
    assert by_title["Wanafunzi wa Pemba waanza masomo katika madarasa mapya"]["author"] == (
        "Juma Said"  # from Atom
    )
    # Every request named the project.
    agents = {h["User-Agent"] for _, h in day.newsroom.requests}
    assert len(agents) == 1 and agents.pop().startswith("audiocast/0.1.0")
    state = sqlite3.connect(day.show / "ingest.sqlite")
    assert state.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    outcomes = state.execute("SELECT outcome, count(*) FROM items GROUP BY outcome").fetchall()
    assert outcomes == [("built", 6)]


def test_a_pass_with_nothing_new_asks_conditionally_and_builds_nothing(day: Day) -> None:
    before_records = {p: p.read_bytes() for p in day.show.glob("episodes/*/episode.json")}
    before_cache = cached(day.show)
    before_feed = (day.show / "feeds" / "podcast.xml").read_bytes()
    asked = len(day.newsroom.requests)
    done = run_cli("ingest", cwd=day.show)
    assert done.returncode == 0, done.stderr
    assert "4 sources, 0 new, 0 updated, 0 removed, 0 failed" in done.stdout
    for path in ("/rss", "/feed.json", "/wp-json/wp/v2/posts"):
        assert "If-None-Match" in day.newsroom.seen(path)[-1]
    # A source that gives only a date is asked with that date.
    assert day.newsroom.seen("/atom")[-1]["If-Modified-Since"] == "Fri, 20 Nov 2026 07:30:00 GMT"
    assert len(day.newsroom.requests) == asked + 4  # no story page fetched again
    assert {p: p.read_bytes() for p in day.show.glob("episodes/*/episode.json")} == before_records
    assert cached(day.show) == before_cache
    assert (day.show / "feeds" / "podcast.xml").read_bytes() == before_feed


def test_a_corrected_story_is_rebuilt_in_its_episode_and_a_new_one_added(day: Day) -> None:
    base = day.newsroom.base
    before = records(day.show)
    soko = next(s for s, r in before.items() if "soko" in s)
    correction = "Awali tuliripoti vibanda mia moja; idadi sahihi ni mia mbili."
    day.newsroom.set("/rss", rss(base, [{"key": "soko", "extra": correction},
                                       {"key": "maji", "full": False}]))  # fmt: skip
    day.newsroom.set("/feed.json", json_feed(base, ["barabara", "kahawa"]),
                     content_type="application/json")  # fmt: skip
    done = run_cli("ingest", cwd=day.show)
    assert done.returncode == 0, done.stderr
    assert "4 sources, 1 new, 1 updated, 0 removed, 0 failed" in done.stdout
    after = records(day.show)
    assert len(after) == 7
    assert after[soko]["guid"] == before[soko]["guid"]
    assert after[soko]["renditions"] != before[soko]["renditions"]  # new audio, new file
    article = (day.show / "episodes" / soko / "article.yaml").read_text()
    assert "idadi sahihi ni mia mbili" in article
    unchanged = [s for s in before if s != soko]
    assert all(after[s] == before[s] for s in unchanged)
    assert "Barabara ya Iringa hadi Ruaha kukamilika mwakani" in feed_titles(day.show)


def test_adding_a_source_leaves_every_built_episode_up_to_date(day: Day) -> None:
    day.newsroom.set("/atom-michezo", atom(day.newsroom.base, []))
    added = run_cli("sources", "add", day.newsroom.url("/atom-michezo"), cwd=day.show)
    assert "Atom, 0 items, none to import yet" in added.stdout, added.stderr
    before = records(day.show)
    built = run_cli("build", cwd=day.show)
    assert built.returncode == 0, built.stderr
    assert built.stdout.count("Up to date") == len(before) >= 6
    assert records(day.show) == before


def test_each_failing_source_fails_alone_and_filters_skip_items(tmp_path: Path) -> None:
    with Newsroom() as newsroom:
        base = newsroom.base
        newsroom.set("/down", "Hitilafu ya seva", status=500, content_type="text/plain")
        newsroom.set("/page", story_page("soko"), content_type="text/html")
        newsroom.set("/broken", rss(base, [{"key": "soko"}])[:-30], content_type="text/xml")
        newsroom.set("/slow", rss(base, [{"key": "maji"}]), delay=3)
        newsroom.set("/huge", "<rss>" + " " * 50_000_000 + "</rss>")  # 50 MB: never read whole
        newsroom.set("/good", rss(base, [
            {"key": "shule", "categories": ["Elimu"]},
            {"key": "kahawa", "categories": ["Uchumi"]},
            {"key": "mpira", "categories": ["Elimu"]},
        ]))  # fmt: skip
        # A story with a title and nothing else: the importer refuses it.
        empty = {"version": "https://jsonfeed.org/version/1", "title": "Habari",
                 "items": [{"id": "jf-tupu", "title": "Habari bila maneno"}]}  # fmt: skip
        newsroom.set("/empty.json", json.dumps(empty), content_type="application/json")
        paths = ("/down", "/page", "/broken", "/slow", "/huge", "/empty.json")
        show = write_show(
            tmp_path / "show",
            'url = "http://127.0.0.1:9/rss"',  # nothing listens there
            *(f'url = "{base}{path}"' for path in paths),
            f'url = "{base}/good"\ncategories = ["elimu"]\ntitle_pattern = "^Wanafunzi"\n'
            'engine = ["espeak"]',
        )
        # Only the source's own engine can speak: Google is out of reach in the tests.
        settings = show / "audiocast.toml"
        settings.write_text(
            settings.read_text().replace('engine = ["espeak"]  #', 'engine = ["gtts"]  #')
        )
        done = run_cli("ingest", cwd=show)
        again = run_cli("ingest", cwd=show)
    assert done.returncode == 1
    summary = done.stdout.strip().splitlines()[-1]
    assert summary.startswith("ingest: 8 sources, 1 new, 0 updated, 0 removed, 7 failed (")
    failures = [line for line in done.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 7, done.stderr
    assert failures.pop(0) == (
        "failed: http://127.0.0.1:9/rss: the source cannot be reached ([Errno 111] Connection "
        "refused)"
    )
    assert "answered 500" in failures[0]
    assert "is a web page (HTML), not a feed" in failures[1]
    assert "not well-formed XML" in failures[2]
    assert "no answer within 1 s" in failures[3]
    assert "over 0.2 MB" in failures[4]
    assert failures[5].startswith("failed: jf-tupu: ") and "no article text" in failures[5]
    # Next pass the failing sources are tried again; the refused story, unchanged, is not.
    assert again.returncode == 1
    assert "ingest: 8 sources, 0 new, 0 updated, 0 removed, 6 failed (" in again.stdout
    assert "jf-tupu" not in again.stderr
    # Only the story in Elimu whose title matches was taken, and built once.
    assert feed_titles(show) == ["Wanafunzi wa Pemba waanza masomo katika madarasa mapya"]
    ((slug, record),) = records(show).items()
    assert [p.parent.name for p in show.glob("episodes/*/article.yaml")] == [slug]
    assert record["engine"]["name"] == "espeak"  # the source's engine, not the show's


def test_sources_add_detects_the_kind_and_appends_it_keeping_the_producers_file(
    tmp_path: Path,
) -> None:
    with Newsroom() as newsroom:
        base = newsroom.base
        newsroom.set("/rss", rss(base, [{"key": "soko"}, {"key": "maji"}]))
        newsroom.set("/wp-json/wp/v2/posts", wordpress(base, ["mpira"]),
                     content_type="application/json")  # fmt: skip
        newsroom.set("/page", story_page("soko"), content_type="text/html")
        newsroom.set("/broken", rss(base, [{"key": "soko"}])[:-30])
        show = write_show(tmp_path / "show")
        settings = show / "audiocast.toml"
        original = settings.read_text()

        for path in ("/page", "/missing", "/broken"):
            refused = run_cli("sources", "add", f"{base}{path}", cwd=show)
            assert refused.returncode == 1
            assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
            assert settings.read_text() == original
        assert "is a web page" in run_cli("sources", "add", f"{base}/page", cwd=show).stderr
        assert "404" in run_cli("sources", "add", f"{base}/missing", cwd=show).stderr

        added = run_cli("sources", "add", f"{base}/rss", cwd=show)
        assert added.returncode == 0, added.stderr
        assert f"{base}/rss: RSS 2.0, 2 items, with full text" in added.stdout
        wp = run_cli("sources", "add", f"{base}/wp-json/wp/v2/posts", "-c", "Uchumi", cwd=show)
        assert "WordPress REST API, 1 item, with full text" in wp.stdout, wp.stderr
        again = run_cli("sources", "add", f"{base}/rss", cwd=show)
        assert again.returncode == 1 and "already a source" in again.stderr

    text = settings.read_text()
    assert text.startswith(original)  # the producer's comments and layout kept
    assert f'url = "{base}/rss"\nkind = "rss"' in text
    assert re.search(r'kind = "wordpress"\ncategories = \["Uchumi"\]', text)
    listed = run_cli("sources", cwd=show)
    assert listed.returncode == 0
    assert f"{base}/rss" in listed.stdout and "categories: Uchumi" in listed.stdout


def test_a_source_with_a_broken_title_pattern_is_refused_in_one_line(tmp_path: Path) -> None:
    show = write_show(tmp_path / "show", 'url = "http://127.0.0.1:9/rss"\ntitle_pattern = "(Siasa"')
    done = run_cli("ingest", cwd=show)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"error: {show / 'audiocast.toml'}: sources.0.title_pattern: '(Siasa' is not a regular "
        "expression (missing ), unterminated subpattern at position 0)"
    )
    assert not (show / "ingest.sqlite").exists()


def test_a_second_pass_started_during_one_stops_at_once(tmp_path: Path) -> None:
    from audiocast.ingest import LOCK_FILE
    from audiocast.lock import file_lock

    show = write_show(tmp_path / "show", 'url = "http://127.0.0.1:9/rss"')
    with file_lock(show / ".cache" / LOCK_FILE, 0):  # a pass still building
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 1
    assert "audiocast ingest: another audiocast is writing this show" in done.stderr
    assert not (show / "ingest.sqlite").exists()


def test_a_pass_killed_before_its_build_is_kept_is_finished_by_the_next(tmp_path: Path) -> None:
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        article = killed_with_its_article_written(show)
        written = article.read_bytes()
        assert not list(show.glob("episodes/*/episode.json"))
        killed = sqlite3.connect(show / "ingest.sqlite")
        assert killed.execute("SELECT outcome FROM items").fetchall() == [("importing",)]
        killed.close()
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 0, done.stderr
    assert "ingest: 1 source, 1 new, 0 updated, 0 removed, 0 failed" in done.stdout
    assert article.read_bytes() == written  # the same article, written again
    assert list(records(show)) == [article.parent.name]
    assert feed_titles(show) == ["Wafanyabiashara wa soko la Kariakoo wapata vibanda vipya"]
    state = sqlite3.connect(show / "ingest.sqlite")
    assert state.execute("SELECT outcome FROM items").fetchall() == [("built",)]
    assert state.execute("SELECT etag IS NOT NULL FROM sources").fetchall() == [(1,)]


def test_sources_are_fetched_through_the_newsrooms_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Newsroom() as newsroom, Proxy({"habari.test": newsroom.port}) as proxy:
        newsroom.set("/rss", rss("http://habari.test", [{"key": "soko"}]))
        show = write_show(tmp_path / "show")
        for name in ("HTTP_PROXY", "http_proxy"):
            monkeypatch.setenv(name, proxy.url)
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        # habari.test resolves nowhere: only the proxy reaches it.
        added = run_cli("sources", "add", "http://habari.test/rss", cwd=show)
    assert added.returncode == 0, added.stderr
    assert "RSS 2.0, 1 item, with full text" in added.stdout
    assert proxy.forwarded == ["http://habari.test/rss"]
