"""The command line as a producer meets it: help, output, one-line errors and exit codes."""

from __future__ import annotations

import importlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import podcastparser
import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from audiocast import build as build_module
from audiocast.article import load_article
from audiocast.batch import build_one
from audiocast.cli import app
from audiocast.config import load_settings
from audiocast.episode import read_record
from audiocast.errors import AudioError, EpisodeError
from audiocast.show import Show
from audiocast.swahili import load_lexicon

from conftest import ROOT, SAMPLE_SLUG, copy_sample_show, run_cli

# The package's own names `master` and `mix` are the functions: these are their modules.
master_module = importlib.import_module("audiocast.master")
mix_module = importlib.import_module("audiocast.mix")

ARTICLE = f"episodes/{SAMPLE_SLUG}/article.yaml"
PAGE = ROOT / "tests" / "data" / "import" / "a-mwananchi-madawati" / "input.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_sample_show(tmp_path / "show")
    monkeypatch.chdir(folder)
    return folder


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert {"init", "import", "script", "build", "feed", "list", "validate", "serve", "publish",
            "voices", "doctor"} <= set(commands)  # fmt: skip
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"{name} --help gives no example"


def test_script_prints_every_segment_for_proofreading(runner: CliRunner, show: Path) -> None:
    result = runner.invoke(app, ["script", ARTICLE])
    assert result.exit_code == 0, result.stderr
    assert "Putin kusaini mikataba ya ushirikiano mjini Pyongyang" in result.stdout
    assert "quote (quote)" in result.stdout and "quote_intro (narrator)" in result.stdout
    assert "tarehe kumi na nane Juni" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["script", "nowhere/article.yaml"], "nowhere/article.yaml: no such file"),
        (["build", "--engine", "nonsense", ARTICLE], "no speech engine is available"),
    ],
)
def test_errors_are_one_line_with_exit_code_1(
    runner: CliRunner, show: Path, args: list[str], expected: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_invalid_article_names_the_field(runner: CliRunner, show: Path) -> None:
    bad = show / "bad.yaml"
    bad.write_text("title: Habari\ndate: 2024-06-18\nauthor: A\nsummary: S\nbody: []\n")
    result = runner.invoke(app, ["script", "bad.yaml"])
    assert result.exit_code == 1
    assert "bad.yaml" in result.stderr and "'body'" in result.stderr


def test_usage_errors_exit_2(runner: CliRunner, show: Path) -> None:
    assert runner.invoke(app, ["script"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_verbose_shows_the_traceback(runner: CliRunner, show: Path) -> None:
    result = runner.invoke(app, ["--verbose", "script", "nowhere.yaml"])
    assert result.exit_code == 1
    assert result.exception is not None and "no such file" in str(result.exception)


def test_broken_settings_are_reported_with_the_file(runner: CliRunner, show: Path) -> None:
    (show / "audiocast.toml").write_text("[show\ntitle = 1\n")
    result = runner.invoke(app, ["script", ARTICLE])
    assert result.exit_code == 1 and "audiocast.toml" in result.stderr


def test_init_creates_a_show_and_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "new-show"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert (folder / "audiocast.toml").is_file() and (folder / "episodes").is_dir()
    again = runner.invoke(app, ["init", str(folder)])
    assert again.exit_code == 1 and "already" in again.stderr


def test_init_takes_the_voices_engines_in_order(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pwani"
    result = runner.invoke(app, ["init", str(folder), "-e", "edge", "-e", "espeak",
                                 "--language", "sw-TZ"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    voices = Show.open(folder).settings.voices
    assert voices.engine == ["edge", "espeak"] and voices.accent == "TZ"
    wrong = runner.invoke(app, ["init", str(tmp_path / "other"), "-e", "gogle"])
    assert wrong.exit_code == 1 and len(wrong.stderr.strip().splitlines()) == 1
    assert "gogle" in wrong.stderr and "gtts" in wrong.stderr  # what there is to choose
    assert not (tmp_path / "other").exists()


def test_list_shows_built_episodes(runner: CliRunner, built_show: Path) -> None:
    result = runner.invoke(app, ["--show", str(built_show), "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert SAMPLE_SLUG in result.stdout and "espeak" in result.stdout


def test_list_marks_an_assumed_date(runner: CliRunner, built_show: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copytree(built_show, tmp_path / "show"))
    record = copy / "episodes" / SAMPLE_SLUG / "episode.json"
    record.write_text(json.dumps(json.loads(record.read_text()) | {"date_assumed": True}))
    result = runner.invoke(app, ["--show", str(copy), "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "2024-06-18 (assumed)" in result.stdout
    plain = runner.invoke(app, ["--show", str(built_show), "list"], env={"COLUMNS": "200"})
    assert "2024-06-18" in plain.stdout and "assumed" not in plain.stdout


def test_list_on_an_empty_show_says_what_to_do(runner: CliRunner, show: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0 and "audiocast build" in result.stdout


def test_doctor_reports_engines_ffmpeg_and_network(
    runner: CliRunner, show: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIOCAST_NETWORK_PROBE", "127.0.0.1:9")  # nothing listens there
    result = runner.invoke(app, ["doctor"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if "│" in line}
    assert "ok" in lines["engine espeak"] and "1.52" in lines["engine espeak"]
    assert "missing" in lines["engine gtts"]
    assert "ok" in lines["ffmpeg"]
    assert "missing" in lines["network"]


@pytest.mark.parametrize("stage", ["master", "write_record"])
def test_a_failed_build_leaves_no_episode_in_the_feed(
    runner: CliRunner, built_show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    stage: str,
) -> None:  # fmt: skip
    show = copy_sample_show(tmp_path / "show")
    shutil.copytree(built_show / ".cache", show / ".cache")
    monkeypatch.chdir(show)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise (AudioError if stage == "master" else EpisodeError)("disk full")

    # The build imports mastering when it makes audio: it is failed where it is defined.
    monkeypatch.setattr(master_module if stage == "master" else build_module, stage, fail)
    result = runner.invoke(app, ["build", ARTICLE])
    assert result.exit_code == 1 and "disk full" in result.stderr
    assert not (show / "episodes" / SAMPLE_SLUG / "episode.json").exists()
    assert runner.invoke(app, ["feed"]).exit_code == 0
    xml = (show / "feeds" / "podcast.xml").read_bytes()
    assert podcastparser.parse("https://example.org/feed", io.BytesIO(xml))["episodes"] == []
    assert not list(show.rglob("*.tmp"))


def test_build_and_feed_as_real_processes(built_show: Path) -> None:
    # built_show ran `audiocast build` and `audiocast feed` as subprocesses; check what a
    # producer saw and that a second `feed` run is byte-identical (stable for caches).
    record = json.loads((built_show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
    feed = (built_show / "feeds" / "podcast.xml").read_bytes()
    done = run_cli("feed", cwd=built_show)
    assert done.returncode == 0 and "(1 episode)" in done.stdout
    assert (built_show / "feeds" / "podcast.xml").read_bytes() == feed
    assert record["renditions"]["podcast"]["file"].encode() in feed


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('intro = "jingle.mp3"', "jingle.mp3: not audio ffmpeg can read"),
        ('bed = "missing.wav"', "missing.wav: no such audio file"),
        ('outro = "../../etc/passwd"', "outside the show folder"),
    ],
)
def test_the_shows_own_audio_is_checked(
    runner: CliRunner, show: Path, setting: str, expected: str
) -> None:
    (show / "jingle.mp3").write_bytes(b"ID3 this is not an mp3 at all" * 50)
    with (show / "audiocast.toml").open("a") as settings:
        settings.write(f"\n[mix]\n{setting}\n")
    result = runner.invoke(app, ["build", "--engine", "espeak", ARTICLE])
    assert result.exit_code == 1
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (show / "episodes" / SAMPLE_SLUG / "episode.json").exists()


def test_import_writes_the_article_for_review(runner: CliRunner, show: Path) -> None:
    seed = Path(__file__).parent / "data" / "articles" / "dw-putin-pyongyang-2024-06-18.txt"
    result = runner.invoke(app, ["import", str(seed), "--explain"])
    assert result.exit_code == 0, result.stderr
    assert "Picha:" in result.stdout and "Soma:" in result.stdout  # what was dropped, and why
    written = show / "episodes" / "2024-06-18-putin-kusaini-mikataba-ya" / "article.yaml"
    assert written.is_file()
    script = runner.invoke(app, ["script", str(written)])
    assert script.exit_code == 0 and "Kim ausifu uhusiano unaotanuka" in script.stdout
    again = runner.invoke(app, ["import", str(seed)])
    assert again.exit_code == 1 and "already exists" in again.stderr


UNDATED_PAGE = """Wakulima walalamikia bei ya kahawa
Na Juma Mussa
Saa 2 zilizopita

Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.

Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi wiki ijayo.
"""


def test_a_page_without_a_date_imports_with_todays_date_and_one_warning(
    runner: CliRunner, show: Path
) -> None:
    (show / "ukurasa.txt").write_text(UNDATED_PAGE, encoding="utf-8")
    result = runner.invoke(app, ["import", "ukurasa.txt", "-o", "habari.yaml"])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "date" in line]
    assert len(warnings) == 1 and "no date on the page" in warnings[0]
    today = Show.open(show).settings.show.today().isoformat()
    assert today in warnings[0]
    written = yaml.safe_load((show / "habari.yaml").read_text(encoding="utf-8"))
    assert str(written["date"]) == today and written["date_assumed"] is True
    assert load_article(show / "habari.yaml").date_assumed


def test_import_with_a_date_uses_it_whatever_the_page_says(runner: CliRunner, show: Path) -> None:
    seed = Path(__file__).parent / "data" / "articles" / "dw-putin-pyongyang-2024-06-18.txt"
    (show / "ukurasa.txt").write_text(UNDATED_PAGE, encoding="utf-8")
    for page in (str(seed), "ukurasa.txt"):
        args = ["import", page, "--date", "2024-06-20", "-o", "x.yaml", "--force"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert "date" not in result.stderr
        written = yaml.safe_load((show / "x.yaml").read_text(encoding="utf-8"))
        assert str(written["date"]) == "2024-06-20" and "date_assumed" not in written


@pytest.mark.parametrize("bad", ["2024-13-01", "18.06.2024", "jana"])
def test_import_with_a_bad_date_is_a_usage_error(runner: CliRunner, show: Path, bad: str) -> None:
    (show / "ukurasa.txt").write_text(UNDATED_PAGE, encoding="utf-8")
    result = runner.invoke(app, ["import", "ukurasa.txt", "--date", bad])
    assert result.exit_code == 2
    assert "--date" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert not list((show / "episodes").glob("*kahawa*"))  # nothing written


def test_spoken_script_shows_what_the_engine_receives(runner: CliRunner, show: Path) -> None:
    (show / "lexicon.yaml").write_text("Pyongyang: Piongyangi\n")
    written = runner.invoke(app, ["script", ARTICLE]).stdout
    spoken = runner.invoke(app, ["script", "--spoken", ARTICLE]).stdout
    assert "miaka 24." in written and "miaka ishirini na minne." in spoken
    assert "Pyongyang" in written and "Piongyangi" in spoken and "Pyongyang" not in spoken


def test_validate_passes_the_sample_and_points_at_a_defect(
    runner: CliRunner, built_show: Path, tmp_path: Path
) -> None:
    good = runner.invoke(app, ["--show", str(built_show), "validate", "--quick"])
    assert good.exit_code == 0 and "No problems" in good.stdout
    copy = tmp_path / "show"
    shutil.copytree(built_show, copy)
    feed = copy / "feeds" / "podcast.xml"
    feed.write_text(feed.read_text().replace("<itunes:explicit>false", "<itunes:explicit>no"))
    bad = runner.invoke(app, ["--show", str(copy), "validate", "--quick"], env={"COLUMNS": "250"})
    assert bad.exit_code == 1
    assert "itunes:explicit" in bad.stdout and "error" in bad.stderr


def test_a_full_disk_is_one_line_saying_what_to_do_and_leaves_nothing_behind(
    runner: CliRunner, show: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, path: Path, **kwargs: object) -> None:
        path.write_bytes(b"\0" * 1000)  # some of the program made it to disk
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(mix_module, "mix", full)
    result = runner.invoke(app, ["build", "--engine", "espeak", ARTICLE])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.startswith("error: ") and "\n" not in message
    assert "No space left on device" in message and "free some space" in message
    folder = show / "episodes" / SAMPLE_SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["article.yaml"]  # no half-built episode

    outcome = build_one(show, folder / "article.yaml", "espeak", force=True)  # a batch goes on
    assert outcome.error and "No space left on device" in outcome.error


def test_a_new_show_says_its_own_name_to_the_last_word(tmp_path: Path) -> None:
    # Built with only the settings `init` wrote: the outro named the sample show before, and
    # the feeds went out under example.org with the sample's owner address.
    done = run_cli("init", "pwani", "--title", "Sauti ya Pwani", "--base-url",
                   "https://radio.co.tz/pwani", "--owner", "Redio Pwani", "--email",
                   "habari@radio.co.tz", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr
    show = tmp_path / "pwani"
    imported = run_cli("import", str(PAGE), "--date", "2024-06-18", cwd=show)
    assert imported.returncode == 0, imported.stderr
    (article,) = show.glob("episodes/*/article.yaml")
    built = run_cli("build", "--engine", "espeak", str(article.relative_to(show)), cwd=show)
    assert built.returncode == 0, built.stderr
    assert run_cli("feed", cwd=show).returncode == 0
    checked = run_cli("validate", cwd=show)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("No problems"), checked.stdout
    record = read_record(article.parent / "episode.json")
    assert record.segments[0].text == "Hii ni Sauti ya Pwani."
    assert record.segments[-1].text.endswith("Asante kwa kusikiliza Sauti ya Pwani. Kwaheri.")
    # Nothing a listener gets says the sample show's name, its owner or an example address.
    said = [checked.stdout]
    for path in sorted(show.rglob("*")):
        if path.is_file() and path.suffix in (".json", ".xml", ".html", ".vtt", ".srt", ".toml"):
            said.append(path.read_text(encoding="utf-8"))
    for name in ("Habari kwa Sauti", "Dawati la Habari", "example.org"):
        assert not any(name in text for text in said), name
    feed = feedparser.parse((show / "feeds" / "podcast.xml").read_bytes()).feed
    assert feed.rights == "© 2024 Redio Pwani" and feed.author == "Redio Pwani"


def test_init_without_an_address_says_what_to_set_and_validate_says_it_again(
    tmp_path: Path,
) -> None:
    # `init` wrote example.org and the sample's e-mail without a word; validate then said
    # "No problems" and publish sent them out. The show was also named after the sample.
    done = run_cli("init", "sauti-ya-pwani", cwd=tmp_path)
    assert done.returncode == 0
    settings = tmp_path / "sauti-ya-pwani" / "audiocast.toml"
    notes = done.stderr.splitlines()
    assert [line.split(" is a placeholder")[0] for line in notes] == [
        f"note: {settings.relative_to(tmp_path)}: [show] base_url",
        f"note: {settings.relative_to(tmp_path)}: [show] owner.email",
    ]
    loaded = load_settings(settings).show
    assert loaded.title == "Sauti ya pwani" and "Habari kwa Sauti" not in settings.read_text()
    # The sample's podcast:guid would make every such show one podcast to the directories.
    assert loaded.podcast_guid is None
    checked = run_cli("validate", "--quick", cwd=settings.parent)
    assert checked.returncode == 1
    assert "[show] base_url is a placeholder (https://example.org/habari)" in checked.stdout
    assert "[show] owner.email is a placeholder (habari@example.org)" in checked.stdout


def test_a_show_without_ident_or_outro_in_its_settings_still_says_its_title(
    tmp_path: Path,
) -> None:
    (tmp_path / "audiocast.toml").write_text('[show]\ntitle = "Redio Jamii Kilwa"\n')
    settings = load_settings(tmp_path / "audiocast.toml")
    assert settings.show.ident == "Hii ni Redio Jamii Kilwa."
    assert settings.show.outro == "Asante kwa kusikiliza Redio Jamii Kilwa. Kwaheri."


def test_init_tells_where_to_go_and_import_names_the_show_it_writes_into(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The README's order: init a show in a new folder, then import. Without `cd` the import
    # went into whatever show the current folder was, silently.
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["init", "pwani", "--title", "Sauti ya Pwani"])
    assert made.exit_code == 0, made.stderr
    assert "cd pwani" in made.stdout
    page = tmp_path / "ukurasa.txt"
    shutil.copy(PAGE, page)
    monkeypatch.chdir(tmp_path / "pwani")
    imported = runner.invoke(app, ["import", str(page)])
    assert imported.exit_code == 0, imported.stderr
    assert "'Sauti ya Pwani'" in imported.stdout


def test_init_writes_a_lexicon_the_build_reads(tmp_path: Path) -> None:
    done = run_cli("init", "pwani", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lexicon = tmp_path / "pwani" / "lexicon.yaml"
    assert lexicon.is_file() and "respelling" in lexicon.read_text(encoding="utf-8")
    assert len(load_lexicon(lexicon)) == 0  # comments only: nothing respelled yet
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "Stoltenberg: Stoltenbeg\n")
    assert load_lexicon(lexicon).apply("Stoltenberg alisema.") == "Stoltenbeg alisema."


def test_narrow_output_never_cuts_a_path_or_a_cell(
    runner: CliRunner, built_show: Path, tmp_path: Path
) -> None:
    # Piped output is 80 columns wide (here 40): a path broke mid-name and table cells ended
    # in "…", so a producer could not copy the path or read the fix.
    show = Path(shutil.copytree(built_show, tmp_path / "show"))
    again = run_cli("build", "--engine", "espeak", ARTICLE, cwd=show, columns="40")
    assert again.returncode == 0, again.stderr
    line = next(line for line in again.stdout.splitlines() if line.startswith("Up to date:"))
    assert f"episodes/{SAMPLE_SLUG}/" in line
    (show / "feeds" / "podcast.xml").unlink()
    listed = runner.invoke(app, ["--show", str(show), "validate", "--quick"],
                           env={"COLUMNS": "60"})  # fmt: skip
    assert "…" not in listed.stdout
    # Each column's text, read down the table: every cell is there whole, folded.
    rows = [line.split("│")[1:-1] for line in listed.stdout.splitlines() if "│" in line]
    columns = ["".join(row[i].strip() for row in rows) for i in range(len(rows[0]))]
    assert "feeds/podcast.xml" in columns[1]
    assert "run`audiocastfeed`" in columns[3].replace(" ", "")


def test_the_command_starts_without_loading_the_pipeline() -> None:
    # `audiocast --help` took over a second loading numpy, pydantic, mutagen and every
    # engine; the commands now load what they use (benchmarks/bench_cli.py times it).
    probe = (
        "import sys\n"
        "from audiocast.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'numpy', 'pydantic', 'mutagen', 'lxml', 'requests', 'yaml', 'soxr'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-500:]
