"""Input that is no file: a named pipe, a device, a socket, given where a file belongs.

Each case runs the real command in its own process with a deadline: a read bounded by
`st_size` (0 for all of them) would eat the memory or wait forever for a writer.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT

DEADLINE = 60  # seconds; the refusal itself takes well under one
ARTICLE = """\
title: {title}
date: 2024-01-0{day}
author: Mwandishi Wetu
summary: Muhtasari wa habari ya {title}.
body:
  - paragraph: Aya fupi ya {title}.
"""


def run(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    command = [sys.executable, "-c", "from audiocast.cli import app; app()", *args]
    start = time.monotonic()
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=DEADLINE, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    return done, time.monotonic() - start


def fifo(path: Path) -> None:
    os.mkfifo(path)


def dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def unix_socket(path: Path) -> Iterator[None]:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        yield


KINDS: dict[str, Callable[[Path], object]] = {
    "fifo": fifo,
    "device": dev_zero,
    "socket": unix_socket,
}
WORDS = {"fifo": "named pipe (FIFO)", "device": "device", "socket": "socket"}


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "show"
    root.mkdir()
    shutil.copy(ROOT / "audiocast.toml", root / "audiocast.toml")
    return root


def plant(kind: str, path: Path) -> Iterator[None]:
    made = KINDS[kind](path)
    if isinstance(made, Iterator):
        yield from made
    else:
        yield


def files_of(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["build", "import"])
def test_a_special_file_is_refused_in_one_line_within_seconds(
    show: Path, kind: str, command: str
) -> None:
    path = show / ("article.yaml" if command == "build" else "page.txt")
    args = ["build", "--engine", "espeak"] if command == "build" else ["import"]
    for _ in plant(kind, path):
        before = files_of(show)
        done, seconds = run(*args, str(path), cwd=show)
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
        assert str(path.name) in lines[0] and WORDS[kind] in lines[0]
        assert seconds < 30  # a process start and a refusal; a hang meets the deadline
        assert files_of(show) == before and not (show / "episodes").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_one_special_file_does_not_stop_a_whole_show_build(show: Path, kind: str) -> None:
    for day, name in enumerate(("kwanza", "pili"), 1):
        folder = show / "episodes" / f"2024-01-0{day}-{name}"
        folder.mkdir(parents=True)
        (folder / "article.yaml").write_text(ARTICLE.format(title=name, day=day))
    bad = show / "episodes" / "2024-01-03-mbaya"
    bad.mkdir()
    for _ in plant(kind, bad / "article.yaml"):
        done, _ = run("build", "--engine", "espeak", cwd=show)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "2024-01-03-mbaya/article.yaml" in errors[0], done.stderr
    assert "1 of 3 articles failed." in done.stderr
    for slug in ("2024-01-01-kwanza", "2024-01-02-pili"):
        assert (show / "episodes" / slug / "episode.json").is_file(), done.stderr
    assert not (bad / "episode.json").exists()


@pytest.mark.parametrize("setting", ["cover", "intro", "bed", "settings", "lexicon"])
def test_a_show_file_that_is_a_pipe_is_refused_naming_it(show: Path, setting: str) -> None:
    folder = show / "episodes" / "2024-01-01-kwanza"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(ARTICLE.format(title="kwanza", day=1))
    settings = (show / "audiocast.toml").read_text()
    names = {"cover": "art.jpg", "intro": "intro.mp3", "bed": "bed.mp3",
             "settings": "audiocast.toml", "lexicon": "lexicon.yaml"}  # fmt: skip
    if setting == "cover":
        settings = settings.replace("[show]\n", '[show]\ncover = "art.jpg"\n', 1)
    elif setting in ("intro", "bed"):
        settings += f'\n[mix]\n{setting} = "{names[setting]}"\n'
    (show / "audiocast.toml").write_text(settings)
    target = show / names[setting]
    target.unlink(missing_ok=True)
    os.mkfifo(target)
    before = files_of(show)
    done, seconds = run("build", "--engine", "espeak", str(folder / "article.yaml"), cwd=show)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and names[setting] in lines[0] and "named pipe" in lines[0], lines
    assert seconds < 30 and files_of(show) == before
