"""Crash safety: `audiocast build` and `audiocast feed` killed with SIGKILL at random moments.

After every kill the feeds on disk still parse (none is ever half-written), and once the
feeds are written again they list only episodes whose media are there with the SHA-256 the
record gives; no cache entry is damaged, and the show builds cleanly at the end.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import podcastparser
import pytest

from audiocast.cache import SegmentCache
from audiocast.show import Show
from audiocast.site import write_feeds

from articles import write_article
from conftest import ROOT

SEED = 20240618
KILLS = 14  # builds and feed runs killed, at least
ARTICLES = {
    "2024-03-01-mvua-kubwa": "Mvua kubwa yanyesha Dar es Salaam",
    "2024-03-02-bei-ya-mahindi": "Bei ya mahindi yashuka sokoni",
}
COMMAND = [sys.executable, "-c", "from audiocast.cli import app; app()"]


def start(show: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(show.parent / "tmp")}  # a killed ffmpeg's leftovers
    return subprocess.Popen(
        [*COMMAND, *args], cwd=show, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def run_to_end(show: Path, *args: str) -> float:
    began = time.monotonic()
    process = start(show, *args)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    return time.monotonic() - began


def kill_after(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """SIGKILL the process and its children (ffmpeg) after `seconds`; False if it had ended."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group this test started
        process.wait(timeout=30)
        return True


def parse(path: Path) -> list[dict[str, object]]:
    episodes: list[dict[str, object]] = podcastparser.parse(
        f"https://example.org/{path.name}", io.BytesIO(path.read_bytes())
    )["episodes"]
    return episodes


def check_feeds_on_disk(show: Path) -> None:
    """What a killed process left: each feed is an old one or a new one, whole."""
    for feed in (show / "feeds").glob("*.xml"):
        parse(feed)  # raises FeedParseError on a half-written file


def check_show(show: Path) -> int:
    """Feeds written again list only intact episodes; returns how many the podcast feed lists."""
    write_feeds(Show.open(show))
    assert not list((show / "feeds").glob(".*.tmp"))
    listed = 0
    for profile in ("podcast", "radio"):
        for episode in parse(show / "feeds" / f"{profile}.xml"):
            enclosure = episode["enclosures"][0]  # type: ignore[index]
            slug, name = enclosure["url"].rsplit("/", 2)[-2:]
            record = json.loads((show / "episodes" / slug / "episode.json").read_text())
            rendition = record["renditions"][profile]
            media = show / "episodes" / slug / name
            assert rendition["file"] == name and media.is_file(), f"{name} listed, not on disk"
            data = media.read_bytes()
            assert len(data) == rendition["bytes"] == enclosure["file_size"]
            assert hashlib.sha256(data).hexdigest() == rendition["sha256"]
            listed += profile == "podcast"
    cache = SegmentCache(show / ".cache" / "segments")
    for entry in (show / ".cache" / "segments").rglob("*.wav"):
        assert cache.get(entry.stem) is not None, f"damaged cache entry {entry}"
    return listed


def traces(show: Path) -> dict[str, set[str]]:
    """What a run changes, phase by phase: speech cached, media written, records replaced."""
    return {
        "speech cached": {p.name for p in show.glob(".cache/segments/*/*.wav")},
        "media written": {p.name for p in show.glob("episodes/*/*.mp3")},
        "record replaced": {
            hashlib.sha256(p.read_bytes()).hexdigest() for p in show.glob("episodes/*/*.json")
        },
        "temporary file left": {str(p) for p in show.rglob(".*.tmp")},
    }


def reached(before: dict[str, set[str]], after: dict[str, set[str]]) -> str:
    """The last phase a killed run got to."""
    for phase in ("temporary file left", "record replaced", "media written", "speech cached"):
        if after[phase] - before[phase]:
            return phase
    return "nothing written yet"


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    folder.mkdir()
    (tmp_path / "tmp").mkdir()
    shutil.copy(ROOT / "audiocast.toml", folder / "audiocast.toml")
    for slug in ARTICLES:
        write_article(folder, slug, ARTICLES[slug], 0)
    return folder


def test_kill_at_random_moments_never_breaks_the_show(show: Path) -> None:
    rng = random.Random(SEED)
    slugs = list(ARTICLES)
    # Uninterrupted runs first: how long each command takes sets when the kills land.
    build_time = max(
        run_to_end(show, "build", "--engine", "espeak", f"episodes/{slug}/article.yaml")
        for slug in slugs
    )
    feed_time = run_to_end(show, "feed")
    assert check_show(show) == 2

    kills, version, slug = 0, 0, slugs[0]
    # A run that ended before its kill (the machine got faster than when timed) makes the
    # next delays shorter, so that a busy or an idle machine both get their kills.
    scale = 1.0
    phases: dict[str, int] = {}  # where the kills landed, shown with -s
    for attempt in range(3 * KILLS):
        if kills >= KILLS:
            break
        if attempt % 4 == 3:
            args = ["feed"]
            delay = rng.uniform(0.25, 1.0) * feed_time * scale
        else:
            version += 1
            slug = rng.choice(slugs)
            write_article(
                show, slug, ARTICLES[slug], version
            )  # new text: new speech, new media names
            if rng.random() < 0.3:
                shutil.rmtree(show / ".cache", ignore_errors=True)  # kill while speaking
            args = ["build", "--engine", "espeak", f"episodes/{slug}/article.yaml"]
            delay = rng.uniform(0.25, 1.0) * build_time * scale
        before = traces(show)
        if kill_after(start(show, *args), delay):
            kills += 1
            phase = reached(before, traces(show))
            phases[phase] = phases.get(phase, 0) + 1
        else:
            scale *= 0.8
        check_feeds_on_disk(show)
        check_show(show)

    print(f"{kills} kills; the last phase each reached: {phases}")
    assert kills >= KILLS, f"only {kills} runs were killed before they ended"
    # What was left behind does not stand in the way of the next build.
    run_to_end(show, "build", "--engine", "espeak", f"episodes/{slug}/article.yaml")
    assert check_show(show) == 2
