"""Concurrent producers: two builds and feed runs at once lose and corrupt nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import podcastparser
import pytest

from audiocast.lock import show_lock
from audiocast.media import format_of
from audiocast.show import Show

from articles import write_article
from conftest import ROOT
from ondisk import FeedWatcher, broken_links, record_files, stray_files, whole_episode

COMMAND = [sys.executable, "-c", "from audiocast.cli import app; app()"]
ARTICLES = {
    "2024-04-01-bandari-mpya": "Bandari mpya yafunguliwa Tanga",
    "2024-04-02-mavuno-mazuri": "Wakulima wa Mbeya wapata mavuno mazuri",
}


def start(show: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(show.parent)}
    return subprocess.Popen(
        [*COMMAND, *args], cwd=show, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def finish(process: subprocess.Popen[str]) -> None:
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr


def parse(feed: Path) -> list[dict[str, Any]]:
    url = f"https://example.org/{feed.name}"
    episodes: list[dict[str, Any]] = podcastparser.parse(url, io.BytesIO(feed.read_bytes()))[
        "episodes"
    ]
    return episodes


def listed(show: Path) -> dict[str, str]:
    """Slug → title of every episode the feeds list, each checked against its record."""
    titles: dict[str, str] = {}
    for profile in ("podcast", "radio"):
        for episode in parse(show / "feeds" / f"{profile}.xml"):
            enclosure = episode["enclosures"][0]
            slug, name = enclosure["url"].rsplit("/", 2)[-2:]
            record = json.loads((show / "episodes" / slug / "episode.json").read_text())
            rendition = record["renditions"][profile]
            media = (show / "episodes" / slug / name).read_bytes()
            assert rendition["file"] == name and len(media) == enclosure["file_size"]
            assert hashlib.sha256(media).hexdigest() == rendition["sha256"]
            titles[slug] = episode["title"]
    return titles


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    folder.mkdir()
    shutil.copy(ROOT / "audiocast.toml", folder / "audiocast.toml")
    return folder


def test_two_builds_and_feed_runs_at_once(show: Path) -> None:
    with FeedWatcher(show) as watcher:  # every file the feeds name is there, at every moment
        for version in (1, 2):  # the second round rebuilds both: old media go, new ones come
            for slug in ARTICLES:
                write_article(show, slug, ARTICLES[slug], version)
            builds = [
                start(show, "build", "--engine", "espeak", f"episodes/{slug}/article.yaml")
                for slug in ARTICLES
            ]
            while any(build.poll() is None for build in builds):
                finish(start(show, "feed"))  # feeds written while the builds write records
                for feed in (show / "feeds").glob("*.xml"):
                    for episode in parse(feed):  # whole, and only episodes that have a record
                        slug = episode["enclosures"][0]["url"].rsplit("/", 2)[-2]
                        assert (show / "episodes" / slug / "episode.json").is_file()
            for build in builds:
                finish(build)
            finish(start(show, "feed"))
            assert listed(show) == ARTICLES
            for slug in ARTICLES:
                record = json.loads((show / "episodes" / slug / "episode.json").read_text())
                assert record["summary"] == f"Habari fupi, toleo la {version}."
                folder = show / "episodes" / slug
                on_disk = {path.name for path in folder.iterdir() if format_of(path.name)}
                assert on_disk == {r["file"] for r in record["renditions"].values()}
    assert watcher.broken == [] and watcher.checks > 10
    assert not list(show.rglob("*.tmp")) and stray_files(show) == []


def test_a_build_waits_for_the_lock_only_to_write_its_record(show: Path) -> None:
    slug = next(iter(ARTICLES))
    write_article(show, slug, ARTICLES[slug], 1)
    folder = show / "episodes" / slug
    with show_lock(Show.open(show), timeout=0):
        build = start(show, "build", "--engine", "espeak", f"episodes/{slug}/article.yaml")
        deadline = time.monotonic() + 120
        # Speech, mastering and every file of the episode (as temporary files) happen while
        # another process holds the lock: two builds of different articles run in parallel.
        while len(list(folder.glob(".*.tmp"))) < 5 and time.monotonic() < deadline:
            assert build.poll() is None, build.communicate()
            time.sleep(0.1)
        time.sleep(1.0)
        assert build.poll() is None and not (folder / "episode.json").exists()
        assert not list(folder.glob("*.mp3")), "nothing is in place before the commit"
    finish(build)
    assert (folder / "episode.json").exists()
    assert {p.name for p in folder.glob("*.*")} - {"article.yaml"} == {
        "episode.json",
        *record_files(json.loads((folder / "episode.json").read_text())),
    }


def write_version(show: Path, version: int, paragraphs: int) -> None:
    """The article at `version`, `paragraphs` long (a long one takes longer to build)."""
    body = "".join(
        f"  - paragraph: Aya ya {n} ya toleo la {version}. Wakazi wa mji wanasubiri habari.\n"
        for n in range(1, paragraphs + 1)
    )
    slug = next(iter(ARTICLES))
    (show / "episodes" / slug / "article.yaml").write_text(
        f"title: {ARTICLES[slug]}\nslug: {slug}\ndate: {slug[:10]}\nauthor: Mwandishi Wetu\n"
        f"summary: Habari fupi, toleo la {version}.\nbody:\n{body}",
        encoding="utf-8",
    )


# Seconds between a build of a long article starting to speak (it has read the article)
# and the edit, when a build of the edit, which is short, starts. With espeak here about 5 s
# and 3 s for the two: the edit's build finishes before the first one, or after it.
OFFSETS = (0.0, 1.0, 2.5)


def test_overlapping_builds_of_an_edited_article_leave_one_whole_episode(show: Path) -> None:
    slug = next(iter(ARTICLES))
    folder, article = show / "episodes" / slug, f"episodes/{slug}/article.yaml"
    (show / "episodes" / slug).mkdir(parents=True)
    write_version(show, 0, 1)
    finish(start(show, "build", "--engine", "espeak", article))
    finish(start(show, "feed"))
    outcomes = []
    with FeedWatcher(show) as watcher:
        for round, offset in enumerate(OFFSETS):
            write_version(show, 2 * round + 1, 16)
            first = start(show, "build", "--engine", "espeak", article)
            while not list(folder.glob(".*.program.*.tmp")):  # it has read the article
                assert first.poll() is None, first.communicate()
                time.sleep(0.005)
            time.sleep(offset)
            write_version(show, 2 * round + 2, 1)  # the journalist cuts the story
            second = start(show, "build", "--engine", "espeak", article)
            finish(second)  # it read the article on disk, so it keeps its episode
            _, stderr = first.communicate(timeout=180)
            outcomes.append(first.returncode)
            if first.returncode:  # it read the text before the edit: it kept nothing
                assert len(stderr.strip().splitlines()) == 1, stderr
                assert "the article changed while it was being built" in stderr
            record = whole_episode(folder)
            assert record["summary"] == f"Habari fupi, toleo la {2 * round + 2}."
            assert stray_files(show) == []  # nothing of the loser; the old files feeds name
            finish(start(show, "feed"))
            assert stray_files(show) == [] and broken_links(show) == []
            assert {p.name for p in folder.iterdir()} == {
                "article.yaml",
                "episode.json",
                "index.html",  # the episode's page, written by feed
                "embed.html",  # and its player for other sites
                *record_files(record),
            }
    print(f"the first build failed in rounds {outcomes}; {watcher.checks} checks of the feeds")
    assert watcher.broken == [] and watcher.checks > 10
    assert outcomes[0] == 1, "the build of the older text was still running: it lost"
