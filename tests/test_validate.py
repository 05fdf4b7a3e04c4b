"""`validate_show`: the built sample passes; every defect against the standards, made by hand in
a copy of it, is caught with an error naming the file and element a producer must look at.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import CTOC, ID3, TIT2, TLAN, CTOCFlags
from mutagen.id3 import delete as delete_id3
from PIL import Image

from audiocast.config import BuildSettings
from audiocast.episode import read_record, write_record
from audiocast.ffmpeg import run_ffmpeg
from audiocast.show import Show
from audiocast.validate import Problem, validate_show

from conftest import SAMPLE_BASE_URL, SAMPLE_EMAIL, SAMPLE_SLUG, copy_sample_show, run_cli

EPISODE = f"episodes/{SAMPLE_SLUG}"
PODCAST_XML = "feeds/podcast.xml"
MOBILE_XML = "feeds/mobile.xml"
RADIO_XML = "feeds/radio.xml"
# One feed per default rendition: podcast, mobile, radio and broadcast.
FEEDS_XML = [f"feeds/{name}.xml" for name in BuildSettings().renditions]
ITUNES = 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'


@dataclass(frozen=True)
class Names:
    """The built sample's file names (each carries a hash of its content)."""

    mp3: str
    radio: str
    vtt: str
    srt: str
    chapters: str
    record: str = f"{EPISODE}/episode.json"


def names(root: Path) -> Names:
    record = json.loads((root / EPISODE / "episode.json").read_text())
    renditions, transcripts = record["renditions"], record["transcripts"]
    files = (renditions["podcast"]["file"], renditions["radio"]["file"], transcripts["vtt"],
             transcripts["srt"], record["chapters_file"])  # fmt: skip
    return Names(*(f"{EPISODE}/{name}" for name in files))


@pytest.fixture
def show_copy(built_show: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_show, tmp_path / "show"))


def errors(root: Path, measure_audio: bool = False) -> list[Problem]:
    problems = validate_show(Show.open(root), measure_audio=measure_audio)
    return [p for p in problems if p.severity == "error"]


# Ways to damage a copy of the built show, each as a producer's tools or hands would.


