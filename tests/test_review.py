"""The review gate of `audiocast ingest`: with `auto_publish = false` new stories are built as
drafts that no feed, page, manifest or publish lists until `audiocast approve`; `audiocast
reject` deletes one for good (until the newsroom changes the story); a story the newsroom
removes is reported, and with `unpublish_removed` taken out of the feeds, its files kept."""

from __future__ import annotations

import http.client
import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from newsroom import STORIES, Newsroom, rss
from test_ingest import killed_with_its_article_written, records, write_show

from audiocast.serve import running
from audiocast.show import Show

from conftest import run_cli

TITLES = {key: title for key, (title, _) in STORIES.items()}
CORRECTION = "Taarifa hii imesahihishwa na dawati la habari."


def feed_titles(show: Path) -> set[str]:
    return {e.title for e in feedparser.parse(show / "feeds" / "podcast.xml").entries}


def public_titles(show: Path) -> dict[str, set[str]]:
    """The titles each public listing of the show names."""
    manifest = json.loads((show / "feeds" / "manifest.json").read_bytes())
    home = (show / "index.html").read_text()
    return {
        "feed": feed_titles(show),
        "manifest": {episode["title"] for episode in manifest["episodes"]},
        "home": {title for title in TITLES.values() if title in home},
    }


def slug_of(show: Path, key: str) -> str:
    (slug,) = (s for s, r in records(show).items() if r["title"] == TITLES[key])
    return slug


def built_files(show: Path, slug: str) -> dict[str, bytes]:
    folder = show / "episodes" / slug
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith(slug)} | {
        "episode.json": (folder / "episode.json").read_bytes()
    }


def speech_cache(show: Path) -> set[Path]:
    return {p for p in (show / ".cache").rglob("*") if not p.name.endswith(".lock")}


@dataclass
class Desk:
    """One show under review, fed by one RSS source; each test goes on from the last."""

    show: Path
    newsroom: Newsroom
    items: list[dict[str, str]]

    def serve(self, *items: dict[str, str]) -> None:
        self.items = list(items)
        self.newsroom.set("/rss", rss(self.newsroom.base, self.items))

    def ingest(self) -> tuple[str, str]:
        done = run_cli("ingest", cwd=self.show)
        assert done.returncode == 0, done.stderr
        return done.stdout, done.stderr

    def set(self, line: str) -> None:
        settings = self.show / "audiocast.toml"
        text = settings.read_text()
        settings.write_text(text.replace("max_bytes = 200_000", f"max_bytes = 200_000\n{line}"))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    with Newsroom() as newsroom:
        source = f'url = "{newsroom.base}/rss"'
        show = write_show(tmp_path_factory.mktemp("review") / "show", source)
        # An address of its own, not the example's: validate and publish accept the show.
        settings = show / "audiocast.toml"
        settings.write_text(settings.read_text().replace("pwani.example.org", "habari.pwani.tz"))
        desk = Desk(show, newsroom, [])
        desk.set("auto_publish = false")
        desk.serve({"key": "soko"}, {"key": "maji"}, {"key": "shule"}, {"key": "kahawa"})
        yield desk


