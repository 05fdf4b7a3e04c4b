"""Media formats as listeners and partners meet them: the sample's renditions decoded and
measured by independent tools (ffmpeg's ebur128, mutagen), the small mobile file beside the
podcast MP3, and `validate` reading each file as its own format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mutagen.mp4 import MP4

from audiocast.config import Profile
from audiocast.episode import read_record
from audiocast.init import init_show
from audiocast.media import FORMATS, media_format
from audiocast.public import content_type
from audiocast.show import Show
from audiocast.validate import validate_show

from audio import decode, ebur128
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli


@pytest.fixture(scope="module")
def sample(built_show: Path) -> tuple[Show, Path]:
    show = Show.open(built_show)
    return show, show.episode_dir(SAMPLE_SLUG)


def test_the_sample_has_a_podcast_mp3_a_mobile_m4a_and_a_radio_mp3(
    sample: tuple[Show, Path],
) -> None:
    _, folder = sample
    record = read_record(folder / "episode.json")
    kinds = {name: (r.format, Path(r.file).suffix) for name, r in record.renditions.items()}
    assert kinds["podcast"] == ("mp3", ".mp3")
    assert kinds["mobile"] == ("aac", ".m4a")
    assert kinds["radio"] == ("mp3", ".mp3")


def test_the_mobile_file_is_at_most_55_percent_of_the_mp3(sample: tuple[Show, Path]) -> None:
    _, folder = sample
    record = read_record(folder / "episode.json")
    mobile, podcast = record.renditions["mobile"], record.renditions["podcast"]
    assert (folder / mobile.file).stat().st_size == mobile.bytes
    assert mobile.bytes <= 0.55 * podcast.bytes, (mobile.bytes, podcast.bytes)


def test_the_mobile_file_meets_its_loudness_by_an_independent_meter(
    sample: tuple[Show, Path],
) -> None:
    _, folder = sample
    record = read_record(folder / "episode.json")
    mobile = record.renditions["mobile"]
    meter = ebur128(folder / mobile.file)
    assert meter.integrated == pytest.approx(-16.0, abs=0.5)
    assert meter.true_peak <= -1.0
    assert mobile.loudness == pytest.approx(meter.integrated, abs=0.3)
    # Decoded as a player decodes it (the priming trimmed by the edit list): the recorded
    # length (kept to the millisecond), and the same as the podcast MP3's.
    frames = len(decode(folder / mobile.file))
    assert abs(frames / 44100 - mobile.duration) <= 0.0006
    assert mobile.duration == pytest.approx(record.renditions["podcast"].duration, abs=0.001)


def test_the_mobile_file_carries_title_cover_and_chapters_for_apps(
    sample: tuple[Show, Path],
) -> None:
    _, folder = sample
    record = read_record(folder / "episode.json")
    mp4 = MP4(folder / record.renditions["mobile"].file)
    assert mp4.info is not None and mp4.info.codec == "mp4a.40.2"
    assert mp4.info.channels == 1 and mp4.info.sample_rate == 44100
    assert 35_000 <= mp4.info.bitrate <= 52_000  # "about 48 kbit/s"
    tags = mp4.tags
    assert tags is not None
    assert tags["\xa9nam"] == [record.title]
    assert tags["\xa9day"] == [record.date.date().isoformat()]
    assert tags["\xa9cmt"] == [record.summary]
    assert tags["covr"] and bytes(tags["covr"][0])[:3] == b"\xff\xd8\xff"
    chapters = json.loads((folder / record.chapters_file).read_text(encoding="utf-8"))
    found = [(round(c.start, 2), c.title) for c in mp4.chapters or []]
    wanted = [(round(c["startTime"], 2), c["title"]) for c in chapters["chapters"]]
    assert found == wanted


def test_every_format_names_its_own_suffix_and_type() -> None:
    # The server and publishing answer with the format's type: a player refuses a wrong one.
    for media in FORMATS.values():
        assert content_type(f"x-0123abcd.mobile{media.suffix}") == media.mime
    assert media_format("aac").mime == "audio/mp4"


def test_validate_reads_the_m4a_as_an_m4a(built_show: Path, tmp_path: Path) -> None:
    root = tmp_path / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    show = Show.open(root)
    assert [p for p in validate_show(show, measure_audio=False) if p.severity == "error"] == []
    folder = show.episode_dir(SAMPLE_SLUG)
    record = read_record(folder / "episode.json")
    path = folder / record.renditions["mobile"].file
    mp4 = MP4(path)
    assert mp4.tags is not None
    mp4.tags["\xa9nam"] = ["Kichwa kingine"]
    mp4.save()
    problems = [p for p in validate_show(show, measure_audio=False) if p.severity == "error"]
    assert any("MP4 \xa9nam" in p.where and "Kichwa kingine" in p.problem for p in problems)


def test_a_profile_asks_only_what_its_format_can_make(tmp_path: Path) -> None:
    copy_sample_show(tmp_path)
    settings = tmp_path / "audiocast.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + '\n[profiles.mobile]\nbitrate = "192k"\n', encoding="utf-8")
    done = run_cli("build", "--engine", "espeak", f"episodes/{SAMPLE_SLUG}/article.yaml",
                   cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1
    line = done.stderr.strip().splitlines()[-1]
    assert "profiles.mobile.bitrate" in line and "'192k'" in line and "M4A" in line, line


def test_a_new_show_keeps_every_formats_built_files_out_of_git(tmp_path: Path) -> None:
    init_show(tmp_path)
    rules = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    for media in FORMATS.values():
        assert f"episodes/*/*{media.suffix}" in rules


def test_a_profile_naming_only_its_format_gets_a_rate_the_format_takes() -> None:
    for name, media in FORMATS.items():
        assert Profile(format=name).sample_rate == media.sample_rates[0]
