"""`audiocast ingest` left running: busy sources waited for as they ask (429, 503 with
Retry-After) and failing ones less and less often while the others go on; `--watch` passes
until SIGTERM, which lets the story being built finish; the feeds published after a pass."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from newsroom import Answer, Newsroom, rss
from test_ingest import feed_titles, records, write_show
from test_publish import (
    assert_complete,
    assert_nothing_links_to_a_missing_file,
    new_bucket,
    s3,  # noqa: F401 (the fixture: moto's S3 server on 127.0.0.1)
)

from audiocast.show import Show

from conftest import run_cli

SOKO = "Wafanyabiashara wa soko la Kariakoo wapata vibanda vipya"
MAJI = "Wakazi wa Morogoro wapata maji safi baada ya miaka mitano"
KAHAWA = "Bei ya kahawa yapanda katika mnada wa Moshi"


def patient(show: Path, *lines: str) -> None:
    """Add lines to the show's [ingest] table."""
    settings = show / "audiocast.toml"
    text = settings.read_text().replace(
        "[ingest]\n", "[ingest]\n" + "".join(f"{x}\n" for x in lines)
    )
    settings.write_text(text)


def failed(status: int, **headers: str) -> Answer:
    return Answer(b"Hitilafu", status, "text/plain", validators=False, headers=headers)