def test_new_stories_are_built_as_drafts_that_nothing_public_lists(
    desk: Desk, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    out, _ = desk.ingest()
    assert "ingest: 1 source, 4 new, 0 updated, 0 removed, 0 failed" in out
    assert out.count("(a draft)") == 4
    assert "4 of them wait for review" in out
    assert len(records(desk.show)) == 4  # built: audio, transcripts, record
    assert public_titles(desk.show) == {"feed": set(), "manifest": set(), "home": set()}
    assert not list(desk.show.glob("episodes/*/index.html"))
    assert not list(desk.show.glob("episodes/*/embed.html"))
    for slug in records(desk.show):
        assert slug not in (desk.show / "partners.html").read_text()

    listed = run_cli("list", "--drafts", cwd=desk.show)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["date", "episode", "length", "source", "title"]
    for key in ("soko", "maji", "shule", "kahawa"):
        (row,) = [line for line in lines if line.endswith(TITLES[key])]
        assert row.startswith("2026-11-20") and slug_of(desk.show, key) in row
        assert " Habari " in row  # the source the newsroom's feed names
        assert any(part.count(":") == 1 and part[0].isdigit() for part in row.split())  # m:ss

    published = run_cli("publish", str(site), cwd=desk.show)
    assert published.returncode == 0, published.stderr
    assert (site / "feeds" / "podcast.xml").is_file()
    assert not (site / "episodes").exists()
    fed = run_cli("feed", cwd=desk.show)
    assert fed.returncode == 0, fed.stderr
    assert "Wrote feeds/podcast.xml (0 episodes)" in fed.stdout
    assert "4 drafts wait for review, in no feed: `audiocast list --drafts`" in fed.stdout


def test_approving_a_draft_lists_it_everywhere_without_speaking_anything(desk: Desk) -> None:
    soko = slug_of(desk.show, "soko")
    before_files, before_cache = built_files(desk.show, soko), speech_cache(desk.show)
    done = run_cli("approve", soko, cwd=desk.show)
    assert done.returncode == 0, done.stderr
    assert f"Approved episodes/{soko}/" in done.stdout
    titles = {TITLES["soko"]}
    assert public_titles(desk.show) == {"feed": titles, "manifest": titles, "home": titles}
    assert (desk.show / "episodes" / soko / "index.html").is_file()
    # Nothing was built or spoken: the same audio and record, the speech cache untouched.
    assert built_files(desk.show, soko) == before_files
    assert speech_cache(desk.show) == before_cache
    # The drafts left are only the others.
    drafts = run_cli("list", "--drafts", cwd=desk.show).stdout
    assert TITLES["soko"] not in drafts and TITLES["maji"] in drafts
    assert run_cli("list", cwd=desk.show).stdout.endswith(
        "3 of them are drafts, in no feed: `audiocast list --drafts`\n"
    )


def test_the_preview_and_bulletins_leave_drafts_out(desk: Desk) -> None:
    soko, kahawa = slug_of(desk.show, "soko"), slug_of(desk.show, "kahawa")
    show = Show.open(desk.show)
    with running(show) as url:
        address = urlsplit(url)
        for slug, status in ((soko, 200), (kahawa, 404)):
            media = records(desk.show)[slug]["renditions"]["podcast"]["file"]
            conn = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
            try:
                conn.request("HEAD", f"/episodes/{slug}/{media}")
                assert conn.getresponse().status == status
            finally:
                conn.close()
    done = run_cli("bulletin", "new", "--date", "2026-11-20", "--at", "08:00", cwd=desk.show)
    assert done.returncode == 0, done.stderr
    assert "with 1 stories:" in done.stdout and TITLES["soko"] in done.stdout
    assert TITLES["kahawa"] not in done.stdout
    shutil.rmtree(desk.show / "episodes" / "2026-11-20-taarifa-0800")


def test_validate_is_clean_with_drafts_waiting(desk: Desk) -> None:
    done = run_cli("validate", "--quick", cwd=desk.show)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No problems" in done.stdout, done.stdout


def test_a_wrong_slug_or_an_episode_that_is_no_draft_gets_one_line(desk: Desk) -> None:
    soko = slug_of(desk.show, "soko")
    feed = (desk.show / "feeds" / "podcast.xml").read_bytes()
    folders = sorted(p.name for p in (desk.show / "episodes").iterdir())
    for command, slug, said in (
        ("approve", "2026-11-20-hakuna-habari-hii", "no episode '2026-11-20-hakuna-habari-hii'"),
        ("reject", "2026-11-20-hakuna-habari-hii", "no episode '2026-11-20-hakuna-habari-hii'"),
        ("approve", soko, f"episodes/{soko}/ is not a draft, nothing to approve"),
        ("reject", soko, f"episodes/{soko}/ is not a draft, nothing to reject"),
        ("reject", "../feeds", "'../feeds' is not a safe episode name"),
    ):
        done = run_cli(command, slug, cwd=desk.show)
        assert done.returncode == 1
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith(f"error: {said}"), done.stderr
    assert (desk.show / "feeds" / "podcast.xml").read_bytes() == feed
    assert sorted(p.name for p in (desk.show / "episodes").iterdir()) == folders


def test_a_rejected_story_stays_away_until_the_newsroom_changes_it(desk: Desk) -> None:
    maji = slug_of(desk.show, "maji")
    others = {slug: built_files(desk.show, slug) for slug in records(desk.show) if slug != maji}
    done = run_cli("reject", maji, cwd=desk.show)
    assert done.returncode == 0, done.stderr
    assert f"Rejected episodes/{maji}/: deleted" in done.stdout
    assert "will not bring its story back" in done.stdout
    assert not (desk.show / "episodes" / maji).exists()
    assert {slug: built_files(desk.show, slug) for slug in others} == others  # nothing else

    out, _ = desk.ingest()  # the same story, unchanged
    assert "1 source, 0 new, 0 updated, 0 removed" in out
    assert not (desk.show / "episodes" / maji).exists()

    desk.serve({"key": "soko"}, {"key": "maji", "extra": CORRECTION}, {"key": "shule"},
               {"key": "kahawa"})  # fmt: skip
    out, _ = desk.ingest()
    assert "1 source, 1 new, 0 updated, 0 removed" in out
    assert f"Built episodes/{maji}/ (a draft)" in out
    assert TITLES["maji"] not in feed_titles(desk.show)
    assert TITLES["maji"] in run_cli("list", "--drafts", cwd=desk.show).stdout


def test_corrections_keep_a_draft_a_draft_and_an_approved_story_listed(desk: Desk) -> None:
    soko, shule = slug_of(desk.show, "soko"), slug_of(desk.show, "shule")
    before = records(desk.show)
    desk.serve({"key": "soko", "extra": CORRECTION}, {"key": "maji", "extra": CORRECTION},
               {"key": "shule", "extra": CORRECTION}, {"key": "kahawa"})  # fmt: skip
    out, _ = desk.ingest()
    assert "1 source, 0 new, 2 updated, 0 removed" in out
    assert f"Built episodes/{shule}/ (a draft)" in out
    assert f"Built episodes/{soko}/\n" in out
    after = records(desk.show)
    assert after[soko]["renditions"] != before[soko]["renditions"]
    assert after[soko]["guid"] == before[soko]["guid"]
    assert after[shule]["renditions"] != before[shule]["renditions"]
    assert feed_titles(desk.show) == {TITLES["soko"]}
    entry = feedparser.parse(desk.show / "feeds" / "podcast.xml").entries[0]
    assert entry.id == before[soko]["guid"]
    assert (desk.show / "episodes" / shule / "DRAFT").is_file()


def test_a_removed_story_is_reported_and_one_sliding_off_the_feed_is_not(desk: Desk) -> None:
    soko = slug_of(desk.show, "soko")
    # soko leaves the top of the feed while stories after it stay: removed by the newsroom.
    # kahawa, the last, goes as the feed gets shorter: an old story, not a removal.
    desk.serve({"key": "shule", "extra": CORRECTION}, {"key": "maji", "extra": CORRECTION})
    out, _ = desk.ingest()
    assert "1 source, 0 new, 0 updated, 1 removed, 0 failed" in out
    assert (
        f'Removed at the source: episodes/{soko}/ "{TITLES["soko"]}" is still in the feeds '
        "([ingest] unpublish_removed = true takes such episodes out)"
    ) in out
    assert feed_titles(desk.show) == {TITLES["soko"]}
    assert TITLES["kahawa"] not in out


def test_with_unpublish_removed_a_removed_story_leaves_the_feeds_its_files_kept(
    desk: Desk,
) -> None:
    shule = slug_of(desk.show, "shule")
    assert run_cli("approve", shule, cwd=desk.show).returncode == 0
    assert feed_titles(desk.show) == {TITLES["soko"], TITLES["shule"]}
    desk.set("unpublish_removed = true")
    files = built_files(desk.show, shule)
    desk.serve({"key": "maji", "extra": CORRECTION}, {"key": "barabara"})
    out, _ = desk.ingest()
    assert "1 source, 1 new, 0 updated, 1 removed, 0 failed" in out
    assert (
        f'Removed at the source: episodes/{shule}/ "{TITLES["shule"]}" is out of the feeds '
        f"now, a draft with its files kept (`audiocast approve {shule}` puts it back"
    ) in out
    titles = {TITLES["soko"]}
    assert public_titles(desk.show) == {"feed": titles, "manifest": titles, "home": titles}
    assert not (desk.show / "episodes" / shule / "index.html").exists()
    assert built_files(desk.show, shule) == files  # nothing deleted
    assert TITLES["shule"] in run_cli("list", "--drafts", cwd=desk.show).stdout
    state = sqlite3.connect(desk.show / "ingest.sqlite")
    assert state.execute("SELECT outcome FROM items WHERE slug = ?", (shule,)).fetchone() == (
        "built",
    )
    # A producer may put it back, as built.
    assert run_cli("approve", shule, cwd=desk.show).returncode == 0
    assert TITLES["shule"] in feed_titles(desk.show)


def test_rejecting_a_draft_the_feeds_still_list_rewrites_them_first(desk: Desk) -> None:
    shule = slug_of(desk.show, "shule")
    assert TITLES["shule"] in feed_titles(desk.show)
    # As a pass killed after it made the removed story a draft, before the feeds were written.
    (desk.show / "episodes" / shule / "DRAFT").write_text("rasimu\n")
    done = run_cli("reject", shule, cwd=desk.show)
    assert done.returncode == 0, done.stderr
    assert not (desk.show / "episodes" / shule).exists()
    assert TITLES["shule"] not in feed_titles(desk.show)
    feed = (desk.show / "feeds" / "podcast.xml").read_text()
    assert f"episodes/{shule}/" not in feed  # no feed names a file that is gone
    checked = run_cli("validate", "--quick", cwd=desk.show)
    assert checked.returncode == 0, checked.stdout


def test_a_source_of_its_own_may_want_review(tmp_path: Path) -> None:
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        newsroom.set("/siasa", rss(newsroom.base, [{"key": "kahawa"}]))
        show = write_show(
            tmp_path / "show",
            f'url = "{newsroom.base}/rss"',
            f'url = "{newsroom.base}/siasa"\nauto_publish = false',
        )
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 0, done.stderr
    assert feed_titles(show) == {TITLES["soko"]}
    assert TITLES["kahawa"] in run_cli("list", "--drafts", cwd=show).stdout


def test_a_pass_killed_before_its_build_is_kept_leaves_a_draft(tmp_path: Path) -> None:
    with Newsroom() as newsroom:
        newsroom.set("/rss", rss(newsroom.base, [{"key": "soko"}]))
        show = write_show(tmp_path / "show", f'url = "{newsroom.base}/rss"')
        settings = show / "audiocast.toml"
        text = settings.read_text()
        settings.write_text(text.replace("max_bytes = 200_000", "max_bytes = 200_000\n"
                                         "auto_publish = false"))  # fmt: skip
        article = killed_with_its_article_written(show)
        assert (article.parent / "DRAFT").is_file()  # written before the article
        slug = article.parent.name
        listed = run_cli("list", "--drafts", cwd=show)
        assert f"episodes/{slug}/: a draft not built yet" in listed.stdout
        early = run_cli("approve", slug, cwd=show)
        assert early.returncode == 1
        assert early.stderr.startswith(
            f"error: episodes/{slug}/ cannot go in the feeds: it is not built yet; run "
            f"`audiocast build episodes/{slug}/article.yaml`, then approve it"
        )
        assert len(early.stderr.strip().splitlines()) == 1
        done = run_cli("ingest", cwd=show)
    assert done.returncode == 0, done.stderr
    assert f"Built episodes/{article.parent.name}/ (a draft)" in done.stdout
    assert list(records(show)) == [article.parent.name]
    assert feed_titles(show) == set()
