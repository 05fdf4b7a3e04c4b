"""A slug is one episode: two articles of the show may not claim it, whatever their folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audiocast.cli import app
from audiocast.show import Show
from audiocast.validate import validate_show

from conftest import ROOT

SLUG = "2024-01-02-habari-moja"


def article(title: str, slug: str | None = SLUG) -> str:
    line = f"slug: {slug}\n" if slug else ""
    return (
        f"title: {title}\n{line}date: 2024-01-02\nauthor: Mwandishi Wetu\n"
        f"summary: Muhtasari wa {title}.\nbody:\n  - paragraph: Aya ya {title}.\n"
    )


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "show"
    root.mkdir()
    shutil.copy(ROOT / "audiocast.toml", root / "audiocast.toml")
    for folder, title in (("a", "Habari ya kwanza"), ("b", "Habari ya pili")):
        (root / "episodes" / folder).mkdir(parents=True)
        (root / "episodes" / folder / "article.yaml").write_text(article(title))
    return root


def cli(show: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["--show", str(show), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr.strip().splitlines()


def test_two_folders_with_one_slug_are_refused_naming_both_files(show: Path) -> None:
    a, b = show / "episodes" / "a" / "article.yaml", show / "episodes" / "b" / "article.yaml"
    code, lines = cli(show, "build", "--engine", "espeak", str(b))
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert str(a) in lines[0] and str(b) in lines[0] and SLUG in lines[0]
    assert not (show / "episodes" / SLUG).exists()


def test_a_whole_show_build_refuses_both_and_builds_the_rest(show: Path) -> None:
    other = show / "episodes" / "c" / "article.yaml"
    other.parent.mkdir()
    other.write_text(article("Habari ya tatu", slug=None))  # its own slug, from its title
    code, lines = cli(show, "build", "--engine", "espeak")
    assert code == 1
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 2 and all("episodes/a/article.yaml" in e for e in errors), lines
    assert all("episodes/b/article.yaml" in e for e in errors)
    assert "2 of 3 articles failed." in lines
    assert not (show / "episodes" / SLUG).exists()
    assert (show / "episodes" / "2024-01-02-habari-ya-tatu" / "episode.json").is_file()


def test_a_slug_taken_by_an_episode_already_built_is_refused(show: Path) -> None:
    (show / "episodes" / "b" / "article.yaml").write_text(
        article("Habari ya pili", slug="2024-01-02-habari-mbili")
    )
    code, _ = cli(
        show, "build", "--engine", "espeak", str(show / "episodes" / "a" / "article.yaml")
    )
    assert code == 0
    built = sorted(p.name for p in (show / "episodes" / SLUG).iterdir())
    # The second article is edited to the same slug: its build must not replace the first.
    (show / "episodes" / "b" / "article.yaml").write_text(article("Habari ya pili"))
    code, lines = cli(
        show, "build", "--engine", "espeak", str(show / "episodes" / "b" / "article.yaml")
    )
    assert code == 1 and len(lines) == 1 and "episodes/a/article.yaml" in lines[0]
    assert sorted(p.name for p in (show / "episodes" / SLUG).iterdir()) == built


def test_a_derived_slug_counts_too(show: Path) -> None:
    # No slug: line; the title gives the same slug as the other article's written one.
    (show / "episodes" / "b" / "article.yaml").write_text(article("Habari moja", slug=None))
    code, lines = cli(
        show, "build", "--engine", "espeak", str(show / "episodes" / "b" / "article.yaml")
    )
    assert code == 1 and len(lines) == 1
    assert "episodes/a/article.yaml" in lines[0] and "episodes/b/article.yaml" in lines[0]


def test_an_article_in_a_folder_of_its_own_name_is_told_where_its_episode_is(
    tmp_path: Path,
) -> None:
    # episodes/bandari/article.yaml builds into episodes/<date-title>/. validate said "not
    # built yet" for ever, and its fix (build, then feed) answered "Up to date".
    root = tmp_path / "show"
    (root / "episodes" / "bandari").mkdir(parents=True)
    shutil.copy(ROOT / "audiocast.toml", root / "audiocast.toml")
    path = root / "episodes" / "bandari" / "article.yaml"
    path.write_text(article("Bandari ya Mombasa yapokea meli", slug=None))
    result = CliRunner().invoke(
        app, ["--show", str(root), "build", "--engine", "espeak", str(path)]
    )
    assert result.exit_code == 0, result.stderr
    slug = "2024-01-02-bandari-ya-mombasa-yapokea"
    assert (root / "episodes" / slug / "episode.json").is_file()
    assert f"built into episodes/{slug}/" in result.stderr
    problems = [p for p in validate_show(Show.open(root)) if p.where == "episodes/bandari"]
    assert len(problems) == 1 and "not built" not in problems[0].problem
    assert (
        problems[0].fix
        == f"move episodes/bandari/article.yaml into episodes/{slug}/ and delete episodes/bandari/"
    )
    # Following the fix leaves nothing to warn about in that folder.
    shutil.move(path, root / "episodes" / slug / "article.yaml")
    (root / "episodes" / "bandari").rmdir()
    after = validate_show(Show.open(root))
    assert not any(
        p.where.startswith("episodes/bandari") or "not built" in p.problem for p in after
    ), after
