"""Ingest benchmarks (make bench): what an `audiocast ingest` pass costs when nothing changed.

A cron job or a `--watch` loop runs a pass every few minutes all day, and most passes find
nothing new: such a pass must cost next to nothing. The sources are 20 RSS feeds of 100
stories each (full text), served by the local newsroom server of the tests on 127.0.0.1.

Setting up, a first pass imports all 2,000 stories, each into its article.yaml as ever, but
marks them built without speaking them: building 2,000 episodes would take most of an hour,
and a pass in which nothing changed builds nothing either way.

(a) a pass in which nothing changed, the server answering conditional requests as a CMS does
    (ETag): the whole `audiocast ingest` process, start-up included, its CPU (user and
    system) and wall time; and how many of its requests were conditional
(b) the same pass against a server that sends no validators, so every feed comes whole and
    each of the 2,000 stories is read and found unchanged
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from email.utils import format_datetime
from html import escape
from pathlib import Path

from report import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from newsroom import DAY, Newsroom  # noqa: E402

SOURCES = 20
ITEMS = 100
RUNS = 5

TOWNS = ["Tanga", "Mtwara", "Kigoma", "Songea", "Bukoba", "Musoma", "Lindi", "Singida"]
THINGS = ["zahanati mpya", "soko la samaki", "daraja la mto", "shule ya sekondari", "kisima"]


def story(source: int, item: int) -> tuple[str, list[str]]:
    town, thing = TOWNS[(source + item) % len(TOWNS)], THINGS[item % len(THINGS)]
    title = f"Wakazi wa {town} wapata {thing}, habari nambari {source}-{item}"
    paragraphs = [
        f"Wakazi wa {town} wamefurahia kufunguliwa kwa {thing} iliyojengwa kwa ushirikiano "
        f"wa halmashauri na wananchi katika mwezi wa {1 + item % 12}.",
        f"Diwani wa kata alisema kazi hiyo imechukua siku {20 + item} na itawahudumia watu "
        f"wapatao elfu {2 + source}.",
    ]
    return title, paragraphs


def feed(base: str, source: int) -> str:
    items = []
    for item in range(ITEMS):
        title, paragraphs = story(source, item)
        content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        items.append(
            f"<item><title>{escape(title)}</title><link>{base}/s{source}/{item}</link>"
            f"<guid isPermaLink='false'>s{source}-{item}</guid>"
            f"<pubDate>{format_datetime(DAY)}</pubDate><dc:creator>Asha Juma</dc:creator>"
            f"<description>{escape(paragraphs[0][:80])}</description>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
        "xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>Habari</title>"
        f"<link>{base}/</link><description>Habari za mikoani</description>"
        f"{''.join(items)}</channel></rss>"
    )


SETTINGS = """[show]
title = "Habari za Mikoani"
base_url = "https://mikoani.example.org/habari"
owner = {{ name = "Dawati la Habari", email = "habari@mikoani.example.org" }}

[voices]
engine = ["espeak"]

[build]
renditions = ["podcast"]
{sources}"""

# The first pass, in a process of its own: every story imported, none spoken (see above).
FIRST_PASS = """
import sys
from pathlib import Path
import audiocast.ingest as ingest
from audiocast.show import Show

def marked_built(show, state, imported, engines, result, *_):
    for entry in imported:
        state.outcome(entry.source.url, entry.item.identity, "built")
        result.new.append(entry.slug)
    return set()

ingest._build = marked_built
result = ingest.run_pass(Show.open(Path(sys.argv[1])))
print(result.summary())
"""


def ingest_pass(show: Path) -> dict[str, float]:
    """One whole `audiocast ingest` process: its wall time and CPU (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "audiocast"), "ingest"],
        cwd=show,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or ", 0 new, 0 updated" not in done.stdout:
        raise SystemExit(f"the unchanged pass did something:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu}


def main() -> int:
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp, Newsroom() as newsroom:
        show = Path(tmp) / "show"
        (show / "episodes").mkdir(parents=True)
        paths = [f"/s{n}/feed" for n in range(SOURCES)]
        for n, path in enumerate(paths):
            newsroom.set(path, feed(newsroom.base, n), content_type="application/rss+xml")
        tables = "".join(f'\n[[sources]]\nurl = "{newsroom.url(p)}"\n' for p in paths)
        (show / "audiocast.toml").write_text(SETTINGS.format(sources=tables), encoding="utf-8")
        first = subprocess.run(
            [sys.executable, "-c", FIRST_PASS, str(show)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "AUDIOCAST_ENGINE": "espeak"},
        )
        expected = f"{SOURCES * ITEMS} new"
        if first.returncode != 0 or expected not in first.stdout:
            raise SystemExit(f"the first pass failed:\n{first.stdout}\n{first.stderr}")

        newsroom.requests.clear()
        runs = [ingest_pass(show) for _ in range(RUNS)]
        asked = [headers for path, headers in newsroom.requests if path in paths]
        conditional = sum(1 for headers in asked if "If-None-Match" in headers)
        cpu = statistics.median(r["cpu"] for r in runs)
        wall = statistics.median(r["wall"] for r in runs)
        rows.append(
            (
                f"(a) a pass with nothing new, {SOURCES} sources of {ITEMS} stories, "
                f"the whole process (median of {RUNS})",
                f"{cpu:.2f} s of CPU, {wall:.2f} s wall; {conditional} of {len(asked)} "
                "requests conditional, each answered 304",
                "<= 1 s of CPU, only conditional requests",
            )
        )

        for path in paths:
            newsroom.answers[path].validators = False  # every answer whole, every time
        runs = [ingest_pass(show) for _ in range(RUNS)]
        cpu = statistics.median(r["cpu"] for r in runs)
        wall = statistics.median(r["wall"] for r in runs)
        rows.append(
            (
                "(b) the same against a server without validators: 2,000 stories read and "
                "found unchanged",
                f"{cpu:.2f} s of CPU, {wall:.2f} s wall",
                "",
            )
        )
    print_table("Ingest", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
