"""Opus in Ogg (RFC 7845): the smallest rendition, for apps and browsers that play it.

libopus through ffmpeg, 48 kHz (the only rate Opus decodes to). The encoder's pre-skip is in
the file's header and its end in the last page's granule position, so players, and ffmpeg's
Ogg demuxer decoding the copy streamed while encoding, trim both. Tags are Vorbis comments:
the cover as a METADATA_BLOCK_PICTURE, chapters as CHAPTERxxx/CHAPTERxxxNAME.
"""

from __future__ import annotations

import base64
import struct
from pathlib import Path
from typing import Any

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
    chapter_problems,
    differences,
    text_problems,
)

OPUS_RATE = 48000
# libopus is VBR: speech with pauses spends less than asked, the sting and bed more.
_BITRATE_OVER, _BITRATE_UNDER = 0.25, 0.35
_COVER_TYPE = 3  # front cover, as in ID3's APIC


class Opus(MediaFormat):
    name = "opus"
    label = "Opus"
    suffix = ".opus"
    # RFC 7845 registers Ogg Opus files as audio/ogg (audio/opus, RFC 7587, names the RTP
    # payload); the codec is said by `codecs`, as podcast:alternateEnclosure and the page's
    # player ask for it.
    mime = "audio/ogg"
    codecs = "opus"
    bitrates = ("16k", "24k", "32k", "48k", "64k")
    # Xiph's recommended range for fullband (20 kHz) speech is 28-40 kbit/s: at 32k the news
    # keeps its highs, the sting and bed stay clean, and the sample's file is 0.74 of the M4A's
    # bytes. 24k, below that range, is for a show of speech only.
    default_bitrate = "32k"
    sample_rates = (OPUS_RATE,)
    # ffmpeg's Ogg demuxer drops the pre-skip itself (tests/test_opus.py encodes a click).
    delay = 0
    # Measured on the sample's espeak speech at 32 kbit/s: peaks 0.7 dB over the limiter's
    # ceiling, and 0.27 LU of loudness lost (the default allowance, 0.25, is kept).
    codec_margin = 1.5

    def codec_args(self, encoding: Encoding) -> list[str]:
        assert encoding.bitrate is not None
        return ["-c:a", "libopus", "-b:a", encoding.bitrate, "-vbr", "on"]

    def file_options(self) -> dict[str, str]:
        return {"f": "ogg"}

    def stream_options(self) -> dict[str, str]:
        return {"f": "ogg"}  # Ogg is written front to back: a pipe carries it as it is

    def stream_input(self) -> list[str]:
        return ["-f", "ogg"]

    def tag(self, path: Path, tags: Tags, measured: Measured) -> None:
        from mutagen.flac import Picture  # here: naming the format loads no mutagen
        from mutagen.oggopus import OggOpus

        opus = OggOpus(path)
        comments: Any = opus.tags
        comments.clear()
        comments["TITLE"] = [tags.title]
        comments["ARTIST"] = [tags.artist]
        comments["ALBUM"] = [tags.album]
        comments["DATE"] = [tags.date]
        comments["COMMENT"] = [tags.comment]
        comments["DESCRIPTION"] = [tags.comment]
        comments["LANGUAGE"] = [LANGUAGE]
        comments["GENRE"] = ["Podcast"]
        if tags.cover:
            picture = Picture()
            picture.type = _COVER_TYPE
            picture.mime = tags.cover.mime
            picture.desc = "Cover"
            picture.data = tags.cover.data
            block = base64.b64encode(picture.write()).decode("ascii")
            comments["METADATA_BLOCK_PICTURE"] = [block]
        for number, chapter in enumerate(tags.chapters, 1):
            key = f"CHAPTER{number:03d}"
            comments[key] = [_clock(chapter.start)]
            comments[f"{key}NAME"] = [chapter.title]
        opus.save()

    def length(self, path: Path) -> float:
        return float(_info(path).length)

    def check(self, path: Path, encoding: Encoding, profile: str) -> list[Problem]:
        try:
            head = _head(path)
        except ValueError as exc:
            return [("", f"{exc}: not an Ogg Opus file")]
        info = _info(path)
        problems = differences(
            [
                ("input rate", f"{head['rate']} Hz", f"{encoding.sample_rate} Hz"),
                ("channels", CHANNELS.get(info.channels, "?"), CHANNELS[encoding.channels]),
                # A gain in the header changes the loudness players give: it was measured at 0.
                ("output gain", f"{head['gain'] / 256:g} dB", "0 dB"),
            ],
            profile,
        )
        asked = self.bitrate_bits(encoding)
        return problems + average_bitrate_problems(
            info.bitrate, asked, profile, _BITRATE_UNDER, _BITRATE_OVER
        )

    def check_tags(self, path: Path, expected: Expected) -> list[Problem]:
        from mutagen.oggopus import OggOpus

        comments: Any = OggOpus(path).tags
        wanted: dict[str, tuple[str, str | None]] = {
            "TITLE": ("episode title", expected.title),
            "ARTIST": ("author or station", None),
            "ALBUM": ("show", None),
            "DATE": ("date", expected.date),
            "LANGUAGE": ("language, ISO 639-2", LANGUAGE),
            "COMMENT": ("summary", expected.comment),
        }
        texts = {key: values[0] for key in wanted if (values := comments.get(key))}
        problems = text_problems(texts, wanted, "Vorbis", " comment")
        pictures = comments.get("METADATA_BLOCK_PICTURE") or []
        if not any(_picture_type(block) == _COVER_TYPE for block in pictures):
            problems.append(("Vorbis METADATA_BLOCK_PICTURE", "no front cover picture (type 3)"))
        if expected.chapters is not None:  # CHAPTERxxx carry their starts only
            found = []
            for number in range(1, 1000):
                start = _seconds((comments.get(f"CHAPTER{number:03d}") or [""])[0])
                if start is None:
                    break
                found.append((round(start * 1000), 0))
            wanted_starts = Expected(
                expected.title,
                expected.date,
                expected.comment,
                tuple((start, None) for start, _ in expected.chapters),
            )
            problems += chapter_problems(found, wanted_starts, "Vorbis CHAPTER")
        return problems


