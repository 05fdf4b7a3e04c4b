"""Import benchmarks (make bench): the importer's speed targets, measured here.

(a) one page: import_article and the article.yaml written, in this process, over every
    page of the import corpus (tests/data/import/*/input.*), many times each: the median
    and the slowest page
(b) a folder of 1,000 pages: the whole `audiocast import DIR/` process, start-up included,
    as a producer meets it; the pages are the corpus's, each copy's title made its own
    so that every page becomes its own episode
"""

from __future__ import annotations

import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from report import print_table

from audiocast.fsutil import write_atomic
from audiocast.importer import import_article, to_yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "data" / "import").glob("*/input.*"))
KINDS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}
REPEATS = 30  # per page, after one warm-up that pays for the first import of trafilatura
FOLDER_PAGES = 1_000
TITLE_WORDS = 2  # a copy's number goes after the title's first words: its slug is its own


def time_pages(scratch: Path) -> dict[str, float]:
    """Each corpus page's median seconds from bytes to a written article.yaml."""
    medians = {}
    for page in CORPUS:
        raw, kind, target = page.read_bytes(), KINDS[page.suffix], scratch / "article.yaml"
        times = []
        for _ in range(REPEATS + 1):
            start = time.perf_counter()
            result = import_article(raw, kind, origin=str(page))
            write_atomic(target, to_yaml(result.article, origin=page.name, notes=result.notes))
            times.append(time.perf_counter() - start)
        medians[page.parent.name] = statistics.median(times[1:])
    return medians


def numbered(page: Path, number: int) -> bytes:
    """The page with its number after the first words of its title (wherever they occur)."""
    title = yaml.safe_load((page.parent / "expected.yaml").read_text())["title"]
    words = " ".join(title.split()[:TITLE_WORDS]).encode()
    raw = page.read_bytes()
    if words not in raw:
        raise SystemExit(f"{page}: the title's first words {words!r} are not in the page")
    return raw.replace(words, words + f" {number}".encode())


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from audiocast.cli import app; app()", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def time_folder(base: Path) -> tuple[float, str]:
    """Seconds for `audiocast import DIR/` of 1,000 pages, and its summary line."""
    made = cli("init", "show", cwd=base)
    if made.returncode != 0:
        raise SystemExit(f"audiocast init failed:\n{made.stderr}")
    pages = base / "kurasa"
    pages.mkdir()
    for number in range(FOLDER_PAGES):
        page = CORPUS[number % len(CORPUS)]
        name = f"{number:04d}-{page.parent.name}{page.suffix}"
        (pages / name).write_bytes(numbered(page, number))
    start = time.perf_counter()
    done = cli("import", str(pages), cwd=base / "show")
    wall = time.perf_counter() - start
    summary = [line for line in done.stdout.splitlines() if line.startswith("Imported")]
    if done.returncode != 0 or not summary:
        raise SystemExit(f"the folder import failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return wall, summary[0].split(":")[0]


def main() -> int:
    logging.getLogger("audiocast").setLevel(logging.ERROR)  # a page's notes, 31 times over
    with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
        medians = time_pages(Path(tmp))
        wall, summary = time_folder(Path(tmp))
    slowest = max(medians, key=medians.__getitem__)
    rows = [
        (f"(a) one page, median over {len(medians)} corpus pages ({REPEATS} runs each)",
         f"{statistics.median(medians.values()) * 1000:.1f} ms (slowest: {slowest}, "
         f"{medians[slowest] * 1000:.1f} ms)", "<= 50 ms"),
        (f"(b) `audiocast import DIR/` of {FOLDER_PAGES:,} pages", f"{wall:.1f} s "
         f"({wall / FOLDER_PAGES * 1000:.0f} ms a page, start-up included; {summary})",
         "<= 60 s"),
    ]  # fmt: skip
    print_table("Import", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
