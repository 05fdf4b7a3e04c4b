"""Build benchmarks (make bench): the performance targets of the README, measured here.

Each case runs in a fresh process (so peak RSS is its own) on a scratch copy of the sample
show, with the offline espeak engine and the podcast rendition only, as the targets say:
  (a) the sample article, cold cache: wall time, audio seconds, real-time factor
  (b) a 60-minute bulletin assembled from many articles: real-time factor, peak RSS
  (c) a warm rebuild of the unchanged sample; and, forced, with a warm speech cache
  (d) feed generation for 10,000 episodes (their pages already written)
  (h) the episode pages of those 10,000 written from nothing, each with its embed (20,000
      files); then, after one new episode, how many are rewritten
  (e) 50 articles with -j 2 against -j 1, each from a cold speech cache; and, for scale,
      what this machine's two cores give the work that dominates a build: the floor's
      encode run twice at once against twice in turn
  (f) the floor for (a): espeak synthesis of the same sentences plus one ffmpeg encode of
      that audio to the podcast rendition's format (MP3 at 44.1 kHz and its bitrate, as the
      build must deliver): the least any build of the sample can do
  (g) what each further rendition costs: the sample built cold with the podcast and one
      other default rendition, against the podcast alone, as a share of that build
  (j) the show's site (home.py: home page, archive pages, partners.html) for 10,000
      episodes written from nothing; then, after one new episode, which of its files change
  (i) the cold sample as a producer meets it: the whole `audiocast build` process, start-up
      included, against the smallest process that does the job's least (one espeak call for
      all the spoken text, one encode to the podcast MP3), in alternating pairs; the median
      of the pairs' ratios

`bench_build.py process BEFORE` runs (i) with another checkout's build in the same rounds.
`bench_build.py stages [BEFORE]` says where (i)'s time goes: the cold build process stage by
stage (stage_timer.py), wall and CPU per thread, beside the floor process's own stages; with
BEFORE, a checkout of another version of audiocast, its stages too, runs alternating.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from report import print_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "episodes" / "2024-06-18-putin-pyongyang" / "article.yaml"
REPEATS = 5  # cold sample builds and floors, interleaved; medians reported (this VM is noisy)
ADDED = ("mobile", "radio", "broadcast")  # the default renditions besides the podcast's


def scratch_show(base: Path, name: str, renditions: tuple[str, ...] = ("podcast",)) -> Path:
    show = base / name
    (show / "episodes").mkdir(parents=True)
    chosen = ", ".join(f'"{r}"' for r in renditions)
    settings = (ROOT / "audiocast.toml").read_text() + f"\n[build]\nrenditions = [{chosen}]\n"
    (show / "audiocast.toml").write_text(settings)
    shutil.copy(ROOT / "lexicon.yaml", show / "lexicon.yaml")
    return show


def add_article(show: Path, slug: str, data: dict) -> Path:  # type: ignore[type-arg]
    folder = show / "episodes" / slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "article.yaml"
    path.write_text(yaml.safe_dump({**data, "slug": slug}, allow_unicode=True, sort_keys=False))
    return path


def run(code: str, cwd: Path) -> dict:  # type: ignore[type-arg]
    """Run Python `code` in a fresh process; it prints one JSON line; add its peak RSS."""
    wrapped = (
        "import json, resource, time\n"
        f"{code}\n"
        "result['rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps(result))\n"
    )
    env = {**os.environ, "AUDIOCAST_ENGINE": "espeak"}
    done = subprocess.run([sys.executable, "-c", wrapped], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"benchmark case failed in {cwd}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


BUILD = """
from pathlib import Path
from audiocast.show import Show
from audiocast.build import build_episode
show = Show.open(Path('.'))
start = time.perf_counter()
r = build_episode(show, Path({article!r}), engines=['espeak'], force={force})
result = {{'wall': time.perf_counter() - start, 'audio': r.record.duration,
          'up_to_date': r.up_to_date}}