def _info(path: Path) -> Any:
    from mutagen.oggopus import OggOpus

    return OggOpus(path).info


def _head(path: Path) -> dict[str, int]:
    """The OpusHead packet's fields (RFC 7845 §5.1)."""
    from mutagen.ogg import OggPage

    with path.open("rb") as file:
        try:
            page = OggPage(file)
        except Exception as exc:  # mutagen raises its own errors, or struct's
            raise ValueError("no Ogg page") from exc
    packet = page.packets[0] if page.packets else b""
    if not packet.startswith(b"OpusHead") or len(packet) < 19:
        raise ValueError("no OpusHead")
    _, channels, pre_skip, rate, gain = struct.unpack("<BBHIh", packet[8:18])
    return {"channels": channels, "pre_skip": pre_skip, "rate": rate, "gain": gain}


def _picture_type(block: str) -> int | None:
    from mutagen.flac import Picture

    try:
        return int(Picture(base64.b64decode(block)).type)
    except Exception:  # a damaged picture is no cover
        return None


def _clock(seconds: float) -> str:
    """HH:MM:SS.mmm, as the Vorbis chapter extension writes a start.

    >>> _clock(3725.5)
    '01:02:05.500'
    """
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _seconds(clock: str) -> float | None:
    """A CHAPTERxxx start in seconds; None when it is not HH:MM:SS.mmm.

    >>> _seconds("01:02:05.500")
    3725.5
    """
    parts = clock.split(":")
    if len(parts) != 3:
        return None
    try:
        return int(parts[0]) * 3600 + int(parts[1]) * 60 + float(parts[2])
    except ValueError:
        return None
