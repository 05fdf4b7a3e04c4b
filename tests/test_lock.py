"""The show lock: one writer of records and feeds at a time, a clear message to the next."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audiocast.cli import app
from audiocast.errors import LockError
from audiocast.lock import lock_path, show_lock
from audiocast.show import Show

from conftest import ROOT

HOLDER = """
import sys, time
from pathlib import Path
from audiocast.lock import show_lock
from audiocast.show import Show
with show_lock(Show.open(Path(sys.argv[1])), timeout=10):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def show(tmp_path: Path) -> Show:
    shutil.copy(ROOT / "audiocast.toml", tmp_path / "audiocast.toml")
    return Show.open(tmp_path)


def hold(show: Show, seconds: float) -> subprocess.Popen[str]:
    """Another audiocast process holding the show's lock for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(show.root), str(seconds)],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_second_writer_is_told_who_holds_the_lock(show: Show) -> None:
    holder = hold(show, 30)
    try:
        began = time.monotonic()
        with pytest.raises(LockError) as caught, show_lock(show, timeout=0.3):
            pass
        assert 0.3 <= time.monotonic() - began < 5
        message = str(caught.value)
        assert f"another audiocast is writing this show (pid {holder.pid})" in message
        assert "wait or try again" in message and str(show.root) in message
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()


def test_a_second_writer_waits_its_turn(show: Show) -> None:
    holder = hold(show, 0.5)
    began = time.monotonic()
    with show_lock(show, timeout=20):
        assert time.monotonic() - began >= 0.4  # it waited for the holder to finish
    assert holder.wait(timeout=20) == 0


def test_a_killed_holder_leaves_the_show_unlocked(show: Show) -> None:
    holder = hold(show, 30)
    os.killpg(holder.pid, signal.SIGKILL)
    holder.wait()
    with show_lock(show, timeout=0):
        assert lock_path(show).read_text().strip() == str(os.getpid())


def test_the_holding_thread_may_take_it_again_other_threads_wait(show: Show) -> None:
    order: list[str] = []

    def other() -> None:
        with show_lock(show, timeout=10):
            order.append("other")

    with show_lock(show, timeout=0):
        with show_lock(show, timeout=0):  # re-entered: writing the record, then the feeds
            order.append("inner")
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.2)
        order.append("outer")
    thread.join(timeout=10)
    assert order == ["inner", "outer", "other"]


def test_feed_while_another_process_writes_is_one_clear_line(show: Show) -> None:
    with (show.root / "audiocast.toml").open("a") as settings:
        settings.write("\n[limits]\nlock_timeout = 0.5\n")
    holder = hold(show, 30)
    try:
        result = CliRunner().invoke(app, ["--show", str(show.root), "feed"])
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert (
        f"another audiocast is writing this show (pid {holder.pid}); wait or try again"
        in (lines[0])
    )
    assert not (show.root / "feeds" / "podcast.xml").exists()
