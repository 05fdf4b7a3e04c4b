"""MP3: constant bitrate by LAME with its gapless header, ID3v2.4 tags with chapters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import (
    CHANNELS,
    LANGUAGE,
    Encoding,
    Expected,
    Measured,
    MediaFormat,
    Problem,
    Tags,
    chapter_problems,
    differences,
    text_problems,
)

if TYPE_CHECKING:
    from mutagen.id3 import ID3

    from . import StreamDecoder

# mutagen is imported where tags are written or read: naming a format loads none of it.
DECODER_DELAY = 529  # frames an MP3 decoder outputs before the first one encoded
LAME_DELAY = 576  # LAME's encoder delay (its ENCDELAY), checked against each file's header
_MUXER = {"f": "mp3", "id3v2_version": "0", "write_xing": "1"}


class Mp3(MediaFormat):
    name = "mp3"
    label = "MP3"
    suffix = ".mp3"
    mime = "audio/mpeg"
    codecs = "mp3"
    bitrates = ("64k", "96k", "128k", "160k", "192k", "256k", "320k")
    default_bitrate = "96k"
    sample_rates = (44100, 48000)
    delay = LAME_DELAY + DECODER_DELAY
    same_channels = True
    hold = 4096  # the end's padding is at most 2 MP3 frames

    def codec_args(self, encoding: Encoding) -> list[str]:
        assert encoding.bitrate is not None
        return ["-c:a", "libmp3lame", "-b:a", encoding.bitrate]

    def file_options(self) -> dict[str, str]:
        return dict(_MUXER)

    def stream_options(self) -> dict[str, str]:
        return dict(_MUXER)

    def stream_decoder(self) -> StreamDecoder:
        from .decoding import mp3_blocks

        return mp3_blocks

    def trim(self, path: Path) -> tuple[int, int | None] | None:
        return lame_trim(path)

    def tag(self, path: Path, tags: Tags, measured: Measured) -> None:
        from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, CTOCFlags

        id3 = ID3()
        id3.add(TIT2(encoding=3, text=tags.title))
        id3.add(TPE1(encoding=3, text=tags.artist))
        id3.add(TALB(encoding=3, text=tags.album))
        id3.add(TDRC(encoding=3, text=tags.date))
        id3.add(TLAN(encoding=3, text=LANGUAGE))
        id3.add(COMM(encoding=3, lang=LANGUAGE, desc="", text=tags.comment))
        if tags.cover:
            cover = tags.cover
            id3.add(APIC(encoding=3, mime=cover.mime, type=3, desc="Cover", data=cover.data))
        if tags.chapters:
            ids = [f"chp{i}" for i in range(len(tags.chapters))]
            id3.add(
                CTOC(
                    element_id="toc",
                    flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                    child_element_ids=ids,
                    sub_frames=[TIT2(encoding=3, text=tags.title)],
                )
            )
            for element_id, chapter in zip(ids, tags.chapters, strict=True):
                id3.add(
                    CHAP(
                        element_id=element_id,
                        start_time=round(chapter.start * 1000),
                        end_time=round(chapter.end * 1000),
                        sub_frames=[TIT2(encoding=3, text=chapter.title)],
                    )
                )
        id3.save(path, v2_version=4)

    def length(self, path: Path) -> float:
        from mutagen.mp3 import MP3

        info = MP3(path).info
        if info is None:
            raise ValueError("no MPEG audio frames")
        return float(info.length)

    def check(self, path: Path, encoding: Encoding, profile: str) -> list[Problem]:
        from mutagen.mp3 import MP3

        info = MP3(path).info
        if info is None:
            return [("", "no MPEG audio frames: not an MP3")]
        return differences(
            [
                # Players show and seek by the header's bitrate; CBR lets them seek by bytes.
                ("bitrate mode", str(info.bitrate_mode).rpartition(".")[2], "CBR"),
                ("bitrate", f"{info.bitrate / 1000:g} kbit/s", f"{self.kbits(encoding)} kbit/s"),
                ("sample rate", f"{info.sample_rate} Hz", f"{encoding.sample_rate} Hz"),
                ("channels", CHANNELS.get(info.channels, "?"), CHANNELS[encoding.channels]),
            ],
            profile,
        )

    def kbits(self, encoding: Encoding) -> int:
        return self.bitrate_bits(encoding) // 1000

    def check_tags(self, path: Path, expected: Expected) -> list[Problem]:
        from mutagen.id3 import ID3, ID3NoHeaderError, PictureType

        try:
            id3 = ID3(path)
        except ID3NoHeaderError:
            return [("ID3", "no ID3 tag: apps and playout show no title or artwork")]
        wanted: dict[str, tuple[str, str | None]] = {
            "TIT2": ("episode title", expected.title),
            "TPE1": ("author or station", None),
            "TALB": ("show", None),
            "TDRC": ("date", expected.date),
            "TLAN": ("language, ISO 639-2", LANGUAGE),
            "COMM": ("summary", expected.comment),
        }
        texts = {key: str(frames[0]) for key in wanted if (frames := id3.getall(key))}
        problems = text_problems(texts, wanted, "ID3")
        if not any(apic.type == PictureType.COVER_FRONT for apic in id3.getall("APIC")):
            problems.append(("ID3 APIC", "no front cover picture (APIC type 3)"))
        return problems + _chapter_frames(id3, expected)


def _chapter_frames(id3: ID3, expected: Expected) -> list[Problem]:
    """CHAP frames in one top-level ordered CTOC, at the JSON chapters' times."""
    from mutagen.id3 import CTOCFlags

    if expected.chapters is None:
        return []
    tops = [toc for toc in id3.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    if len(tops) != 1:
        return [("ID3 CTOC", f"{len(tops)} top-level tables of contents, not 1")]
    problems: list[Problem] = []
    if not tops[0].flags & CTOCFlags.ORDERED:
        problems.append(("ID3 CTOC", "the table of contents is not marked ordered"))
    by_id = {chap.element_id: chap for chap in id3.getall("CHAP")}
    frames = [by_id[i] for i in tops[0].child_element_ids if i in by_id]
    if len(frames) != len(tops[0].child_element_ids) or len(frames) != len(by_id):
        return [*problems, ("ID3 CHAP", "CTOC and CHAP frames do not name each other")]
    found = [(chap.start_time, chap.end_time) for chap in frames]
    return problems + chapter_problems(found, expected, "ID3 CHAP")


def lame_trim(path: Path) -> tuple[int, int | None] | None:
    """What a gapless player trims from the decoded frames of an MP3 (start, end), from its
    LAME/Info tag: the encoder delay and padding, less/plus the decoder's own delay. None
    if the file has no such tag."""
    with path.open("rb") as file:
        head = file.read(4096)
    if head[:3] == b"ID3":  # tags come first: skip them (their size is syncsafe)
        size = 10 + sum((byte & 0x7F) << (7 * (3 - i)) for i, byte in enumerate(head[6:10]))
        with path.open("rb") as file:
            file.seek(size)
            head = file.read(4096)
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    mpeg1, mono = (head[1] >> 3) & 3 == 3, head[3] >> 6 == 3
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    tag = 4 + side
    if head[tag : tag + 4] not in (b"Xing", b"Info"):
        return None
    flags = int.from_bytes(head[tag + 4 : tag + 8], "big")
    lame = tag + 8 + sum(size for bit, size in ((1, 4), (2, 4), (4, 100), (8, 4)) if flags & bit)
    # After the encoder's name (9), revision, lowpass, replay gain (8), flags and bitrate:
    field = head[lame + 21 : lame + 24]
    if len(field) < 3:
        return None
    delay = (field[0] << 4) | (field[1] >> 4)
    padding = ((field[1] & 0x0F) << 8) | field[2]
    return delay + DECODER_DELAY, max(0, padding - DECODER_DELAY)