"""

# The floor's speech and encoder, shared by FLOOR (which times both) and PAIR (the encoder).
SPEECH = """
from pathlib import Path
import numpy as np
from audiocast.show import Show
from audiocast.article import load_article
from audiocast.build import show_script
from audiocast.engines.espeak import EspeakEngine
from audiocast.media import media_format
from audiocast.media.encoder import encode as encode_file
show = Show.open(Path('.'))
script = show_script(show, load_article(Path({article!r})))
engine = EspeakEngine()
profile = show.settings.profiles['podcast']
def speak():
    pcm = [engine.synthesize(s.spoken, 'sw') for seg in script for s in seg.sentences]
    return np.concatenate([p.samples for p in pcm]), pcm[0].sample_rate
def encode(audio, rate, name):
    encode_file(media_format(profile.format), audio, rate, profile.encoding, Path(name))
"""

FLOOR = (
    SPEECH
    + """
start = time.perf_counter()
audio, rate = speak()
encode(audio, rate, 'floor.mp3')
result = {{'wall': time.perf_counter() - start, 'audio': len(audio) / rate}}
"""
)

PAIR = (
    SPEECH
    + """
import threading
audio, rate = speak()
start = time.perf_counter()
encode(audio, rate, 'one.mp3')
encode(audio, rate, 'two.mp3')
serial = time.perf_counter() - start
start = time.perf_counter()
pair = [threading.Thread(target=encode, args=(audio, rate, name))
        for name in ('one.mp3', 'two.mp3')]
for thread in pair:
    thread.start()
for thread in pair:
    thread.join()
result = {{'serial': serial, 'wall': time.perf_counter() - start}}
"""
)

FEED = """
import os
from pathlib import Path
import audiocast.episode_page as episode_page
from audiocast.show import Show
from audiocast.site import write_feeds
show = Show.open(Path('.'))
pages = []
write_pages = episode_page.write_episode_pages
cpu = []
def used():  # this process's CPU and that of its helpers (the pages are written by two)
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
def timed(*args, **kwargs):  # the episode pages' share of the time
    begun, before = time.perf_counter(), used()
    written = write_pages(*args, **kwargs)
    pages.append(time.perf_counter() - begun)
    cpu.append(used() - before)
    return written
episode_page.write_episode_pages = timed
start = time.perf_counter()
r = write_feeds(show)
result = {'wall': time.perf_counter() - start, 'episodes': r.episodes, 'written': len(r.pages),
          'pages': sum(pages), 'pages_cpu': sum(cpu)}
"""

BATCH = """
from pathlib import Path
from audiocast.show import Show
from audiocast.batch import build_many, find_articles
show = Show.open(Path('.'))
start = time.perf_counter()
r = build_many(show, find_articles(show), jobs={jobs}, engines=['espeak'], force=True)
wall = time.perf_counter() - start
cpu = sum(t.ru_utime + t.ru_stime for t in map(resource.getrusage,
          (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))  # fmt: skip
result = {{'wall': wall, 'cores': cpu / wall, 'failed': len(r.failed),
          'audio': sum(o.record.duration for o in r.outcomes if o.record)}}
"""


# (i)'s floor: a process that speaks the script's spoken text in one espeak call and
# encodes it once, as the build must (the text is written beforehand: reading the article
# is the build's work, not the floor's). It sets up its process as the CLI does (tuning.py:
# the allocator, numpy's BLAS threads), so the two differ only in the work they do.
FLOOR_PROCESS = """
import sys
from pathlib import Path
from audiocast.tuning import tune_process
tune_process()
from audiocast.engines.espeak import EspeakEngine
from audiocast.media import Encoding, media_format
from audiocast.media.encoder import encode
pcm = EspeakEngine().synthesize(Path('floor.txt').read_text(encoding='utf-8'), 'sw')
encode(media_format('mp3'), pcm.samples, pcm.sample_rate, Encoding('96k', 1, 44100),
       Path('floor.mp3'))
"""

SPOKEN_TEXT = """
from pathlib import Path
from audiocast.show import Show
from audiocast.article import load_article
from audiocast.build import show_script
show = Show.open(Path('.'))
script = show_script(show, load_article(Path({article!r})))
text = ' '.join(s.spoken for seg in script for s in seg.sentences)
Path('floor.txt').write_text(text, encoding='utf-8')
result = {{'characters': len(text)}}
"""
PAIRS = 7


def compiled(tree: Path) -> Path:
    """`tree`'s audiocast with its bytecode written, as an installed package has it (pip
    compiles it; an editable install writes it on the first run): where the environment
    says not to write bytecode, every run would otherwise compile each module again."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "audiocast")],
                   check=True, capture_output=True)  # fmt: skip
    return tree


