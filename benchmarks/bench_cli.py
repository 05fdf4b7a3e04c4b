"""Command-line start-up (make bench), as a producer meets it: the whole `audiocast` process.

(a) `audiocast --help`: the command's own start-up, nothing of the pipeline loaded
(b) `audiocast list` on a show of 1,000 built episodes (the sample's record, copied)
Each is the median of several runs, after one warm-up that fills the file cache.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import print_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "episodes/2024-06-18-putin-pyongyang/article.yaml"
RUNS = 7
EPISODES = 1_000


def cli(*args: str, cwd: Path) -> float:
    """Seconds the whole `audiocast` process takes, start-up included."""
    command = [sys.executable, "-c", "from audiocast.cli import app; app()", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"audiocast {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall


def median_of(*args: str, cwd: Path) -> float:
    cli(*args, cwd=cwd)
    return statistics.median(cli(*args, cwd=cwd) for _ in range(RUNS))


def thousand_episodes(base: Path) -> Path:
    """A show whose episodes/ holds 1,000 copies of the sample's record."""
    show = base / "show"
    cli("init", str(show), cwd=base)
    article = show / SAMPLE
    article.parent.mkdir(parents=True)
    article.write_bytes((ROOT / SAMPLE).read_bytes())
    cli("build", "--engine", "espeak", SAMPLE, cwd=show)
    record = json.loads((article.parent / "episode.json").read_text())
    for i in range(EPISODES - 1):
        folder = show / "episodes" / f"2020-01-01-habari-{i:04d}"
        folder.mkdir()
        copy = {**record, "slug": folder.name, "guid": f"guid-{i}"}
        (folder / "episode.json").write_text(json.dumps(copy))
    return show


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
        helped = median_of("--help", cwd=Path(tmp))
        show = thousand_episodes(Path(tmp))
        listed = median_of("list", cwd=show)
    rows = [
        (f"(a) `audiocast --help` (median of {RUNS})", f"{helped:.2f} s", "<= 0.3 s"),
        (f"(b) `audiocast list`, {EPISODES:,} episodes (median of {RUNS})", f"{listed:.2f} s",
         "<= 1 s"),
    ]  # fmt: skip
    print_table("Command line", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
