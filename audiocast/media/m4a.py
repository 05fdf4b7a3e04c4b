"""AAC-LC in an M4A: the small rendition for listeners on mobile data.

Every podcast app and browser plays it. The encoder's priming (1024 frames) is in the
file's edit list, so players trim it as they trim an MP3's delay. Chapters go in as both a
QuickTime chapter track (Apple) and a Nero `chpl` atom (most others); the other tags are
iTunes-style atoms.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..fsutil import TempFile
from . import (
    CHANNELS,
    LANGUAGE,
    Encoding,
    Expected,
    Measured,
    MediaFormat,
    Problem,
    Tags,
    average_bitrate_problems,
    differences,
    text_problems,
)

PRIMING = 1024  # frames of ffmpeg's AAC encoder before the first one written
# ffmpeg's AAC encoder spends 10-20 % more than asked on speech (40k gives about 46 kbit/s).
_BITRATE_OVER, _BITRATE_UNDER = 0.25, 0.15
# mutagen is imported where tags are written or read: naming a format loads none of it.
_COVER_FORMATS = {"image/jpeg": "FORMAT_JPEG", "image/png": "FORMAT_PNG"}  # MP4Cover's


class M4a(MediaFormat):
    name = "aac"
    label = "M4A"
    suffix = ".m4a"
    mime = "audio/mp4"
    codecs = "mp4a.40.2"
    bitrates = ("32k", "40k", "48k", "56k", "64k", "80k", "96k", "128k")
    default_bitrate = "40k"
    sample_rates = (44100, 48000)
    delay = PRIMING
    # Measured on espeak speech at 40 kbit/s: peaks up to 1.3 dB over the limiter's
    # ceiling, and 0.1 LU of loudness lost.
    codec_margin = 1.5
    loudness_allowance = 0.1

    def codec_args(self, encoding: Encoding) -> list[str]:
        assert encoding.bitrate is not None
        # ffmpeg's default coder ("twoloop") put a transient 5 dB above the limiter's
        # ceiling into espeak speech at 48 kbit/s, whatever the gain; "fast" stays within
        # half a decibel of the source's true peak.
        return [
            "-c:a",
            "aac",
            "-profile:a",
            "aac_low",
            "-aac_coder",
            "fast",
            "-b:a",
            encoding.bitrate,
        ]

    def file_options(self) -> dict[str, str]:
        # The index first, so a player starts before the whole file has come.
        return {"f": "mp4", "movflags": "+faststart"}

    def stream_options(self) -> dict[str, str]:
        return {"f": "adts"}  # the same AAC frames, each with a header a pipe can carry

    def stream_input(self) -> list[str]:
        return ["-f", "aac"]

    def tag(self, path: Path, tags: Tags, measured: Measured) -> None:
        from mutagen.mp4 import MP4, MP4Cover

        _chapters_and_language(path, tags)
        mp4 = MP4(path)
        if mp4.tags is None:
            mp4.add_tags()
        atoms = mp4.tags
        assert atoms is not None
        atoms["\xa9nam"] = [tags.title]
        atoms["\xa9ART"] = [tags.artist]
        atoms["\xa9alb"] = [tags.album]
        atoms["\xa9day"] = [tags.date]
        atoms["\xa9cmt"] = [tags.comment]
        atoms["desc"] = [tags.comment]
        atoms["\xa9gen"] = ["Podcast"]
        if tags.cover:
            kind = getattr(MP4Cover, _COVER_FORMATS[tags.cover.mime])
            atoms["covr"] = [MP4Cover(tags.cover.data, kind)]
        mp4.save()

    def length(self, path: Path) -> float:
        return float(_info(path).length)

    def check(self, path: Path, encoding: Encoding, profile: str) -> list[Problem]:
        info = _info(path)
        problems = differences(
            [
                ("codec", info.codec, self.codecs),
                ("sample rate", f"{info.sample_rate} Hz", f"{encoding.sample_rate} Hz"),
                ("channels", CHANNELS.get(info.channels, "?"), CHANNELS[encoding.channels]),
            ],
            profile,
        )
        asked = self.bitrate_bits(encoding)
        return problems + average_bitrate_problems(
            info.bitrate, asked, profile, _BITRATE_UNDER, _BITRATE_OVER
        )

    def check_tags(self, path: Path, expected: Expected) -> list[Problem]:
        from mutagen.mp4 import MP4

        mp4 = MP4(path)
        atoms: Any = mp4.tags or {}
        wanted: dict[str, tuple[str, str | None]] = {
            "\xa9nam": ("episode title", expected.title),
            "\xa9ART": ("author or station", None),
            "\xa9alb": ("show", None),
            "\xa9day": ("date", expected.date),
            "\xa9cmt": ("summary", expected.comment),
        }
        texts = {key: str(values[0]) for key in wanted if (values := atoms.get(key))}
        problems = text_problems(texts, wanted, "MP4", " atom")
        if not atoms.get("covr"):
            problems.append(("MP4 covr", "no cover picture"))
        if expected.chapters is not None:  # Nero chapters carry their starts only
            found = [round(chapter.start * 1000) for chapter in mp4.chapters or []]
            starts = [round(start * 1000) for start, _ in expected.chapters]
            if len(found) != len(starts) or any(
                abs(f - w) > 1 for f, w in zip(found, starts, strict=True)
            ):
                problem = f"chapters at {found} ms; the chapters JSON says {starts} ms"
                problems.append(("MP4 chpl", problem))
        return problems


def _info(path: Path) -> Any:
    from mutagen.mp4 import MP4

    info = MP4(path).info
    if info is None:
        raise ValueError("no MP4 audio track")
    return info


def _chapters_and_language(path: Path, tags: Tags) -> None:
    """Chapters and the stream's language, written by ffmpeg (mutagen writes neither) in a
    copy that keeps every coded frame and the priming edit list as they are."""
    from ..ffmpeg import run_ffmpeg  # numpy and all: only when a file is tagged

    with tempfile.TemporaryDirectory() as folder, TempFile(path) as original:
        metadata = Path(folder) / "chapters.txt"
        metadata.write_text(_ffmetadata(tags), encoding="utf-8")
        shutil.copyfile(path, original.path)
        run_ffmpeg(
            [
                "-i", str(original.path), "-f", "ffmetadata", "-i", str(metadata),
                "-map", "0:a", "-map_chapters", "1", "-map_metadata", "1", "-c", "copy",
                "-metadata:s:a:0", f"language={LANGUAGE}",
                "-f", "mp4", "-movflags", "+faststart", "-y", str(path),
            ]
        )  # fmt: skip


def _ffmetadata(tags: Tags) -> str:
    """Chapters in ffmpeg's metadata file format (its special characters escaped)."""
    lines = [";FFMETADATA1"]
    for chapter in tags.chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(chapter.start * 1000)}",
            f"END={round(chapter.end * 1000)}",
            f"title={_escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    for char in "\\=;#\n":
        text = text.replace(char, "\\" + char)
    return text