def summary(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout.strip().splitlines()[-1]


def test_busy_sources_are_asked_again_after_a_wait_and_failing_ones_less_often(
    tmp_path: Path,
) -> None:
    with Newsroom() as newsroom:
        base = newsroom.base
        for path, key in (("/busy", "soko"), ("/flaky", "maji")):
            newsroom.set(path, rss(base, [{"key": key}]))
        newsroom.set("/down", "Hitilafu", status=500, content_type="text/plain")
        newsroom.queue("/busy", failed(429, **{"Retry-After": "1"}))
        newsroom.queue("/flaky", failed(500))
        show = write_show(
            tmp_path / "show", *(f'url = "{base}{p}"' for p in ("/busy", "/flaky", "/down"))
        )
        patient(show, "tries = 3", "retry_wait = 1")
        first = run_cli("ingest", cwd=show)
        second = run_cli("ingest", cwd=show)
        third = run_cli("ingest", cwd=show)

    # First pass: the 429 asked again after its Retry-After, the 500 after 1 s, both stories
    # built; the source still down after its second try fails (its next wait, 2 s, is beyond
    # what this show waits within a pass).
    assert first.returncode == 1, first.stderr
    assert summary(first) == (
        "ingest: 3 sources, 2 new, 0 updated, 0 removed, 1 failed "
        f"({base}/down: the source answered 500 Internal Server Error (2 tries))"
    )
    for path in ("/busy", "/flaky", "/down"):
        times = newsroom.asked(path)
        assert 1.0 <= times[1] - times[0] < 1.8, (path, times)
    # Second pass: the source that failed once is tried again, fails again, and now waits a
    # minute; the others answer 304.
    assert second.returncode == 1
    assert "0 new, 0 updated, 0 removed, 1 failed (" in summary(second)
    # Third pass: the source down is not asked at all, and said to be waiting.
    assert third.returncode == 0, third.stderr
    assert summary(third).startswith(
        f"ingest: 3 sources, 0 new, 0 updated, 0 removed, 0 failed, 1 waiting ({base}/down until "
    )
    assert len(newsroom.asked("/down")) == 4
    assert len(newsroom.asked("/busy")) == len(newsroom.asked("/flaky")) == 4
    assert feed_titles(show) == sorted([SOKO, MAJI])
    state = sqlite3.connect(show / "ingest.sqlite")
    waits = state.execute("SELECT url, failures, until - ? > 50 FROM waits", (time.time(),))
    assert waits.fetchall() == [(f"{base}/down", 2, 1)]


def test_a_source_asking_for_a_long_wait_is_left_alone_until_then(tmp_path: Path) -> None:
    with Newsroom() as newsroom:
        newsroom.set("/later", rss(newsroom.base, [{"key": "kahawa"}]))
        # A date six seconds ahead: longer than this show waits within a pass (1 s).
        soon = time.time() + 6
        newsroom.queue("/later", failed(503, **{"Retry-After": format_datetime_at(soon)}))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/later"')
        patient(show, "retry_wait = 1")
        first = run_cli("ingest", cwd=show)
        second = run_cli("ingest", cwd=show)
        assert time.time() < soon - 0.5
        asked = len(newsroom.asked("/later"))
        time.sleep(max(0.0, soon + 0.5 - time.time()))
        third = run_cli("ingest", cwd=show)

    for done in (first, second):  # asked to wait is no failure
        assert done.returncode == 0, done.stderr
        assert summary(done) == (
            "ingest: 1 source, 0 new, 0 updated, 0 removed, 0 failed, 1 waiting "
            f"({newsroom.base}/later until {clock(soon)} UTC)"
        )
    assert asked == 1  # once in the first pass, not in the second
    assert third.returncode == 0, third.stderr
    assert summary(third) == "ingest: 1 source, 1 new, 0 updated, 0 removed, 0 failed"
    assert len(newsroom.asked("/later")) == 2
    assert feed_titles(show) == [KAHAWA]


def format_datetime_at(when: float) -> str:
    from datetime import UTC, datetime

    return format_datetime(datetime.fromtimestamp(when, UTC), usegmt=True)


def clock(when: float) -> str:
    return time.strftime("%H:%M", time.gmtime(when))


class Watching:
    """`audiocast ingest --watch INTERVAL` in its own process; its output lines as they come."""

    def __init__(self, show: Path, *args: str) -> None:
        command = [sys.executable, "-c", "from audiocast.cli import app; app()", "ingest", *args]
        env = {**os.environ, "COLUMNS": "200"}
        self.process = subprocess.Popen(command, cwd=show, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
        self.lines: list[str] = []
        self.errors: list[str] = []
        for stream, into in ((self.process.stdout, self.lines), (self.process.stderr, self.errors)):
            threading.Thread(target=lambda s=stream, i=into: i.extend(x.rstrip("\n") for x in s),
                             daemon=True).start()  # fmt: skip

    def summaries(self) -> list[str]:
        return [line for line in self.lines if " ingest: " in line]

    def wait_for(self, passes: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.summaries()) < passes:
            assert self.process.poll() is None, self.errors
            assert time.monotonic() < deadline, (self.lines, self.errors)
            time.sleep(0.02)

    def stop(self) -> tuple[int, float]:
        """SIGTERM; its exit code and how long it took to exit."""
        sent = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        took = time.monotonic() - sent
        time.sleep(0.1)  # the readers' last lines
        return code, took


def test_watch_passes_until_sigterm_which_lets_the_story_being_built_finish(
    tmp_path: Path,
) -> None:
    from audiocast.lock import show_lock

    with Newsroom() as newsroom:
        newsroom.set("/rss", "Haipo", status=404, content_type="text/plain")
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        watching = Watching(show, "--watch", "0.5")
        watching.wait_for(1)  # a failed pass does not stop the loop
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        watching.wait_for(3)
        # The signal comes while the next story is encoded, and the show lock held here keeps
        # that build from keeping its episode until well after.
        with show_lock(Show.open(show)):
            newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}, {"key": "maji"},
                                                      {"key": "kahawa"}]))  # fmt: skip
            deadline = time.monotonic() + 60
            while not encoding(watching.process.pid):
                assert time.monotonic() < deadline
                time.sleep(0.005)
            watching.process.send_signal(signal.SIGTERM)
            time.sleep(0.5)
        code = watching.process.wait(timeout=60)
        time.sleep(0.1)
        assert code == 0, watching.errors
        first, *_, last = watching.summaries()
        assert first.endswith(
            f" ingest: 1 source, 0 new, 0 updated, 0 removed, 1 failed ({newsroom.base}/rss: "
            "the source answered 404 Not Found)"
        )
        assert any("1 new" in line for line in watching.summaries())
        assert last.endswith(" ingest: 1 source, 1 new, 0 updated, 0 removed, 0 failed; "
                             "stopped early, the rest next pass"), last  # fmt: skip
        assert not [line for line in watching.errors if "Traceback" in line], watching.errors
        # The story being built when the signal came is whole, in the feed; the next is not
        # begun, and no temporary file is left.
        assert feed_titles(show) == sorted([SOKO, MAJI])
        for slug, record in records(show).items():
            for rendition in record["renditions"].values():
                media = show / "episodes" / slug / rendition["file"]
                assert media.stat().st_size == rendition["bytes"]
        assert not [p for p in show.rglob("*") if ".tmp" in p.name]
        # The next pass builds the story left.
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 0, done.stderr
    assert "ingest: 1 source, 1 new, 0 updated, 0 removed, 0 failed" in done.stdout
    assert feed_titles(show) == sorted([SOKO, MAJI, KAHAWA])