def edit(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Replace text in a file: a path, or a Names field in braces ("{srt}")."""

    def damage(root: Path) -> None:
        path = root / _where(root, name)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return damage


def edit_re(name: str, pattern: str, new: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / _where(root, name)
        text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1)
        assert count, f"{pattern!r} is not in {name}"
        path.write_text(text, encoding="utf-8")

    return damage


def both_feeds(old: str, new: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        edit(PODCAST_XML, old, new)(root)
        edit(RADIO_XML, old, new)(root)

    return damage


def rewrite_feed(transform: Callable[[str], bytes]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / PODCAST_XML
        path.write_bytes(transform(path.read_text(encoding="utf-8")))

    return damage


def item_block(text: str) -> str:
    return text[text.index("    <item>") : text.index("</item>") + len("</item>\n")]


def duplicate_item(
    first: dict[str, str] | None = None, second: dict[str, str] | None = None
) -> Callable[[Path], None]:
    """The item twice, each copy with some text changed."""

    def damage(root: Path) -> None:
        path = root / PODCAST_XML
        text = path.read_text(encoding="utf-8")
        block = item_block(text)
        copies = []
        for changes in (first or {}, second or {}):
            copy = block
            for old, new in changes.items():
                copy = copy.replace(old, new)
            copies.append(copy)
        path.write_text(text.replace(block, "".join(copies)), encoding="utf-8")

    return damage


def record_json(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / EPISODE / "episode.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return damage


def chapters_json(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / names(root).chapters
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return damage


def swap_chapter_starts(data: dict) -> None:
    first, second = data["chapters"][1], data["chapters"][2]
    first["startTime"], second["startTime"] = second["startTime"], first["startTime"]


def write(name: str, content: str | None) -> Callable[[Path], None]:
    """Replace a file of the episode (a Names field) with `content`, or delete it (None)."""

    def damage(root: Path) -> None:
        path = root / getattr(names(root), name)
        if content is None:
            path.unlink()
        else:
            path.write_text(content, encoding="utf-8")

    return damage


def swap_first_cues(root: Path) -> None:
    path = root / names(root).vtt
    lines = path.read_text(encoding="utf-8").split("\n")
    timings = [i for i, line in enumerate(lines) if "-->" in line][:2]
    lines[timings[0]], lines[timings[1]] = lines[timings[1]], lines[timings[0]]
    path.write_text("\n".join(lines), encoding="utf-8")


def other_build_cue(kind: str) -> Callable[[Path], None]:
    """The transcript a build of the article before an edit wrote: one cue says other words."""

    def damage(root: Path) -> None:
        path = root / getattr(names(root), kind)
        lines = path.read_text(encoding="utf-8").split("\n")
        cue = next(i for i, line in enumerate(lines) if "-->" in line) + 1
        lines[cue] = "Habari ya toleo la zamani."
        path.write_text("\n".join(lines), encoding="utf-8")

    return damage


def shift_last_cue(root: Path) -> None:
    """The last cue ends 50 ms later, as in a build whose outro was mixed otherwise."""
    path = root / names(root).vtt
    text = path.read_text(encoding="utf-8")
    end = list(re.finditer(r"--> (\d\d):(\d\d):(\d\d)\.(\d{3})", text))[-1]
    hours, minutes, seconds, millis = map(int, end.groups())
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis + 50
    clock = f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    path.write_text(f"{text[: end.start()]}--> {clock}{text[end.end() :]}", encoding="utf-8")


def tags(change: Callable[[ID3], None], rendition: str = "mp3") -> Callable[[Path], None]:
    """Edit the ID3 tag of a rendition with mutagen, as a tag editor would."""

    def damage(root: Path) -> None:
        path = root / getattr(names(root), rendition)
        id3 = ID3(path)
        change(id3)
        id3.save(path, v2_version=4)

    return damage


def drop_top_level(id3: ID3) -> None:
    id3.getall("CTOC")[0].flags = CTOCFlags.ORDERED


def second_toc(id3: ID3) -> None:
    flags = CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    id3.add(CTOC(element_id="toc2", flags=flags, child_element_ids=["chp0"], sub_frames=[]))


def shift_chapters(id3: ID3) -> None:
    for chap in id3.getall("CHAP"):
        chap.start_time += 5000
        chap.end_time += 5000


def not_cover_art(id3: ID3) -> None:
    for apic in id3.getall("APIC"):
        apic.type = 0  # "other": apps look for the front cover


def reencode(*args: str, rendition: str = "mp3") -> Callable[[Path], None]:
    """Encode a rendition again with other ffmpeg settings, keeping its ID3 tag."""

    def damage(root: Path) -> None:
        path = root / getattr(names(root), rendition)
        out = path.with_name("reencoded.mp3")
        run_ffmpeg(
            ["-i", str(path), "-map", "0:a", "-c:a", "libmp3lame", *args, "-map_metadata", "-1",
             "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3", "-y", str(out)]
        )  # fmt: skip
        ID3(path).save(out, v2_version=4)
        os.replace(out, path)

    return damage


def truncate(root: Path) -> None:
    path = root / names(root).mp3
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def cover(size: tuple[int, int], mode: str = "RGB", fmt: str = "JPEG", name: str = "cover.jpg",
          noise: bool = False) -> Callable[[Path], None]:  # fmt: skip
    def damage(root: Path) -> None:
        if noise:  # noise does not compress: the file comes out far above 512 KB
            pixels = np.random.default_rng(1).integers(0, 256, (*size[::-1], 3), dtype=np.uint8)
            image = Image.fromarray(pixels, "RGB")
        else:
            image = Image.new(mode, size, "navy")
        buffer = io.BytesIO()
        image.save(buffer, format=fmt, quality=95)
        (root / "feeds" / name).write_bytes(buffer.getvalue())
        if name != "cover.jpg":
            both_feeds("feeds/cover.jpg", f"feeds/{name}")(root)

    return damage


def remove(name: str) -> Callable[[Path], None]:
    def damage(root: Path) -> None:
        path = root / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    return damage


def podcast_guid_in_radio_feed(root: Path) -> None:
    guid = re.search(r"<podcast:guid>([^<]+)<", (root / PODCAST_XML).read_text()).group(1)
    edit_re(RADIO_XML, r"<podcast:guid>[^<]+<", f"<podcast:guid>{guid}<")(root)


LONG = "Habari za kila siku. " * 200  # 4200 bytes
OTHER_UUID = "0e9e5c1e-0000-5000-8000-000000000000"


# (defect, damage, the `where` an error must name; {mp3}, {vtt}… are the copy's files)
DEFECTS: list[tuple[str, Callable[[Path], None], str]] = [
    # Feed: channel
    ("itunes namespace in the wrong case",
     edit(PODCAST_XML, ITUNES, ITUNES.replace("dtds/podcast", "DTDs/Podcast")),
     f"{PODCAST_XML}: rss/@xmlns:itunes"),
    ("podcast namespace misspelt",
     edit(PODCAST_XML, "https://podcastindex.org/namespace/1.0", "https://podcastindex.org/ns/1.0"),
     f"{PODCAST_XML}: rss/@xmlns:podcast"),
    ("feed cut off halfway", rewrite_feed(lambda text: text[: len(text) // 2].encode()),
     f"{PODCAST_XML}: XML"),
    ("control character in the title", edit(PODCAST_XML, "Habari kwa", "Habari\x1b kwa"),
     f"{PODCAST_XML}: XML"),
    ("feed written in UTF-16",
     rewrite_feed(lambda text: text.replace("'UTF-8'", "'UTF-16'").encode("utf-16")),
     f"{PODCAST_XML}: encoding"),
    ("feed declared Latin-1",
     rewrite_feed(lambda text: text.replace("'UTF-8'", "'ISO-8859-1'").encode("latin-1")),
     f"{PODCAST_XML}: encoding"),
    ("channel title with outer spaces", edit_re(PODCAST_XML, r"<title>([^<]+)<", r"<title> \1 <"),
     f"{PODCAST_XML}: channel/title"),
    ("channel link missing", edit_re(PODCAST_XML, r"<link>[^<]*</link>", ""),
     f"{PODCAST_XML}: channel/link"),
    ("channel link to the base URL without its slash, which names no file",
     edit_re(PODCAST_XML, r"<link>[^<]*</link>", f"<link>{SAMPLE_BASE_URL}</link>"),
     f"{PODCAST_XML}: channel/link"),
    ("channel link to a page that is not there",
     edit_re(PODCAST_XML, r"<link>[^<]*</link>", f"<link>{SAMPLE_BASE_URL}/kurasa.html</link>"),
     f"{PODCAST_XML}: channel/link"),
    ("copyright missing", edit_re(PODCAST_XML, r"<copyright>[^<]*</copyright>", ""),
     f"{PODCAST_XML}: channel/copyright"),
    ("item link missing",
     edit_re(PODCAST_XML, r"(<item>\s*<title>[^<]*</title>\s*)<link>[^<]*</link>", r"\1"),
     f"{PODCAST_XML}: item[1]/link"),
    ("item link to another episode",
     edit_re(PODCAST_XML, r"(<item>\s*<title>[^<]*</title>\s*<link>[^<]*)/</link>",
             r"\1-jana/</link>"),
     f"{PODCAST_XML}: item[1]/link"),
    ("description over 4000 bytes", edit(PODCAST_XML, "<description>", f"<description>{LONG}"),
     f"{PODCAST_XML}: channel/description"),
    ("language English", edit(PODCAST_XML, "<language>sw</language>", "<language>en</language>"),
     f"{PODCAST_XML}: channel/language"),
    ("itunes:image left out", edit_re(PODCAST_XML, r"<itunes:image [^>]*/>", ""),
     f"{PODCAST_XML}: channel/itunes:image"),
    ("cover URL ending in .jpeg", edit(PODCAST_XML, "feeds/cover.jpg", "feeds/cover.jpeg"),
     f"{PODCAST_XML}: channel/itunes:image"),
    ("cover file missing", remove("feeds/cover.jpg"), "feeds/cover.jpg"),
    ("cover not square", cover((1400, 1600)), "feeds/cover.jpg"),
    ("cover too small", cover((1000, 1000)), "feeds/cover.jpg"),
    ("cover with transparency", cover((1400, 1400), "RGBA", "PNG", "cover.png"),
     "feeds/cover.png"),
    ("cover in CMYK", cover((1400, 1400), mode="CMYK"), "feeds/cover.jpg"),
    ("PNG named .jpg", cover((1400, 1400), fmt="PNG"), "feeds/cover.jpg"),
    ("cover over 512 KB", cover((3000, 3000), noise=True), "feeds/cover.jpg"),
    ("category not Apple's", edit(PODCAST_XML, 'text="News"', 'text="Habari"'),
     f"{PODCAST_XML}: channel/itunes:category"),
    ("subcategory left out", edit_re(PODCAST_XML, r'<itunes:category text="[^"]*"/>', ""),
     f"{PODCAST_XML}: channel/itunes:category"),
    ("subcategory of another category",
     edit_re(PODCAST_XML, r'(category text="News">\s*<itunes:category text=")[^"]*', r"\1Stand-Up"),
     f"{PODCAST_XML}: channel/itunes:category"),
    ("explicit as feedgen writes it",
     edit(PODCAST_XML, "<itunes:explicit>false</itunes:explicit>", "<itunes:explicit>no"
          "</itunes:explicit>"), f"{PODCAST_XML}: channel/itunes:explicit"),
    ("itunes:author missing", edit_re(PODCAST_XML, r"<itunes:author>[^<]*</itunes:author>", ""),
     f"{PODCAST_XML}: channel/itunes:author"),
    ("owner without email", edit_re(PODCAST_XML, r"<itunes:email>[^<]*</itunes:email>", ""),
     f"{PODCAST_XML}: channel/itunes:owner"),
    ("itunes:type serial", edit(PODCAST_XML, ">episodic<", ">serial<"),
     f"{PODCAST_XML}: channel/itunes:type"),
    ("podcast:guid changed", edit_re(PODCAST_XML, r"guid>[^<]+<", f"guid>{OTHER_UUID}<"),
     f"{PODCAST_XML}: channel/podcast:guid"),
    ("radio feed with the podcast feed's guid", podcast_guid_in_radio_feed,
     f"{RADIO_XML}: channel/podcast:guid"),
    ("podcast:locked without owner", edit_re(PODCAST_XML, r' owner="[^"]*"', ""),
     f"{PODCAST_XML}: channel/podcast:locked"),
    ("podcast:locked true", edit(PODCAST_XML, ">no</podcast:locked>", ">true</podcast:locked>"),
     f"{PODCAST_XML}: channel/podcast:locked"),
    ("podcast:medium music", edit(PODCAST_XML, ">podcast</podcast:medium>",
                                  ">music</podcast:medium>"),
     f"{PODCAST_XML}: channel/podcast:medium"),
    ("radio feed missing", remove(RADIO_XML), RADIO_XML),
    # Feed: item
    ("item title repeats the show name",
     edit_re(PODCAST_XML, r"(<item>\s*<title>)", r"\1Habari kwa Sauti: "),
     f"{PODCAST_XML}: item[1]/title"),
    ("item description not the lead",
     edit_re(PODCAST_XML, r"(<item>\s*<title>[^<]*</title>\s*<link>[^<]*</link>\s*<description>)",
             r"\1Pia: "),
     f"{PODCAST_XML}: item[1]/description"),
    ("enclosure not .mp3", edit(PODCAST_XML, '.mp3" length', '.m4a" length'),
     f"{PODCAST_XML}: item[1]/enclosure"),
    ("enclosure length off by one", edit(PODCAST_XML, 'length="', 'length="1'),
     f"{PODCAST_XML}: item[1]/enclosure"),
    ("enclosure length None", edit(PODCAST_XML, 'length="', 'length="None" x="'),
     f"{PODCAST_XML}: item[1]/enclosure"),
    ("enclosure type audio/mp3", edit(PODCAST_XML, 'type="audio/mpeg"', 'type="audio/mp3"'),
     f"{PODCAST_XML}: item[1]/enclosure"),
    ("enclosure file deleted", lambda root: (root / names(root).mp3).unlink(),
     f"{PODCAST_XML}: item[1]/enclosure"),
    ("MP3 truncated by an upload", truncate, f"{PODCAST_XML}: item[1]/enclosure"),
    ("guid a permalink", edit(PODCAST_XML, 'isPermaLink="false"', 'isPermaLink="true"'),
     f"{PODCAST_XML}: item[1]/guid"),
    ("guid changed", edit_re(PODCAST_XML, r'"false">[^<]+<', f'"false">{OTHER_UUID}<'),
     f"{PODCAST_XML}: item[1]/guid"),
    ("guid used twice", duplicate_item(), f"{PODCAST_XML}: item[2]/guid"),
    ("pubDate without zone", edit_re(PODCAST_XML, r"(<pubDate>[^<]*) [+-]\d{4}<", r"\1<"),
     f"{PODCAST_XML}: item[1]/pubDate"),
    ("pubDate in ISO 8601",
     edit_re(PODCAST_XML, r"<pubDate>[^<]*<", "<pubDate>2024-06-18T00:00:00+03:00<"),
     f"{PODCAST_XML}: item[1]/pubDate"),
    ("oldest first", duplicate_item(first={"00:00:00 +0300": "00:00:00 +0400"}),
     f"{PODCAST_XML}: item[2]/pubDate"),
    ("duration as minutes", edit_re(PODCAST_XML, r"duration>\d+<", "duration>4:24<"),
     f"{PODCAST_XML}: item[1]/itunes:duration"),
    ("duration a minute long", edit_re(PODCAST_XML, r"duration>(\d+)<", r"duration>9\1<"),
     f"{PODCAST_XML}: item[1]/itunes:duration"),
    ("episodeType trailer", edit(PODCAST_XML, ">full<", ">trailer<"),
     f"{PODCAST_XML}: item[1]/itunes:episodeType"),
    ("item explicit missing", edit_re(PODCAST_XML, r"(episodeType>\s*)<itunes:explicit>false"
                                      r"</itunes:explicit>", r"\1"),
     f"{PODCAST_XML}: item[1]/itunes:explicit"),
    ("no SubRip transcript", edit(PODCAST_XML, 'type="application/x-subrip"', 'type="text/plain"'),
     f"{PODCAST_XML}: item[1]/podcast:transcript"),
    ("transcript language English", edit(PODCAST_XML, 'language="sw"', 'language="en"'),
     f"{PODCAST_XML}: item[1]/podcast:transcript"),
    ("chapters type plain JSON", edit(PODCAST_XML, '"application/json+chapters"',
                                      '"application/json"'),
     f"{PODCAST_XML}: item[1]/podcast:chapters"),
    ("VTT emptied", write("vtt", ""), "{vtt}"),
    ("VTT header only", write("vtt", "WEBVTT\n"), "{vtt}"),
    ("VTT cues out of order", swap_first_cues, "{vtt}"),
    ("SRT timings garbled", edit("{srt}", " --> ", " - ", count=3), "{srt}"),
    ("VTT of another build", other_build_cue("vtt"), "{vtt}"),
    ("SRT of another build", other_build_cue("srt"), "{srt}"),
    ("VTT cue of another build's timing", shift_last_cue, "{vtt}"),
    ("SRT deleted", write("srt", None), "{srt}"),
    # Chapters JSON
    ("chapters going backwards", chapters_json(swap_chapter_starts),
     "{chapters}: chapters[2].startTime"),
    ("chapters version 1.0", chapters_json(lambda data: data.update(version="1.0")),
     "{chapters}: version"),
    ("chapter start as text",
     chapters_json(lambda data: data["chapters"][1].update(
         startTime=str(data["chapters"][1]["startTime"]))),
     "{chapters}: chapters[1].startTime"),
    ("chapters not JSON", write("chapters", "{chapters: []"), "{chapters}"),
    ("chapters file deleted", write("chapters", None), "{chapters}"),
    # ID3 tags
    *[(f"ID3 {frame} deleted", tags(lambda id3, f=frame: id3.delall(f)), f"{{mp3}}: ID3 {frame}")
      for frame in ("TIT2", "TPE1", "TALB", "TDRC", "COMM")],
    ("ID3 TLAN sw", tags(lambda id3: id3.setall("TLAN", [TLAN(encoding=3, text="sw")])),
     "{mp3}: ID3 TLAN"),
    ("ID3 title of another episode",
     tags(lambda id3: id3.setall("TIT2", [TIT2(encoding=3, text="Habari nyingine")]), "radio"),
     "{radio}: ID3 TIT2"),
    ("ID3 APIC not the front cover", tags(not_cover_art), "{mp3}: ID3 APIC"),
    ("ID3 tag stripped", lambda root: delete_id3(root / names(root).mp3), "{mp3}: ID3"),
    ("ID3 CTOC not top-level", tags(drop_top_level), "{mp3}: ID3 CTOC"),
    ("ID3 two top-level CTOCs", tags(second_toc), "{mp3}: ID3 CTOC"),
    ("ID3 CHAP times off by 5 s", tags(shift_chapters), "{mp3}: ID3 CHAP"),
    # Loudness and encoding (loudness itself: see test_loudness_defects)
    ("SHA-256 in episode.json wrong",
     record_json(lambda data: data["renditions"]["podcast"].update(sha256="0" * 64)),
     "{mp3}: SHA-256"),
    ("podcast at 64 kbit/s", reencode("-b:a", "64k"), "{mp3}: bitrate"),
    ("podcast at 48 kHz", reencode("-b:a", "96k", "-ar", "48000"), "{mp3}: sample rate"),
    ("podcast in stereo", reencode("-b:a", "96k", "-ac", "2"), "{mp3}: channels"),
    ("podcast VBR", reencode("-q:a", "5"), "{mp3}: bitrate mode"),
    ("radio in mono", reencode("-b:a", "192k", "-ac", "1", rendition="radio"), "{radio}: channels"),
    # Episodes
    ("episode.json not JSON", write("record", "{"), "{record}"),
    ("episode.json without radio rendition",
     record_json(lambda data: data["renditions"].pop("radio")), "{record}: renditions.radio"),
    ("no episode built", remove("episodes"), "episodes/"),
]  # fmt: skip


def _where(root: Path, template: str) -> str:
    return template.format(**vars(names(root))) if "{" in template else template


def _at(problem: Problem, where: str) -> bool:
    """The problem is at `where`, or at an element inside it (`file: element`)."""
    return problem.where == where or problem.where.startswith(f"{where}:")


def test_built_sample_meets_every_standard(built_show: Path) -> None:
    """The sample show as `audiocast build` and `audiocast feed` leave it: nothing to fix."""
    assert validate_show(Show.open(built_show), measure_audio=True) == []


@pytest.mark.parametrize(
    ("damage", "where"), [pytest.param(d, w, id=name) for name, d, w in DEFECTS]
)
def test_defect_is_caught_where_it_is(
    show_copy: Path, damage: Callable[[Path], None], where: str
) -> None:
    expected = _where(show_copy, where)
    damage(show_copy)
    found = errors(show_copy)
    assert any(_at(p, expected) and p.fix for p in found), "\n".join(map(str, found))


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        pytest.param(reencode("-b:a", "96k", "-af", "volume=-6dB"), "{mp3}: loudness",
                     id="podcast 6 dB too quiet"),
        pytest.param(
            reencode("-b:a", "96k", "-af", "aeval=val(0)+0.99*between(t\\,100\\,100.003)"),
            "{mp3}: true peak", id="podcast with a click at full scale",
        ),
        pytest.param(reencode("-b:a", "192k", "-ac", "2", "-af", "volume=7dB", rendition="radio"),
                     "{radio}: loudness", id="radio at podcast loudness"),
    ],
)  # fmt: skip
def test_loudness_defects(show_copy: Path, damage: Callable[[Path], None], where: str) -> None:
    """Measured on the decoded file: what a listener hears, not what episode.json claims."""
    expected = _where(show_copy, where)
    damage(show_copy)
    assert not any(_at(p, expected) for p in errors(show_copy, measure_audio=False))
    found = errors(show_copy, measure_audio=True)
    assert any(_at(p, expected) for p in found), "\n".join(map(str, found))


def test_enough_defects_are_covered() -> None:
    assert len(DEFECTS) >= 35
    assert len({name for name, _, _ in DEFECTS}) == len(DEFECTS)


def test_a_new_show_is_told_to_build_then_feed(tmp_path: Path) -> None:
    (tmp_path / "audiocast.toml").write_text(
        f'[show]\nbase_url = "{SAMPLE_BASE_URL}"\nowner = {{email = "{SAMPLE_EMAIL}"}}\n'
    )
    problems = validate_show(Show.open(tmp_path))
    assert {p.where for p in problems} == {"episodes/", *FEEDS_XML}
    assert all(p.severity == "error" and "audiocast build" in p.fix for p in problems)


def test_missing_feeds_are_told_to_run_feed(show_copy: Path) -> None:
    shutil.rmtree(show_copy / "feeds")
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    assert [(p.where, p.fix) for p in problems] == [(f, "run `audiocast feed`") for f in FEEDS_XML]


def test_feed_older_than_the_settings_is_a_warning(show_copy: Path) -> None:
    settings = show_copy / "audiocast.toml"
    settings.write_text(settings.read_text().replace("Habari za kila siku", "Habari za leo"))
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    # The feeds, and the pages that show the description (the home page, its old address).
    pages = ["feeds/index.html", "index.html"]
    assert [(p.severity, p.where) for p in problems] == [("warning", f) for f in pages + FEEDS_XML]
    assert all(p.fix == "run `audiocast feed`" for p in problems)


def test_an_unbuilt_article_is_a_warning(show_copy: Path) -> None:
    draft = show_copy / "episodes" / "2024-06-19-rasimu"
    draft.mkdir()
    text = (show_copy / EPISODE / "article.yaml").read_text(encoding="utf-8")
    # Another story (a copy of a built article would be that article, built already).
    text = text.replace("slug: 2024-06-18-putin-pyongyang", "slug: 2024-06-19-rasimu")
    (draft / "article.yaml").write_text(text, encoding="utf-8")
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    assert [(p.severity, p.where) for p in problems] == [("warning", "episodes/2024-06-19-rasimu")]
    assert "audiocast build episodes/2024-06-19-rasimu/article.yaml" in problems[0].fix


def test_an_assumed_date_is_a_warning_until_the_producer_confirms_it(show_copy: Path) -> None:
    record_json(lambda data: data.update(date_assumed=True))(show_copy)
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    assert [(p.severity, p.where) for p in problems] == [("warning", f"{EPISODE}/episode.json")]
    assert "2024-06-18 is assumed" in problems[0].problem
    assert f"{EPISODE}/article.yaml" in problems[0].fix and "date_assumed" in problems[0].fix


def test_an_unbuilt_article_with_an_assumed_date_says_so(show_copy: Path) -> None:
    draft = show_copy / "episodes" / "2024-06-19-rasimu"
    draft.mkdir()
    article = (show_copy / EPISODE / "article.yaml").read_text(encoding="utf-8")
    article = article.replace("\ndate: ", "\ndate_assumed: true\ndate: ", 1)
    (draft / "article.yaml").write_text(article, encoding="utf-8")
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    assert [(p.severity, p.where) for p in problems] == [
        ("warning", "episodes/2024-06-19-rasimu"),
        ("warning", "episodes/2024-06-19-rasimu/article.yaml"),
    ]
    assert "is assumed" in problems[1].problem and "date_assumed" in problems[1].fix


def test_a_record_names_an_assumed_date_and_older_records_still_load(
    show_copy: Path, tmp_path: Path
) -> None:
    path = show_copy / EPISODE / "episode.json"
    record = read_record(path)
    assert "date_assumed" not in json.loads(path.read_text()) and not record.date_assumed
    written = tmp_path / "episode.json"
    write_record(written, record)  # a confirmed date leaves the record as older versions read it
    assert "date_assumed" not in json.loads(written.read_text())
    write_record(written, record.model_copy(update={"date_assumed": True}))
    assert json.loads(written.read_text())["date_assumed"] is True
    assert read_record(written).date_assumed


def test_garbage_everywhere_is_reported_not_raised(show_copy: Path) -> None:
    """Every built file overwritten with junk: the producer gets a list, not a traceback."""
    junk = b"\x00\xff<?xml \x1b" * 50
    for path in show_copy.rglob("*"):
        if path.is_file() and path.name not in ("audiocast.toml", "article.yaml"):
            path.write_bytes(junk)
    problems = validate_show(Show.open(show_copy), measure_audio=True)
    wheres = {p.where for p in problems if p.severity == "error"}
    assert {f"{EPISODE}/episode.json", f"{PODCAST_XML}: XML", f"{RADIO_XML}: XML"} <= wheres


def test_mp3s_of_junk_are_reported_not_raised(show_copy: Path) -> None:
    junk = b"\xff\xfb" + bytes(range(256)) * 40
    for name in (names(show_copy).mp3, names(show_copy).radio):
        (show_copy / name).write_bytes(junk)
    problems = errors(show_copy, measure_audio=True)
    for name in (names(show_copy).mp3, names(show_copy).radio):
        assert any(p.where.startswith(name) for p in problems)


def test_a_show_without_radio_partners_has_one_feed_and_validates(show_copy: Path) -> None:
    # `[build] renditions = ["podcast"]`: no empty radio feed, no error for its absence.
    settings = show_copy / "audiocast.toml"
    settings.write_text(settings.read_text() + '\n[build]\nrenditions = ["podcast"]\n')
    done = run_cli("feed", cwd=show_copy)
    assert done.returncode == 0, done.stderr
    assert not (show_copy / RADIO_XML).exists()
    manifest = json.loads((show_copy / "feeds" / "manifest.json").read_text())
    assert list(manifest["show"]["feeds"]) == ["podcast"]
    assert "radio.xml" not in (show_copy / "feeds" / "index.html").read_text()
    assert errors(show_copy) == []


def test_what_stopped_processes_left_is_reported(show_copy: Path) -> None:
    """A killed build's temporary file, and a file of a build no record or feed names: disk
    space that nothing uses. Warnings, as listeners get every file they are sent."""
    episode = show_copy / EPISODE
    (episode / f".{SAMPLE_SLUG}.radio.mp3.k1ll3d00.tmp").write_bytes(b"\0" * 1_500_000)
    (episode / f"{SAMPLE_SLUG}-0123abcd.radio.mp3").write_bytes(b"ID3")
    (episode / "notes.txt").write_text("the producer's own file")  # not the build's: not reported
    problems = validate_show(Show.open(show_copy), measure_audio=False)
    assert [(p.severity, p.where, p.problem) for p in problems] == [
        ("warning", f"{EPISODE}/.{SAMPLE_SLUG}.radio.mp3.k1ll3d00.tmp",
         "a temporary file (1.5 MB) left by an audiocast that was stopped"),
        ("warning", f"{EPISODE}/{SAMPLE_SLUG}-0123abcd.radio.mp3",
         "neither episode.json nor any feed names it: left by a stopped build"),
    ]  # fmt: skip
    run_cli("feed", cwd=show_copy)  # removes both, and nothing else
    # index.html: its page; embed.html: its player for other sites
    kept = ["article.yaml", "embed.html", "episode.json", "index.html", "notes.txt"]
    assert sorted(p.name for p in episode.iterdir()) == sorted(
        [*kept, *(Path(n).name for n in _files(show_copy))]
    )
    assert validate_show(Show.open(show_copy), measure_audio=False) == []


def _files(root: Path) -> list[str]:
    found = names(root)
    record = json.loads((root / EPISODE / "episode.json").read_text())
    media = [rendition["file"] for rendition in record["renditions"].values()]
    return [*media, found.vtt, found.srt, found.chapters]


# Placeholders: nothing a listener or a podcast directory sees may still be an example.

PLACEHOLDERS = [
    (
        "base_url",
        r"(?m)^base_url = .*$",
        'base_url = "https://example.org/habari"',
        "[show] base_url",
        "the address where you publish",
    ),
    (
        "base_url under .example",
        r"(?m)^base_url = .*$",
        'base_url = "https://media.pwani.example/x"',
        "[show] base_url",
        "the address where you publish",
    ),
    (
        "base_url under .test",
        r"(?m)^base_url = .*$",
        'base_url = "https://podcast.test"',
        "[show] base_url",
        "the address where you publish",
    ),
    (
        "base_url under .invalid",
        r"(?m)^base_url = .*$",
        'base_url = "http://habari.invalid/a"',
        "[show] base_url",
        "the address where you publish",
    ),
    (
        "owner e-mail",
        r'email = "[^"]*"',
        'email = "habari@example.com"',
        "[show] owner.email",
        "an address the newsroom reads",
    ),
    (
        "owner e-mail under .net",
        r'email = "[^"]*"',
        'email = "dawati@news.example.net"',
        "[show] owner.email",
        "an address the newsroom reads",
    ),
    (
        "changeme in the title",
        r"(?m)^title = .*$",
        'title = "CHANGEME"',
        "[show] title",
        "the show's name",
    ),
    (
        "change-me in the owner",
        r'owner = \{name = "[^"]*"',
        'owner = {name = "Change-me"',
        "[show] owner.name",
        "the newsroom",
    ),
    (
        "changeme in the author",
        r"(?m)^author = .*$",
        'author = "changeme"',
        "[show] author",
        "the newsroom or presenter",
    ),
    (
        "changeme e-mail",
        r'email = "[^"]*"',
        'email = "changeme@sauti.co.tz"',
        "[show] owner.email",
        "an address the newsroom reads",
    ),
]


@pytest.mark.parametrize(
    ("pattern", "value", "setting", "fix"),
    [case[1:] for case in PLACEHOLDERS],
    ids=[case[0] for case in PLACEHOLDERS],
)
def test_a_placeholder_setting_is_an_error_naming_the_setting(
    show_copy: Path, pattern: str, value: str, setting: str, fix: str
) -> None:
    settings = show_copy / "audiocast.toml"
    text, count = re.subn(pattern, value, settings.read_text(encoding="utf-8"), count=1)
    assert count, pattern
    settings.write_text(text, encoding="utf-8")
    run_cli("feed", cwd=show_copy)  # the feeds as the settings now give them
    found = [p for p in errors(show_copy) if p.where == "audiocast.toml"]
    assert len(found) == 1, found
    assert found[0].problem.startswith(f"{setting} is a placeholder (")
    assert fix in found[0].fix


def test_the_sample_show_is_told_its_placeholders_and_their_fix(tmp_path: Path) -> None:
    root = copy_sample_show(tmp_path / "show", placeholders=True)
    base = "https://example.org/habari"  # the sample's, as the repository's audiocast.toml has it
    found = [p for p in validate_show(Show.open(root)) if p.where == "audiocast.toml"]
    assert [(p.severity, p.problem) for p in found] == [
        ("error", f"[show] base_url is a placeholder ({base}): publish refuses it"),
        ("error", "[show] owner.email is a placeholder (habari@example.org): publish refuses it"),
    ]
    assert found[0].fix == (
        "set it to the address where you publish the show, e.g. https://radio.co.tz/podcast, "
        "then run `audiocast feed`"
    )


def test_a_real_show_on_a_look_alike_domain_is_no_placeholder(show_copy: Path) -> None:
    settings = show_copy / "audiocast.toml"
    text = settings.read_text(encoding="utf-8").replace(SAMPLE_BASE_URL, "https://example.co.tz")
    settings.write_text(text.replace(SAMPLE_EMAIL, "changes@examples.org"), encoding="utf-8")
    run_cli("feed", cwd=show_copy)
    assert [p for p in errors(show_copy) if p.where == "audiocast.toml"] == []
