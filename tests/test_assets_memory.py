"""A show's own intro is streamed like speech: a build's memory does not grow with its length.

The 60-minute measurement (at most 500 MB) is `make bench` (benchmarks/bench_assets.py);
here a 3-minute intro must cost what a 10-second one does, within a small margin. Before,
the decoded intro was held (and copied) whole: some 150 MB more per minute.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from audiocast.ffmpeg import ffmpeg_path

from conftest import ROOT

MARGIN_MB = 40  # allocator noise; a 3-minute intro held whole is hundreds of MB
ARTICLE = """\
title: Habari fupi
date: 2024-01-02
author: Mwandishi Wetu
summary: Muhtasari wa habari fupi.
body:
  - paragraph: Aya moja ya habari hii fupi.
"""
# The build in a process of its own, which prints its own peak resident memory in MB.
BUILD = """
import resource, sys
from pathlib import Path
from audiocast.build import build_episode
from audiocast.show import Show
show = Show.open(Path.cwd())
build_episode(show, Path(sys.argv[1]), engines=["espeak"])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_mb(tmp_path: Path, seconds: int) -> float:
    show = tmp_path / f"intro-{seconds}"
    article = show / "episodes" / "2024-01-02-habari-fupi" / "article.yaml"
    article.parent.mkdir(parents=True)
    article.write_text(ARTICLE)
    settings = (ROOT / "audiocast.toml").read_text()
    settings += '\n[mix]\nintro = "intro.mp3"\n\n[build]\nrenditions = ["podcast"]\n'
    (show / "audiocast.toml").write_text(settings)
    tone = f"sine=frequency=440:duration={seconds}:sample_rate=44100"
    subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", tone,
         "-ac", "1", "-b:a", "64k", str(show / "intro.mp3")],
        check=True, timeout=120,
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(article)],
        cwd=show, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shutil.rmtree(show / ".cache", ignore_errors=True)
    return float(done.stdout.strip().splitlines()[-1])


def test_a_long_intro_costs_no_more_memory_than_a_short_one(tmp_path: Path) -> None:
    short, long = peak_mb(tmp_path, 10), peak_mb(tmp_path, 180)
    assert long - short < MARGIN_MB, f"10 s intro: {short:.0f} MB, 3 min intro: {long:.0f} MB"
