"""`audiocast ingest` killed with SIGKILL at random moments, as a machine losing power or an
impatient operator would: while fetching, importing, speaking, encoding or writing the feeds.

Between kills the newsroom publishes new stories and corrects old ones. After every kill the
feeds on disk parse and every file they name is there whole; no story is built twice for the
same text (its episode's build time changes only when the newsroom changed the story); and
a last pass that runs to its end leaves every story in the feed, each episode whole, and no
temporary file.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import podcastparser
from newsroom import STORIES, Newsroom, rss

from ondisk import broken_links, whole_episode

SEED = 20261204
KILLS = 10
COMMAND = [sys.executable, "-c", "from audiocast.cli import app; app()", "ingest"]
SETTINGS = """[show]
title = "Habari za Pwani"
base_url = "https://pwani.example.org/habari"
owner = {{ name = "Dawati la Habari", email = "habari@pwani.example.org" }}

[voices]
engine = ["espeak"]

[build]
renditions = ["podcast"]

[[sources]]
url = "{url}"
"""


def start(show: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(show.parent / "tmp")}  # a killed ffmpeg's leftovers
    return subprocess.Popen(
        COMMAND, cwd=show, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def killed_after(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """SIGKILL the pass and its children after `seconds`; False if it had ended."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return True


def run_to_end(show: Path) -> float:
    began = time.monotonic()
    process = start(show)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()
    return time.monotonic() - began


def story_of(folder: Path) -> str:
    """The newsroom's key of the story an episode was made from (its link ends with it)."""
    text = (folder / "article.yaml").read_text(encoding="utf-8")
    for key in STORIES:
        if f"/habari/{key}" in text:
            return key
    raise AssertionError(f"{folder.name}: no story of the newsroom")


def builds(show: Path) -> dict[str, str]:
    """Each built episode's story and when it was built."""
    found = {}
    for record in (show / "episodes").glob("*/episode.json"):
        try:
            found[story_of(record.parent)] = json.loads(record.read_bytes())["built_at"]
        except (FileNotFoundError, json.JSONDecodeError) as exc:  # never half a record
            raise AssertionError(f"{record}: {exc}") from exc
    return found


def traces(show: Path) -> dict[str, set[str]]:
    """What a pass changes, step by step: stories imported, speech, media, records, feeds."""

    def digests(pattern: str) -> set[str]:
        return {f"{p}:{p.stat().st_mtime_ns}" for p in show.glob(pattern)}

    return {
        "story imported": digests("episodes/*/article.yaml"),
        "speech cached": {p.name for p in show.glob(".cache/segments/*/*.wav")},
        "media written": {p.name for p in show.glob("episodes/*/*.mp3")},
        "record replaced": digests("episodes/*/episode.json"),
        "feeds written": digests("feeds/*.xml"),
    }


def reached(before: dict[str, set[str]], after: dict[str, set[str]]) -> str:
    """The last step a killed pass got to."""
    for step in reversed(list(before)):
        if after[step] - before[step]:
            return step
    return "nothing written yet"


def listed(show: Path) -> list[dict[str, Any]]:
    feed = show / "feeds" / "podcast.xml"
    if not feed.exists():
        return []
    episodes: list[dict[str, Any]] = podcastparser.parse(
        "https://pwani.example.org/habari/feeds/podcast.xml", feed.open("rb")
    )["episodes"]
    return episodes


def test_ingest_killed_at_random_moments_never_breaks_the_feed_or_builds_twice(
    tmp_path: Path,
) -> None:
    rng = random.Random(SEED)
    show = tmp_path / "show"
    (show / "episodes").mkdir(parents=True)
    (tmp_path / "tmp").mkdir()
    keys = list(STORIES)
    published: dict[str, int] = {keys[0]: 0, keys[1]: 0}  # story: how often corrected
    with Newsroom() as newsroom:

        def publish() -> None:
            items = [
                {"key": key, "extra": f"Habari hii imesahihishwa mara {n}." if n else ""}
                for key, n in published.items()
            ]
            newsroom.set("/rss", rss(newsroom.base, items))

        publish()
        (show / "audiocast.toml").write_text(SETTINGS.format(url=newsroom.url("/rss")))
        pass_time = run_to_end(show)  # how long a pass of two new stories takes here
        assert len(listed(show)) == 2

        built_at: dict[str, set[str]] = {key: set() for key in keys}
        for key, when in builds(show).items():
            built_at[key].add(when)
        versions = {key: 1 for key in published}
        kills, scale = 0, 1.0
        steps: dict[str, int] = {}  # where the kills landed, shown with -s
        for _ in range(4 * KILLS):
            if kills >= KILLS:
                break
            waiting = [key for key in keys if key not in published]
            if waiting and rng.random() < 0.5:
                published[waiting[0]] = 0  # a new story
            else:
                key = rng.choice(list(published))
                published[key] += 1  # a correction: its text changes, its GUID stays
            for key in published:
                versions[key] = published[key] + 1
            publish()
            before = traces(show)
            delay = rng.uniform(0.2, 2.0) * pass_time * scale
            if killed_after(start(show), delay):
                kills += 1
                step = reached(before, traces(show))
                steps[step] = steps.get(step, 0) + 1
            else:
                scale *= 0.8  # the machine got faster: the next kill lands earlier

            for feed in (show / "feeds").glob("*.xml"):
                podcastparser.parse(f"https://x.example/{feed.name}", feed.open("rb"))
            assert broken_links(show) == []
            for key, when in builds(show).items():
                built_at[key].add(when)
                assert len(built_at[key]) <= versions[key], f"{key} was built twice"

        print(f"{kills} kills; the last step each reached: {steps}")
        assert kills >= KILLS, f"only {kills} passes were killed before they ended"
        run_to_end(show)  # what the kills left, the next pass finishes

    titles = sorted(entry["title"] for entry in listed(show))
    assert titles == sorted(STORIES[key][0] for key in published)
    for entry in listed(show):
        slug = entry["enclosures"][0]["url"].rsplit("/", 2)[-2]
        record = whole_episode(show / "episodes" / slug)
        extra = published[story_of(show / "episodes" / slug)]
        spoken = json.dumps(record["segments"], ensure_ascii=False)
        assert (f"imesahihishwa mara {extra}" in spoken) == bool(extra)  # the latest text
    for key, when in builds(show).items():
        built_at[key].add(when)
        assert len(built_at[key]) <= versions[key], f"{key} was built twice"
    assert broken_links(show) == []
    assert list(show.rglob(".*.tmp")) == []
