"""Many articles: a process pool, up-to-date skipping, failures that do not stop the batch,
and the same build on a Dask cluster started on 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from audiocast.build import build_episode
from audiocast.cli import app
from audiocast.show import Show

from conftest import copy_sample_show

TOWNS = ["Mombasa", "Dodoma", "Kisumu", "Arusha"]


def small_show(tmp_path: Path, count: int = 3) -> Path:
    show = copy_sample_show(tmp_path / "show")
    for i, town in enumerate(TOWNS[:count]):
        folder = show / "episodes" / f"2024-07-0{i + 1}-mvua-{town.lower()}"
        folder.mkdir(parents=True)
        article = {
            "title": f"Mvua kubwa yanyesha {town}",
            "slug": folder.name,
            "date": f"2024-07-0{i + 1}",
            "author": "Dawati la Habari",
            "summary": f"Mvua kubwa imenyesha mjini {town} usiku wa kuamkia leo.",
            "body": [{"paragraph": "Wakazi wameombwa kuchukua tahadhari."}],
        }
        (folder / "article.yaml").write_text(yaml.safe_dump(article, allow_unicode=True))
    # The long sample is not part of these batches.
    for path in (show / "episodes" / "2024-06-18-putin-pyongyang").iterdir():
        path.unlink()
    (show / "episodes" / "2024-06-18-putin-pyongyang").rmdir()
    return show


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def records(show: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {
        p.parent.name: json.loads(p.read_text()) for p in (show / "episodes").glob("*/episode.json")
    }


def test_parallel_build_of_every_article_then_nothing_to_do(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = small_show(tmp_path)
    monkeypatch.chdir(show)
    result = runner.invoke(app, ["build", "-e", "espeak", "-j", "2"])
    assert result.exit_code == 0, result.stderr
    built = records(show)
    assert len(built) == 3 and result.stdout.count("Built ") == 3
    stamps = {p: p.stat().st_mtime_ns for p in (show / "episodes").rglob("*.mp3")}

    again = runner.invoke(app, ["build", "-e", "espeak", "-j", "2"])
    assert again.exit_code == 0 and again.stdout.count("Up to date") == 3
    assert {p: p.stat().st_mtime_ns for p in (show / "episodes").rglob("*.mp3")} == stamps

    forced = runner.invoke(app, ["build", "-e", "espeak", "--force"])
    assert forced.exit_code == 0 and forced.stdout.count("Built ") == 3


def test_an_edited_article_is_rebuilt_alone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = small_show(tmp_path, 2)
    monkeypatch.chdir(show)
    assert runner.invoke(app, ["build", "-e", "espeak"]).exit_code == 0
    edited = next((show / "episodes").glob("*mombasa/article.yaml"))
    edited.write_text(edited.read_text().replace("tahadhari", "tahadhari kubwa"))
    result = runner.invoke(app, ["build", "-e", "espeak"])
    assert result.stdout.count("Built ") == 1 and result.stdout.count("Up to date") == 1
    assert "mombasa" in result.stdout.split("Built ")[1].split("\n")[0]


def test_one_bad_article_fails_alone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = small_show(tmp_path, 2)
    bad = show / "episodes" / "2024-07-09-bad"
    bad.mkdir()
    (bad / "article.yaml").write_text("title: Habari\nbody: []\n")
    monkeypatch.chdir(show)
    result = runner.invoke(app, ["build", "-e", "espeak", "-j", "2"])
    assert result.exit_code == 1
    assert "2024-07-09-bad/article.yaml" in result.stderr
    assert "1 of 3 articles failed" in result.stderr
    assert len(records(show)) == 2


def test_the_same_build_runs_on_a_dask_cluster(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    show = small_show(tmp_path, 4)
    monkeypatch.chdir(show)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        address = cluster.scheduler_address.removeprefix("tcp://")
        result = runner.invoke(app, ["build", "-e", "espeak", "--executor", f"dask://{address}"])
    assert result.exit_code == 0, result.stderr
    assert len(records(show)) == 4


def test_a_missing_dask_scheduler_is_a_clear_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(small_show(tmp_path, 1))
    result = runner.invoke(app, ["build", "-e", "espeak", "--executor", "dask://127.0.0.1:9"])
    assert result.exit_code == 1 and "Dask" in result.stderr
    bad = runner.invoke(app, ["build", "-e", "espeak", "--executor", "spark://x"])
    assert bad.exit_code == 1 and "dask://HOST:PORT" in bad.stderr


def test_a_build_reports_how_far_speaking_and_mastering_have_got(tmp_path: Path) -> None:
    # Long work shows progress: sentences spoken, then frames mastered over every rendition.
    show = small_show(tmp_path, count=1)
    article = next((show / "episodes").glob("*/article.yaml"))
    spoken: list[tuple[int, int]] = []
    mastered: list[tuple[int, int]] = []
    result = build_episode(Show.open(show), article, engines=["espeak"],
                           progress=lambda *step: spoken.append(step),
                           mastering=lambda *step: mastered.append(step))  # fmt: skip
    assert spoken[-1][0] == spoken[-1][1] > 1
    totals = {total for _, total in mastered}
    assert len(totals) == 1  # one bar for every rendition
    done = [count for count, _ in mastered]
    assert done == sorted(done) and done[-1] == totals.pop()
    renditions = len(Show.open(show).settings.build.renditions)
    assert len(result.record.renditions) == renditions and len(mastered) >= renditions


def test_a_build_stopped_while_mastering_stops_every_rendition_and_keeps_nothing(
    tmp_path: Path,
) -> None:
    # Ctrl-C (or a rendition failing) while the renditions are mastered side by side: every
    # encoder stops, and the episode folder is as it was before the build.
    show = small_show(tmp_path, count=1)
    article = next((show / "episodes").glob("*/article.yaml"))
    seen: set[int] = set()
    most = 0
    before = set(_children())  # started by others in this process

    def interrupt(done: int, total: int) -> None:
        nonlocal most
        running = set(_children()) - before  # the encoders and decoders running now
        seen.update(running)
        most = max(most, len(running))
        if done > total // 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_episode(Show.open(show), article, engines=["espeak"], mastering=interrupt)
    if len(os.sched_getaffinity(0)) > 1:  # one encoder, and its decoder, per core
        assert most >= 3, "the renditions were not mastered side by side"
    assert not seen & set(_children())  # and none of them outlived the build
    assert [p.name for p in article.parent.iterdir()] == ["article.yaml"]


def _children() -> list[int]:
    """This process's child processes, as the kernel lists them."""
    found = []
    for task in Path("/proc/self/task").iterdir():
        found += [int(pid) for pid in (task / "children").read_text().split()]
    return found