def timed(command: list[str], cwd: Path, tree: Path = ROOT) -> float:
    """Wall seconds of a whole process, as a producer waits for it, with audiocast from
    `tree`."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark process failed in {cwd}:\n{done.stderr[-2000:]}")
    return wall


def process_costs(base: Path, before: Path | None = None) -> list[tuple[str, str, str]]:
    """(i): the whole CLI process, cold, against the floor process, pair by pair; with
    `before` (another checkout), its build too, in the same rounds."""
    show = scratch_show(base, "h")
    sample = yaml.safe_load(SAMPLE.read_text())
    article = str(add_article(show, "2024-06-18-putin-pyongyang", sample))
    run(SPOKEN_TEXT.format(article=article), show)
    cli = [sys.executable, "-c", "from audiocast.cli import app; app()",
           "build", "--force", "--engine", "espeak", article]  # fmt: skip
    floor = [sys.executable, "-c", FLOOR_PROCESS]
    versions = {"this version": compiled(ROOT), **({"before": compiled(before)} if before else {})}
    builds: dict[str, list[float]] = {name: [] for name in versions}
    floors = []
    for _ in range(PAIRS):  # alternating: each pair meets the machine's same minute
        for name, tree in versions.items():
            shutil.rmtree(show / ".cache", ignore_errors=True)
            builds[name].append(timed(cli, show, tree))
        floors.append(timed(floor, show))
    middle = PAIRS // 2
    rows = []
    for name, walls in builds.items():
        ratios = sorted(b / f for b, f in zip(walls, floors, strict=True))
        measured = (
            f"{sorted(walls)[middle]:.2f} s against {sorted(floors)[middle]:.2f} s (medians); "
            f"pairs' ratios {ratios[0]:.2f}-{ratios[-1]:.2f}x, median {ratios[middle]:.2f}x"
        )
        which = "" if name == "this version" else f" ({name}: {before})"
        rows.append((f"(i) `audiocast build` process{which}, cold, vs floor process "
                     f"({PAIRS} pairs; load average {os.getloadavg()[0]:.2f} after)",
                     measured, "<= 1.3x"))  # fmt: skip
    return rows


# The floor process of (i), its stages timed: start-up, speech, encode.
FLOOR_STAGES = """
import json, resource, sys, time
begun = time.perf_counter()
from pathlib import Path
from audiocast.tuning import tune_process
tune_process()
from audiocast.engines.espeak import EspeakEngine
from audiocast.media import Encoding, media_format
from audiocast.media.encoder import encode
imported = time.perf_counter()
cpu = time.process_time()
pcm = EspeakEngine().synthesize(Path('floor.txt').read_text(encoding='utf-8'), 'sw')
spoken, spoken_cpu = time.perf_counter(), time.process_time()
encode(media_format('mp3'), pcm.samples, pcm.sample_rate, Encoding('96k', 1, 44100),
       Path('floor.mp3'))
done = time.perf_counter()
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({'imports': imported - begun, 'speech': spoken - imported,
                  'speech_cpu': spoken_cpu - cpu, 'encode': done - spoken,
                  'encode_cpu': time.process_time() - spoken_cpu,
                  'ffmpeg_cpu': children.ru_utime + children.ru_stime}))