def test_sigterm_between_passes_stops_at_once_with_the_last_passs_exit_code(
    tmp_path: Path,
) -> None:
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, []))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        watching = Watching(show, "--watch")  # every 300 s unless told
        watching.wait_for(1)
        time.sleep(0.3)
        code, took = watching.stop()
        newsroom.set("/rss", "Haipo", status=404, content_type="text/plain")
        failing = Watching(show, "--watch", "300")
        failing.wait_for(1)
        failed_code, _ = failing.stop()
    assert code == 0, watching.errors
    assert took < 1.0
    (line,) = watching.summaries()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ingest: 1 source, 0 new, 0 updated, "
                        r"0 removed, 0 failed", line), line  # fmt: skip
    assert watching.errors == []
    assert failed_code == 1  # the last pass failed


def test_watch_refuses_an_interval_of_zero_and_an_interval_without_watch(tmp_path: Path) -> None:
    show = write_show(tmp_path / "show", 'url = "http://127.0.0.1:9/rss"')
    for interval in ("0", "0.0"):
        done = run_cli("ingest", "--watch", interval, cwd=show)
        assert done.returncode == 1
        assert done.stderr.strip() == (
            "error: --watch 0: the interval is in seconds and must be above 0"
        )
    done = run_cli("ingest", "--watch", "-5", cwd=show)
    assert done.returncode == 2 and "-5" in done.stderr  # not a number of seconds
    done = run_cli("ingest", "60", cwd=show)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: 60 seconds between passes is for --watch: `audiocast ingest --watch 60`"
    )
    assert not (show / "ingest.sqlite").exists()


def test_a_pass_that_changed_the_feeds_publishes_them_and_a_failed_publish_is_retried(
    tmp_path: Path,
) -> None:
    www = tmp_path / "www"
    www.write_text("not a folder yet")  # the web server's disk, not mounted
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        patient(show, "publish = true", f'publish_to = "{www}"')
        settings = show / "audiocast.toml"  # addresses of its own: placeholders are not published
        settings.write_text(settings.read_text().replace("pwani.example.org", "pwani.co.tz"))
        refused = run_cli("ingest", cwd=show)
        www.unlink()
        retried = run_cli("ingest", cwd=show)
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}, {"key": "maji"}]))
        newer = run_cli("ingest", cwd=show)
        unchanged = run_cli("ingest", cwd=show)

    assert refused.returncode == 1
    line = summary(refused)
    assert line.startswith(
        f"ingest: 1 source, 1 new, 0 updated, 0 removed, 1 failed (publishing to {www}: "
    )
    assert "Not a directory" in line and line.endswith("; tried again next pass)"), line
    assert retried.returncode == 0, retried.stderr
    assert summary(retried).startswith("ingest: 1 source, 0 new, 0 updated, 0 removed, 0 failed; "
                                       "published ")  # fmt: skip
    assert summary(retried).endswith(f" files to {www}")
    assert newer.returncode == 0, newer.stderr
    assert "1 new" in summary(newer) and "; published " in summary(newer)
    assert unchanged.returncode == 0
    assert summary(unchanged) == "ingest: 1 source, 0 new, 0 updated, 0 removed, 0 failed"
    # What listeners get: the published feed lists both stories, and each file it names is
    # there, the same bytes as the show's.
    published = feedparser.parse(www / "feeds" / "podcast.xml")
    assert sorted(e.title for e in published.entries) == sorted([SOKO, MAJI])
    base_url = "https://pwani.co.tz/habari/"
    for entry in published.entries:
        key = entry.enclosures[0].href.removeprefix(base_url)
        assert (www / key).read_bytes() == (show / key).read_bytes()
    assert (www / "feeds" / "podcast.xml").read_bytes() == (show / "feeds/podcast.xml").read_bytes()


