"""Memory of a build against the length of the show's own intro and music bed (make bench).

A short article is built with the espeak engine in a scratch show whose intro (or bed) is a
tone of the given length; the whole `audiocast build` process runs under /usr/bin/time -v
(its "Maximum resident set size") while psutil samples the resident memory of the process
and its children (ffmpeg) together. Flat memory: the 60-minute rows stay near the 1-minute
ones. The target: a 1-hour intro builds in at most 500 MB.

    python benchmarks/bench_assets.py [MINUTES ...]      (default: 1 60)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from report import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from audiocast.ffmpeg import ffmpeg_path  # noqa: E402

LIMIT_MB = 500
ARTICLE = """\
title: Habari fupi
date: 2024-01-02
author: Mwandishi Wetu
summary: Muhtasari wa habari fupi.
body:
  - paragraph: Aya moja ya habari hii fupi.
"""


def tone(path: Path, minutes: float) -> None:
    source = f"sine=frequency=440:duration={minutes * 60}:sample_rate=44100"
    subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", source,
         "-ac", "1", "-b:a", "64k", "-y", str(path)],
        check=True,
    )  # fmt: skip


def peak_tree_mb(process: psutil.Process, stop: threading.Event, out: list[float]) -> None:
    """The largest sum of resident memory over the process and its children, sampled."""
    peak = 0
    while not stop.is_set():
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out.append(peak / 2**20)


def measure(base: Path, minutes: float, role: str) -> tuple[str, str, str]:
    show = base / f"{role}-{minutes}"
    folder = show / "episodes" / "2024-01-02-habari-fupi"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(ARTICLE)
    settings = (ROOT / "audiocast.toml").read_text()
    settings += f'\n[mix]\n{role} = "music.mp3"\n\n[limits]\nepisode_seconds = 10800\n'
    (show / "audiocast.toml").write_text(settings)
    tone(show / "music.mp3", minutes)
    command = ["/usr/bin/time", "-v", sys.executable, "-c",
               "from audiocast.cli import app; app()", "build", "--engine", "espeak"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=show, env=env, stderr=subprocess.PIPE, text=True)
    stop, tree = threading.Event(), []
    sampler = threading.Thread(target=peak_tree_mb, args=(psutil.Process(child.pid), stop, tree))
    sampler.start()
    _, stderr = child.communicate()
    stop.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"build with a {minutes}-minute {role} failed:\n{stderr}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    assert found, stderr
    rss = int(found[1]) / 1024
    measured = (
        f"{rss:.0f} MB peak RSS (time -v); {tree[0]:.0f} MB with its ffmpeg children; "
        f"{seconds:.0f} s"
    )
    return (f"build, {role} of {minutes:g} min", measured, f"≤ {LIMIT_MB} MB")


def main() -> None:
    lengths = [float(arg) for arg in sys.argv[1:]] or [1.0, 60.0]
    base = Path(tempfile.mkdtemp(prefix="bench-assets-"))
    try:
        rows = [measure(base, minutes, role) for role in ("intro", "bed") for minutes in lengths]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print_table("Intro and bed memory", rows)


if __name__ == "__main__":
    main()