"""
STAGE_RUNS = 5


def stage_run(command: list[str], cwd: Path, path: Path) -> tuple[float, dict]:  # type: ignore[type-arg]
    """Wall seconds of a whole process run with audiocast from `path`, and its JSON line."""
    env = {**os.environ, "PYTHONPATH": f"{path}{os.pathsep}{Path(__file__).parent}"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark process failed in {cwd}:\n{done.stderr[-2000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def stage_costs(base: Path, before: Path | None) -> None:
    """Where the cold build process's time goes, stage by stage, against the floor's."""
    show = scratch_show(base, "s")
    sample = yaml.safe_load(SAMPLE.read_text())
    article = str(add_article(show, "2024-06-18-putin-pyongyang", sample))
    run(SPOKEN_TEXT.format(article=article), show)
    build = [sys.executable, "-c", "import stage_timer, sys; stage_timer.main(sys.argv[1:])",
             "build", "--force", "--engine", "espeak", article]  # fmt: skip
    versions = {"after": compiled(ROOT), **({"before": compiled(before)} if before else {})}
    walls: dict[str, list[float]] = {"floor": [], **{name: [] for name in versions}}
    stages: dict[str, list[dict]] = {name: [] for name in versions}  # type: ignore[type-arg]
    floors = []
    for _ in range(STAGE_RUNS):  # alternating, so a busy moment touches each alike
        wall, floor = stage_run([sys.executable, "-c", FLOOR_STAGES], show, ROOT)
        walls["floor"].append(wall)
        floors.append(floor)
        for name, path in versions.items():
            shutil.rmtree(show / ".cache", ignore_errors=True)
            wall, timed_stages = stage_run(build, show, path)
            walls[name].append(wall)
            stages[name].append({**timed_stages, "wall": wall})

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    names = list(versions)[::-1]  # before, then after
    load = os.getloadavg()[0]
    print(f"Cold build process by stage, median of {STAGE_RUNS} alternating runs "
          f"(load average {load:.2f} at the end; {os.cpu_count()} cores)")  # fmt: skip
    print("| stage | thread | " + " | ".join(f"{n} wall s | {n} CPU s" for n in names) + " |")
    print("|---|---|" + "---|---|" * len(names))
    keys: list[tuple[str, str]] = []
    for name in names:
        for result in stages[name]:
            for entry in result["stages"]:
                if (entry["stage"], entry["thread"]) not in keys:
                    keys.append((entry["stage"], entry["thread"]))

    def cell(name: str, key: tuple[str, str], field: str) -> float:
        return median([next((e[field] for e in r["stages"] if (e["stage"], e["thread"]) == key),
                            0.0) for r in stages[name]])  # fmt: skip

    def row(label: str, thread: str, values: list[tuple[float, float | None]]) -> None:
        shown = " | ".join(f"{w:.3f} | {'' if c is None else f'{c:.3f}'}" for w, c in values)
        print(f"| {label} | {thread} | {shown} |")

    def start_up(result: dict) -> float:  # type: ignore[type-arg]
        return float(result["wall"] - result["run"])

    row("start-up: interpreter and imports", "main",
        [(median([start_up(r) for r in stages[n]]), None) for n in names])  # fmt: skip
    row("  of which the modules a cold build uses, after the CLI's", "main",
        [(median([r["build_import"] for r in stages[n]]), None) for n in names])  # fmt: skip
    order = {"MainThread": 0, "synthesis": 1, "master": 2, "decoder": 3}
    for key in sorted(keys, key=lambda k: (order.get(k[1], 9), -cell(names[-1], k, "wall"))):
        row(key[0], key[1], [(cell(n, key, "wall"), cell(n, key, "cpu")) for n in names])
    row("ffmpeg processes (encoder, verifying decoder)", "children",
        [(0.0, median([r["ffmpeg_cpu"] for r in stages[n]])) for n in names])  # fmt: skip
    row("the whole process", "", [(median(walls[n]), None) for n in names])
    floor_wall = median(walls["floor"])
    print()
    print(f"Floor process (espeak in one call, one encode), median of {STAGE_RUNS}: "
          f"{floor_wall:.3f} s: start-up {median([f['imports'] for f in floors]):.3f} s, "
          f"speech {median([f['speech'] for f in floors]):.3f} s "
          f"(CPU {median([f['speech_cpu'] for f in floors]):.3f}), "
          f"encode {median([f['encode'] for f in floors]):.3f} s "
          f"(ffmpeg CPU {median([f['ffmpeg_cpu'] for f in floors]):.3f})")  # fmt: skip
    for name in names:
        ratios = sorted(b / f for b, f in zip(walls[name], walls["floor"], strict=True))
        print(
            f"{name}: {median(walls[name]):.3f} s, pairs' ratios to the floor "
            f"{ratios[0]:.2f}-{ratios[-1]:.2f}x, median {median(ratios):.2f}x"
        )


def load() -> str:
    """The machine's load average over the last minute: other work slows every case."""
    return f"{os.getloadavg()[0]:.1f}"