def test_publishing_without_a_destination_is_refused_in_one_line(tmp_path: Path) -> None:
    show = write_show(tmp_path / "show", 'url = "http://127.0.0.1:9/rss"')
    patient(show, "publish = true")
    done = run_cli("ingest", cwd=show)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"error: {show / 'audiocast.toml'}: ingest: publish = true needs publish_to, the folder "
        'or s3://BUCKET/PREFIX to publish to, e.g. publish_to = "s3://habari-media/podcast"'
    )
    assert not (show / "ingest.sqlite").exists()


def encoding(pid: int) -> bool:
    """Whether the process `pid` has an ffmpeg of audiocast's running (a build under way)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == pid and b"-hide_banner" in command:
            return True
    return False


def test_ctrl_c_during_a_build_finishes_the_episode_and_writes_the_feeds(tmp_path: Path) -> None:
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}, {"key": "maji"}]))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        command = [sys.executable, "-c", "from audiocast.cli import app; app()", "ingest"]
        # Its own session: Ctrl-C in a terminal signals the whole foreground process group,
        # the ffmpeg encoding the episode too.
        process = subprocess.Popen(command, cwd=show, stdout=subprocess.PIPE, text=True,
                                   stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while not encoding(process.pid):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGINT)
        out, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    assert out.strip().splitlines()[-1] == (
        "ingest: 1 source, 1 new, 0 updated, 0 removed, 0 failed; stopped early, the rest next pass"
    )
    assert errors == ""
    assert feed_titles(show) == [SOKO]
    ((slug, record),) = records(show).items()
    for rendition in record["renditions"].values():
        assert (show / "episodes" / slug / rendition["file"]).stat().st_size == rendition["bytes"]


def test_a_pass_publishes_to_s3_every_file_the_new_feed_names(
    s3: tuple[str, Any],  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bucket = new_bucket(s3)
    monkeypatch.setenv("AUDIOCAST_S3_ENDPOINT", s3[0])
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        patient(show, "publish = true", f'publish_to = "{bucket.url}"')
        settings = show / "audiocast.toml"
        text = settings.read_text().replace("https://pwani.example.org/habari", bucket.base_url)
        settings.write_text(text.replace("pwani.example.org", "pwani.co.tz"))
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 0, done.stderr
    assert summary(done).startswith("ingest: 1 source, 1 new, 0 updated, 0 removed, 0 failed; ")
    assert summary(done).endswith(f" files to {bucket.url}")
    published = feedparser.parse(bucket.read("feeds/podcast.xml"))
    assert [entry.title for entry in published.entries] == [SOKO]
    assert_complete(bucket, Show.open(show))
    assert_nothing_links_to_a_missing_file(bucket, bucket.base_url)


def test_feeds_a_producer_changed_by_approving_a_draft_are_published_by_the_next_pass(
    tmp_path: Path,
) -> None:
    www = tmp_path / "www"
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        patient(show, "publish = true", f'publish_to = "{www}"', "auto_publish = false")
        settings = show / "audiocast.toml"
        settings.write_text(settings.read_text().replace("pwani.example.org", "pwani.co.tz"))
        drafted = run_cli("ingest", cwd=show)
        assert drafted.returncode == 0, drafted.stderr
        (draft,) = (p.parent.name for p in show.glob("episodes/*/DRAFT"))
        assert not feedparser.parse(www / "feeds" / "podcast.xml").entries  # drafts stay home
        approved = run_cli("approve", draft, cwd=show)
        assert approved.returncode == 0, approved.stderr
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 0, done.stderr
    assert summary(done).startswith("ingest: 1 source, 0 new, 0 updated, 0 removed, 0 failed; "
                                    "published ")  # fmt: skip
    assert [e.title for e in feedparser.parse(www / "feeds" / "podcast.xml").entries] == [SOKO]
