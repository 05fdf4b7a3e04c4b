"""Bulletins: one episode read from several of the show's stories (bulletin.yaml).

Built with the real espeak engine from the sample and a corpus article, then decoded, its
chapters file and record read back, and the speech cache counted to see what was spoken.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import webvtt
import yaml
from test_episode import speech_onset

from audiocast.episode import RECORD_FILE, read_record
from audiocast.show import Show
from audiocast.validate import validate_show

from audio import decode
from conftest import SAMPLE_BASE_URL, SAMPLE_SLUG, copy_sample_show, run_cli

CORPUS = Path(__file__).parent / "data" / "import" / "radio-jamii-iso-date" / "expected.yaml"
STORY = "2024-06-18-magugu-maji-yarejea-ghuba"
BULLETIN = "2024-06-18-habari-saa-mbili-usiku"
UNBUILT = "2024-06-19-wavuvi-wa-kigoma"
UNBUILT_ARTICLE = """\
title: Wavuvi wa Kigoma walalamikia bei ya mafuta
slug: 2024-06-19-wavuvi-wa-kigoma
date: 2024-06-19
author: Mwandishi Wetu
summary: Wavuvi wa mwalo wa Kibirizi wanasema bei ya mafuta imepanda mara mbili.
body:
  - paragraph: Wavuvi wamesitisha safari za usiku. Wengine wameuza mitumbwi yao.
