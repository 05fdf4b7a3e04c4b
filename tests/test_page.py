"""manifest.json as a partner's script reads it (the pages: test_home.py)."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from audiocast.config import Settings
from audiocast.episode import EpisodeRecord, read_record
from audiocast.page import render_manifest, write_site
from audiocast.show import Show

from conftest import SAMPLE_BASE_URL, SAMPLE_SLUG

NASTY = "Bei ya <b>mafuta</b> & \"umeme\" </article><script>alert(1)</script> 'leo'"


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("page") / "show"
    shutil.copytree(built_show, root)
    write_site(Show.open(root))
    return root


@pytest.fixture(scope="module")
def record(built_show: Path) -> EpisodeRecord:
    return read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")


def two_episodes(record: EpisodeRecord) -> list[EpisodeRecord]:
    older = record.model_copy(
        update={
            "slug": "2024-06-17-bei-ya-mafuta",
            "guid": "c0ffee00-0000-5000-8000-000000000001",
            "title": NASTY,
            "summary": "Muhtasari <i>na</i> & alama.",
            "date": record.date - timedelta(days=1),
        }
    )
    return [record, older]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_describes_every_file(site: Path) -> None:
    manifest = json.loads((site / "feeds" / "manifest.json").read_text(encoding="utf-8"))
    base = SAMPLE_BASE_URL
    show = manifest["show"]
    assert show["title"] and show["base_url"] == base and show["language"] == "sw"
    assert show["page"] == f"{base}/"  # the home page
    names = ("podcast", "mobile", "radio", "broadcast")
    assert show["feeds"] == {p: f"{base}/feeds/{p}.xml" for p in names}
    assert (site / urlsplit(show["cover"]).path.removeprefix("/habari/")).is_file()
    (episode,) = manifest["episodes"]
    record = read_record(site / "episodes" / SAMPLE_SLUG / "episode.json")
    assert episode["guid"] == record.guid and episode["title"] == record.title
    assert episode["date"] == record.date.isoformat()
    assert episode["duration"] == pytest.approx(record.duration)
    assert set(episode["renditions"]) == {"podcast", "mobile", "radio", "broadcast"}
    for name, rendition in episode["renditions"].items():
        path = site / rendition["path"]
        assert rendition["url"] == f"{base}/{rendition['path']}"
        assert rendition["bytes"] == path.stat().st_size
        assert rendition["sha256"] == sha256(path)
        assert rendition["loudness"] == record.renditions[name].loudness
        assert rendition["true_peak"] == record.renditions[name].true_peak
        assert rendition["bitrate"] == record.renditions[name].bitrate
        types = {"mp3": "audio/mpeg", "aac": "audio/mp4", "wav": "audio/wav"}
        kind = types[record.renditions[name].format]
        assert rendition["content_type"] == kind
        assert rendition["format"] == record.renditions[name].format
    for link in [*episode["transcripts"].values(), episode["chapters"]]:
        assert (site / link["path"]).is_file()
        assert link["url"] == f"{base}/{link['path']}"


def test_manifest_keeps_text_as_written(record: EpisodeRecord) -> None:
    manifest = json.loads(render_manifest(two_episodes(record), Settings()))
    assert manifest["episodes"][1]["title"] == NASTY


def test_manifest_is_indented_json_with_text_as_is(record: EpisodeRecord) -> None:
    """Laid out as json.dumps lays it out, so people can read it and diff two versions."""
    summary = "Habari «za leo»\n\tna \u2018kesho\u2019 \u2013 😀\x07"
    swahili = record.model_copy(update={"summary": summary})
    text = render_manifest(two_episodes(swahili), Settings())
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert "«za leo»" in text and '"episodes": [\n    {\n      "slug": ' in text


def test_write_site_is_atomic_and_repeatable(site: Path) -> None:
    before = {p.name: p.read_bytes() for p in (site / "feeds").iterdir()}
    written = write_site(Show.open(site))
    # The manifest is rewritten as it is; the pages only when their bytes change.
    assert {p.relative_to(site).as_posix() for p in written} == {"feeds/manifest.json"}
    after = {p.name: p.read_bytes() for p in (site / "feeds").iterdir()}
    assert after == before  # no temporary files left, and the same bytes: publish skips them