def median_run(runs: list[dict]) -> dict:  # type: ignore[type-arg]
    """The run of median wall time."""
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def bulletin(seconds_wanted: float) -> dict:  # type: ignore[type-arg]
    """Many stories in one long programme: the sample's body repeated as numbered items."""
    sample = yaml.safe_load(SAMPLE.read_text())
    body = []
    for item in range(int(seconds_wanted // 240) + 1):
        body.append({"heading": f"Habari namba {item + 1}"})
        body.extend(dict(block) for block in sample["body"])  # copies: YAML aliases are refused
    return {**sample, "title": "Taarifa ya habari ya saa nzima", "body": body}


def small(i: int) -> dict:  # type: ignore[type-arg]
    sample = yaml.safe_load(SAMPLE.read_text())
    return {**sample, "title": f"Habari fupi namba {i}", "body": sample["body"][:3]}


def main() -> int:
    # one case alone: `… process`, `… site`, `… pages`
    alone = {
        "renditions": rendition_costs,
        "process": process_costs,
        "site": site_costs,
        "pages": page_costs,
    }
    before = Path(sys.argv[2]).resolve() if len(sys.argv) == 3 else None
    if len(sys.argv) in (2, 3) and sys.argv[1] == "stages":
        with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
            stage_costs(Path(tmp), before)
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "process":
        with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
            print_table("Build", process_costs(Path(tmp), before))
        return 0
    if len(sys.argv) == 2 and sys.argv[1] in alone:
        with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
            print_table("Build", alone[sys.argv[1]](Path(tmp)))
        return 0
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="audiocast-bench-") as tmp:
        base = Path(tmp)
        show = scratch_show(base, "a")
        article = str(
            add_article(show, "2024-06-18-putin-pyongyang", yaml.safe_load(SAMPLE.read_text()))
        )
        floors, colds = [], []
        for _ in range(REPEATS):  # interleaved, so a busy moment touches both alike
            floors.append(run(FLOOR.format(article=article), show))
            shutil.rmtree(show / ".cache", ignore_errors=True)  # cold: nothing spoken yet
            colds.append(run(BUILD.format(article=article, force=True), show))
        floor, cold = median_run(floors), median_run(colds)
        warm = run(BUILD.format(article=article, force=False), show)
        forced = run(BUILD.format(article=article, force=True), show)
        rtf = cold["audio"] / cold["wall"]
        measured = (
            f"{cold['wall']:.2f} s for {cold['audio']:.0f} s of audio: {rtf:.0f}x real time, "
            f"{cold['wall'] / floor['wall']:.2f}x the floor"
        )
        rows.append((f"(a) sample, cold (median of {REPEATS})", measured,
                     ">= 100x real time, <= 1.5x floor"))  # fmt: skip
        rows.append(("(f) floor: espeak + one 44.1 kHz encode", f"{floor['wall']:.2f} s", ""))
        rows.append(("(c) rebuild, unchanged", f"{warm['wall']:.3f} s: "
                     f"{cold['wall'] / warm['wall']:.0f}x faster than cold", ">= 3x"))  # fmt: skip
        rows.append(("(c') rebuild forced, warm cache", f"{forced['wall']:.2f} s: "
                     f"{cold['wall'] / forced['wall']:.1f}x faster than cold", ""))  # fmt: skip

        show_b = scratch_show(base, "b")
        long_article = str(add_article(show_b, "2024-06-18-bulletin", bulletin(3600)))
        long = run(BUILD.format(article=long_article, force=True), show_b)
        rows.append(("(b) 60-minute bulletin", f"{long['audio'] / 60:.0f} min: "
                     f"{long['audio'] / long['wall']:.0f}x real time, "
                     f"peak RSS {long['rss_mb']:.0f} MB (sample: {cold['rss_mb']:.0f} MB)",
                     "peak RSS <= 300 MB"))  # fmt: skip

        rows += page_costs(base, show)

        show_e = scratch_show(base, "e")
        for i in range(50):
            add_article(show_e, f"2024-07-{1 + i % 28:02d}-habari-{i:02d}", small(i))
        batches = {}
        for jobs in (1, 2):
            shutil.rmtree(show_e / ".cache", ignore_errors=True)  # both cold: speech is work
            batches[jobs] = run(BATCH.format(jobs=jobs), show_e)
        one, two = batches[1], batches[2]
        measured = (
            f"{one['wall']:.1f} s vs {two['wall']:.1f} s: "
            f"{one['wall'] / two['wall']:.2f}x the throughput (cores busy on average: "
            f"{one['cores']:.2f} with -j 1, {two['cores']:.2f} with -j 2)"
        )
        rows.append(("(e) 50 articles, -j 2 vs -j 1", measured, ">= 1.6x"))
        pair = run(PAIR.format(article=article), show)
        measured = (
            f"{pair['serial']:.2f} s in turn vs {pair['wall']:.2f} s at once: "
            f"{pair['serial'] / pair['wall']:.2f}x the throughput"
        )
        rows.append(("(e') this machine: two encodes at once vs in turn", measured, ""))

        rows += rendition_costs(base)
        rows += process_costs(base)
        rows += site_costs(base)

    print_table("Build", rows)
    return 0


def page_costs(base: Path, show: Path | None = None) -> list[tuple[str, str, str]]:
    """(d), (h) and (h'): feeds and episode pages for 10,000 episodes made from the sample
    (built here unless `show` has it built)."""
    if show is None:
        show = scratch_show(base, "a")
        article = add_article(
            show, "2024-06-18-putin-pyongyang", yaml.safe_load(SAMPLE.read_text())
        )
        run(BUILD.format(article=str(article), force=True), show)
    rows: list[tuple[str, str, str]] = []
    show_d = scratch_show(base, "d")
    sample = show / "episodes/2024-06-18-putin-pyongyang"
    record = json.loads((sample / "episode.json").read_text())
    for i in range(10_000):
        folder = show_d / "episodes" / f"2020-01-01-habari-{i:05d}"
        folder.mkdir(parents=True)
        one = {**record, "slug": folder.name, "guid": f"guid-{i}",
               "date": f"20{10 + i % 15:02d}-0{1 + i % 9}-1{i % 9}T06:00:00+03:00"}  # fmt: skip
        (folder / "episode.json").write_text(json.dumps(one))
        for rendition in record["renditions"].values():  # without its media, none is listed
            os.link(sample / rendition["file"], folder / rendition["file"])
    busy = load()
    first = run(FEED, show_d)  # writes every episode page
    feed = run(FEED, show_d)  # as every later run: the pages are current
    measured = f"{feed['wall']:.2f} s, {feed['episodes']:,} listed"
    rows.append(("(d) feeds for 10,000 episodes", measured, "<= 3 s"))
    measured = (
        f"{first['pages']:.2f} s for {first['written']:,} files, pages and embeds "
        f"({first['pages_cpu']:.2f} s of CPU; the whole first feed {first['wall']:.2f} s; "
        f"load average {busy})"
    )
    rows.append(("(h) episode pages for 10,000 episodes, all new", measured, "<= 5 s"))
    folder = show_d / "episodes" / "2099-01-01-habari-mpya"
    folder.mkdir()
    one = {**record, "slug": folder.name, "guid": "guid-new", "date": "2099-01-01T06:00:00Z"}
    (folder / "episode.json").write_text(json.dumps(one))
    for rendition in record["renditions"].values():
        os.link(sample / rendition["file"], folder / rendition["file"])
    added = run(FEED, show_d)
    measured = f"{added['written']} files written (its page and embed) in {added['pages']:.2f} s"
    rows.append(("(h') episode pages after one new episode", measured, "only the new page"))
    return rows


SITE = """
from pathlib import Path
import audiocast.home as home
from audiocast.show import Show
from audiocast.site import write_feeds
show = Show.open(Path('.'))
spent = []
write_home = home.write_home
def timed(*args, **kwargs):  # the site pages' share of the time
    begun = time.perf_counter()
    written = write_home(*args, **kwargs)
    spent.append(time.perf_counter() - begun)
    return written
home.write_home = timed
r = write_feeds(show)
result = {'site': sorted(str(p.relative_to(show.root)) for p in r.site), 'seconds': sum(spent),
          'pages': len(list(show.root.glob('kurasa/*/index.html')))}
"""


def site_costs(base: Path) -> list[tuple[str, str, str]]:
    """(j): the site's pages for 10,000 episodes (made from the sample built once, their
    media hard-linked), then the files one new episode changes."""
    show = scratch_show(base, "j")
    article = add_article(show, "2024-06-18-putin-pyongyang", yaml.safe_load(SAMPLE.read_text()))
    run(BUILD.format(article=str(article), force=True), show)
    sample = show / "episodes/2024-06-18-putin-pyongyang"
    record = json.loads((sample / "episode.json").read_text())

    def add(slug: str, guid: str, date: str) -> None:
        folder = show / "episodes" / slug
        folder.mkdir()
        one = {**record, "slug": slug, "guid": guid, "date": date}
        (folder / "episode.json").write_text(json.dumps(one))
        for rendition in record["renditions"].values():
            os.link(sample / rendition["file"], folder / rendition["file"])

    for i in range(9_999):  # and the sample: 10,000
        add(f"2020-01-01-habari-{i:05d}", f"guid-{i}", "2020-01-01T06:00:00+03:00")
    first = run(SITE, show)
    add("2099-01-01-habari-mpya", "guid-new", "2099-01-01T06:00:00Z")
    added = run(SITE, show)
    total = first["pages"] + 3  # the archive, the home page, partners.html, feeds/index.html
    return [
        ("(j) site pages for 10,000 episodes, all new",
         f"{first['seconds']:.2f} s for {len(first['site'])} files "
         f"({first['pages']} archive pages of 20)", ""),
        ("(j') site pages after one new episode",
         f"{len(added['site'])} of {total} files written in {added['seconds']:.2f} s: "
         + ", ".join(added["site"]), "only the pages that change"),
    ]  # fmt: skip


def rendition_costs(base: Path) -> list[tuple[str, str, str]]:
    """(g): the sample built cold with the podcast rendition and each other in turn."""
    shows = {"podcast": scratch_show(base, "g-podcast")}
    for name in ADDED:
        shows[name] = scratch_show(base, f"g-{name}", ("podcast", name))
    sample = yaml.safe_load(SAMPLE.read_text())
    articles = {
        name: str(add_article(show, "2024-06-18-putin-pyongyang", sample))
        for name, show in shows.items()
    }
    walls: dict[str, list[float]] = {name: [] for name in shows}
    for _ in range(REPEATS):  # interleaved, so a busy moment touches all alike
        for name, show in shows.items():
            shutil.rmtree(show / ".cache", ignore_errors=True)
            walls[name].append(run(BUILD.format(article=articles[name], force=True), show)["wall"])
    medians = {name: sorted(times)[len(times) // 2] for name, times in walls.items()}
    one = medians["podcast"]
    rows = [("(g) sample, podcast rendition only", f"{one:.2f} s (median of {REPEATS})", "")]
    for name in ADDED:
        added = medians[name] - one
        rows.append((f"(g) + {name} rendition", f"{added:+.2f} s: {added / one:.0%} of it",
                     "<= 25 %"))  # fmt: skip
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
