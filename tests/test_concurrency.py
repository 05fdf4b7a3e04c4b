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
from audiocast.show import Show

from articles import write_article
from conftest import ROOT

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
            on_disk = {path.name for path in (show / "episodes" / slug).glob("*.mp3")}
            assert on_disk == {r["file"] for r in record["renditions"].values()}
    assert not list(show.rglob("*.tmp"))


def test_a_build_waits_for_the_lock_only_to_write_its_record(show: Path) -> None:
    slug = next(iter(ARTICLES))
    write_article(show, slug, ARTICLES[slug], 1)
    folder = show / "episodes" / slug
    with show_lock(Show.open(show), timeout=0):
        build = start(show, "build", "--engine", "espeak", f"episodes/{slug}/article.yaml")
        deadline = time.monotonic() + 120
        # Speech, mastering and the media files all happen while another process holds
        # the lock: two builds of different articles run in parallel.
        while len(list(folder.glob("*.mp3"))) < 2 and time.monotonic() < deadline:
            assert build.poll() is None, build.communicate()
            time.sleep(0.1)
        time.sleep(1.0)
        assert build.poll() is None and not (folder / "episode.json").exists()
    finish(build)
    assert (folder / "episode.json").exists()