"""


def bulletin_text(*stories: str, extra: str = "") -> str:
    listed = "".join(f"  - {story}\n" for story in stories)
    return f"date: 2024-06-18T20:00:00+03:00\nstyle: brief\n{extra}stories:\n{listed}"


def cached(show: Path) -> set[Path]:
    """The speech the engine has said for this show, one file per sentence and voice."""
    return {p for p in (show / ".cache").rglob("*") if p.is_file() and p.suffix != ".lock"}


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample and a corpus story built, an unbuilt story beside them, and nothing else."""
    root = copy_sample_show(tmp_path_factory.mktemp("bulletin") / "show")
    settings = root / "audiocast.toml"
    settings.write_text(settings.read_text() + '\n[build]\nrenditions = ["podcast"]\n')
    (root / "episodes" / STORY).mkdir()
    shutil.copy(CORPUS, root / "episodes" / STORY / "article.yaml")
    for args in (
        ("build", "-e", "espeak", f"episodes/{SAMPLE_SLUG}/article.yaml"),
        ("build", "-e", "espeak", f"episodes/{STORY}/article.yaml"),
    ):
        done = run_cli(*args, cwd=root)
        assert done.returncode == 0, done.stderr
    (root / "episodes" / UNBUILT).mkdir()
    (root / "episodes" / UNBUILT / "article.yaml").write_text(UNBUILT_ARTICLE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(show: Path) -> tuple[Path, set[Path], set[Path]]:
    """The bulletin built after its stories: (its folder, speech before, speech after)."""
    folder = show / "episodes" / BULLETIN
    folder.mkdir()
    (folder / "bulletin.yaml").write_text(
        bulletin_text(SAMPLE_SLUG, f"{{story: {STORY}, style: headline}}"), encoding="utf-8"
    )
    before = cached(show)
    done = run_cli("build", "-e", "espeak", f"episodes/{BULLETIN}/bulletin.yaml", cwd=show)
    assert done.returncode == 0, done.stderr
    return folder, before, cached(show)


def test_a_bulletin_of_built_stories_speaks_only_its_own_opening(
    built: tuple[Path, set[Path], set[Path]],
) -> None:
    folder, before, after = built
    record = read_record(folder / RECORD_FILE)
    # The stories' titles, leads and first paragraph, the ident and outro: all said before.
    assert len(after - before) == 1
    (opening,) = [s for s in record.segments if s.role == "headline"]
    assert opening.spoken.startswith("Hizi ndizo habari za saa mbili usiku, Jumanne tarehe")


def test_the_bulletin_reads_each_story_in_its_style_in_order(
    show: Path, built: tuple[Path, set[Path], set[Path]]
) -> None:
    record = read_record(built[0] / RECORD_FILE)
    sample = read_record(show / "episodes" / SAMPLE_SLUG / RECORD_FILE)
    story = read_record(show / "episodes" / STORY / RECORD_FILE)
    roles = [s.role for s in record.segments]
    assert roles[:2] == ["intro", "headline"] and roles[-1] == "outro"
    titles = [s.text for s in record.segments if s.role == "story"]
    assert titles == [sample.title, story.title]
    said = " ".join(s.text for s in record.segments)
    first_paragraph = next(s for s in sample.segments if s.role == "paragraph")
    second_paragraph = [s for s in sample.segments if s.role == "paragraph"][1]
    # brief: title, lead and first paragraph; headline: title and lead only.
    assert sample.summary in said and first_paragraph.text in said
    assert second_paragraph.text not in said
    assert story.summary in said
    assert not any(s.text in said for s in story.segments if s.role == "paragraph")


def test_chapters_name_each_story_in_order_and_link_its_episode(
    built: tuple[Path, set[Path], set[Path]],
) -> None:
    folder = built[0]
    record = read_record(folder / RECORD_FILE)
    assert record.chapters_file
    chapters = json.loads((folder / record.chapters_file).read_text())["chapters"]
    stories = [s for s in record.segments if s.role == "story"]
    assert [c["title"] for c in chapters] == ["Utangulizi", *(s.text for s in stories), "Hitimisho"]
    assert [c.get("url") for c in chapters[1:-1]] == [
        f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/",
        f"{SAMPLE_BASE_URL}/episodes/{STORY}/",
    ]
    for chapter, story in zip(chapters[1:-1], stories, strict=True):
        assert abs(chapter["startTime"] - story.start) <= 0.001
    # Decoded, the file is as long as the record and its last chapter say.
    samples = decode(folder / record.renditions["podcast"].file)
    assert abs(len(samples) / 44100 - record.duration) <= 0.05
    assert chapters[-1]["endTime"] == pytest.approx(record.duration, abs=0.01)


def test_an_unchanged_bulletin_is_up_to_date(
    show: Path, built: tuple[Path, set[Path], set[Path]]
) -> None:
    done = run_cli("build", "-e", "espeak", f"episodes/{BULLETIN}/bulletin.yaml", cwd=show)
    assert done.returncode == 0, done.stderr
    assert "Up to date" in done.stdout
    assert cached(show) == built[2]


def test_a_changed_story_is_all_a_rebuild_speaks(show: Path, tmp_path: Path) -> None:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    folder = root / "episodes" / BULLETIN
    folder.mkdir(exist_ok=True)
    (folder / "bulletin.yaml").write_text(bulletin_text(SAMPLE_SLUG, STORY), encoding="utf-8")
    done = run_cli("build", "-e", "espeak", f"episodes/{BULLETIN}/bulletin.yaml", cwd=root)
    assert done.returncode == 0, done.stderr
    article = root / "episodes" / STORY / "article.yaml"
    text = article.read_text(encoding="utf-8")
    changed = text.replace("siku tatu mfululizo.", "siku nne mfululizo.")
    assert changed != text
    article.write_text(changed, encoding="utf-8")
    before = cached(root)
    done = run_cli("build", "-e", "espeak", f"episodes/{BULLETIN}/bulletin.yaml", cwd=root)
    assert done.returncode == 0, done.stderr
    assert len(cached(root) - before) == 1  # the one sentence of the lead that changed
    record = read_record(folder / RECORD_FILE)
    assert any("siku nne mfululizo." in s.text for s in record.segments)


def test_a_story_without_its_own_episode_has_no_link(show: Path, tmp_path: Path) -> None:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    folder = root / "episodes" / "2024-06-19-habari-za-asubuhi"
    folder.mkdir()
    text = bulletin_text(UNBUILT, SAMPLE_SLUG).replace("2024-06-18T20:00", "2024-06-19T08:00")
    (folder / "bulletin.yaml").write_text(text, encoding="utf-8")
    done = run_cli("build", "-e", "espeak", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert done.returncode == 0, done.stderr
    record = read_record(folder / RECORD_FILE)
    assert [c.url for c in record.chapters[1:-1]] == [
        None,
        f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/",
    ]
    assert record.title == "Habari za saa 08:00, 19 Juni 2024"
    (opening,) = [s for s in record.segments if s.role == "headline"]
    assert opening.spoken.startswith("Hizi ndizo habari za saa mbili asubuhi, Jumatano tarehe")
    # It is an episode like any other: the feed lists it, and validate finds nothing wrong.
    done = run_cli("feed", cwd=root)
    assert done.returncode == 0, done.stderr
    assert f"episodes/{folder.name}/" in (root / "feeds" / "podcast.xml").read_text()
    problems = validate_show(Show.open(root), measure_audio=True)
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (bulletin_text("hakuna-habari-hii"), "stories[1]: no story 'hakuna-habari-hii'"),
        (bulletin_text(SAMPLE_SLUG).replace("style: brief", "style: fupi"),
         "'fupi' is not a style; use one of headline, brief, full"),
        ("date: 2024-06-18\nstories: []\n", "field 'stories'"),
        (bulletin_text(SAMPLE_SLUG, STORY, SAMPLE_SLUG),
         f"stories[3]: {SAMPLE_SLUG} is already story 1; list each story once"),
    ],
)  # fmt: skip
def test_a_wrong_bulletin_is_one_clear_line_and_nothing_is_built(
    show: Path, tmp_path: Path, text: str, message: str
) -> None:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    folder = root / "episodes" / "2024-06-18-habari-mbaya"
    folder.mkdir()
    (folder / "bulletin.yaml").write_text(text, encoding="utf-8")
    done = run_cli("build", "-e", "espeak", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert message in line, line
    assert sorted(p.name for p in folder.iterdir()) == ["bulletin.yaml"]


def test_validate_tells_of_a_bulletin_not_built_yet(show: Path, tmp_path: Path) -> None:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    folder = root / "episodes" / "2024-06-20-habari-za-jioni"
    folder.mkdir()
    (folder / "bulletin.yaml").write_text(bulletin_text(SAMPLE_SLUG), encoding="utf-8")
    problems = validate_show(Show.open(root), measure_audio=False)
    (found,) = [p for p in problems if p.where.startswith(f"episodes/{folder.name}")]
    assert found.severity == "warning"
    assert found.problem == "bulletin not built yet: no feed lists it"
    assert f"audiocast build episodes/{folder.name}/bulletin.yaml" in found.fix


# --- a bulletin cut to the length of its slot -----------------------------------------------


def fitted(show: Path, tmp_path: Path, length: str, *stories: str) -> tuple[Path, Path]:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    settings = root / "audiocast.toml"
    settings.write_text(settings.read_text().replace('["podcast"]', '["podcast", "mobile"]'))
    folder = root / "episodes" / "2024-06-18-habari-za-saa-tatu"
    folder.mkdir()
    text = bulletin_text(*stories, extra=f'length: "{length}"\n').replace(
        "style: brief", "style: full"
    )
    (folder / "bulletin.yaml").write_text(text, encoding="utf-8")
    return root, folder


def test_a_bulletin_fills_its_slot_to_a_tenth_of_a_second(show: Path, tmp_path: Path) -> None:
    root, folder = fitted(show, tmp_path, "3:00", SAMPLE_SLUG, STORY, UNBUILT)
    done = run_cli("build", "-e", "espeak", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert done.returncode == 0, done.stderr
    record = read_record(folder / RECORD_FILE)
    for rendition in record.renditions.values():  # the MP3 and the M4A, decoded
        assert abs(len(decode(folder / rendition.file)) / 44100 - 180.0) <= 0.1, rendition.file
    # Three stories in full are over five minutes: the build says what it left out.
    assert record.notes and "to fill 3:00: " + "; ".join(record.notes) in done.stdout
    stories = [s for s in record.segments if s.role == "story"]
    titles = [s.text for s in stories]
    dropped = [n for n in (1, 2, 3) if f"story {n} dropped" in record.notes]
    every = ["Putin kusaini mikataba", "Magugu maji yarejea", "Wavuvi wa Kigoma"]
    assert [t.split(" ")[0] for t in titles] == [
        t.split(" ")[0] for n, t in enumerate(every, 1) if n not in dropped
    ]
    chapters = json.loads((folder / (record.chapters_file or "")).read_text())["chapters"]
    assert [c["title"] for c in chapters] == ["Utangulizi", *titles, "Hitimisho"]
    assert chapters[-1]["endTime"] == pytest.approx(180.0, abs=0.1)
    # Each transcript cue is where its sentence is heard, pauses stretched or not.
    samples = decode(folder / record.renditions["podcast"].file)
    for cue in webvtt.read(str(folder / record.transcripts["vtt"])):
        start = cue.start_in_seconds + int(cue.start[-3:]) / 1000
        assert abs(speech_onset(samples, start) - start) <= 0.05, cue.text
    # Nothing changed: nothing is spoken again, nothing rebuilt.
    before = cached(root)
    again = run_cli("build", "-e", "espeak", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert again.returncode == 0 and "Up to date" in again.stdout, again.stderr
    assert cached(root) == before


def test_a_bulletin_short_of_its_slot_stretches_its_pauses_then_adds_silence(
    show: Path, tmp_path: Path
) -> None:
    root, folder = fitted(show, tmp_path, "2:30", STORY)
    done = run_cli("build", "-e", "espeak", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert done.returncode == 0, done.stderr
    record = read_record(folder / RECORD_FILE)
    assert abs(len(decode(folder / record.renditions["podcast"].file)) / 44100 - 150.0) <= 0.1
    assert record.notes[0].startswith("pauses +")
    # Many seconds of dead air: the producer is told how to fill them.
    assert record.notes[-1].endswith(
        "s of silence at the end (add a story, or read one longer, to fill it)"
    )
    # The voice is not slowed: each sentence lasts as long as in the story's own episode.
    own = read_record(root / "episodes" / STORY / RECORD_FILE)
    heard = {s.text: s.end - s.start for seg in own.segments for s in seg.sentences}
    for segment in record.segments:
        for sentence in segment.sentences:
            if sentence.text in heard:
                assert sentence.end - sentence.start == pytest.approx(
                    heard[sentence.text], abs=0.01
                )


def test_a_slot_too_short_for_any_story_is_refused(show: Path, tmp_path: Path) -> None:
    root, folder = fitted(show, tmp_path, "0:15", SAMPLE_SLUG)
    done = run_cli("build", "-e", "espeak", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert "cannot fit 0:15" in line and "make `length` longer" in line
    assert sorted(p.name for p in folder.iterdir()) == ["bulletin.yaml"]


# --- picking the stories: a rule, and `audiocast bulletin new` -------------------------------


def test_a_rule_picks_the_days_stories_newest_first(show: Path, tmp_path: Path) -> None:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    sample = read_record(root / "episodes" / SAMPLE_SLUG / RECORD_FILE)
    story = read_record(root / "episodes" / STORY / RECORD_FILE)
    newest = max((sample, story), key=lambda r: (r.date, r.slug))
    folder = root / "episodes" / "2024-06-18-habari-za-usiku"
    folder.mkdir()
    path = folder / "bulletin.yaml"
    for rule, expected in [
        ("{}", [newest.title, *(r.title for r in (sample, story) if r is not newest)]),
        ("{most: 1}", [newest.title]),
        ("{date: 2024-06-19}", ["Wavuvi wa Kigoma walalamikia bei ya mafuta"]),
        (f"{{categories: [{sample.categories[0]}]}}", [sample.title]),
    ]:
        path.write_text(f"date: 2024-06-18T21:00\nstories: {rule}\n", encoding="utf-8")
        done = run_cli("script", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
        assert done.returncode == 0, done.stderr
        blocks = done.stdout.split("\n\n")
        titles = [b.splitlines()[1].strip() for b in blocks if "] story (" in b]
        assert titles == expected, rule
    path.write_text("date: 2024-06-18\nstories: {date: 2024-05-01}\n", encoding="utf-8")
    done = run_cli("script", f"episodes/{folder.name}/bulletin.yaml", cwd=root)
    assert done.returncode == 1
    assert "a rule that picks at least one story; none matches it" in done.stderr


def test_bulletin_new_lists_the_days_built_stories_to_build(show: Path, tmp_path: Path) -> None:
    root = tmp_path / "show"
    shutil.copytree(show, root)
    done = run_cli("bulletin", "new", "--date", "2024-06-18", "--at", "07:00", "--length",
                   "2:00", cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    path = root / "episodes" / "2024-06-18-taarifa-0700" / "bulletin.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    built = sorted(
        (read_record(root / "episodes" / s / RECORD_FILE) for s in (SAMPLE_SLUG, STORY)),
        key=lambda r: (r.date, r.slug),
        reverse=True,
    )
    assert data["stories"] == [r.slug for r in built]  # the unbuilt story is not offered
    assert (data["length"], data["style"]) == ("2:00", "brief")
    assert str(data["date"]).startswith("2024-06-18 07:00")
    assert "Wrote episodes/2024-06-18-taarifa-0700/bulletin.yaml with 2 stories" in done.stdout
    # It builds as written, to its length.
    done = run_cli("build", "-e", "espeak", "episodes/2024-06-18-taarifa-0700/bulletin.yaml",
                   cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = read_record(path.parent / RECORD_FILE)
    assert [s.text for s in record.segments if s.role == "story"] == [r.title for r in built]
    assert abs(len(decode(path.parent / record.renditions["podcast"].file)) / 44100 - 120) <= 0.1
    # Never over a bulletin that is there; a day with nothing built says what to do.
    for args, message in [
        (("--date", "2024-06-18", "--at", "07:00"), "already exists"),
        (("--date", "2024-06-19"), "no story of 2024-06-19 is built yet"),
        (("--at", "7am"), "expected the hour on air as HH:MM"),
    ]:
        done = run_cli("bulletin", "new", *args, cwd=root)
        assert done.returncode == 1 and message in done.stderr, done.stderr
    assert path.read_text(encoding="utf-8").count("stories:") == 1
