"""Rebuilding an episode: the files the written feeds name stay until the feeds are rewritten,
and what a stopped build leaves behind is reported, then cleaned by the next command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audiocast.fsutil import dead_temps, remove_dead_temps
from audiocast.show import Show
from audiocast.validate import Problem, validate_show

from articles import write_article
from conftest import ROOT, SAMPLE_SLUG, run_cli
from ondisk import broken_links, feed_links, stray_files, whole_episode

SLUG = "2024-05-01-daraja-jipya"
TITLE = "Daraja jipya lafunguliwa Morogoro"
ARTICLE = f"episodes/{SLUG}/article.yaml"
COMMAND = [sys.executable, "-c", "from audiocast.cli import app; app()"]


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    folder.mkdir()
    shutil.copy(ROOT / "audiocast.toml", folder / "audiocast.toml")
    write_article(folder, SLUG, TITLE, 1)
    return folder


def cli(show: Path, *args: str) -> str:
    done = run_cli(*args, cwd=show)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_rebuild_keeps_the_files_the_feeds_name_until_the_feeds_are_rewritten(
    show: Path,
) -> None:
    cli(show, "build", "--engine", "espeak", ARTICLE)
    cli(show, "feed")
    published = feed_links(show)
    feeds = len(Show.open(show).settings.build.renditions)
    assert len(published) == feeds * 4  # per feed: the enclosure, two transcripts, the chapters

    write_article(show, SLUG, TITLE, 2)  # the journalist corrects the story
    cli(show, "build", "--engine", "espeak", ARTICLE)
    # The feeds still list the first build: a listener fetching any of it gets it whole.
    assert feed_links(show) == published
    assert broken_links(show) == []
    record = whole_episode(show / "episodes" / SLUG)
    assert record["summary"] == "Habari fupi, toleo la 2."
    assert not {name.rsplit("/", 1)[1] for name, _ in published} & {
        r["file"] for r in record["renditions"].values()
    }, "the new build has new media names"

    cli(show, "feed")  # the feeds name the new build: the old files have no reader left
    assert broken_links(show) == [] and feed_links(show) != published
    assert stray_files(show) == []
    assert not any((show / name).exists() for name, _ in published)


def start(show: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args], cwd=show, text=True, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def wait_for_temp(show: Path, process: subprocess.Popen[str]) -> Path:
    """The first temporary file the running build writes in the episode folder."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = list((show / "episodes" / SLUG).glob(".*.tmp"))
        if found:
            return found[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    raise AssertionError("the build wrote no temporary file")


def test_a_killed_build_leaves_temporary_files_that_validate_reports_and_feed_cleans(
    show: Path,
) -> None:
    cli(show, "build", "--engine", "espeak", ARTICLE)
    cli(show, "feed")
    write_article(show, SLUG, TITLE, 2)
    build = start(show, "build", "--engine", "espeak", ARTICLE)
    left = wait_for_temp(show, build)
    os.killpg(build.pid, signal.SIGKILL)  # the group this test started
    build.wait()
    assert left.exists(), "nothing was left to clean"

    assert [p.problem for p in leftovers(show)] == [
        f"a temporary file ({left.stat().st_size / 1e6:.1f} MB) left by an audiocast that was "
        "stopped"
    ]
    assert leftovers(show)[0].where == f"episodes/{SLUG}/{left.name}"

    cli(show, "feed")  # at once, not only once the file is old
    assert list(show.rglob(".*.tmp")) == []
    assert leftovers(show) == []


def leftovers(show: Path) -> list[Problem]:
    problems = validate_show(Show.open(show), measure_audio=False)
    return [p for p in problems if "left by" in p.problem]


def test_a_running_build_keeps_its_temporary_files_while_feed_cleans(show: Path) -> None:
    build = start(show, "build", "--engine", "espeak", ARTICLE)
    wait_for_temp(show, build)
    cli(show, "feed")  # cleans the show's leftovers while the build speaks or masters
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 0, stderr
    cli(show, "feed")
    record = whole_episode(show / "episodes" / SLUG)
    assert record["summary"] == "Habari fupi, toleo la 1." and stray_files(show) == []


WRITER = """
import sys, time
from pathlib import Path
from audiocast.fsutil import TempFile
with TempFile(Path(sys.argv[1])) as temp:
    temp.write(b"half an MP3")
    print(temp.path, flush=True)
    time.sleep(60)
"""


def test_a_temporary_file_goes_only_once_its_writer_is_dead(tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "episode.mp3")],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert writer.stdout is not None
    temp = Path(writer.stdout.readline().strip())
    try:
        assert dead_temps(tmp_path) == [] and remove_dead_temps(tmp_path) == []
        assert temp.read_bytes() == b"half an MP3", "another process's write in flight stays"
    finally:
        os.killpg(writer.pid, signal.SIGKILL)
        writer.wait()
    assert dead_temps(tmp_path) == [temp] and temp.exists()  # reported, not removed
    assert remove_dead_temps(tmp_path) == [temp] and not temp.exists()  # at once, at any age


# What an up-to-date build must not load: the audio stack and the network engines' clients,
# most of a second of start-up on a small machine before it says that nothing changed.
AUDIO_STACK = ("numpy", "soxr", "pydub", "PIL", "mutagen", "requests", "urllib3", "aiohttp",
               "edge_tts", "asyncio", "ssl", "audiocast.master", "audiocast.loudness",
               "audiocast.mix", "audiocast.media.encoder")  # fmt: skip
LOADED = """
import sys
from audiocast.cli import app
try:
    app(["build", "--engine", "espeak", sys.argv[1]])
except SystemExit as exit:
    assert not exit.code, exit.code
print(sorted(name for name in sys.modules if name.startswith(tuple(sys.argv[2:]))))
"""


def test_an_up_to_date_build_says_so_without_loading_the_audio_stack(
    built_show: Path, tmp_path: Path
) -> None:
    show = tmp_path / "show"
    shutil.copytree(built_show, show)
    article = f"episodes/{SAMPLE_SLUG}/article.yaml"
    done = subprocess.run([sys.executable, "-c", LOADED, article, *AUDIO_STACK], cwd=show,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    said, loaded = done.stdout.strip().splitlines()
    assert said.startswith("Up to date:")
    assert loaded == "[]"
