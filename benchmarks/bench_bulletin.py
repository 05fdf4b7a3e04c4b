"""A bulletin of ten stories that are already built, as a producer builds it.

Target (issue: bulletins): the whole `audiocast build` process of a 10-story bulletin whose
stories are built costs at most 1.3x the floor for its length: one espeak call speaking the
bulletin's whole text and one encode, the floor `bench_build.py` uses. Measured in
alternating pairs (the machine's speed drifts from one minute to the next), the median of
the pairwise ratios; then the same bulletin cut to a slot (`length`), which mixes twice.

Run: .venv/bin/python benchmarks/bench_bulletin.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bench_build import FLOOR_PROCESS, ROOT, add_article, scratch_show, timed
from report import print_table

CORPUS = ROOT / "tests" / "data" / "import"
DAY = "2024-06-18"
STORIES = 10
PAIRS = 5
BULLETIN = f"{DAY}-taarifa-2000"

SPOKEN_TEXT = """
from pathlib import Path
from audiocast.build import read_input
from audiocast.show import Show
show = Show.open(Path('.'))
script = read_input(show, Path({path!r}), show.settings.limits.article_bytes).script
text = ' '.join(s.spoken for seg in script for s in seg.sentences)
Path('floor.txt').write_text(text, encoding='utf-8')
"""


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from audiocast.cli import app; app()", *args]


def stories(show: Path) -> list[str]:
    """Ten corpus articles as the day's stories, each a few minutes of news."""
    slugs = []
    for number, expected in enumerate(sorted(CORPUS.glob("*/expected.yaml"))[:STORIES], 1):
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
        data.pop("date_assumed", None)
        slug = f"{DAY}-hadithi-{number:02d}"
        add_article(show, slug, {**data, "date": f"{DAY}T{6 + number:02d}:00:00+03:00"})
        slugs.append(slug)
    return slugs


def pairs(show: Path, path: Path) -> tuple[str, float]:
    """The bulletin's build process against the floor for its text, pair by pair."""
    subprocess.run([sys.executable, "-c", SPOKEN_TEXT.format(path=str(path))], cwd=show,
                   check=True)  # fmt: skip
    build = cli("build", "--force", "--engine", "espeak", str(path))
    floor = [sys.executable, "-c", FLOOR_PROCESS]
    builds, floors = [], []
    for _ in range(PAIRS):
        builds.append(timed(build, show))
        floors.append(timed(floor, show))
    ratios = sorted(b / f for b, f in zip(builds, floors, strict=True))
    middle = PAIRS // 2
    return (
        f"{sorted(builds)[middle]:.2f} s against {sorted(floors)[middle]:.2f} s (medians); "
        f"pairs' ratios {ratios[0]:.2f}-{ratios[-1]:.2f}x, median {ratios[middle]:.2f}x"
    ), ratios[middle]


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
        show = scratch_show(Path(tmp), "bulletin")
        slugs = stories(show)
        timed(cli("build", "--engine", "espeak", "-j", "2"), show)  # the stories: not timed
        folder = show / "episodes" / BULLETIN
        folder.mkdir()
        path = folder / "bulletin.yaml"
        listed = "".join(f"  - {slug}\n" for slug in slugs)
        path.write_text(f"date: {DAY}T20:00:00+03:00\nstyle: brief\nstories:\n{listed}")
        measured, _ = pairs(show, path)
        rows.append((f"(k) {STORIES}-story bulletin, stories built, vs floor ({PAIRS} pairs)",
                     measured, "<= 1.3x"))  # fmt: skip
        record = yaml.safe_load((folder / "episode.json").read_text())
        minutes, seconds = divmod(round(record["duration"]) - 20, 60)
        slot = f"{minutes}:{seconds:02d}"
        path.write_text(path.read_text() + f'length: "{slot}"\n')
        measured, _ = pairs(show, path)
        rows.append((f"(k') the same cut to {slot} (20 s shorter), vs floor", measured, ""))
    print_table("Bulletin", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
