"""`audiocast import DIR/`: every page of a folder, a summary, and one bad page never stops
the rest."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from audiocast.cli import app
from audiocast.importer.files import Imported, PageOutcome

from conftest import copy_sample_show, run_cli

CORPUS = Path(__file__).parent / "data" / "import"
GOOD = ("mwananchi", "old-cms-html", "cms-json-ld")  # a copied page, a saved page, a CMS export
WIDE = {"COLUMNS": "250"}  # table rows on one line each


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_sample_show(tmp_path / "show")
    monkeypatch.chdir(folder)
    return folder


def good_pages(folder: Path) -> Path:
    folder.mkdir()
    for name in GOOD:
        (source,) = (CORPUS / name).glob("input.*")
        shutil.copy(source, folder / f"{name}{source.suffix}")
    return folder


def expected(name: str) -> dict[str, Any]:
    return yaml.safe_load((CORPUS / name / "expected.yaml").read_text())  # type: ignore[no-any-return]


def imported_titles(show: Path) -> set[str]:
    written = (show / "episodes").glob("*/article.yaml")
    return {yaml.safe_load(path.read_text())["title"] for path in written}


def speech_in(article: dict[str, Any]) -> int:
    """Quote blocks and paragraphs' quotes, as the golden files state them."""
    return sum(("quote" in block) + len(block.get("quotes", ())) for block in article["body"])


def test_one_bad_page_never_stops_the_rest(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    pages = good_pages(tmp_path / "kurasa")
    (pages / "tupu.txt").write_text("")
    (pages / "picha.html").write_bytes(bytes(range(256)) * 8)  # an image saved as .html
    shutil.copy(pages / "mwananchi.txt", pages / "nakala-ya-mwananchi.txt")  # the same story twice
    (pages / ".~lock.mwananchi.txt").write_text("an editor's lock file")
    (pages / "maelezo.pdf").write_bytes(b"%PDF-1.4")
    before = imported_titles(show)

    result = runner.invoke(app, ["import", str(pages)], env=WIDE)

    assert result.exit_code == 1
    assert imported_titles(show) - before == {expected(name)["title"] for name in GOOD}
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if "│" in line}
    assert "the input is empty" in rows["tupu.txt"]
    assert "not UTF-8" in rows["picha.html"]
    assert "just written from another page" in rows["nakala-ya-mwananchi.txt"]
    assert "imported → episodes/" in rows["mwananchi.txt"]
    assert expected("mwananchi")["date"].isoformat() in rows["mwananchi.txt"]
    quotes = sum(speech_in(expected(name)) for name in GOOD)
    assert f"Imported 3 of 6 pages: 0 dates assumed, {quotes} quotes found" in result.stdout
    assert "3 of 6 pages failed: nakala-ya-mwananchi.txt, picha.html, tupu.txt" in result.stderr
    assert "maelezo.pdf" in result.stderr and "lock" not in result.stdout + result.stderr


def test_a_folder_of_good_pages_imports_once_then_asks_for_force(
    runner: CliRunner, show: Path, tmp_path: Path
) -> None:
    pages = good_pages(tmp_path / "kurasa")
    first = runner.invoke(app, ["import", str(pages), "--explain"], env=WIDE)
    assert first.exit_code == 0, first.stdout + first.stderr
    assert "Imported 3 of 3 pages" in first.stdout
    assert "old-cms-html.html: dropped (" in first.stdout  # --explain names each page's drops

    again = runner.invoke(app, ["import", str(pages)], env=WIDE)
    assert again.exit_code == 1
    assert again.stdout.count("already exists; review it, or use --force") == 3

    forced = runner.invoke(app, ["import", str(pages), "--force"], env=WIDE)
    assert forced.exit_code == 0 and "Imported 3 of 3 pages" in forced.stdout


def test_a_folder_needs_pages_and_no_output_file(
    runner: CliRunner, show: Path, tmp_path: Path
) -> None:
    pages = good_pages(tmp_path / "kurasa")
    one_file = runner.invoke(app, ["import", str(pages), "--output", "a.yaml"])
    assert one_file.exit_code == 2 and "own episode folder" in one_file.stderr
    empty = tmp_path / "tupu"
    empty.mkdir()
    nothing = runner.invoke(app, ["import", str(empty)])
    assert nothing.exit_code == 1 and "no pages to import" in nothing.stderr


def test_the_command_imports_a_folder(tmp_path: Path) -> None:
    show = copy_sample_show(tmp_path / "show")
    pages = good_pages(tmp_path / "kurasa")
    done = run_cli("import", str(pages), cwd=show)
    assert done.returncode == 0, done.stderr
    assert "Imported 3 of 3 pages" in done.stdout
    assert len(list((show / "episodes").glob("*/article.yaml"))) == 1 + len(GOOD)


def test_a_pages_row_counts_what_the_importer_found(tmp_path: Path) -> None:
    article = {
        "date": "2024-06-18",
        "date_assumed": True,
        "body": [
            {"paragraph": '"Tutajenga," alisema Juma. "Mapema," aliongeza.',
             "quotes": [{"text": "Tutajenga,", "speaker": "Juma"}, {"text": "Mapema,"}]},
            {"quote": "Tumechoka kusubiri.", "speaker": "Amina"},
            {"heading": "Hatua zijazo"},
        ],
    }  # fmt: skip
    page = tmp_path / "ukurasa.txt"
    row = PageOutcome(page, Imported(tmp_path / "article.yaml", [], ["check the date"], article))
    assert (row.date, row.date_assumed, row.quotes, row.warnings) == ("2024-06-18", True, 3, 1)
    failed = PageOutcome(page, error="empty")
    assert (failed.date, failed.date_assumed, failed.quotes, failed.warnings) == (None, False, 0, 0)
